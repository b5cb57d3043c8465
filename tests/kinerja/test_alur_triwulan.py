"""The quarter's lifecycle is one table (kinerja/alur_triwulan.py): the service, the quarter page, Beranda,
the SOP step actions and the notifications all read it, so they cannot disagree."""

import pytest
from django.urls import reverse

from kinerja import alur_triwulan as alur
from kinerja.models import Triwulan
from kinerja.services import triwulan as svc
from notifikasi.models import Notifikasi
from sakip import permissions
from sakip.roles import Role
from tests.kinerja.data import fill_quarter, make_pk
from tests.kinerja.test_triwulan import walk_to
from workflow import actions as workflow_actions

S = Triwulan.Status


@pytest.fixture
def quarter(org):
    """TW II 2025 of Awayan with every indicator filled (what submitting needs)."""
    make_pk(org.awayan, 2025, 2)
    fill_quarter(org.awayan.unit, 2025, 2)
    return svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)


def test_the_forward_transitions_chain_draft_to_approved_and_every_other_one_goes_back_to_draft():
    status, chain = S.DRAFT, []
    while (t := alur.maju_dari(status)) is not None:
        chain.append(t.nama)
        status = t.ke
    assert chain == ["ajukan", "verifikasi", "setujui"] and status == S.DISETUJUI
    assert {t.ke for t in alur.ALUR if not t.maju} == {S.DRAFT}
    assert len({(t.dari, t.ke) for t in alur.ALUR}) == len(alur.ALUR)  # a pair names one transition


def test_every_transition_names_a_known_permission_and_every_reason_rule_is_known():
    for t in alur.ALUR:
        assert t.izin in permissions.ACTION_ROLES, t.nama
        assert t.alasan in (alur.TANPA, alur.WAJIB, alur.OPSIONAL, alur.WAJIB_BILA_DINI), t.nama


def test_the_sop_step_actions_of_the_quarter_are_the_forward_transitions_of_the_table():
    for t in alur.ALUR:
        if t.maju:
            assert workflow_actions.get(t.nama).permission == t.izin, t.nama


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        (S.DRAFT, Role.KASUBBAG_PERENCANAAN, ["ajukan"]),
        (S.DIAJUKAN, Role.SEKRETARIS, ["verifikasi", "kembalikan"]),
        (S.DIVERIFIKASI, Role.CAMAT, ["setujui", "kembalikan_verifikasi"]),
        (S.DISETUJUI, Role.CAMAT, ["buka_kembali"]),
        (S.DIAJUKAN, Role.CAMAT, []),
    ],
)
def test_the_quarter_page_offers_the_transitions_of_the_table_the_person_may_do(
    org, quarter, client_for, status, role, expected
):
    walk_to(org, quarter, status)
    url = reverse("kinerja:triwulan", args=[org.awayan.unit.pk, 2025, 2])
    html = client_for(org.person("awayan", role)).get(url).content.decode()
    offered = [t.nama for t in alur.ALUR if f"/status/{t.nama}/" in html]
    assert offered == [t.nama for t in alur.dari(status) if t.nama in expected] == expected


def test_a_transition_not_in_the_table_is_not_found(org, quarter, client_for):
    url = reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "hapus"])
    assert client_for(org.person("awayan", Role.CAMAT)).post(url).status_code == 404


@pytest.mark.parametrize("nama", [t.nama for t in alur.ALUR])
def test_each_transition_notifies_the_roles_the_table_names(org, quarter, nama, django_capture_on_commit_callbacks):
    t = alur.TRANSISI[nama]
    quarter = walk_to(org, quarter, t.dari)
    if t.dari == S.DRAFT and quarter.status != S.DRAFT:
        pytest.skip("the walk only goes forward")
    actor = org.person("awayan", t.peran)
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        svc.triwulan_lakukan(user=actor, quarter=quarter, nama=nama, alasan="Alasan uji." if t.alasan else "")
    told = {n.penerima_id for n in Notifikasi.objects.filter(jenis__startswith="triwulan")}
    expected = {org.person("awayan", role).pk for role in t.diberitahu} - {actor.pk}
    assert expected <= told, (nama, expected, told)
