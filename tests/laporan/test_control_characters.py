"""Issue 12, finding 7: the report narrative refuses control characters (service and page), nothing stored."""

import pytest
from django.urls import reverse

from laporan.models import Report
from laporan.services import LaporanError, simpan_narasi
from sakip.roles import Role


def test_narrative_service_refuses_a_control_character(org, make_report):
    report = make_report(submitted=False)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(LaporanError) as refused:
        simpan_narasi(user=kasubbag, report_id=report.pk, narasi={"penutup": "Akhir\x01"}, versi=report.versi)
    assert "Teks narasi memuat karakter kontrol" in refused.value.errors["penutup"]
    assert "penutup" not in (Report.objects.get(pk=report.pk).narasi or {})


def test_narrative_page_refuses_a_control_character_with_a_message(org, client_for, make_report):
    report = make_report(submitted=False)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(reverse("laporan:narasi", args=[report.pk]), {"versi": report.versi, "penutup": "Akhir\x01"})
    assert response.status_code == 400
    assert "memuat karakter kontrol" in response.content.decode()
    assert "penutup" not in (Report.objects.get(pk=report.pk).narasi or {})
