"""Capaian (achievement) and predikat: the rules the regulations fix, in one place.

Sources:
* Positive indicator (higher is better): capaian = realisasi / target × 100
  (PermenPAN-RB 53/2014, Lampiran measurement formula).
* Negative indicator (lower is better): by default
  capaian = (2 × target − realisasi) / target × 100, floored at 0
  (PermenPAN-RB 8/2021 and most LKjIPs); some units use target / realisasi ×
  100 — a per-indicator choice (`Indikator.rumus_negatif`).
* Predikat bands (Permendagri 86/2017, table of "kriteria tingkat capaian"):
  ≥ 91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat
  Rendah. The printed bands leave gaps (90 < x < 91): we place each value in
  the band whose LOWER edge it reaches, so 90,5 is Tinggi, 75,99 Sedang,
  50,99 Sangat Rendah and 91 Sangat Tinggi. kinerja.pengukuran rounds a
  capaian to its two printed decimals before placing it, so the printed value
  and its predikat always agree. Bands are configurable per kabupaten (model KriteriaPredikat,
  read by kinerja.selectors.kriteria_predikat; `bands` argument / `berkriteria`).
* Efficiency (PermenPAN-RB 53/2014, analysis of resource efficiency):
  capaian kinerja − serapan anggaran, in percentage points; positive means the
  performance was reached with proportionally less money.

Zeros and blanks are explicit states, never a crash or a silent 0:
"belum diisi" (no value yet; 0 is a value) and "tidak dapat dihitung" (target 0
or missing, realisasi 0 under T/R) with the reason shown. The uncapped value
is kept; `nilai_dibatasi` caps at 100 for reports that ask for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sakip.formatting import format_angka

HUNDRED = Decimal(100)
ZERO = Decimal(0)

OK = "ok"
BELUM_DIISI = "belum_diisi"
TIDAK_DAPAT_DIHITUNG = "tidak_dapat_dihitung"

DEFAULT_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (Decimal("-Infinity"), "Sangat Rendah"),
)


# Value objects built by the thousand per page (one per indicator and span): slots and no frozen check, whose
# per-field object.__setattr__ made construction three times slower and was the rekap's largest Python cost
# (make bench). Nothing assigns to them after construction.
@dataclass(slots=True)
class Capaian:
    status: str
    nilai: Decimal | None = None
    alasan: str = ""
    # The kabupaten's predikat bands (None = DEFAULT_BANDS); see `berkriteria`.
    bands: tuple | None = field(default=None, compare=False, repr=False)
    # False for figures that are progress, not a capaian judged against its own target (no predikat).
    berpredikat: bool = field(default=True, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def nilai_dibatasi(self) -> Decimal | None:
        return None if self.nilai is None else min(self.nilai, HUNDRED)

    @property
    def teks(self) -> str:
        if self.status == OK:
            return f"{format_angka(self.nilai, 2)}%"
        if self.status == BELUM_DIISI:
            return "Belum diisi"
        return f"Tidak dapat dihitung: {self.alasan}" if self.alasan else "Tidak dapat dihitung"

    @property
    def predikat(self) -> str | None:
        return predikat(self.nilai, self.bands) if self.ok and self.berpredikat else None


def berkriteria(cap: Capaian, bands) -> Capaian:
    """The same capaian, judged by the given predikat bands (a kabupaten's KriteriaPredikat)."""
    return replace(cap, bands=tuple(bands) if bands else None)


def belum_diisi(alasan: str = "Realisasi belum diisi.") -> Capaian:
    return Capaian(BELUM_DIISI, None, alasan)


def rumus_teks(*, polaritas: str = "positif", rumus_negatif: str = "selisih", kualitatif: bool = False) -> str:
    """The capaian formula of an indicator in the words the documents print (the IKU and the LKIP both call
    this, with the indicator's own polarity and negative-formula fields, and `hitung_capaian` below branches
    on the same fields): the formula stated and the figure computed cannot disagree."""
    if kualitatif:
        return "Capaian = skor tingkat realisasi / skor tingkat target × 100%"
    if polaritas == "negatif":
        if rumus_negatif == "rasio":
            return "Capaian = target / realisasi × 100% (indikator negatif: makin rendah makin baik)"
        return (
            "Capaian = (2 × target − realisasi) / target × 100%, paling rendah 0% "
            "(indikator negatif: makin rendah makin baik)"
        )
    return "Capaian = realisasi / target × 100% (indikator positif: makin tinggi makin baik)"


def rentang_predikat(bands: Iterable[tuple[Decimal, str]] | None = None) -> list[str]:
    """The predikat bands in force as a document states them, highest first: "≥ 91: Sangat Tinggi",
    "76 s.d. < 91: Tinggi", …, "< 51: Sangat Rendah" (a value belongs to the band whose lower edge it
    reaches, as `predikat` places it)."""
    rows = sorted(bands or DEFAULT_BANDS, key=lambda band: band[0], reverse=True)
    result, upper = [], None
    for lower, label in rows:
        if lower == Decimal("-Infinity"):
            result.append(f"< {format_angka(upper)}: {label}" if upper is not None else f"semua nilai: {label}")
        elif upper is None:
            result.append(f"≥ {format_angka(lower)}: {label}")
        else:
            result.append(f"{format_angka(lower)} s.d. < {format_angka(upper)}: {label}")
        upper = lower
    return result


def tidak_dapat_dihitung(alasan: str) -> Capaian:
    return Capaian(TIDAK_DAPAT_DIHITUNG, None, alasan)


def hitung_capaian(*, target, realisasi, polaritas: str = "positif", rumus_negatif: str = "selisih") -> Capaian:
    """Capaian of a numeric indicator, in percent, uncapped."""
    if realisasi is None:
        return belum_diisi()
    if target is None:
        return tidak_dapat_dihitung("target belum ditetapkan")
    target, realisasi = Decimal(target), Decimal(realisasi)
    if target == 0:
        return tidak_dapat_dihitung("target 0")
    if polaritas == "negatif":
        if rumus_negatif == "rasio":
            if realisasi == 0:
                return tidak_dapat_dihitung("realisasi 0 pada rumus target/realisasi")
            return Capaian(OK, target / realisasi * HUNDRED)
        return Capaian(OK, max(ZERO, (2 * target - realisasi) / target * HUNDRED))
    return Capaian(OK, realisasi / target * HUNDRED)


def hitung_capaian_level(*, target_level, realisasi_level) -> Capaian:
    """Qualitative indicator: score of the realised level / score of the target level × 100."""
    if realisasi_level is None:
        return belum_diisi()
    if target_level is None:
        return tidak_dapat_dihitung("target belum ditetapkan")
    if Decimal(target_level.skor) == 0:
        return tidak_dapat_dihitung("skor target 0")
    return Capaian(OK, Decimal(realisasi_level.skor) / Decimal(target_level.skor) * HUNDRED)


def agregasi(nilai_per_triwulan: Sequence, cara: str):
    """Combine quarterly values (TW I first; None = not reported) by the indicator's aggregation.

    kumulatif: sum of reported quarters; akhir: the latest reported value;
    rata: mean of reported quarters. Nothing reported: None.
    """
    reported = [Decimal(v) for v in nilai_per_triwulan if v is not None]
    if not reported:
        return None
    if cara == "akhir":
        return reported[-1]
    if cara == "rata":
        return sum(reported) / len(reported)
    return sum(reported)


def target_sampai(targets_per_triwulan: Sequence, cara: str, triwulan: int):
    """Target up to and including `triwulan`, by the same aggregation as the realisations."""
    return agregasi(list(targets_per_triwulan)[:triwulan], cara)


def cek_target_triwulan(target_tahunan, targets_tw: Sequence, cara: str) -> str | None:
    """Warning (Indonesian) when the quarterly targets do not reach the annual one for that aggregation.

    Not a block: the Rencana Aksi may still be saved once a reason is recorded.
    """
    if target_tahunan is None or all(t is None for t in targets_tw):
        return None
    combined = agregasi(targets_tw, cara)
    if combined is not None and Decimal(combined) != Decimal(target_tahunan):
        label = {
            "kumulatif": "Jumlah target triwulan",
            "akhir": "Target triwulan terakhir",
            "rata": "Rata-rata target triwulan",
        }.get(cara, "Jumlah target triwulan")
        return (
            f"{label} ({format_angka(combined)}) tidak sama dengan target tahunan "
            f"({format_angka(target_tahunan)}). Isi alasannya."
        )
    return None


def predikat(nilai, bands: Iterable[tuple[Decimal, str]] | None = None) -> str | None:
    if nilai is None:
        return None
    value = Decimal(nilai)
    for lower, label in bands or DEFAULT_BANDS:
        if value >= lower:
            return label
    return None


def capaian_sasaran(capaians: Iterable[Capaian]) -> Capaian:
    """Capaian of a sasaran = the mean of its indicators' capaian that can be computed."""
    items = list(capaians)
    usable = [c.nilai for c in items if c.ok]
    if usable:
        return Capaian(OK, sum(usable) / len(usable))
    if not items or all(c.status == BELUM_DIISI for c in items):
        return belum_diisi("Belum ada realisasi indikator.")
    return tidak_dapat_dihitung("tidak ada indikator yang capaiannya dapat dihitung")


def serapan(realisasi, pagu) -> Decimal | None:
    """Budget absorption in percent of the pagu; None when nothing is known or the pagu is 0."""
    if realisasi is None or pagu is None or Decimal(pagu) == 0:
        return None
    return Decimal(realisasi) / Decimal(pagu) * HUNDRED


def efisiensi(capaian_kinerja, serapan_anggaran) -> Decimal | None:
    """Capaian kinerja − serapan anggaran, in percentage points (see the module docstring)."""
    if capaian_kinerja is None or serapan_anggaran is None:
        return None
    return Decimal(capaian_kinerja) - Decimal(serapan_anggaran)
