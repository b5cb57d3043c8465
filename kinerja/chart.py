"""Server-side SVG bar charts (no JavaScript): the same chart goes into pages and PDFs."""

from decimal import Decimal
from html import escape

from sakip.formatting import format_angka


def bar_chart_svg(categories: list[str], series: list[tuple[str, list], ...], *, title: str, width: int = 640) -> str:
    """Grouped bars: one group per category, one bar per series (e.g. target vs realisasi).

    Values may be None (not drawn). Labels carry Indonesian number formatting; the
    SVG has a <title> and <desc> for screen readers. Black, grey and white only.
    """
    fills = ["#ffffff", "#555555", "#aaaaaa"]
    values = [Decimal(v) for _, vs in series for v in vs if v is not None]
    top = max(values) if values else Decimal(1)
    top = top if top > 0 else Decimal(1)
    left, bottom, plot_h, group_w = 8, 40, 160, max(40, (width - 16) // max(len(categories), 1))
    bar_w = (group_w - 12) / max(len(series), 1)
    height = plot_h + bottom + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
        f"<desc>{escape('; '.join(f'{c}: ' + ', '.join(f'{n} {format_angka(vs[i], 2)}' for n, vs in series) for i, c in enumerate(categories)))}</desc>",
        f'<line x1="{left}" y1="{plot_h + 20}" x2="{width - 8}" y2="{plot_h + 20}" stroke="#000" stroke-width="1"/>',
    ]
    for g, category in enumerate(categories):
        x0 = left + g * group_w + 6
        for s, (name, vs) in enumerate(series):
            v = vs[g]
            if v is None:
                continue
            h = float(Decimal(v) / top) * plot_h
            x = x0 + s * bar_w
            y = plot_h + 20 - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{fills[s % 3]}" '
                f'stroke="#000" stroke-width="0.8"><title>{escape(name)} {escape(category)}: {format_angka(v, 2)}</title></rect>'
            )
            parts.append(
                f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 3:.1f}" font-size="9" text-anchor="middle" '
                f'font-family="DejaVu Sans, Arial, sans-serif">{format_angka(v, 1)}</text>'
            )
        parts.append(
            f'<text x="{x0 + (group_w - 12) / 2:.1f}" y="{plot_h + 34}" font-size="10" text-anchor="middle" '
            f'font-family="DejaVu Sans, Arial, sans-serif">{escape(category)}</text>'
        )
    for s, (name, _) in enumerate(series):
        x = left + s * 130
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{fills[s % 3]}" stroke="#000"/>')
        parts.append(
            f'<text x="{x + 14}" y="{height - 5}" font-size="10" font-family="DejaVu Sans, Arial, sans-serif">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
