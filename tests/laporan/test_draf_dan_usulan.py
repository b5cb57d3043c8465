"""Next steps on the report pages (issue 26): the create form proposes the latest approved quarter not yet
reported (not the calendar's unopened quarter), and a stray first draft can be deleted by its author."""

import pytest
from django.urls import reverse

from laporan import selectors
from laporan.models import Report
from laporan.services import LaporanError, hapus_draf, kembalikan
from sakip.roles import Role

pytestmark = pytest.mark.django_db


def kasubbag(org):
    return org.person("awayan", Role.KASUBBAG_PERENCANAAN)


def test_the_form_proposes_the_latest_approved_quarter_not_yet_reported(org, client_for, make_report):
    assert selectors.triwulan_siap_dilaporkan(org.awayan.unit) == (2025, 4)
    make_report(periode=4, submitted=False)
    assert selectors.triwulan_siap_dilaporkan(org.awayan.unit) == (2025, 3)
    form = client_for(kasubbag(org)).get(reverse("laporan:index")).context["form"]
    assert (form.initial["tahun"], form.initial["periode"]) == (2025, 3)


def test_a_link_naming_the_period_still_wins(org, client_for, kinerja_awayan):
    response = client_for(kasubbag(org)).get(reverse("laporan:index") + "?kind=triwulan&tahun=2025&periode=1")
    assert (response.context["form"].initial["tahun"], response.context["form"].initial["periode"]) == (2025, 1)


def test_the_author_deletes_a_stray_draft_from_its_page(org, client_for, make_report):
    draft = make_report(periode=3, submitted=False)
    client = client_for(kasubbag(org))
    assert "data-hapus-draf" in client.get(reverse("laporan:detail", args=[draft.pk])).content.decode()
    response = client.post(reverse("laporan:hapus", args=[draft.pk]), follow=True)
    assert "dihapus" in response.content.decode()
    assert not Report.objects.filter(pk=draft.pk).exists()


def test_another_editor_of_the_kecamatan_cannot_delete_the_draft(org, client_for, make_report):
    draft = make_report(periode=3, submitted=False)
    sekretaris = client_for(org.person("awayan", Role.SEKRETARIS))
    assert "data-hapus-draf" not in sekretaris.get(reverse("laporan:detail", args=[draft.pk])).content.decode()
    # The service refuses (laporan/services.py alasan_tidak_dapat_dihapus), named on the report's page.
    response = sekretaris.post(reverse("laporan:hapus", args=[draft.pk]), follow=True)
    assert "Hanya penyusun draf ini yang dapat menghapusnya." in response.content.decode()
    assert Report.objects.filter(pk=draft.pk).exists()
    # A person who does not edit reports is refused outright.
    camat = client_for(org.person("awayan", Role.CAMAT))
    assert camat.post(reverse("laporan:hapus", args=[draft.pk])).status_code == 403
    assert Report.objects.filter(pk=draft.pk).exists()


def test_a_person_of_another_kecamatan_gets_a_404(org, client_for, make_report):
    draft = make_report(periode=3, submitted=False)
    other = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    assert other.post(reverse("laporan:hapus", args=[draft.pk])).status_code == 404


def test_a_draft_that_was_once_submitted_keeps_its_history_and_is_not_deleted(org, make_report):
    report = make_report(periode=3, submitted=True)
    report = kembalikan(user=org.person("awayan", Role.CAMAT), report_id=report.pk, alasan="Perbaiki narasi.")
    assert report.status == Report.Status.DRAFT
    with pytest.raises(LaporanError, match="pernah diajukan"):
        hapus_draf(user=kasubbag(org), report_id=report.pk)
    assert Report.objects.filter(pk=report.pk).exists()
