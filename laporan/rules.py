"""The capaian rules as the reports print them.

The rules belong to kinerja.capaian (capaian formulas, explicit "belum diisi"
and "tidak dapat dihitung" states, aggregation, predikat bands). This module
only adapts them for documents: values are rounded to the two decimals a
report prints, and predikat is taken from that printed value, so a document
never shows "91,00%" next to "Tinggi".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from kinerja import capaian as kinerja_capaian
from sakip.formatting import format_angka

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Capaian:
    status: str  # "ok" | "belum_diisi" | "tidak_dapat_dihitung"
    nilai: Decimal | None  # uncapped percentage, two decimals
    alasan: str = ""

    @property
    def teks(self) -> str:
        if self.status == "ok":
            return f"{format_angka(self.nilai, 2)}%"
        if self.status == "belum_diisi":
            return "Belum diisi"
        return f"Tidak dapat dihitung ({self.alasan})" if self.alasan else "Tidak dapat dihitung"

    @property
    def nilai_dibatasi(self) -> Decimal | None:
        return None if self.nilai is None else min(self.nilai, HUNDRED)


BELUM = Capaian("belum_diisi", None, "Realisasi belum diisi.")


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _wrap(result) -> Capaian:
    nilai = _q(result.nilai) if result.nilai is not None else None
    return Capaian(result.status, nilai, result.alasan or "")


def capaian(target, realisasi, polaritas: str, rumus_negatif: str) -> Capaian:
    return _wrap(
        kinerja_capaian.hitung_capaian(
            target=target, realisasi=realisasi, polaritas=polaritas, rumus_negatif=rumus_negatif
        )
    )


def capaian_level(target_level, realisasi_level) -> Capaian:
    return _wrap(kinerja_capaian.hitung_capaian_level(target_level=target_level, realisasi_level=realisasi_level))


def aggregate(values: list, cara: str):
    """Quarterly values to one (kumulatif, akhir, rata); None when none is filled."""
    return kinerja_capaian.agregasi(values, cara)


def rata_rata(items: list[Capaian]) -> Capaian:
    """The capaian of a sasaran (or of the whole report): mean of its computable indicators."""
    if not items:
        return BELUM
    return _wrap(kinerja_capaian.capaian_sasaran([kinerja_capaian.Capaian(c.status, c.nilai, c.alasan) for c in items]))


def predikat(cap: Capaian | None, bands=None) -> str:
    """Predikat of the printed capaian by the kabupaten's bands (kinerja.selectors.kriteria_predikat)."""
    if cap is None or cap.status != "ok":
        return "—"
    return kinerja_capaian.predikat(cap.nilai, bands) or "—"


def serapan(realisasi, pagu) -> Capaian:
    if realisasi is None:
        return BELUM
    nilai = kinerja_capaian.serapan(realisasi, pagu)
    if nilai is None:
        return Capaian("tidak_dapat_dihitung", None, "pagu 0")
    return Capaian("ok", _q(nilai))


def efisiensi_teks(cap: Capaian, serapan_: Capaian | None) -> str:
    """Capaian kinerja set against budget absorption (kinerja.capaian.efisiensi: the difference in points)."""
    if serapan_ is None or serapan_.status != "ok" or cap.status != "ok":
        return "Tidak dapat dinilai (data capaian atau anggaran belum lengkap)."
    selisih = _q(kinerja_capaian.efisiensi(cap.nilai, serapan_.nilai))
    verdict = "Efisien" if selisih >= 0 else "Kurang efisien"
    sign = "+" if selisih >= 0 else "−"
    return (
        f"{verdict}: capaian {cap.teks} dengan serapan anggaran {serapan_.teks} "
        f"(selisih {sign}{format_angka(abs(selisih), 2)} poin persentase)."
    )


def chart_svg(kelompok) -> str:
    """A horizontal bar chart (SVG) of the average capaian of each sasaran, capped at 120% for drawing."""
    rows = [(f"Sasaran {k.urutan}", k.capaian_rata) for k in kelompok]
    if not rows:
        return ""
    bar_h, gap, left, width = 18, 8, 90, 360
    height = len(rows) * (bar_h + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" '
        f'viewBox="0 0 {left + width + 70} {height}" role="img" aria-label="Capaian per sasaran">'
    ]
    scale = width / 120
    x100 = left + 100 * scale
    for i, (label, cap) in enumerate(rows):
        y = 10 + i * (bar_h + gap)
        value = min(cap.nilai, Decimal(120)) if cap.status == "ok" else Decimal(0)
        parts.append(f'<text x="0" y="{y + 13}" font-size="11">{escape(label)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y}" width="{float(value) * scale:.1f}" height="{bar_h}" fill="#1f5f8b"></rect>'
        )
        parts.append(
            f'<text x="{left + float(value) * scale + 4:.1f}" y="{y + 13}" font-size="11">{escape(cap.teks)}</text>'
        )
    parts.append(
        f'<line x1="{x100:.1f}" y1="4" x2="{x100:.1f}" y2="{height - 16}" stroke="#b00" stroke-dasharray="3,2"></line>'
    )
    parts.append(f'<text x="{x100 - 12:.1f}" y="{height - 4}" font-size="10">100%</text>')
    parts.append("</svg>")
    return "".join(parts)
