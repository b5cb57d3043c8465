"""Read-side queries of performance data shared by views; constant query counts."""

import functools
from dataclasses import dataclass

from django.db.models import Prefetch

from kinerja import berjenjang, pengukuran, sumber_data
from kinerja.models import (
    AnggaranTriwulan,
    ImporSipd,
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
from sakip import permissions


@dataclass
class EntryRow:
    """One indicator of the entry page; every figure comes from kinerja.pengukuran."""

    ukur: pengukuran.IndikatorUkur
    triwulan: int
    editable: bool
    # The app's proposal for an indicator computed from its records (kinerja.sumber_data), in a draft quarter.
    usulan: sumber_data.Usulan | None = None
    dihitung: bool = False
    # A Camat's indicator computed from its supporting indicators (kinerja.berjenjang): shown read-only.
    pendukung: berjenjang.Dihitung | None = None
    # An indicator of the user's own cascading PK: "PK Kepala Seksi …, mendukung 2.1 …".
    berjenjang: str = ""

    @property
    def keputusan_usulan(self) -> str:
        """Who confirmed or replaced the stored proposal, when, and why (blank for manual entries)."""
        return sumber_data.keterangan_keputusan(self.current)

    @property
    def indikator(self) -> Indikator:
        return self.ukur.indikator

    @property
    def kode(self) -> str:
        """The indicator's id as text for the form's field names: printing a number localizes it, a cost
        paid twenty times per row (make bench)."""
        return str(self.ukur.indikator.pk)

    @property
    def current(self) -> Realisasi | None:
        return self.ukur.realisasi.get(self.triwulan)

    @property
    def isian(self) -> Realisasi:
        """What the template prints of the stored value: the row, or a blank one (every field at its default,
        never saved) — a template lookup on None raises and catches an exception per field, which was a large
        share of the entry page's time with an empty quarter (make bench)."""
        return self.current or _kosong()

    @property
    def earlier(self) -> list[tuple[str, object]]:
        """(label, value) of the earlier quarters, values as the figures read them (number, level or None)."""
        return [(pengukuran.label_tw(t), self.ukur.ukuran.values.get(t)) for t in range(1, self.triwulan)]

    @property
    def bukti(self) -> list:
        return self.current.bukti_list if self.current else []

    @property
    def angka_tw(self) -> pengukuran.Angka:
        return self.ukur.triwulan(self.triwulan)

    @property
    def angka_sd(self) -> pengukuran.Angka:
        return self.ukur.sampai(self.triwulan)

    @property
    def progres(self) -> pengukuran.Angka:
        return self.ukur.progres(self.triwulan)


@functools.cache
def _kosong() -> Realisasi:
    return Realisasi()


class Galat(dict):
    """A row's field errors for the template: a field without an error reads as "" (no lookup failure)."""

    def __missing__(self, key):
        return ""


kriteria_predikat = pengukuran.kriteria_predikat
kriteria_predikat_map = pengukuran.kriteria_predikat_map


def quarters_of(user, kecamatan, tahun: int | None = None):
    qs = permissions.scope(user, Triwulan.objects.filter(kecamatan=kecamatan))
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "-triwulan")


def entry_rows(user, quarter: Triwulan, only_mine: bool, *, berjenjang_sendiri: bool = True) -> list[EntryRow]:
    """The indicators of the quarter's kecamatan and year with their figures (kinerja.pengukuran).

    `only_mine`: limit to indicators the user answers for; `berjenjang_sendiri`: after the Camat's PK, the
    indicators of the user's own cascading PK (the entry page; the quarter page shows the Camat's PK only).
    Costs a constant number of queries whatever the number of indicators.
    """
    ukuran = pengukuran.ukur_kecamatan(quarter.kecamatan, quarter.tahun, user=user, isian=quarter.triwulan)
    # Proposals are computed for a draft quarter only (constant queries); a decided one is stored. The
    # indicators with a source came with their figures: no query when there is none.
    bersumber = [item.indikator.pk for item in ukuran.indikator if _has_source(item.indikator)]
    usulan = (
        sumber_data.usulan_kecamatan(
            quarter.kecamatan, quarter.tahun, quarter.triwulan, user=user, indikator_ids=bersumber
        )
        if quarter.status == Triwulan.Status.DRAFT and bersumber
        else {}
    )
    pendukung = ukuran.pendukung  # read once by ukur_kecamatan (kinerja.berjenjang)
    # Who may enter which row: one answer for every row from the person's holdings (sakip.permissions), not
    # one permission call per row.
    boleh = permissions.indikator_dapat_diisi(
        user,
        (
            (item.indikator, item.indikator.penanggung_jawab.unit_id if item.indikator.penanggung_jawab_id else None)
            for item in ukuran.indikator
        ),
    )
    rows = []
    for item in ukuran.indikator:
        ind = item.indikator
        may_enter = ind.pk in boleh
        dihitung = pendukung.untuk(ind)
        if only_mine and not may_enter:
            continue
        editable = quarter.status == Triwulan.Status.DRAFT and may_enter
        rows.append(
            EntryRow(
                ukur=item,
                triwulan=quarter.triwulan,
                editable=editable,
                usulan=usulan.get(ind.pk),
                dihitung=ind.pk in usulan or _has_source(ind),
                pendukung=dihitung,
            )
        )
    # Staff see the indicators of their own cascading PK (PK berjenjang), entered by them.
    held = [
        h.position_id
        for h in permissions.holdings(user)
        if h.kecamatan_id == quarter.kecamatan_id and h.role in berjenjang.ATASAN
    ]
    if held and berjenjang_sendiri:
        nomor = {item.indikator.pk: item.nomor for item in ukuran.indikator}
        sendiri = ukur_berjenjang(quarter.kecamatan, quarter.tahun, ukuran, jabatan_ids=held, isian=quarter.triwulan)
        boleh = permissions.indikator_dapat_diisi(user, ((item.indikator, None) for item in sendiri))
        for item in sendiri:
            ind = item.indikator
            may_enter = ind.pk in boleh
            parent = f"mendukung {nomor.get(ind.mendukung_id, '')} {ind.mendukung.uraian}" if ind.mendukung else ""
            rows.append(
                EntryRow(
                    ukur=item,
                    triwulan=quarter.triwulan,
                    editable=quarter.status == Triwulan.Status.DRAFT and may_enter,
                    berjenjang=f"PK {ind.pk_jabatan.nama}" + (f", {parent}" if parent else ""),
                )
            )
    return rows


def ukur_berjenjang(
    kecamatan, tahun: int, ukuran: pengukuran.Pengukuran, *, jabatan_ids=None, isian: int | None = None
) -> list[pengukuran.IndikatorUkur]:
    """The indicators of the year's current cascading PKs (all, or of `jabatan_ids`) with their figures from
    kinerja.pengukuran (the same rules as the Camat's; quarter statuses and predikat bands of the
    kecamatan's `ukuran`; `isian` as in pengukuran.ukur_kecamatan). Constant queries; ordered as
    kinerja.berjenjang lists supporting indicators."""
    indicators = (
        pengukuran.indikator_queryset(baris=False, isian=isian)
        .filter(kecamatan=kecamatan, tahun=tahun, pk_jabatan__isnull=False)
        .exclude(sasaran__perjanjian__status=PerjanjianKinerja.Status.DIGANTIKAN)
        .select_related("sasaran", "pk_jabatan", "mendukung")
        .order_by(*berjenjang.URUTAN)
    )
    if jabatan_ids is not None:
        indicators = indicators.filter(pk_jabatan_id__in=jabatan_ids)
    return pengukuran.ukur_list(indicators, ukuran.statuses, ukuran.bands, baris=False, isian=isian)


def _has_source(ind: Indikator) -> bool:
    try:
        return ind.sumber_hitung is not None
    except Indikator.sumber_hitung.RelatedObjectDoesNotExist:
        return False


# --- The year's setup (PK, Rencana Aksi, budget): constant queries per page. ---


def pk_revisions(user, kecamatan, tahun: int, jabatan=None):
    """Every revision of the year's PK, newest first (the PK awal and its PK Perubahan): the Camat's, or the
    cascading PK of `jabatan`."""
    qs = PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)
    qs = qs.milik_camat() if jabatan is None else qs.filter(jabatan=jabatan)
    return permissions.scope(user, qs).select_related("pihak_pertama").order_by("-revisi")


@dataclass
class PkBerjenjang:
    jabatan: object
    pk: PerjanjianKinerja | None
    jumlah_indikator: int = 0


def pk_berjenjang_list(user, kecamatan, tahun: int) -> list[PkBerjenjang]:
    """The positions of the kecamatan that have a cascading PK (kinerja.berjenjang.ATASAN) with their current
    PK of the year, if any (2 queries)."""
    from django.db.models import Count

    from sakip.models import Position

    positions = Position.objects.filter(kecamatan=kecamatan, role__in=list(berjenjang.ATASAN)).order_by("nama")
    current = {
        pk.jabatan_id: pk
        for pk in permissions.scope(
            user,
            PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jabatan__isnull=False).exclude(
                status=PerjanjianKinerja.Status.DIGANTIKAN
            ),
        ).annotate(jumlah=Count("sasaran__indikator"))
    }
    return [PkBerjenjang(p, current.get(p.pk), current[p.pk].jumlah if p.pk in current else 0) for p in positions]


def pk_sasaran(pk: PerjanjianKinerja) -> list[Sasaran]:
    """Sasaran of a PK with their indicators, Rencana Aksi and who answers for each."""
    return list(
        pk.sasaran.order_by("urutan").prefetch_related(
            Prefetch(
                "indikator",
                queryset=Indikator.objects.select_related(
                    "penanggung_jawab", "skala", "target_level", "sumber_hitung", "mendukung__sasaran"
                )
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
                        serapan=pengukuran.serapan(total, sub.pagu),
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


def pilihan_sumber(user, kecamatan) -> tuple[list, list]:
    """Choices for an indicator's data source: the kecamatan's SOPs in force and its services (2 queries)."""
    from layanan.selectors import layanan_kecamatan
    from sop.models import SopRevision

    revisions = permissions.scope(
        user,
        SopRevision.objects.filter(sop__kecamatan=kecamatan, status=SopRevision.Status.EFFECTIVE),
        field="sop__kecamatan",
    ).order_by("nama", "pk")
    sops = [(r.sop_id, f"{r.nama}" + (f" (Nomor {r.nomor})" if r.nomor else "")) for r in revisions]
    services = [
        (lay.pk, lay.nama + ("" if lay.aktif else " (tidak aktif)")) for lay in layanan_kecamatan(user, kecamatan)
    ]
    return sops, services


def impor_sipd(kecamatan, tahun: int):
    """The kecamatan's SIPD uploads of a year, newest first, with who uploaded and decided (one query)."""
    return list(
        ImporSipd.objects.filter(kecamatan=kecamatan, tahun=tahun)
        .select_related("diunggah_oleh", "diputus_oleh")
        .defer("isi")[:20]
    )
