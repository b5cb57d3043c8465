import pytest

from kinerja.models import Triwulan
from kinerja.services import realisasi as svc
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import make_pk
from workflow import actions
from workflow.actions import ActionContext


@pytest.fixture
def indicators(org):
    return make_pk(org.awayan, 2025, 2)


def ctx(org, role, triwulan=1):
    return ActionContext(
        kecamatan_id=org.awayan.unit.pk, tahun=2025, triwulan=triwulan, user=org.person("awayan", role)
    )


def test_kinerja_registers_its_actions():
    names = {name for name, _ in actions.choices()}
    assert {"isi_realisasi", "ajukan", "verifikasi", "setujui"} <= names


def test_isi_realisasi_completes_only_when_every_indicator_has_a_value(org, indicators):
    action = actions.get("isi_realisasi")
    blocker = action.blocker(ctx(org, Role.PELAKSANA))
    assert "Indikator 1.1 Persentase layanan PATEN tepat waktu 1 belum diisi." in blocker
    assert "Indikator 1.2 Persentase layanan PATEN tepat waktu 2 belum diisi." in blocker
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    staff = org.person("awayan", Role.PELAKSANA)
    svc.realisasi_simpan(user=staff, quarter=quarter, entries=[svc.Entri(indicators[0].pk, "0")])
    blocker = action.blocker(ctx(org, Role.PELAKSANA))
    assert "1.1" not in blocker and "Indikator 1.2 Persentase layanan PATEN tepat waktu 2 belum diisi." in blocker
    svc.realisasi_simpan(user=staff, quarter=quarter, entries=[svc.Entri(indicators[1].pk, "3,5")])
    assert action.blocker(ctx(org, Role.PELAKSANA)) is None
    assert action.url(ctx(org, Role.PELAKSANA)).endswith("/2025/tw/1/isi/")


def test_step_actions_perform_the_quarter_transitions(org, indicators):
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    entries = [svc.Entri(i.pk, "24") for i in indicators]
    svc.realisasi_simpan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter, entries=entries)
    for name, role, status in [
        ("ajukan", Role.KASUBBAG_PERENCANAAN, Triwulan.Status.DIAJUKAN),
        ("verifikasi", Role.SEKRETARIS, Triwulan.Status.DIVERIFIKASI),
        ("setujui", Role.CAMAT, Triwulan.Status.DISETUJUI),
    ]:
        action = actions.get(name)
        assert action.blocker(ctx(org, role)) is None
        action.perform(ctx(org, role))
        assert Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2025, triwulan=1).status == status


def test_verification_step_waits_until_the_data_is_submitted(org, indicators):
    assert "Draf" in actions.get("verifikasi").blocker(ctx(org, Role.SEKRETARIS))


def test_performing_a_transition_already_done_elsewhere_is_a_no_op(org, indicators):
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    svc.realisasi_simpan(user=kasubbag, quarter=quarter, entries=[svc.Entri(i.pk, "24") for i in indicators])
    tw.triwulan_ajukan(user=kasubbag, quarter=quarter)
    actions.get("ajukan").perform(ctx(org, Role.KASUBBAG_PERENCANAAN))
    assert quarter.riwayat.count() == 1


def test_annual_runs_have_no_quarter(org):
    annual = ActionContext(kecamatan_id=org.awayan.unit.pk, tahun=2025, triwulan=None, user=org.admin)
    assert "periode triwulan" in actions.get("isi_realisasi").blocker(annual)


def test_handing_the_data_on_waits_until_every_indicator_is_filled(org, indicators):
    blocker = actions.get("ajukan").blocker(ctx(org, Role.KASUBBAG_PERENCANAAN))
    assert "Indikator 1.1" in blocker and "Indikator 1.2" in blocker
