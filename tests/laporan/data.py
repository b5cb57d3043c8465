"""Performance data of one kecamatan built through the kinerja models (no demo data)."""

import datetime
from decimal import Decimal

from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
    Triwulan,
)
from tests.factories import LAMPAU


def build_kinerja(kecamatan, tahun=2025, *, sasaran=2, indikator_per_sasaran=2, realisasi_tw=4):
    """A PK with `sasaran` x `indikator_per_sasaran` indicators, quarterly targets and realisations.

    Indicator n (1-based over the whole PK) has annual target 100 + n, quarter targets a quarter
    of it, and realisation per quarter 20 + n (filled for TW 1..realisasi_tw). One sub-activity per
    sasaran with pagu 10.000.000 and realisation 2.000.000 per quarter.
    """
    pk = PerjanjianKinerja.objects.create(
        kecamatan=kecamatan, tahun=tahun, pihak_kedua_nama="H. Abdul Hadi", pihak_kedua_jabatan="BUPATI BALANGAN"
    )
    program = Program.objects.create(kecamatan=kecamatan, tahun=tahun, kode="7.01.01", nama="Program Penunjang")
    kegiatan = Kegiatan.objects.create(program=program, kode="7.01.01.2.01", nama="Perencanaan dan Pelaporan")
    n = 0
    indikator = []
    for s in range(1, sasaran + 1):
        sas = Sasaran.objects.create(perjanjian=pk, urutan=s, uraian=f"Meningkatnya kualitas layanan {s}")
        sub = SubKegiatan.objects.create(
            kegiatan=kegiatan, kode=f"7.01.01.2.01.{s:04d}", nama=f"Sub kegiatan sasaran {s}", pagu=Decimal("10000000")
        )
        for tw in range(1, 5):
            AnggaranTriwulan.objects.create(
                sub_kegiatan=sub,
                triwulan=tw,
                rencana=Decimal("2500000"),
                realisasi=Decimal("2000000") if tw <= realisasi_tw else None,
            )
        for i in range(1, indikator_per_sasaran + 1):
            n += 1
            ind = Indikator.objects.create(
                sasaran=sas,
                urutan=i,
                uraian=f"Persentase layanan tepat waktu {n}",
                satuan="%",
                target_tahunan=Decimal(100 + n),
            )
            sub.indikator.add(ind)
            for tw in range(1, 5):
                RencanaAksi.objects.create(
                    indikator=ind, triwulan=tw, target=Decimal(100 + n) / 4, rencana_kegiatan=f"Aksi TW {tw}"
                )
                if tw <= realisasi_tw:
                    Realisasi.objects.create(
                        indikator=ind, triwulan=tw, nilai=Decimal(20 + n), hambatan=f"Hambatan {n}", upaya=f"Upaya {n}"
                    )
            indikator.append(ind)
    for tw in range(1, 5):
        Triwulan.objects.create(
            kecamatan=kecamatan,
            tahun=tahun,
            triwulan=tw,
            status=Triwulan.Status.DISETUJUI,
            batas_mulai=datetime.date(tahun, 3 * tw - 2, 1),
            batas_akhir=datetime.date(tahun, 3 * tw, 28),
        )
    return pk, indikator


def narasi_lengkap(report) -> dict[str, str]:
    """Every narrative section of the report written (what submitting needs: laporan.gates)."""
    from laporan import gates
    from laporan.documents import section_keys

    return {key: f"Uraian {title}." for key, title in section_keys(report, gates.sasaran_urutan(report))}


def sign_pk_document(org, tahun=2025):
    """The year's Perjanjian Kinerja document of Awayan signed by its Camat through the real services (what an
    LKIP rests on: laporan.gates.pk_belum_ditandatangani). Submitted by the Kasubbag Perencanaan."""
    from sakip.roles import Role
    from tests.factories import PASSWORD

    return sign_pk_document_of(
        org.awayan.unit,
        tahun,
        kasubbag=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        camat=org.person("awayan", Role.CAMAT),
        password=PASSWORD,
    )


def sign_pk_document_of(kecamatan, tahun, *, kasubbag, camat, password):
    """The PK document of a kecamatan and year: made and submitted by `kasubbag`, signed by `camat`."""
    from laporan.models import Report
    from laporan.services import ajukan, buat_laporan, simpan_narasi, tandatangani

    report = buat_laporan(user=kasubbag, kecamatan=kecamatan, kind=Report.Kind.PK, tahun=tahun)
    narasi = narasi_lengkap(report)
    if narasi:
        report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi, versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)
    return tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=password)
