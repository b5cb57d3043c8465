"""The data of each report, built from the performance data (every number from the database).

`build(report)` returns a plain dict the HTML/PDF templates and the XLSX
writer both read, so the preview, the PDF and the spreadsheet never disagree.
Every figure comes from kinerja.pengukuran (the one measurement model); this
module only arranges them for documents. The structure of the
LKIP follows PermenPAN-RB 53/2014 (Kata Pengantar, Ikhtisar Eksekutif, BAB I-IV,
Lampiran). The number of SQL queries is constant in the number of indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.safestring import mark_safe

from kinerja import capaian, pengukuran, pohon
from kinerja.models import PerjanjianKinerja, SkalaLevel
from laporan import monitoring, pk_jabatan, renstra_doc, reviu, rules, skm
from laporan.models import Report
from renstra import selectors as renstra_selectors
from renstra import services as renstra_services
from renstra.models import IndikatorRenstra, Renstra, TargetRenstra
from sakip import periode
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role

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
    Report.Kind.MONITORING_SOP: monitoring.SECTIONS,
    Report.Kind.SKM: skm.SECTIONS,
    Report.Kind.RENSTRA: [],
    Report.Kind.IKU: [],
    Report.Kind.PK_JABATAN: [],
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
    if report.kind == Report.Kind.MONITORING_SOP:
        return monitoring.section_keys(monitoring.build(report))
    keys = list(SECTIONS[report.kind])
    if report.kind == Report.Kind.LKIP:
        for urutan in sasaran_urutan or []:
            keys.insert(-1, (f"analisis_sasaran_{urutan}", f"BAB III — Analisis Sasaran {urutan}"))
    return keys


@dataclass
class Baris:
    """One indicator row of the measurement tables: figures of kinerja.pengukuran, named by what they are."""

    nomor: str
    indikator: str
    satuan: str
    target_tahunan: object  # Decimal or level label
    periode: pengukuran.Angka  # the report's own span (TW III; Semester II = TW III–TW IV; LKIP: TW I–TW IV)
    sd: pengukuran.Angka  # s.d. the report's last quarter
    progres: pengukuran.Angka  # realisasi s.d. the last quarter against the annual target (no predikat)
    tahunan: pengukuran.Angka  # the year against the annual target (LKIP)
    hambatan: str
    upaya: str
    # Realisations the app computed from its records and the person decided (kinerja.sumber_data):
    # "TW I: <calculation>" per quarter of the period, with the reason when the proposal was replaced.
    dihitung_aplikasi: list = field(default_factory=list)
    target_triwulan: list = field(default_factory=list)  # per TW I..IV
    rencana_kegiatan: list = field(default_factory=list)  # per TW I..IV
    realisasi_tahun_lalu: object = None
    capaian_tahun_lalu: capaian.Capaian | None = None
    iku: bool = True
    penanggung_jawab: str = ""
    # Sub kegiatan supporting the indicator (Rencana Aksi): {"program", "kegiatan", "sub", "pagu"}.
    sub_kegiatan: list = field(default_factory=list)
    # Earlier years for the LKIP comparison: [(tahun, realisasi, capaian)], oldest first.
    tahun_lalu: list = field(default_factory=list)
    target_renstra: object = None
    capaian_renstra: capaian.Capaian | None = None
    standar: object = None
    sumber_standar: str = ""
    # Why the PK target differs from the Renstra's target for the year (printed in the PK document).
    alasan_beda_renstra: str = ""
    # The linked Renstra indicator's target for the report's year, and the year's realisation against it.
    target_renstra_tahun: object = None
    capaian_renstra_tahun: capaian.Capaian | None = None
    # LKIP BAB III, every year of the Renstra period up to the report's: [PerTahunRenstra], oldest first
    # (empty when the indicator is not linked to the Renstra).
    renstra_per_tahun: list = field(default_factory=list)
    # The capaian formula of the indicator (kinerja.capaian.rumus_teks, the same sentence as the IKU's).
    rumus: str = ""
    # The linked Renstra indicator's kondisi awal (baseline), for the comparison with earlier years.
    kondisi_awal: object = None

    # The names the templates and the workbook print.
    @property
    def target_periode(self):
        return _printable(self.periode.target)

    @property
    def realisasi_periode(self):
        return _printable(self.periode.realisasi)

    @property
    def capaian_periode(self) -> capaian.Capaian:
        return self.periode.capaian

    @property
    def realisasi_kumulatif(self):
        return _printable(self.sd.realisasi)

    @property
    def capaian_tahunan(self) -> capaian.Capaian:
        return self.tahunan.capaian

    @property
    def predikat(self) -> str:
        return self.tahunan.capaian.predikat or "—"

    @property
    def rencana_berlabel(self) -> list[tuple[str, str]]:
        """The planned actions that were written, each named by its quarter ("TW I")."""
        return [(pengukuran.label_tw(t), text) for t, text in enumerate(self.rencana_kegiatan, 1) if text]


@dataclass
class KelompokSasaran:
    urutan: int
    uraian: str
    baris: list[Baris]
    capaian_rata: capaian.Capaian
    serapan: capaian.Capaian | None = None
    efisiensi: str = ""
    narasi_key: str = ""
    pendukung: list[str] = field(default_factory=list)  # supporting sub-activities

    @property
    def predikat(self) -> str:
        return self.capaian_rata.predikat or "—"


def _printable(value):
    """Level labels print as text; numbers stay numbers (formatted by the template or the workbook)."""
    return value.label if isinstance(value, pengukuran.Level) else value


def period_end(report: Report) -> int:
    """The last quarter the report covers."""
    if report.kind == Report.Kind.TRIWULAN:
        return report.periode
    if report.kind == Report.Kind.SEMESTER:
        return 2 if report.periode == 1 else 4
    return 4


def period_start(report: Report) -> int:
    if report.kind == Report.Kind.TRIWULAN:
        return report.periode
    if report.kind == Report.Kind.SEMESTER:
        return 1 if report.periode == 1 else 3
    return 1


def current_pk(kecamatan_id: int, tahun: int) -> PerjanjianKinerja | None:
    return pengukuran.current_pk(kecamatan_id, tahun)


def _texts(item: pengukuran.IndikatorUkur, field_name: str, quarters) -> str:
    """Hambatan or upaya of every quarter of the period, each named by its quarter."""
    parts = []
    for t in quarters:
        text = getattr(item.realisasi.get(t), field_name, "") if item.realisasi.get(t) else ""
        if text.strip():
            parts.append(text.strip() if len(quarters) == 1 else f"{pengukuran.label_tw(t)}: {text.strip()}")
    return "\n".join(parts)


def _dihitung(item: pengukuran.IndikatorUkur, quarters) -> list[str]:
    """The stored calculation of each computed realisation of the period (no query: fields of the rows)."""
    notes = []
    for t in quarters:
        r = item.realisasi.get(t)
        if r is None or not r.usulan_perhitungan:
            continue
        text = f"{pengukuran.label_tw(t)}: {r.usulan_perhitungan}"
        if r.usulan_alasan_ganti:
            text += f" Nilai usulan diganti; alasan: {r.usulan_alasan_ganti}"
        notes.append(text)
    return notes


def _row(item: pengukuran.IndikatorUkur, *, start: int, end: int, anggaran_of: dict | None = None) -> Baris:
    ind = item.indikator
    quarters = list(range(start, end + 1))
    return Baris(
        nomor=item.nomor,
        indikator=ind.uraian,
        satuan=ind.satuan,
        target_tahunan=_printable(item.target_tahunan),
        periode=item.rentang(start, end),
        sd=item.sampai(end),
        progres=item.progres(end),
        tahunan=item.tahunan,
        hambatan=_texts(item, "hambatan", quarters),
        upaya=_texts(item, "upaya", quarters),
        dihitung_aplikasi=_dihitung(item, quarters),
        target_triwulan=[_printable(q.target) for q in item.kuartal],
        rencana_kegiatan=[item.rencana[t].rencana_kegiatan if t in item.rencana else "" for t in (1, 2, 3, 4)],
        iku=ind.iku,
        rumus=capaian.rumus_teks(
            polaritas=ind.polaritas, rumus_negatif=ind.rumus_negatif, kualitatif=ind.skala_id is not None
        ),
        alasan_beda_renstra=ind.alasan_beda_renstra,
        penanggung_jawab=ind.penanggung_jawab.nama if ind.penanggung_jawab_id else "",
        sub_kegiatan=[
            {"program": b.program, "kegiatan": b.kegiatan, "sub": f"{b.sub.kode} {b.sub.nama}", "pagu": b.sub.pagu}
            for b in (anggaran_of or {}).get(ind.pk, [])
        ],
    )


TAHUN_PEMBANDING = 5  # PermenPAN-RB 53/2014: this year against the previous years' realisations


def _ukur_tahun_lalu(kecamatan, tahun: int) -> dict[int, pengukuran.Pengukuran]:
    """The read model of each of the TAHUN_PEMBANDING years before `tahun` (constant queries per year), read
    once and shared by the comparisons with earlier years and with each year of the Renstra period."""
    return {year: pengukuran.ukur_kecamatan(kecamatan, year) for year in range(tahun - TAHUN_PEMBANDING, tahun)}


def _earlier_years(
    kecamatan, tahun: int, ukuran_lalu: dict[int, pengukuran.Pengukuran] | None = None
) -> tuple[list[int], dict[str, dict[int, tuple]]]:
    """Years (oldest first) that have a PK, and per indicator wording {year: (realisasi, capaian)}."""
    years, found = [], {}
    for year in range(tahun - TAHUN_PEMBANDING, tahun):
        earlier = (
            ukuran_lalu[year] if ukuran_lalu and year in ukuran_lalu else pengukuran.ukur_kecamatan(kecamatan, year)
        )
        if earlier.pk is None:
            continue
        years.append(year)
        for item in earlier.indikator:
            key = item.indikator.uraian.strip().lower()
            found.setdefault(key, {})[year] = (_printable(item.tahunan.realisasi), item.tahunan.capaian)
    return years, found


def _persen(value) -> capaian.Capaian:
    """A percentage that is not a capaian (serapan): same printing, never a predikat."""
    if value is None:
        return capaian.Capaian(capaian.TIDAK_DAPAT_DIHITUNG, None, "pagu 0", berpredikat=False)
    return capaian.Capaian(capaian.OK, value, berpredikat=False)


def _anggaran(ukuran: pengukuran.Pengukuran, end: int) -> dict:
    anggaran = ukuran.anggaran
    rows = [
        {
            "program": b.program,
            "kegiatan": b.kegiatan,
            "kode": b.sub.kode,
            "nama": b.sub.nama,
            "pagu": b.sub.pagu,
            "realisasi": b.realisasi_sampai(end),
            "serapan": _persen(b.serapan_sampai(end)),
        }
        for b in anggaran.baris
    ]
    programs: dict[str, dict] = {}
    for b in anggaran.baris:
        program = b.sub.kegiatan.program
        entry = programs.setdefault(program.kode, {"kode": program.kode, "nama": program.nama, "anggaran": Decimal(0)})
        entry["anggaran"] += b.sub.pagu
    program_rows = list(programs.values())
    berjenjang = anggaran.berjenjang(end)
    for row in berjenjang:
        row["serapan_teks"] = _persen(row["serapan"])
    return {
        "rows": rows,
        "berjenjang": berjenjang,
        "total_pagu": anggaran.total_pagu,
        "total_realisasi": anggaran.total_realisasi(end),
        "total_serapan": _persen(anggaran.total_serapan(end)),
        "per_sasaran": anggaran.per_sasaran(end),
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


def _anggaran_sasaran(ukuran: pengukuran.Pengukuran, per_sasaran: dict) -> list[dict]:
    """Budget per sasaran (shared sub kegiatan in equal shares) and what supports none: sums to the totals."""
    rows = []
    for sasaran in ukuran.sasaran:
        item = per_sasaran.get(sasaran.sasaran.pk)
        if item is not None:
            rows.append({"label": f"Sasaran {sasaran.sasaran.urutan}", "uraian": sasaran.sasaran.uraian, "item": item})
    if None in per_sasaran:
        rows.append({"label": "—", "uraian": "Tidak terkait sasaran", "item": per_sasaran[None]})
    for row in rows:
        row["serapan"] = _persen(row["item"].serapan)
    return rows


def pihak_kedua_of(signed):
    """The pihak kedua's recorded signature on a signed PK document (or None): the PK is then complete."""
    from laporan.models import TandaTanganPihakKedua

    if signed is None:
        return None
    return TandaTanganPihakKedua.objects.filter(report_id=signed.report_id).first()


def signed_pk(report: Report):
    """The signed Perjanjian Kinerja of the report's kecamatan and year (its latest revision), or None.

    The LKIP attaches it as signed (PermenPAN-RB 53/2014, Lampiran) instead of re-typing it.
    """
    from laporan.models import SignedDocument

    return (
        SignedDocument.objects.filter(
            report__kecamatan_id=report.kecamatan_id,
            report__tahun=report.tahun,
            report__kind=Report.Kind.PK,
            report__status=Report.Status.DITANDATANGANI,
        )
        .order_by("-report__revisi")
        .first()
    )


def _renstra_targets(ukuran, tahun: int) -> dict:
    """{Renstra indicator id: its target for the year} of the PK's linked indicators (one query)."""
    ids = {i.indikator.indikator_renstra_id for i in ukuran.indikator if i.indikator.indikator_renstra_id}
    if not ids:
        return {}
    return dict(TargetRenstra.objects.filter(indikator_id__in=ids, tahun=tahun).values_list("indikator_id", "nilai"))


def _kondisi_awal(ukuran) -> tuple[int | None, dict]:
    """The Renstra's kondisi awal (baseline) of the PK's linked indicators, the LKIP's earliest point of
    comparison (PermenPAN-RB 53/2014: this year against earlier years): (the baseline's year, the year before
    the Renstra period; {Renstra indicator id: value or level label}). One query."""
    ids = {i.indikator.indikator_renstra_id for i in ukuran.indikator if i.indikator.indikator_renstra_id}
    if not ids:
        return None, {}
    rows = IndikatorRenstra.objects.filter(pk__in=ids).values_list(
        "pk", "kondisi_awal", "kondisi_awal_level", "renstra__tahun_awal"
    )
    values, years = {}, set()
    for pk, nilai, level, tahun_awal in rows:
        values[pk] = level or nilai
        years.add(tahun_awal - 1)
    return (min(years) if years else None), values


@dataclass
class PerTahunRenstra:
    """One year of the Renstra period for one indicator (LKIP BAB III): the Renstra's target of that year, the
    year's realisation and the capaian against that target (kinerja.pengukuran `terhadap`, no predikat)."""

    tahun: int
    target: object  # Decimal or level label; None: the Renstra has no target that year
    realisasi: object  # Decimal or level label; None: not measured (no PK that year, or blank)
    capaian: capaian.Capaian | None  # None: the indicator was not in that year's PK


def _renstra_per_tahun(
    report: Report, ukuran: pengukuran.Pengukuran, ukuran_lalu: dict[int, pengukuran.Pengukuran]
) -> tuple[Renstra | None, list[int], dict[int, list[PerTahunRenstra]]]:
    """LKIP BAB III (PermenPAN-RB 53/2014: this year against the medium-term plan): for each indicator of the
    report's PK linked to the established Renstra covering the year, each year of the Renstra period up to the
    report's year. An earlier year's PK indicator is the same indicator when it links to the same Renstra
    indicator or to one it was copied from (a Renstra Perubahan, `IndikatorRenstra.asal`), else when its
    wording is the same. Figures from kinerja.pengukuran (`ukuran_lalu`, read once per year); 2 or 3 queries
    besides. Returns (the Renstra, its years up to the report's, {PK indicator id: rows})."""
    renstra = renstra_services.established_renstra(report.kecamatan, report.tahun)
    if renstra is None:
        return None, [], {}
    years = list(range(renstra.tahun_awal, report.tahun + 1))
    # Every revision's indicator of this period -> the indicator of the established revision it became.
    asal, current = {}, set()
    for pk_, asal_id, renstra_id in IndikatorRenstra.objects.filter(
        kecamatan_id=report.kecamatan_id, renstra__tahun_awal=renstra.tahun_awal
    ).values_list("pk", "asal_id", "renstra_id"):
        asal[pk_] = asal_id
        if renstra_id == renstra.pk:
            current.add(pk_)
    menjadi = {}
    for pk_ in current:
        step = pk_
        while step is not None and step not in menjadi:
            menjadi[step] = pk_
            step = asal.get(step)
    targets, skala_ids = {}, set()
    for row in TargetRenstra.objects.filter(indikator__renstra=renstra, tahun__in=years).select_related("indikator"):
        targets[(row.indikator_id, row.tahun)] = row.cetak
        if row.level:
            skala_ids.add(row.indikator.skala)
    levels = {}
    if skala_ids:
        levels = {
            (level.skala_id, level.label): pengukuran.Level(level.label, Decimal(level.skor))
            for level in SkalaLevel.objects.filter(skala_id__in=skala_ids)
        }
    skala_of = dict(IndikatorRenstra.objects.filter(pk__in=current, skala__isnull=False).values_list("pk", "skala"))

    def index(measured: pengukuran.Pengukuran) -> tuple[dict, dict]:
        by_renstra, by_wording = {}, {}
        for item in measured.indikator:
            linked = menjadi.get(item.indikator.indikator_renstra_id)
            if linked is not None:
                by_renstra.setdefault(linked, item)
            by_wording.setdefault(item.indikator.uraian.strip().lower(), item)
        return by_renstra, by_wording

    per_year = {year: index(ukuran_lalu[year]) for year in years if year != report.tahun and year in ukuran_lalu}
    per_year[report.tahun] = index(ukuran)
    result = {}
    for item in ukuran.indikator:
        linked = menjadi.get(item.indikator.indikator_renstra_id)
        if linked is None:
            continue
        wording = item.indikator.uraian.strip().lower()
        rows = []
        for year in years:
            by_renstra, by_wording = per_year.get(year, ({}, {}))
            found = item if year == report.tahun else by_renstra.get(linked) or by_wording.get(wording)
            target = targets.get((linked, year))
            if isinstance(target, str):
                target_ukur = levels.get((skala_of.get(linked), target))
            else:
                target_ukur = target
            rows.append(
                PerTahunRenstra(
                    tahun=year,
                    target=target,
                    realisasi=_printable(found.tahunan.realisasi) if found else None,
                    capaian=found.terhadap(target_ukur) if found else None,
                )
            )
        result[item.indikator.pk] = rows
    return renstra, years, result


def _bab_perencanaan(report: Report) -> dict:
    """LKIP BAB II: the Renstra covering the year (sasaran, indicators, this year's and the end target) and
    the pohon kinerja (kinerja/pohon.py, figures from the one read model)."""
    renstra = renstra_services.established_renstra(report.kecamatan, report.tahun)
    if renstra is None:
        return {"renstra": None}
    tree = pohon.build(None, report.kecamatan, report.tahun)
    index = renstra.tahun_list.index(report.tahun)
    tujuan_list = renstra_selectors.renstra_tree(renstra)
    for tujuan in tujuan_list:
        for sasaran in tujuan.sasaran.all():
            for ind in sasaran.indikator.all():
                ind.target_tahun_ini = ind.target_per_tahun[index]
    return {
        "renstra": renstra,
        "tujuan_list": tujuan_list,
        "pohon_svg": mark_safe(tree["svg"]),  # noqa: S308 - built from escaped text only (kinerja/pohon.py)
        # On paper: one A4 landscape page per sasaran strategis, legible (kinerja/pohon.py halaman_cetak).
        "pohon_halaman": [mark_safe(page) for page in tree["halaman_cetak"]],  # noqa: S308 - escaped text only
        "pohon_peringatan": tree["peringatan"],
    }


def _common(report: Report) -> dict:
    kecamatan = report.kecamatan
    return {
        "report": report,
        "kecamatan": kecamatan,
        "kabupaten": kecamatan.kabupaten,
        "narasi": report.narasi or {},
        "camat": camat_of(kecamatan),
        # The lambang daerah: the kabupaten's (set by its administrator), else the kecamatan's own.
        "lambang": (kecamatan.kabupaten.lambang_data_uri if kecamatan.kabupaten_id else "")
        or kecamatan.lambang_data_uri,
    }


def _build_monitoring(report: Report) -> dict:
    data = monitoring.build(report)
    return {**_common(report), "monitoring": data, "sections": monitoring.section_keys(data)}


def penanda_tangan(report: Report) -> tuple[Pegawai | None, str]:
    """Who is expected to sign a report and the title printed above the signature when it is their own
    position: the Camat of the kecamatan, or for a position's PK the holder of its superior."""
    if report.kind == Report.Kind.PK_JABATAN:
        return pk_jabatan.penanda_tangan(report)
    return camat_of(report.kecamatan), f"CAMAT {report.kecamatan.nama.upper()}"


def build(report: Report) -> dict:
    if report.kind == Report.Kind.PK_JABATAN:
        return pk_jabatan.build(report)
    if report.kind == Report.Kind.MONITORING_SOP:
        return _build_monitoring(report)
    if report.kind == Report.Kind.SKM:
        return {**_common(report), "skm": skm.build(report), "sections": skm.SECTIONS}
    if report.kind in (Report.Kind.RENSTRA, Report.Kind.IKU):
        return {**_common(report), "renstra": renstra_doc.build(report), "sections": []}
    kecamatan = report.kecamatan
    start, end = period_start(report), period_end(report)
    ukuran = pengukuran.ukur_kecamatan(kecamatan, report.tahun)
    anggaran = _anggaran(ukuran, end)
    lkip = report.kind == Report.Kind.LKIP
    ukuran_lalu = _ukur_tahun_lalu(kecamatan, report.tahun) if lkip else {}
    years, previous = _earlier_years(kecamatan, report.tahun, ukuran_lalu) if lkip else ([], {})
    renstra_periode, renstra_tahun, renstra_rows = (
        _renstra_per_tahun(report, ukuran, ukuran_lalu) if lkip else (None, [], {})
    )
    annual = report.kind in (Report.Kind.LKIP, Report.Kind.PK, Report.Kind.RENCANA_AKSI)
    anggaran_of: dict[int, list] = {}
    for b in ukuran.anggaran.baris:
        for ind_id in b.indikator_ids:
            anggaran_of.setdefault(ind_id, []).append(b)
    renstra_targets = _renstra_targets(ukuran, report.tahun)
    tahun_kondisi_awal, kondisi_awal = _kondisi_awal(ukuran) if lkip else (None, {})
    kelompok = []
    for sasaran in ukuran.sasaran:
        rows = []
        for item in sasaran.indikator:
            row = _row(item, start=start, end=end, anggaran_of=anggaran_of)
            prev = previous.get(item.indikator.uraian.strip().lower(), {})
            row.tahun_lalu = [(year, *prev.get(year, (None, None))) for year in years]
            if report.tahun - 1 in prev:
                row.realisasi_tahun_lalu, row.capaian_tahun_lalu = prev[report.tahun - 1]
            row.kondisi_awal = kondisi_awal.get(item.indikator.indikator_renstra_id)
            row.target_renstra = item.indikator.target_renstra
            row.target_renstra_tahun = renstra_targets.get(item.indikator.indikator_renstra_id)
            row.capaian_renstra_tahun = item.terhadap(row.target_renstra_tahun)
            row.capaian_renstra = item.terhadap(item.indikator.target_renstra)
            row.renstra_per_tahun = renstra_rows.get(item.indikator.pk, [])
            if row.renstra_per_tahun:
                # The year's row of the period table: the established revision's target (a level label for a
                # qualitative indicator), so both BAB III tables print the same figure.
                row.target_renstra_tahun = row.renstra_per_tahun[-1].target
                row.capaian_renstra_tahun = row.renstra_per_tahun[-1].capaian
            row.standar = item.indikator.standar_nasional
            row.sumber_standar = item.indikator.sumber_standar
            rows.append(row)
        cap = sasaran.tahunan if annual else sasaran.rentang(1, end)
        budget = anggaran["per_sasaran"].get(sasaran.sasaran.pk)
        serapan = _persen(budget.serapan) if budget and budget.pagu else None
        kelompok.append(
            KelompokSasaran(
                urutan=sasaran.sasaran.urutan,
                uraian=sasaran.sasaran.uraian,
                baris=rows,
                capaian_rata=cap,
                serapan=serapan,
                efisiensi=rules.efisiensi_teks(cap, serapan),
                narasi_key=f"analisis_sasaran_{sasaran.sasaran.urutan}",
                pendukung=sorted(budget.pendukung) if budget else [],
            )
        )
    capaian_rata = ukuran.rata_tahunan if annual else ukuran.rata(1, end)
    label_sd = pengukuran.label_rentang(1, end)
    return {
        **_common(report),
        "pk": ukuran.pk,
        "sasaran": kelompok,
        "jumlah_indikator": sum(len(k.baris) for k in kelompok),
        "capaian_rata": capaian_rata,
        "predikat_rata": capaian_rata.predikat or "—",
        # The kabupaten's predikat bands in force, as the LKIP states them (kinerja.capaian.rentang_predikat).
        "rentang_predikat": capaian.rentang_predikat(ukuran.bands),
        "efisiensi_metode": rules.EFISIENSI_METODE,
        "anggaran": anggaran,
        "anggaran_sasaran": _anggaran_sasaran(ukuran, anggaran["per_sasaran"]),
        "struktur": _struktur(kecamatan) if report.kind == Report.Kind.LKIP else [],
        "triwulan_label": [periode.tw(t) for t in range(1, 5)],
        "periode_quarters": list(range(start, end + 1)),
        "label_periode": pengukuran.label_rentang(start, end),
        "label_sd": label_sd,
        "tahun_pembanding": years,
        # The Renstra's baseline, printed before the earlier years when no earlier year already shows it.
        "tahun_kondisi_awal": tahun_kondisi_awal if tahun_kondisi_awal not in years else None,
        "renstra_periode": renstra_periode,
        "renstra_tahun": renstra_tahun,
        "pk_tertanda": (pk_tertanda := signed_pk(report) if report.kind == Report.Kind.LKIP else None),
        "pk_pihak_kedua": pihak_kedua_of(pk_tertanda),
        "end": end,
        "chart": rules.chart_svg(kelompok),
        "sections": section_keys(report, [k.urutan for k in kelompok]),
        "chapters": LKIP_CHAPTERS,
        "perencanaan": _bab_perencanaan(report) if report.kind == Report.Kind.LKIP else {"renstra": None},
        # Where the kabupaten requires the Inspektorat's review, the statement is appended to the submitted file
        # (laporan/reviu.py) and the Camat can sign only after it: the text is true of every signed copy. It
        # depends on the setting only, never on the review's progress (the submitted HTML must stay the same).
        "reviu_wajib": reviu.wajib(report),
    }
