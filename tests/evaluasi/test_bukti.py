"""Each automatic evidence rule (evaluasi/bukti.py) on data where it holds and where it does not."""

import datetime

import pytest
from django.utils import timezone

from evaluasi import bukti, services
from evaluasi.models import TindakLanjut
from kinerja.models import PerjanjianKinerja, RencanaAksi, Triwulan
from laporan.models import Report, SignedDocument
from renstra.models import IndikatorRenstra, Renstra
from sakip.roles import Role
from tests.laporan.data import build_kinerja
from tests.renstra.data import make_rpjmd
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Task

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))


def ctx(evaluasi):
    return bukti.Konteks(evaluasi)


def test_pk_established_names_its_date(org, evaluasi):
    assert bukti.pk_ditetapkan(ctx(evaluasi), "YT") == (
        "T",
        "Belum ada Perjanjian Kinerja 2025.",
        f"/kinerja/k/{org.awayan.unit.pk}/2025/pk/",
    )
    build_kinerja(org.awayan.unit, 2025)
    assert bukti.pk_ditetapkan(ctx(evaluasi), "YT").teks == "PK 2025 masih draf, belum ditetapkan."
    PerjanjianKinerja.objects.filter(kecamatan=org.awayan.unit).update(
        status="ditandatangani", tanggal=datetime.date(2025, 1, 15)
    )
    proposal = bukti.pk_ditetapkan(ctx(evaluasi), "YT")
    assert proposal.jawaban == "Y" and proposal.teks == "PK 2025 ditetapkan 15 Januari 2025."
    assert bukti.pk_ditetapkan(ctx(evaluasi), "AE").jawaban == "A"


def test_rencana_aksi_counts_indicators_with_four_quarterly_targets(org, evaluasi):
    build_kinerja(org.awayan.unit, 2025)
    full = bukti.rencana_aksi(ctx(evaluasi), "AE")
    assert full[:2] == ("A", "Rencana Aksi ada untuk 4 dari 4 indikator.")
    RencanaAksi.objects.filter(kecamatan=org.awayan.unit, triwulan=4).first().delete()
    assert bukti.rencana_aksi(ctx(evaluasi), "AE")[:2] == ("B", "Rencana Aksi ada untuk 3 dari 4 indikator.")
    assert bukti.rencana_aksi(ctx(evaluasi), "YT").jawaban == "T"


def test_quarters_approved(org, evaluasi):
    assert bukti.triwulan_disetujui(ctx(evaluasi), "AE")[:2] == (
        "E",
        "0 dari 4 triwulan 2025 diukur dan disetujui Camat.",
    )
    build_kinerja(org.awayan.unit, 2025)  # four approved quarters
    Triwulan.objects.filter(kecamatan=org.awayan.unit, triwulan=4).update(status="diverifikasi")
    assert bukti.triwulan_disetujui(ctx(evaluasi), "AE").jawaban == "B"
    Triwulan.objects.filter(kecamatan=org.awayan.unit, triwulan=4).update(status="disetujui")
    assert bukti.triwulan_disetujui(ctx(evaluasi), "AE")[:2] == (
        "A",
        "4 dari 4 triwulan 2025 diukur dan disetujui Camat.",
    )


def _signed(org, kind, periode, when):
    report = Report.objects.create(
        kecamatan=org.awayan.unit,
        kind=kind,
        tahun=2025,
        periode=periode,
        status="ditandatangani",
        dibuat_oleh=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
    )
    camat = org.person("awayan", Role.CAMAT)
    SignedDocument.objects.create(
        report=report,
        pdf=b"%PDF",
        sha256="0" * 64,
        ukuran=4,
        penandatangan=camat,
        nama_penandatangan=camat.nama,
        jabatan_penandatangan="CAMAT AWAYAN",
        ditandatangani_pada=when,
    )
    return report


def test_quarterly_reports_signed_on_time_by_the_end_of_the_next_month(org, evaluasi):
    assert bukti.batas_laporan_triwulan(2025, 1) == datetime.date(2025, 4, 30)
    assert bukti.batas_laporan_triwulan(2025, 4) == datetime.date(2026, 1, 31)
    assert bukti.laporan_triwulan(ctx(evaluasi), "YT").teks == (
        "0 dari 4 laporan triwulan 2025 ditandatangani tepat waktu; 4 belum ditandatangani."
    )
    for tw, month in ((1, 4), (2, 7), (3, 10)):
        _signed(org, "triwulan", tw, datetime.datetime(2025, month, 30, 10, tzinfo=WITA))
    _signed(org, "triwulan", 4, datetime.datetime(2026, 1, 31, 23, 0, tzinfo=WITA))
    proposal = bukti.laporan_triwulan(ctx(evaluasi), "YT")
    assert proposal[:2] == ("Y", "4 dari 4 laporan triwulan 2025 ditandatangani tepat waktu.")
    SignedDocument.objects.filter(report__periode=4).update(
        ditandatangani_pada=datetime.datetime(2026, 2, 1, 8, tzinfo=WITA)
    )
    proposal = bukti.laporan_triwulan(ctx(evaluasi), "YT")
    assert proposal[:2] == ("T", "3 dari 4 laporan triwulan 2025 ditandatangani tepat waktu; 1 terlambat.")


def test_lkip_signed(org, evaluasi):
    assert bukti.lkip_ditandatangani(ctx(evaluasi), "YT")[:2] == ("T", "LKIP 2025 belum ditandatangani.")
    report = _signed(org, "lkip", 0, datetime.datetime(2026, 2, 20, 9, tzinfo=WITA))
    proposal = bukti.lkip_ditandatangani(ctx(evaluasi), "YT")
    assert proposal == ("Y", "LKIP 2025 ditandatangani 20 Februari 2026.", f"/laporan/{report.pk}/")


def test_share_of_sop_steps_within_their_mutu_baku(org, evaluasi):
    assert bukti.sop_mutu_baku(ctx(evaluasi), "AE").jawaban == "E"
    revision = make_sop(org.awayan.unit)
    for triwulan, minutes in enumerate((30, 45, 50, 120), start=1):
        run = workflow_services.run_start(
            user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=triwulan
        )
        run.tasks.update(
            status=Task.Status.SELESAI, finished_at=datetime.datetime(2025, 6, 10, 10, tzinfo=WITA), menit_kerja=minutes
        )
    proposal = bukti.sop_mutu_baku(ctx(evaluasi), "AE")
    assert proposal[:2] == ("B", "75% langkah SOP dalam mutu baku (3 dari 4 langkah, 2025).")
    Task.objects.filter(menit_kerja=120).update(menit_kerja=55)
    assert bukti.sop_mutu_baku(ctx(evaluasi), "AE").jawaban == "A"


def test_renstra_and_iku_established(org, evaluasi):
    assert bukti.renstra_ditetapkan(ctx(evaluasi), "YT")[:2] == ("T", "Belum ada Renstra yang mencakup tahun 2025.")
    assert bukti.iku_ditetapkan(ctx(evaluasi), "AE")[:2] == ("E", "IKU belum ditetapkan Camat.")
    from renstra import services as renstra_services

    rpjmd = make_rpjmd(org)
    renstra = renstra_services.renstra_buat(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, rpjmd=rpjmd
    )
    assert bukti.renstra_ditetapkan(ctx(evaluasi), "YT").teks == "Renstra 2025–2029 masih draf, belum ditetapkan."
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    tujuan = renstra_services.tujuan_simpan(user=kasubbag, renstra=renstra, uraian="Tujuan")
    sasaran = renstra_services.sasaran_simpan(
        user=kasubbag, renstra=renstra, tujuan=tujuan, sasaran_rpjmd=rpjmd.sasaran.first(), uraian="Sasaran"
    )
    renstra_services.indikator_simpan(
        user=kasubbag, sasaran=sasaran, data={"uraian": "IKM", "satuan": "indeks"}, targets={}
    )
    when = datetime.datetime(2025, 3, 3, 9, tzinfo=WITA)
    Renstra.objects.filter(pk=renstra.pk).update(status="ditetapkan", ditetapkan_pada=when, iku_ditetapkan_pada=when)
    assert bukti.renstra_ditetapkan(ctx(evaluasi), "YT")[:2] == ("Y", "Renstra 2025–2029 ditetapkan 3 Maret 2025.")
    assert bukti.iku_ditetapkan(ctx(evaluasi), "AE").jawaban == "E"  # designated, but no indicator is an IKU
    IndikatorRenstra.objects.filter(renstra=renstra).update(iku=True)
    assert bukti.iku_ditetapkan(ctx(evaluasi), "AE")[:2] == ("A", "1 IKU ditetapkan 3 Maret 2025.")


def test_last_year_recommendations_followed_up(org, kset):
    from evaluasi import kriteria

    services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2026, data=kriteria.baca_berkas())
    lalu = services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)
    kini = services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2026)
    assert bukti.tindak_lanjut_tahun_lalu(ctx(kini), "AE").jawaban == ""  # nothing signed last year
    lalu.status = "ditandatangani"
    lalu.save()
    owner = org.awayan.positions[Role.KASUBBAG_PERENCANAAN]
    for n, status in enumerate(("selesai", "terbuka", "terbuka"), start=1):
        TindakLanjut.objects.create(
            evaluasi=lalu,
            urutan=n,
            rekomendasi=f"R{n}",
            pemilik=owner,
            batas_waktu=datetime.date(2026, 6, 30),
            status=status,
            diselesaikan_pada=timezone.now() if status == "selesai" else None,
        )
    proposal = bukti.tindak_lanjut_tahun_lalu(ctx(kini), "AE")
    assert proposal[:2] == ("D", "Tindak lanjut rekomendasi tahun lalu: 1 dari 3 selesai.")
    TindakLanjut.objects.filter(evaluasi=lalu).update(status="selesai", diselesaikan_pada=timezone.now())
    assert bukti.tindak_lanjut_tahun_lalu(ctx(kini), "AE")[:2] == (
        "A",
        "Tindak lanjut rekomendasi tahun lalu: 3 dari 3 selesai.",
    )


def test_every_rule_named_in_the_bundled_criteria_exists(evaluasi):
    from evaluasi.models import Kriteria

    used = set(Kriteria.objects.exclude(bukti_otomatis="").values_list("bukti_otomatis", flat=True))
    assert used == set(bukti.RULES)
