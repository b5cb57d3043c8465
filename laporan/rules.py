"""The capaian rules as the reports use them.

The rules themselves belong to kinerja.capaian (DESIGN.md: capaian for a
positive indicator = R/T x 100; negative: (2T - R)/T x 100 floored at 0, or
T/R x 100; explicit states "belum diisi" and "tidak dapat dihitung"; predikat
bands of Permendagri 86/2017). When that module is installed it is used;
until then this module applies the same published formulas, so a report never
shows a number the data does not support.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from sakip.formatting import format_angka

try:  # pragma: no cover - depends on which kinerja version is installed
    from kinerja import capaian as _kinerja_capaian
except ImportError:  # pragma: no cover
    _kinerja_capaian = None

HUNDRED = Decimal(100)
PREDIKAT_BANDS = [
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
]


@dataclass(frozen=True)
class Capaian:
    status: str  # "ok" | "belum_diisi" | "tidak_dapat_dihitung"
    nilai: Decimal | None  # uncapped percentage
    alasan: str = ""

    @property
    def teks(self) -> str:
        if self.status == "ok":
            return f"{format_angka(self.nilai, 2)}%"
        return "Belum diisi" if self.status == "belum_diisi" else "Tidak dapat dihitung"

    @property
    def nilai_dibatasi(self) -> Decimal | None:
        return None if self.nilai is None else min(self.nilai, HUNDRED)


BELUM = Capaian("belum_diisi", None, "Realisasi belum diisi.")


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _wrap(result) -> Capaian:
    return Capaian(result.status, result.nilai, getattr(result, "alasan", "") or "")


def capaian(target, realisasi, polaritas: str, rumus_negatif: str) -> Capaian:
    if _kinerja_capaian is not None:
        return _wrap(
            _kinerja_capaian.hitung_capaian(
                target=target, realisasi=realisasi, polaritas=polaritas, rumus_negatif=rumus_negatif
            )
        )
    if realisasi is None:
        return BELUM
    if target is None or target == 0:
        return Capaian("tidak_dapat_dihitung", None, "Target kosong atau nol.")
    target, realisasi = Decimal(target), Decimal(realisasi)
    if polaritas == "negatif":
        if rumus_negatif == "rasio":
            if realisasi == 0:
                return Capaian("tidak_dapat_dihitung", None, "Realisasi nol pada rumus target/realisasi.")
            return Capaian("ok", _q(target / realisasi * HUNDRED))
        return Capaian("ok", _q(max(Decimal(0), (2 * target - realisasi) / target * HUNDRED)))
    return Capaian("ok", _q(realisasi / target * HUNDRED))


def capaian_level(target_level, realisasi_level) -> Capaian:
    if _kinerja_capaian is not None:
        return _wrap(_kinerja_capaian.hitung_capaian_level(target_level=target_level, realisasi_level=realisasi_level))
    if realisasi_level is None:
        return BELUM
    if target_level is None or not target_level.skor:
        return Capaian("tidak_dapat_dihitung", None, "Target kualitatif belum ditetapkan.")
    return Capaian("ok", _q(Decimal(realisasi_level.skor) / Decimal(target_level.skor) * HUNDRED))


def aggregate(values: list, cara: str):
    """Quarterly values to one: kumulatif = sum, akhir = latest filled, rata = mean of filled. None if none filled."""
    if _kinerja_capaian is not None:
        return _kinerja_capaian.agregasi(values, cara)
    filled = [Decimal(v) for v in values if v is not None]
    if not filled:
        return None
    if cara == "akhir":
        return [v for v in values if v is not None][-1]
    if cara == "rata":
        return sum(filled) / len(filled)
    return sum(filled)


def rata_rata(items: list[Capaian]) -> Capaian:
    values = [c.nilai for c in items if c.status == "ok"]
    if not values:
        return BELUM if not items or all(c.status == "belum_diisi" for c in items) else items[0]
    return Capaian("ok", _q(sum(values) / len(values)))


def predikat(cap: Capaian | None) -> str:
    if cap is None or cap.status != "ok":
        return "—"
    if _kinerja_capaian is not None:
        result = _kinerja_capaian.predikat(cap.nilai)
        return str(getattr(result, "label", result))
    for low, label in PREDIKAT_BANDS:
        if cap.nilai >= low:
            return label
    return "Sangat Rendah"


def serapan(realisasi, pagu) -> Capaian:
    if realisasi is None:
        return BELUM
    if not pagu:
        return Capaian("tidak_dapat_dihitung", None, "Pagu nol.")
    return Capaian("ok", _q(Decimal(realisasi) / Decimal(pagu) * HUNDRED))


def efisiensi_teks(cap: Capaian, serapan_: Capaian | None) -> str:
    """Capaian kinerja set against budget absorption: more result for less money is efficient."""
    if serapan_ is None or serapan_.status != "ok" or cap.status != "ok":
        return "Tidak dapat dinilai (data capaian atau anggaran belum lengkap)."
    if cap.nilai >= serapan_.nilai:
        return f"Efisien: capaian {cap.teks} dengan serapan anggaran {serapan_.teks}."
    return f"Kurang efisien: capaian {cap.teks} dengan serapan anggaran {serapan_.teks}."


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
