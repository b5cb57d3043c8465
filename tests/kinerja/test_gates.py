"""Issue 13: the quarter's gates (kinerja.gates), each one rule read by the service, the page and the SOP step."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja import gates, pengukuran
from kinerja.models import Realisasi, Triwulan
from kinerja.services import KinerjaError
from kinerja.services import realisasi as svc
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import fill_quarter, make_pk
from workflow import actions
from workflow.actions import ActionContext

S = Triwulan.Status


@pytest.fixture
def indicators(org):
    return make_pk(org.awayan, 2025, 3)


def quarter_of(org, tahun=2025, triwulan=2):
    return tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=tahun, triwulan=triwulan)


def p(org, role):
    return org.person("awayan", role)


def to_verified(org, quarter):
    quarter = tw.triwulan_ajukan(user=p(org, Role.KASUBBAG_PERENCANAAN), quarter=quarter)
    return tw.triwulan_verifikasi(user=p(org, Role.SEKRETARIS), quarter=quarter)


def test_submitting_lists_the_indicators_without_a_value_and_passes_once_each_is_reported(org, indicators):
    quarter = quarter_of(org)
    kasubbag = p(org, Role.KASUBBAG_PERENCANAAN)
    svc.realisasi_simpan(user=kasubbag, quarter=quarter, entries=[svc.Entri(indicators[0].pk, "20")])
    with pytest.raises(KinerjaError) as refused:
        tw.triwulan_ajukan(user=kasubbag, quarter=quarter)
    message = refused.value.message
    assert "Indikator 1.2 Persentase layanan PATEN tepat waktu 2 belum diisi." in message
    assert "Indikator 1.3 Persentase layanan PATEN tepat waktu 3 belum diisi." in message
    assert "1.1" not in message and "tidak ada kegiatan" in message
    assert Triwulan.objects.get(pk=quarter.pk).status == S.DRAFT and not quarter.riwayat.exists()
    # A value for one, an explicit "tidak ada kegiatan" with its reason for the other: allowed.
    svc.realisasi_simpan(
        user=kasubbag,
        quarter=quarter,
        entries=[
            svc.Entri(indicators[1].pk, "0"),
            svc.Entri(indicators[2].pk, "", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Musim tanam"),
        ],
    )
    assert gates.alasan_tidak_dapat_diajukan(quarter) == []
    assert tw.triwulan_ajukan(user=kasubbag, quarter=quarter).status == S.DIAJUKAN


def test_a_quarter_without_indicators_has_nothing_to_submit(org):
    with pytest.raises(KinerjaError, match="Belum ada indikator"):
        tw.triwulan_ajukan(user=p(org, Role.KASUBBAG_PERENCANAAN), quarter=quarter_of(org))


def test_tidak_ada_kegiatan_needs_a_reason_and_excludes_a_value(org, indicators):
    quarter = quarter_of(org)
    kasubbag = p(org, Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(KinerjaError) as refused:
        svc.realisasi_simpan(
            user=kasubbag,
            quarter=quarter,
            entries=[
                svc.Entri(indicators[0].pk, "", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="  "),
                svc.Entri(indicators[1].pk, "5", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Tidak ada"),
            ],
        )
    errors = refused.value.errors
    assert "alasan" in errors[indicators[0].pk]["alasan_tidak_ada_kegiatan"].lower()
    assert "tidak keduanya" in errors[indicators[1].pk]["nilai"]
    assert not Realisasi.objects.exists()


def test_the_read_model_keeps_tidak_ada_kegiatan_as_belum_diisi_with_the_reason(org, indicators):
    quarter = quarter_of(org)
    svc.realisasi_simpan(
        user=p(org, Role.KASUBBAG_PERENCANAAN),
        quarter=quarter,
        entries=[svc.Entri(indicators[0].pk, "", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Musim tanam")],
    )
    item = pengukuran.ukur_kecamatan(org.awayan.unit, 2025).indikator[0]
    capaian = item.triwulan(2).capaian
    assert item.triwulan(2).realisasi is None and capaian.nilai is None
    assert "Tidak ada kegiatan pada TW II: Musim tanam" in capaian.alasan
    # A value typed later (e.g. from the workbook) replaces the declaration.
    svc.realisasi_simpan(
        user=p(org, Role.KASUBBAG_PERENCANAAN), quarter=quarter, entries=[svc.Entri(indicators[0].pk, "7", versi=1)]
    )
    stored = Realisasi.objects.get(indikator=indicators[0], triwulan=2)
    assert stored.nilai == Decimal(7) and not stored.tidak_ada_kegiatan and stored.alasan_tidak_ada_kegiatan == ""


def test_the_entry_page_offers_tidak_ada_kegiatan_next_to_the_value_and_keeps_it_after_an_error(
    org, indicators, client_for
):
    quarter = quarter_of(org)
    client = client_for(p(org, Role.KASUBBAG_PERENCANAAN))
    url = reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 2])
    assert f'name="tak-{indicators[0].pk}"' in client.get(url).content.decode()
    data = {f"nilai-{i.pk}": "" for i in indicators} | {f"versi-{i.pk}": "0" for i in indicators}
    data |= {
        f"tak-{indicators[0].pk}": "1",
        f"alasan_tak-{indicators[0].pk}": "Musim tanam",
        f"nilai-{indicators[1].pk}": "abc",
    }
    html = client.post(url, data).content.decode()
    assert "Musim tanam" in html and 'value="abc"' in html  # nothing typed is lost
    data[f"nilai-{indicators[1].pk}"] = "3"
    assert client.post(url, data).status_code == 302
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).tidak_ada_kegiatan
    assert quarter.pk


def test_the_quarter_page_shows_the_same_list_and_disables_the_button(org, indicators, client_for):
    client = client_for(p(org, Role.KASUBBAG_PERENCANAAN))
    url = reverse("kinerja:triwulan", args=[org.awayan.unit.pk, 2025, 2])
    html = client.get(url).content.decode()
    assert "Ajukan untuk diverifikasi belum dapat dilakukan" in html
    for reason in gates.alasan_tidak_dapat_diajukan(quarter_of(org)):
        assert reason.replace('"', "&quot;") in html
    assert "0 dari 3 indikator" not in html and "3 dari 3 indikator belum diisi" in html
    fill_quarter(org.awayan.unit, 2025, 2)
    html = client.get(url).content.decode()
    assert "belum dapat dilakukan" not in html
    client.post(reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "ajukan"]))
    assert quarter_of(org).status == S.DIAJUKAN


def test_the_sop_step_waits_on_the_same_gate(org, indicators):
    ctx = ActionContext(kecamatan_id=org.awayan.unit.pk, tahun=2025, triwulan=2, user=p(org, Role.KASUBBAG_PERENCANAAN))
    blocker = actions.get("ajukan").blocker(ctx)
    assert blocker == " ".join(gates.alasan_tidak_dapat_diajukan(quarter_of(org)))
    fill_quarter(org.awayan.unit, 2025, 2)
    assert actions.get("ajukan").blocker(ctx) is None


@time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0), tick=False)
def test_approving_before_the_quarter_ends_needs_a_stated_reason(org, client_for):
    make_pk(org.awayan, 2026, 2)
    fill_quarter(org.awayan.unit, 2026, 4)
    quarter = to_verified(org, quarter_of(org, 2026, 4))
    camat = p(org, Role.CAMAT)
    with pytest.raises(KinerjaError, match="baru berakhir 31 Desember 2026") as refused:
        tw.triwulan_setujui(user=camat, quarter=quarter)
    assert "alasan" in refused.value.errors
    # The page says so, the reason field is required, and a refused attempt keeps nothing lost.
    url = reverse("kinerja:triwulan", args=[org.awayan.unit.pk, 2026, 4])
    html = client_for(camat).get(url).content.decode()
    assert "Alasan menyetujui sebelum triwulan berakhir (31 Desember 2026) — wajib" in html
    # The SOP step asks for it too.
    ctx = ActionContext(kecamatan_id=org.awayan.unit.pk, tahun=2026, triwulan=4, user=camat)
    assert "memerlukan alasan" in actions.get("setujui").blocker(ctx)
    assert actions.get("setujui").blocker(ActionContext(**{**ctx.__dict__, "alasan": "Akhir masa jabatan"})) is None
    quarter = tw.triwulan_setujui(user=camat, quarter=quarter, alasan="Camat cuti panjang mulai Desember")
    assert quarter.status == S.DISETUJUI
    assert quarter.riwayat.last().alasan == "Camat cuti panjang mulai Desember"


@time_machine.travel(datetime.datetime(2026, 1, 5, 10, 0), tick=False)
def test_approving_after_the_quarter_ended_needs_no_reason(org):
    make_pk(org.awayan, 2025, 2)
    fill_quarter(org.awayan.unit, 2025, 4)
    quarter = to_verified(org, quarter_of(org, 2025, 4))
    assert gates.alasan_tidak_dapat_disetujui(quarter) == []
    assert tw.triwulan_setujui(user=p(org, Role.CAMAT), quarter=quarter).status == S.DISETUJUI


def test_the_camat_returns_a_verified_quarter_with_a_reason(org, indicators, client_for):
    fill_quarter(org.awayan.unit, 2025, 2)
    quarter = to_verified(org, quarter_of(org))
    with pytest.raises(PermissionDenied):
        tw.triwulan_kembalikan_verifikasi(user=p(org, Role.SEKRETARIS), quarter=quarter, alasan="x")
    camat = p(org, Role.CAMAT)
    url = reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "kembalikan_verifikasi"])
    html = client_for(camat).post(url, {"alasan": " "}).content.decode()
    assert "Alasan wajib diisi" in html
    assert quarter_of(org).status == S.DIVERIFIKASI
    client_for(camat).post(url, {"alasan": "Bukti IKM TW II belum lengkap"})
    quarter = quarter_of(org)
    assert quarter.status == S.DRAFT and quarter.catatan_pengembalian == "Bukti IKM TW II belum lengkap"
    last = quarter.riwayat.last()
    assert (last.dari, last.ke, last.alasan) == (S.DIVERIFIKASI, S.DRAFT, "Bukti IKM TW II belum lengkap")
