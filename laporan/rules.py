"""Document presentation of the figures: the efficiency sentence and the per-sasaran chart.

Every figure (capaian, predikat, aggregation, serapan) comes from
kinerja.pengukuran; nothing here computes one. What stays is how a report
words and draws them.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kinerja import capaian as kinerja_capaian
from kinerja.pengukuran import bulat
from sakip.formatting import format_angka

EFISIENSI_METODE = (
    "Efisiensi diukur dengan membandingkan rata-rata capaian kinerja sasaran dengan persentase serapan "
    "anggaran sub kegiatan pendukungnya: selisih capaian dikurangi serapan (poin persentase) 0 atau lebih "
    "berarti efisien, kurang dari 0 berarti kurang efisien."
)


def efisiensi_teks(cap: kinerja_capaian.Capaian, serapan_: kinerja_capaian.Capaian | None) -> str:
    """Capaian kinerja set against budget absorption (kinerja.capaian.efisiensi: the difference in points).
    The method is stated once per document (EFISIENSI_METODE, printed in the LKIP's BAB III)."""
    if serapan_ is None or serapan_.status != "ok" or cap.status != "ok":
        return "Tidak dapat dinilai (data capaian atau anggaran belum lengkap)."
    selisih = bulat(kinerja_capaian.efisiensi(cap.nilai, serapan_.nilai))
    verdict = "efisien" if selisih >= 0 else "kurang efisien"
    sign = "+" if selisih >= 0 else "−"
    return (
        f"Capaian {cap.teks} dengan serapan anggaran {serapan_.teks} "
        f"(selisih {sign}{format_angka(abs(selisih), 2)} poin persentase): {verdict}."
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
