"""Read-side queries of performance data shared by views; constant query counts."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from kinerja import capaian
from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    Kegiatan,
    KriteriaPredikat,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
    Triwulan,
)
from sakip import permissions


@dataclass
class EntryRow:
    indikator: Indikator
    target_tw: object
    earlier: list  # Realisasi | None for each earlier quarter
    current: Realisasi | None
    capaian_tw: capaian.Capaian
    capaian_kumulatif: capaian.Capaian
    editable: bool
    bukti: list = field(default_factory=list)


def kriteria_predikat(kabupaten_id: int | None) -> tuple:
    """The kabupaten's predikat bands, highest first; the regulation's defaults when it set none."""
    rows = KriteriaPredikat.objects.filter(kabupaten_id=kabupaten_id).values_list("batas_bawah", "predikat")
    return tuple(rows) or capaian.DEFAULT_BANDS


def kriteria_predikat_map(kabupaten_ids) -> dict:
    """{kabupaten id: bands} for several kabupaten in one query (defaults where none are set)."""
    found: dict[int, list] = {}
    for kab_id, batas, label in KriteriaPredikat.objects.filter(kabupaten_id__in=kabupaten_ids).values_list(
        "kabupaten_id", "batas_bawah", "predikat"
    ):
        found.setdefault(kab_id, []).append((batas, label))
    return {kab_id: tuple(found.get(kab_id, ())) or capaian.DEFAULT_BANDS for kab_id in kabupaten_ids}


def quarters_of(user, kecamatan, tahun: int | None = None):
    qs = permissions.scope(user, Triwulan.objects.filter(kecamatan=kecamatan))
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "-triwulan")


def entry_rows(user, quarter: Triwulan, only_mine: bool) -> list[EntryRow]:
    """The indicators of the quarter's kecamatan and year, with targets, earlier values and capaian.

    `only_mine`: limit to indicators the user answers for. Costs a constant
    number of queries whatever the number of indicators.
    """
    # Prefetches go into plain lists (to_attr): a related manager's .all() builds a queryset per call,
    # which measured as the largest cost of this page at 40 indicators (tests/bench/bench_load.py).
    realisasi = (
        Realisasi.objects.filter(triwulan__lte=quarter.triwulan)
        .select_related("diisi_oleh", "nilai_level")
        .prefetch_related(Prefetch("bukti", to_attr="bukti_list"))
    )
    indicators = list(
        permissions.scope(user, Indikator.objects.filter(kecamatan=quarter.kecamatan, tahun=quarter.tahun))
        .exclude(sasaran__perjanjian__status="digantikan")
        .select_related("sasaran", "penanggung_jawab", "skala", "target_level")
        .prefetch_related(
            "skala__levels",
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.order_by("triwulan"), to_attr="ra_list"),
            Prefetch("realisasi", queryset=realisasi, to_attr="real_list"),
        )
        .order_by("sasaran__urutan", "urutan")
    )
    bands = kriteria_predikat(quarter.kecamatan.kabupaten_id)
    rows = []
    for ind in indicators:
        unit_id = ind.penanggung_jawab.unit_id if ind.penanggung_jawab_id else None
        editable = quarter.status == Triwulan.Status.DRAFT and permissions.user_can_enter_realisasi(user, ind, unit_id)
        if only_mine and not permissions.user_can_enter_realisasi(user, ind, unit_id):
            continue
        by_tw = {r.triwulan: r for r in ind.real_list}
        targets = {ra.triwulan: ra.target for ra in ind.ra_list}
        current = by_tw.get(quarter.triwulan)
        values = [by_tw[t].nilai if t in by_tw else None for t in range(1, quarter.triwulan + 1)]
        target_tw = targets.get(quarter.triwulan)
        if ind.kualitatif:
            # Qualitative: the latest reported level against the annual target level.
            level = current.nilai_level if current else None
            capaian_tw = capaian.hitung_capaian_level(target_level=ind.target_level, realisasi_level=level)
            capaian_kumulatif = capaian_tw
        else:
            capaian_tw = capaian.hitung_capaian(
                target=target_tw,
                realisasi=current.nilai if current else None,
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
            )
            capaian_kumulatif = capaian.hitung_capaian(
                target=ind.target_tahunan,
                realisasi=capaian.agregasi(values, ind.agregasi),
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
            )
        rows.append(
            EntryRow(
                indikator=ind,
                target_tw=target_tw,
                earlier=[by_tw.get(t) for t in range(1, quarter.triwulan)],
                current=current,
                capaian_tw=capaian.berkriteria(capaian_tw, bands),
                capaian_kumulatif=capaian.berkriteria(capaian_kumulatif, bands),
                editable=editable,
                bukti=current.bukti_list if current else [],
            )
        )
    return rows


def empty_count(quarter: Triwulan) -> int:
    """Indicators of the quarter with no value yet (used by the isi_realisasi action)."""
    total = Indikator.objects.filter(kecamatan=quarter.kecamatan, tahun=quarter.tahun).exclude(
        sasaran__perjanjian__status="digantikan"
    )
    filled = Realisasi.objects.filter(indikator__in=total, triwulan=quarter.triwulan).exclude(
        nilai__isnull=True, nilai_level__isnull=True
    )
    return total.count() - filled.count()


# --- The year's setup (PK, Rencana Aksi, budget): constant queries per page. ---


def pk_revisions(user, kecamatan, tahun: int):
    """Every revision of the year's PK, newest first (the PK awal and its PK Perubahan)."""
    return (
        permissions.scope(user, PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun))
        .select_related("pihak_pertama")
        .order_by("-revisi")
    )


def pk_sasaran(pk: PerjanjianKinerja) -> list[Sasaran]:
    """Sasaran of a PK with their indicators, Rencana Aksi and who answers for each."""
    return list(
        pk.sasaran.order_by("urutan").prefetch_related(
            Prefetch(
                "indikator",
                queryset=Indikator.objects.select_related("penanggung_jawab", "skala", "target_level")
                .prefetch_related(
                    Prefetch(
                        "rencana_aksi",
                        queryset=RencanaAksi.objects.select_related("target_level").order_by("triwulan"),
                    ),
                    "skala__levels",
                )
                .order_by("urutan"),
            )
        )
    )


def anggaran_tree(user, kecamatan, tahun: int) -> list[Program]:
    """Programs > kegiatan > sub kegiatan of the year with their quarterly budget rows."""
    return list(
        permissions.scope(user, Program.objects.filter(kecamatan=kecamatan, tahun=tahun))
        .order_by("kode")
        .prefetch_related(
            Prefetch(
                "kegiatan",
                queryset=Kegiatan.objects.order_by("kode").prefetch_related(
                    Prefetch(
                        "sub_kegiatan",
                        queryset=SubKegiatan.objects.order_by("kode").prefetch_related(
                            Prefetch("anggaran", queryset=AnggaranTriwulan.objects.order_by("triwulan")),
                            Prefetch("indikator", queryset=Indikator.objects.only("id", "uraian")),
                        ),
                    )
                ),
            )
        )
    )


@dataclass
class AnggaranRow:
    """One sub-activity of the budget table, with its program and kegiatan for grouping."""

    program: Program
    kegiatan: Kegiatan
    sub: SubKegiatan
    rencana: list  # Decimal | None per quarter
    realisasi: list
    total_realisasi: object
    serapan: object
    # Set by select_quarter() for a quarter's entry page.
    value: object = None
    planned: object = None
    typed: str | None = None
    error: str = ""

    @property
    def pairs(self) -> list[tuple]:
        return list(zip(self.rencana, self.realisasi, strict=True))

    def select_quarter(self, triwulan: int, typed: str | None, error: str) -> None:
        self.value, self.planned = self.realisasi[triwulan - 1], self.rencana[triwulan - 1]
        self.typed, self.error = typed, error


def anggaran_rows(programs: list[Program]) -> list[AnggaranRow]:
    rows = []
    for program in programs:
        for kegiatan in program.kegiatan.all():
            for sub in kegiatan.sub_kegiatan.all():
                by_tw = {a.triwulan: a for a in sub.anggaran.all()}
                realisasi = [by_tw[tw].realisasi if tw in by_tw else None for tw in (1, 2, 3, 4)]
                known = [r for r in realisasi if r is not None]
                total = sum(known) if known else None
                rows.append(
                    AnggaranRow(
                        program=program,
                        kegiatan=kegiatan,
                        sub=sub,
                        rencana=[by_tw[tw].rencana if tw in by_tw else None for tw in (1, 2, 3, 4)],
                        realisasi=realisasi,
                        total_realisasi=total,
                        serapan=capaian.serapan(total, sub.pagu),
                    )
                )
    return rows


def quarter_realisasi(user, quarter: Triwulan, indikator_ids) -> list[Realisasi]:
    """The stored realisations of some indicators in a quarter (for comparing an upload against)."""
    return list(
        permissions.scope(user, Realisasi.objects.filter(kecamatan=quarter.kecamatan, triwulan=quarter.triwulan))
        .filter(indikator_id__in=indikator_ids)
        .select_related("nilai_level")
    )
