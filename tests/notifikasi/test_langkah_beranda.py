"""Beranda's next steps carry the open requests for work that notifikasi holds (sakip.beranda.register_langkah,
notifikasi.selectors.LANGKAH_BERANDA): after the Camat approves a quarter, "Susun laporan kinerja Triwulan III
2026" is the Kasubbag Perencanaan's first step, until the report is submitted (read or not)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from kinerja.models import Realisasi, Triwulan
from kinerja.panels import langkah_berikutnya
from kinerja.services import triwulan as tw
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.kinerja.data import make_pk
from tests.laporan.data import narasi_lengkap

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))
SUSUN = "Susun laporan kinerja Triwulan III 2026"


@pytest.fixture
def approved_tw3(org):
    """Awayan 2026 on 5 October: TW I and II approved; TW III filled, submitted, verified and approved."""
    indicators = make_pk(org.awayan, 2026, 2)
    for ind in indicators:
        for triwulan in (1, 2, 3):
            Realisasi.objects.create(indikator=ind, triwulan=triwulan, nilai=Decimal(25))
    for triwulan in (1, 2):
        Triwulan.objects.create(
            kecamatan=org.awayan.unit,
            tahun=2026,
            triwulan=triwulan,
            status=Triwulan.Status.DISETUJUI,
            batas_mulai=datetime.date(2026, 3 * triwulan - 2, 1),
            batas_akhir=tw.default_window(2026, triwulan)[1],
        )
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=WITA), tick=False) as clock:
        quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2026, triwulan=3)
        quarter = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter)
        quarter = tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
        tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter)
        yield clock


def titles(person) -> list[str]:
    return [s.judul for s in langkah_berikutnya(person)["langkah"]]


def test_the_approval_asks_the_kasubbag_first_and_nobody_else(org, approved_tw3, client_for):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    steps = langkah_berikutnya(kasubbag)["langkah"]
    # Before the entry of the quarter at hand (TW IV opened on 1 October), linking to the pre-filled form.
    assert [s.judul for s in steps] == [SUSUN, "Isi realisasi TW IV 2026 — 2 dari 2 indikator belum diisi"]
    assert steps[0].tautan == (
        f"{reverse('laporan:index')}?kind=triwulan&tahun=2026&periode=3&kecamatan={org.awayan.unit.pk}"
    )
    for role in (Role.SEKRETARIS, Role.CAMAT, Role.PELAKSANA):
        assert SUSUN not in titles(org.person("awayan", role))
    assert SUSUN not in titles(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    html = client_for(kasubbag).get(reverse("beranda")).content.decode()
    assert html.index(SUSUN) < html.index("Isi realisasi TW IV 2026")


def test_the_step_stays_when_read_and_goes_when_the_report_is_submitted(org, approved_tw3):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    Notifikasi.objects.filter(penerima=kasubbag).update(dibaca_pada=datetime.datetime(2026, 10, 5, tzinfo=WITA))
    assert titles(kasubbag)[0] == SUSUN  # read is not done
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2026, periode=3)
    assert titles(kasubbag)[0] == SUSUN  # a draft is not done either
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)
    assert SUSUN not in titles(kasubbag)


def test_a_reopened_quarter_no_longer_asks_for_its_report_and_a_new_approval_asks_once(org, approved_tw3):
    kasubbag, camat = org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.person("awayan", Role.CAMAT)
    quarter = Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2026, triwulan=3)
    quarter = tw.triwulan_buka_kembali(user=camat, quarter=quarter, alasan="Realisasi TW III dikoreksi")
    assert SUSUN not in titles(kasubbag)
    quarter = tw.triwulan_ajukan(user=kasubbag, quarter=quarter)
    quarter = tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
    tw.triwulan_setujui(user=camat, quarter=quarter, alasan="Disetujui sebelum akhir triwulan")
    assert titles(kasubbag).count(SUSUN) == 1
