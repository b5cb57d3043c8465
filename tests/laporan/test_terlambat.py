"""Signed late (issue 25): the PK 2025 was signed on 7 December 2026 with no warning and no trace. A document
signed after its deadline (laporan/batas.py) needs the signer's reason, recorded with the signature, in the
report's history and on the public verification page; on time, nothing is asked."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from laporan import batas
from laporan.models import Report
from laporan.services import LaporanError, tandatangani
from sakip.roles import Role
from tests.factories import PASSWORD

WITA = datetime.timezone(datetime.timedelta(hours=8))


def test_the_deadlines_by_kind():
    assert batas.batas_tanda_tangan("pk", 2025) == datetime.date(2025, 1, 31)
    assert batas.batas_tanda_tangan("lkip", 2025) == datetime.date(2026, 3, 31)
    assert batas.batas_tanda_tangan("triwulan", 2025, 4) == datetime.date(2026, 1, 31)
    assert batas.batas_tanda_tangan("semester", 2025, 1) == datetime.date(2025, 7, 31)
    assert batas.batas_tanda_tangan("renstra", 2025) is None


def test_a_late_signature_needs_a_reason_that_the_verification_page_shows(org, make_report, client):
    report = make_report(kind=Report.Kind.TRIWULAN, periode=2)  # due 31 July 2025; today is long after
    camat = org.person("awayan", Role.CAMAT)
    with pytest.raises(LaporanError) as refused:
        tandatangani(user=camat, report_id=report.pk, password=PASSWORD)
    assert "31 Juli 2025" in refused.value.message_dict["alasan_terlambat"][0]
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    doc = tandatangani(
        user=camat, report_id=report.pk, password=PASSWORD, alasan_terlambat="Camat menjalani cuti sakit."
    )
    assert doc.alasan_terlambat == "Camat menjalani cuti sakit."
    assert report.riwayat.last().alasan == "Ditandatangani terlambat: Camat menjalani cuti sakit."
    page = client.get(reverse("laporan:verifikasi", args=[doc.kode_verifikasi])).content.decode()
    assert "Ditandatangani terlambat: Camat menjalani cuti sakit." in page


def test_the_report_page_asks_for_the_reason_before_signing(org, make_report, client_for):
    report = make_report(kind=Report.Kind.TRIWULAN, periode=2)
    page = client_for(org.person("awayan", Role.CAMAT)).get(reverse("laporan:detail", args=[report.pk]))
    html = page.content.decode()
    assert 'name="alasan_terlambat"' in html and "Batas penandatanganan dokumen ini 31 Juli 2025" in html


def test_on_time_nothing_is_asked(org, make_report, client_for):
    with time_machine.travel(datetime.datetime(2025, 7, 20, 10, tzinfo=WITA), tick=False):
        report = make_report(kind=Report.Kind.TRIWULAN, periode=2)
        camat = org.person("awayan", Role.CAMAT)
        html = client_for(camat).get(reverse("laporan:detail", args=[report.pk])).content.decode()
        assert 'name="alasan_terlambat"' not in html
        doc = tandatangani(user=camat, report_id=report.pk, password=PASSWORD)
    assert doc.alasan_terlambat == ""
