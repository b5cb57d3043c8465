"""Separation of duties on a document (issue 29): a Plh. Camat who submitted a report cannot sign it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan.models import Report
from laporan.services import LaporanError, tandatangani
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD, make_delegation


@pytest.fixture
def plh_camat_kasubbag(org):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    today = timezone.localdate()
    make_delegation(org.awayan.positions[Role.CAMAT], kasubbag, today, today)
    return kasubbag


def test_a_plh_camat_who_submitted_the_report_cannot_sign_it(org, make_report, plh_camat_kasubbag):
    report = make_report()
    assert report.diajukan_oleh == plh_camat_kasubbag
    with pytest.raises(LaporanError, match="pemisahan tugas"):
        tandatangani(alasan_terlambat=LAMPAU, user=plh_camat_kasubbag, report_id=report.pk, password=PASSWORD)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN and not hasattr(report, "dokumen")
    # The Camat signs it.
    tandatangani(alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD)
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI


def test_the_report_page_says_why_the_submitter_may_not_sign(client_for, org, make_report, plh_camat_kasubbag):
    report = make_report()
    html = client_for(plh_camat_kasubbag).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "pemisahan tugas" in html
