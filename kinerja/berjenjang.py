"""PK berjenjang (cascading Perjanjian Kinerja): the rules that tie a position's PK to the Camat's.

Source: PermenPAN-RB 53/2014 (Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu
atas Laporan Kinerja Instansi Pemerintah), Bab II: a Perjanjian Kinerja is made at every level of the
organisation — the head of the office with the regional head, and each eselon III and IV official with
their superior — and the indicators of each level are cascaded from those of the level above, so that the
lower level's performance supports (mendukung) the upper level's.

In this app:

* A cascading PK (`PerjanjianKinerja.jabatan` set) belongs to one position of the kecamatan (Sekretaris,
  a Kasubbag, a Kasi or Kabid); pihak kedua is its superior (`ATASAN`: the Camat for the Sekretaris, a
  Kasi and a Kabid; the Sekretaris for a Kasubbag). It is drafted by the PK's composers
  (`kinerja.edit_pk`) and established by its pihak pertama, the holder of the position (password again).
* Each of its indicators supports one indicator of the Camat's current PK of the same year
  (`Indikator.mendukung`, checked by kinerja.services.perencanaan). Its realisations are entered by the
  holder of the position (sakip.permissions.user_can_enter_realisasi) and belong to the kecamatan's
  quarter: the same submit / verify / approve / lock cycle (kinerja.services.triwulan, kinerja.locks).
* The Camat's indicator may be declared computed from its supporting indicators
  (`Indikator.hitung_dari_pendukung`): its realisation of each quarter is then not entered but computed
  here, inside the read model (kinerja.pengukuran hands its figures over once per loader: `Pendukung.terapkan`
  in `ukur_kecamatan`, `Pendukung.ganti` for the rekap's value tuples), by `nilai_triwulan`:

  - a quarter is computed only when every supporting indicator has reported it: a value, or a declared
    "tidak ada kegiatan" with its reason. While one is blank the parent's quarter is "belum diisi" — so
    the quarter gate (kinerja.gates, "every indicator has a value") cannot let an empty supporting
    indicator of a computed parent through: the parent is empty with it, and the gate names the child;
  - jumlah: the sum of the supporting values; rata: their mean (two decimals, as kinerja.pengukuran
    rounds a mean); terakhir: the value of the last supporting indicator in the order they are listed
    (position, sasaran, number) that has one. Declared "tidak ada kegiatan" ones are left out; when every
    one is declared, the parent's quarter is "tidak ada kegiatan" too.
* Because the parent's figures follow its children, the set of supporting indicators of a computed
  indicator and its aggregation change only while no quarter of the year has left draft
  (`alasan_susunan_terkunci`): an approved or signed figure never moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kinerja import capaian as rumus
from kinerja.models import Indikator, PerjanjianKinerja, Triwulan
from sakip import periode
from sakip.roles import Role

TANPA = "tanpa"  # a supporting indicator's quarter declared "tidak ada kegiatan"
CARA_AGREGASI = {"jumlah": "kumulatif", "rata": "rata", "terakhir": "akhir"}
# Positions that have a cascading PK, and the role of their superior (pihak kedua).
ATASAN = {
    Role.SEKRETARIS: Role.CAMAT,
    Role.KASUBBAG_PERENCANAAN: Role.SEKRETARIS,
    Role.KASUBBAG_UMUM: Role.SEKRETARIS,
    Role.KASI: Role.CAMAT,
    Role.KABID: Role.CAMAT,
}
# The order supporting indicators are listed in (and "terakhir" takes the last of).
URUTAN = ("pk_jabatan__nama", "pk_jabatan_id", "sasaran__urutan", "urutan", "pk")


def nilai_triwulan(cara: str, isian: list):
    """A computed parent's quarter from its supporting indicators' quarter (see the module docstring).

    `isian`: per supporting indicator, in listed order, a Decimal, None (blank) or TANPA. Returns a
    Decimal, None ("belum diisi") or TANPA.
    """
    if not isian or any(v is None for v in isian):
        return None
    values = [v for v in isian if v is not TANPA]
    if not values:
        return TANPA
    result = rumus.agregasi(values, CARA_AGREGASI[cara])
    if cara == "rata":
        result = Decimal(result).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return result


@dataclass
class Anak:
    """One supporting indicator of a computed parent, with its quarters (value, TANPA or absent = blank)."""

    indikator_id: int
    label: str
    isian: dict = field(default_factory=dict)


@dataclass
class Dihitung:
    """The computed realisation of one Camat's indicator, per quarter."""

    cara: str
    anak: list[Anak]
    values: dict = field(default_factory=dict)  # {tw: Decimal}
    tanpa: dict = field(default_factory=dict)  # {tw: reason}: every supporting indicator declared no activity

    @property
    def jumlah(self) -> int:
        return len(self.anak)

    def kosong(self, tw: int) -> list[str]:
        """The supporting indicators with nothing reported in TW tw (what the quarter gate names)."""
        return [a.label for a in self.anak if tw not in a.isian]


def _hitung(cara: str, anak: list[Anak]) -> Dihitung:
    hasil = Dihitung(cara, anak)
    for tw in (1, 2, 3, 4):
        value = nilai_triwulan(cara, [a.isian.get(tw) for a in anak])
        if value is TANPA:
            hasil.tanpa[tw] = "semua indikator pendukung menyatakan tidak ada kegiatan"
        elif value is not None:
            hasil.values[tw] = value
    return hasil


def _pendukung_rows(kecamatan_ids, tahun: int):
    """Supporting indicators of computed parents with their realisations: one query (left join)."""
    return (
        Indikator.objects.filter(
            kecamatan_id__in=kecamatan_ids, tahun=tahun, mendukung__isnull=False, skala__isnull=True
        )
        .exclude(sasaran__perjanjian__status=PerjanjianKinerja.Status.DIGANTIKAN)
        .exclude(mendukung__hitung_dari_pendukung="")
        .order_by(*URUTAN, "realisasi__triwulan")
        .values_list(
            "pk",
            "mendukung_id",
            "mendukung__hitung_dari_pendukung",
            "uraian",
            "pk_jabatan__nama",
            "realisasi__triwulan",
            "realisasi__nilai",
            "realisasi__tidak_ada_kegiatan",
            "realisasi__alasan_tidak_ada_kegiatan",
        )
    )


class Pendukung:
    """The computed parents of some kecamatan-year, read lazily: no query until a computed one is asked."""

    def __init__(self, kecamatan_ids, tahun: int):
        self.kecamatan_ids, self.tahun = list(kecamatan_ids), tahun
        self._hasil: dict[int, Dihitung] | None = None

    def semua(self) -> dict[int, Dihitung]:
        """{parent indicator id: Dihitung} (one query, the first time)."""
        if self._hasil is None:
            anak: dict[int, dict[int, Anak]] = {}
            cara: dict[int, str] = {}
            for ind_id, parent_id, how, uraian, jabatan, tw, nilai, tanpa, alasan in _pendukung_rows(
                self.kecamatan_ids, self.tahun
            ):
                cara[parent_id] = how
                child = anak.setdefault(parent_id, {}).setdefault(ind_id, Anak(ind_id, f"{uraian} ({jabatan})"))
                if tw is None:
                    continue
                if nilai is not None:
                    child.isian[tw] = nilai
                elif tanpa and (alasan or "").strip():
                    child.isian[tw] = TANPA
            self._hasil = {pid: _hitung(cara[pid], list(children.values())) for pid, children in anak.items()}
        return self._hasil

    def terapkan(self, ukuran_list) -> None:
        """Give each computed indicator's figures (kinerja.pengukuran.Ukuran, before any span is read) the
        quarters computed from its supporting indicators. No query when none of them is computed."""
        for ukuran in ukuran_list:
            dihitung = self.untuk(ukuran.indikator)
            if dihitung is not None:
                ukuran.values, ukuran.tanpa_kegiatan = dict(dihitung.values), dict(dihitung.tanpa)

    def ganti(self, values: dict, tanpa: dict, dihitung_ids) -> None:
        """The same for value tuples by indicator id ({id: {tw: value}}, {id: {tw: reason}}) of the computed
        indicators `dihitung_ids` (read by the caller with its indicators): one query, none when there is no
        computed indicator (those without any supporting one are blank, as `untuk` makes them)."""
        if not dihitung_ids:
            return
        hasil = self.semua()
        for ind_id in dihitung_ids:
            dihitung = hasil.get(ind_id)
            values[ind_id] = dict(dihitung.values) if dihitung else {}
            tanpa[ind_id] = dict(dihitung.tanpa) if dihitung else {}

    def untuk(self, indikator) -> Dihitung | None:
        """The computed realisation of a Camat's indicator; None when it is entered on its own. A computed
        indicator without supporting indicators gets an empty result: every quarter "belum diisi"."""
        if not getattr(indikator, "hitung_dari_pendukung", ""):
            return None
        return self.semua().get(indikator.pk) or Dihitung(indikator.hitung_dari_pendukung, [])


def alasan_susunan_terkunci(kecamatan_id: int, tahun: int) -> str:
    """Why the supporting indicators of a computed indicator (or its aggregation) cannot change now ("": they
    can): a quarter of the year has left draft, and its figures must not move."""
    closed = list(
        Triwulan.objects.filter(kecamatan_id=kecamatan_id, tahun=tahun)
        .exclude(status=Triwulan.Status.DRAFT)
        .order_by("triwulan")
        .values_list("triwulan", flat=True)
    )
    if not closed:
        return ""
    names = ", ".join(periode.tw(t) for t in closed)
    return (
        f"Data {names} {tahun} sudah diajukan atau disetujui; indikator pendukung dan cara perhitungan indikator "
        "yang dihitung dari indikator pendukung tidak dapat diubah agar angka yang sudah diajukan tidak berubah."
    )


def atasan_role(jabatan) -> str | None:
    """The role of a cascading PK's pihak kedua (None: the position has no cascading PK)."""
    return ATASAN.get(jabatan.role)
