"""The data of each report, built from the performance data (every number from the database).

`build(report)` returns a plain dict the HTML/PDF templates and the XLSX
writer both read, so the preview, the PDF and the spreadsheet never disagree.
Capaian and predikat follow kinerja's rules (see `_rules`); the structure of the
LKIP follows PermenPAN-RB 53/2014 (Kata Pengantar, Ikhtisar Eksekutif, BAB I-IV,
Lampiran). The number of SQL queries is constant in the number of indicators.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
)
from kinerja.selectors import kriteria_predikat
from laporan import rules
from laporan.models import Report
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role

ROMAWI = ["I", "II", "III", "IV"]

# Narrative sections per kind: (key, title). LKIP analysis per sasaran is keyed "analisis_sasaran_<urutan>".
SECTIONS: dict[str, list[tuple[str, str]]] = {
    Report.Kind.TRIWULAN: [
        ("pengantar", "Pengantar"),
        ("analisis", "Analisis Capaian Kinerja"),
        ("penutup", "Penutup"),
    ],
    Report.Kind.SEMESTER: [
        ("pengantar", "Pengantar"),
        ("analisis", "Analisis Capaian Kinerja"),
        ("penutup", "Penutup"),
    ],
    Report.Kind.LKIP: [
        ("kata_pengantar", "Kata Pengantar"),
        ("ikhtisar_eksekutif", "Ikhtisar Eksekutif"),
        ("gambaran_umum", "BAB I — A. Gambaran Umum"),
        ("struktur_organisasi", "BAB I — B. Struktur Organisasi"),
        ("tugas_fungsi", "BAB I — C. Tugas dan Fungsi"),
        ("isu_strategis", "BAB I — D. Isu Strategis"),
        ("penutup", "BAB IV — Penutup"),
    ],
    Report.Kind.PK: [],
    Report.Kind.RENCANA_AKSI: [("catatan", "Catatan")],
}

LKIP_CHAPTERS = [
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "DAFTAR ISI",
    "BAB I PENDAHULUAN",
    "BAB II PERENCANAAN KINERJA",
    "BAB III AKUNTABILITAS KINERJA",
    "BAB IV PENUTUP",
    "LAMPIRAN",
]


def section_keys(report: Report, sasaran_urutan: list[int] | None = None) -> list[tuple[str, str]]:
    keys = list(SECTIONS[report.kind])
    if report.kind == Report.Kind.LKIP:
        for urutan in sasaran_urutan or []:
            keys.insert(-1, (f"analisis_sasaran_{urutan}", f"BAB III — Analisis Sasaran {urutan}"))
    return keys


@dataclass
class Baris:
    """One indicator row of the measurement tables."""

    nomor: str
    indikator: str
    satuan: str
    target_tahunan: object  # Decimal or level label
    target_periode: object
    realisasi_periode: object
    realisasi_kumulatif: object
    capaian_periode: rules.Capaian
    capaian_tahunan: rules.Capaian
    predikat: str  # on the annual capaian (LKIP)
    predikat_periode: str  # on the capaian of the period (quarterly and semester reports)
    hambatan: str
    upaya: str
    target_triwulan: list = field(default_factory=list)  # per TW I..IV
    rencana_kegiatan: list = field(default_factory=list)  # per TW I..IV
    realisasi_tahun_lalu: object = None
    capaian_tahun_lalu: rules.Capaian | None = None
    iku: bool = True


@dataclass
class KelompokSasaran:
    urutan: int
    uraian: str
    baris: list[Baris]
    capaian_rata: rules.Capaian
    predikat: str
    serapan: rules.Capaian | None = None
    efisiensi: str = ""
    narasi_key: str = ""
    pendukung: list[str] = field(default_factory=list)  # supporting sub-activities


def _value(nilai, level):
    if level is not None:
        return level.label
    return nilai


def _quarters_to(end: int) -> list[int]:
    return list(range(1, end + 1))


def period_end(report: Report) -> int:
    """The last quarter the report covers."""
    if report.kind == Report.Kind.TRIWULAN:
        return report.periode
    if report.kind == Report.Kind.SEMESTER:
        return 2 if report.periode == 1 else 4
    return 4


def current_pk(kecamatan_id: int, tahun: int) -> PerjanjianKinerja | None:
    return (
        PerjanjianKinerja.objects.filter(kecamatan_id=kecamatan_id, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .select_related("pihak_pertama")
        .order_by("-revisi")
        .first()
    )


def _indicators(pk: PerjanjianKinerja | None):
    if pk is None:
        return []
    indikator_qs = (
        Indikator.objects.select_related("skala", "target_level")
        .prefetch_related(
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.select_related("target_level")),
            Prefetch("realisasi", queryset=Realisasi.objects.select_related("nilai_level")),
        )
        .order_by("urutan")
    )
    return list(
        Sasaran.objects.filter(perjanjian=pk)
        .order_by("urutan")
        .prefetch_related(Prefetch("indikator", queryset=indikator_qs))
    )


def _previous_year_values(kecamatan_id: int, tahun: int) -> dict[str, tuple]:
    """Annual realisation and capaian of last year's indicators, matched by their wording."""
    pk = current_pk(kecamatan_id, tahun - 1)
    result = {}
    for sasaran in _indicators(pk):
        for ind in sasaran.indikator.all():
            row = _row(ind, end=4, periode_quarters=[1, 2, 3, 4], nomor="")
            result[ind.uraian.strip().lower()] = (row.realisasi_kumulatif, row.capaian_tahunan)
    return result


def _row(ind: Indikator, *, end: int, periode_quarters: list[int], nomor: str, bands=None) -> Baris:
    ra = {r.triwulan: r for r in ind.rencana_aksi.all()}
    real = {r.triwulan: r for r in ind.realisasi.all()}
    upto = _quarters_to(end)
    if ind.kualitatif:
        target_end = ra.get(end).target_level if ra.get(end) else None
        real_end = real.get(end).nilai_level if real.get(end) else None
        real_per = real_end
        cap_per = rules.capaian_level(target_end, real_end)
        cap_year = rules.capaian_level(ind.target_level, real_end)
        target_tahunan = ind.target_level.label if ind.target_level else None
        target_periode = target_end.label if target_end else None
        real_per_val = real_end.label if real_end else None
        real_kum_val = real_per_val
        target_tw = [ra[t].target_level.label if t in ra and ra[t].target_level else None for t in range(1, 5)]
    else:
        target_periode = rules.aggregate([ra[t].target if t in ra else None for t in upto], ind.agregasi)
        real_values = [real[t].nilai if t in real else None for t in upto]
        real_kum_val = rules.aggregate(real_values, ind.agregasi)
        per_values = [real[t].nilai if t in real else None for t in periode_quarters]
        real_per_val = rules.aggregate(per_values, ind.agregasi)
        cap_per = rules.capaian(target_periode, real_kum_val, ind.polaritas, ind.rumus_negatif)
        cap_year = rules.capaian(ind.target_tahunan, real_kum_val, ind.polaritas, ind.rumus_negatif)
        target_tahunan = ind.target_tahunan
        target_tw = [ra[t].target if t in ra else None for t in range(1, 5)]
        real_per = None
    del real_per
    last = real.get(end)
    return Baris(
        nomor=nomor,
        indikator=ind.uraian,
        satuan=ind.satuan,
        target_tahunan=target_tahunan,
        target_periode=target_periode,
        realisasi_periode=real_per_val,
        realisasi_kumulatif=real_kum_val,
        capaian_periode=cap_per,
        capaian_tahunan=cap_year,
        predikat=rules.predikat(cap_year, bands),
        predikat_periode=rules.predikat(cap_per, bands),
        hambatan=last.hambatan if last else "",
        upaya=last.upaya if last else "",
        target_triwulan=target_tw,
        rencana_kegiatan=[ra[t].rencana_kegiatan if t in ra else "" for t in range(1, 5)],
        iku=ind.iku,
    )


def _anggaran(kecamatan_id: int, tahun: int, end: int) -> dict:
    subs = list(
        SubKegiatan.objects.filter(kecamatan_id=kecamatan_id, kegiatan__program__tahun=tahun)
        .select_related("kegiatan__program")
        .prefetch_related(
            Prefetch("anggaran", queryset=AnggaranTriwulan.objects.order_by("triwulan")),
            Prefetch("indikator", queryset=Indikator.objects.only("id", "sasaran_id")),
        )
        .order_by("kegiatan__program__kode", "kegiatan__kode", "kode")
    )
    rows = []
    total_pagu = Decimal(0)
    total_real = Decimal(0)
    per_sasaran: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    pendukung: dict[int, list[str]] = defaultdict(list)
    for sub in subs:
        realisasi = sum(
            (a.realisasi for a in sub.anggaran.all() if a.triwulan <= end and a.realisasi is not None), Decimal(0)
        )
        total_pagu += sub.pagu
        total_real += realisasi
        for sasaran_id in {i.sasaran_id for i in sub.indikator.all()}:
            per_sasaran[sasaran_id][0] += sub.pagu
            per_sasaran[sasaran_id][1] += realisasi
            pendukung[sasaran_id].append(f"{sub.kode} {sub.nama}")
        rows.append(
            {
                "program": str(sub.kegiatan.program),
                "kegiatan": str(sub.kegiatan),
                "kode": sub.kode,
                "nama": sub.nama,
                "pagu": sub.pagu,
                "realisasi": realisasi,
                "serapan": rules.serapan(realisasi, sub.pagu),
            }
        )
    programs = list(
        Program.objects.filter(kecamatan_id=kecamatan_id, tahun=tahun)
        .prefetch_related("kegiatan__sub_kegiatan")
        .order_by("kode")
    )
    program_rows = [
        {
            "kode": p.kode,
            "nama": p.nama,
            "anggaran": sum((s.pagu for k in p.kegiatan.all() for s in k.sub_kegiatan.all()), Decimal(0)),
        }
        for p in programs
    ]
    return {
        "rows": rows,
        "total_pagu": total_pagu,
        "total_realisasi": total_real,
        "total_serapan": rules.serapan(total_real, total_pagu),
        "per_sasaran": dict(per_sasaran),
        "pendukung": dict(pendukung),
        "program": program_rows,
        "total_program": sum((p["anggaran"] for p in program_rows), Decimal(0)),
    }


def _struktur(kecamatan: Unit) -> list[dict]:
    positions = (
        Position.objects.filter(kecamatan=kecamatan)
        .select_related("unit")
        .prefetch_related(Prefetch("holders", queryset=Pegawai.objects.filter(is_active=True)))
        .order_by("unit__jenis", "unit__nama", "nama")
    )
    return [
        {"jabatan": p.nama, "unit": p.unit.nama, "pejabat": ", ".join(h.nama for h in p.holders.all()) or "—"}
        for p in positions
    ]


def camat_of(kecamatan: Unit) -> Pegawai | None:
    return (
        Pegawai.objects.filter(jabatan__kecamatan=kecamatan, jabatan__role=Role.CAMAT, is_active=True)
        .order_by("pk")
        .first()
    )


def build(report: Report) -> dict:
    kecamatan = report.kecamatan
    end = period_end(report)
    if report.kind == Report.Kind.TRIWULAN:
        periode_quarters = [report.periode]
    elif report.kind == Report.Kind.SEMESTER:
        periode_quarters = [1, 2] if report.periode == 1 else [3, 4]
    else:
        periode_quarters = [1, 2, 3, 4]
    pk = current_pk(kecamatan.pk, report.tahun)
    sasaran_list = _indicators(pk)
    anggaran = _anggaran(kecamatan.pk, report.tahun, end)
    previous = _previous_year_values(kecamatan.pk, report.tahun) if report.kind == Report.Kind.LKIP else {}
    bands = kriteria_predikat(kecamatan.kabupaten_id)
    kelompok = []
    semua_baris = []
    for sasaran in sasaran_list:
        rows = []
        for ind in sasaran.indikator.all():
            row = _row(
                ind, end=end, periode_quarters=periode_quarters, nomor=f"{sasaran.urutan}.{ind.urutan}", bands=bands
            )
            prev = previous.get(ind.uraian.strip().lower())
            if prev:
                row.realisasi_tahun_lalu, row.capaian_tahun_lalu = prev
            rows.append(row)
        semua_baris.extend(rows)
        cap = rules.rata_rata([r.capaian_tahunan for r in rows])
        pagu, realisasi = anggaran["per_sasaran"].get(sasaran.pk, (Decimal(0), Decimal(0)))
        serapan = rules.serapan(realisasi, pagu) if pagu else None
        kelompok.append(
            KelompokSasaran(
                urutan=sasaran.urutan,
                uraian=sasaran.uraian,
                baris=rows,
                capaian_rata=cap,
                predikat=rules.predikat(cap, bands),
                serapan=serapan,
                efisiensi=rules.efisiensi_teks(cap, serapan),
                narasi_key=f"analisis_sasaran_{sasaran.urutan}",
                pendukung=sorted(anggaran["pendukung"].get(sasaran.pk, [])),
            )
        )
    capaian_rata = rules.rata_rata([r.capaian_tahunan for r in semua_baris])
    return {
        "report": report,
        "kecamatan": kecamatan,
        "kabupaten": kecamatan.kabupaten,
        "pk": pk,
        "sasaran": kelompok,
        "jumlah_indikator": len(semua_baris),
        "capaian_rata": capaian_rata,
        "predikat_rata": rules.predikat(capaian_rata, bands),
        "anggaran": anggaran,
        "struktur": _struktur(kecamatan) if report.kind == Report.Kind.LKIP else [],
        "triwulan_label": [f"TW {r}" for r in ROMAWI],
        "periode_quarters": periode_quarters,
        "end": end,
        "chart": rules.chart_svg(kelompok),
        "sections": section_keys(report, [k.urutan for k in kelompok]),
        "narasi": report.narasi or {},
        "chapters": LKIP_CHAPTERS,
        "camat": camat_of(kecamatan),
    }
