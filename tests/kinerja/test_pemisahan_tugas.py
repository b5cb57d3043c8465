"""Separation of duties on a quarter (issue 29): whoever submitted it neither verifies nor approves that same
submission, whatever positions they hold; the page says why before anyone presses the button."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Triwulan
from kinerja.services import triwulan as svc
from sakip.errors import Penolakan
from sakip.roles import Role
from tests.factories import make_delegation
from tests.kinerja.data import fill_quarter, make_pk

S = Triwulan.Status


@pytest.fixture
def quarter(org):
    make_pk(org.awayan, 2025, 2)
    fill_quarter(org.awayan.unit, 2025, 2)
    return svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)


def acting(org, role, person):
    today = timezone.localdate()
    make_delegation(org.awayan.positions[role], person, today, today)


def test_the_kasubbag_made_plh_camat_cannot_approve_the_quarter_it_submitted(org, quarter):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    acting(org, Role.CAMAT, kasubbag)
    quarter = svc.triwulan_ajukan(user=kasubbag, quarter=quarter)
    assert quarter.diajukan_oleh == kasubbag
    quarter = svc.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
    with pytest.raises(Penolakan, match="pemisahan tugas"):
        svc.triwulan_setujui(user=kasubbag, quarter=quarter)
    quarter.refresh_from_db()
    assert quarter.status == S.DIVERIFIKASI
    # Anyone else holding the power approves it.
    assert svc.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter).status == S.DISETUJUI


def test_the_sekretaris_acting_as_kasubbag_cannot_verify_what_it_submitted(org, quarter):
    sekcam = org.person("awayan", Role.SEKRETARIS)
    acting(org, Role.KASUBBAG_PERENCANAAN, sekcam)
    quarter = svc.triwulan_ajukan(user=sekcam, quarter=quarter)
    with pytest.raises(Penolakan, match="tidak dapat memverifikasi"):
        svc.triwulan_verifikasi(user=sekcam, quarter=quarter)
    quarter.refresh_from_db()
    assert quarter.status == S.DIAJUKAN


def test_a_return_clears_the_submitter_so_the_next_submission_is_judged_afresh(org, quarter):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    quarter = svc.triwulan_ajukan(user=kasubbag, quarter=quarter)
    quarter = svc.triwulan_kembalikan(
        user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan="Bukti kurang"
    )
    assert quarter.diajukan_oleh is None


def test_the_quarter_page_names_the_separation_and_disables_the_button(client_for, org, quarter):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    acting(org, Role.CAMAT, kasubbag)
    quarter = svc.triwulan_ajukan(user=kasubbag, quarter=quarter)
    svc.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
    url = reverse("kinerja:triwulan", args=[org.awayan.unit.pk, 2025, 2])
    html = client_for(kasubbag).get(url).content.decode()
    assert 'data-gate="setujui"' in html and "pemisahan tugas" in html
    # The POST is refused with the same message and changes nothing.
    response = client_for(kasubbag).post(reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "setujui"]))
    assert "pemisahan tugas" in response.content.decode()
    quarter.refresh_from_db()
    assert quarter.status == S.DIVERIFIKASI
