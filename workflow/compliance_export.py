"""The SOP compliance report ("Monitoring dan Evaluasi Penerapan SOP") as PDF and XLSX.

Both are built from the same `workflow.selectors.Kepatuhan` the page shows, so the three never disagree.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.pdf import render_pdf
from sakip.xlsx_text import tulis_teks
from workflow.selectors import Kepatuhan, Ukuran

HEADER_FILL = PatternFill("solid", fgColor="E8EEF3")
FIGURES = [
    "Selesai",
    "Dalam mutu baku",
    "Dengan mutu baku",
    "% dalam mutu baku",
    "Median (menit)",
    "Terlama (menit)",
    "Pengulangan",
]


def pdf(report: Kepatuhan) -> bytes:
    html = render_to_string("workflow/compliance_pdf.html", {"report": report, "dicetak": timezone.localdate()})
    return render_pdf(html)


_text = tulis_teks  # SOP and step names are text, never formulas (sakip/xlsx_text.py)


def _figures(u: Ukuran) -> list:
    percent = float(u.persen_dalam_baku) if u.persen_dalam_baku is not None else None
    return [u.selesai, u.dalam_baku, u.dengan_baku, percent, u.median_menit, u.terlama_menit, u.pengulangan]


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list]):
    ws = wb.create_sheet(title)
    for col, name in enumerate(header, start=1):
        cell = ws.cell(1, col)
        _text(cell, name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = 45 if col <= 2 else 16
    for values in rows:
        ws.append([None] * len(header))
        r = ws.max_row
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col)
            if isinstance(value, str):
                _text(cell, value)
            else:
                cell.value = value
                if header[col - 1] == "% dalam mutu baku":
                    cell.number_format = '0.0"%"'
    ws.freeze_panes = "A2"
    return ws


def xlsx(report: Kepatuhan) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = "Keterangan"
    for label, value in (
        ("Laporan", "Monitoring dan Evaluasi Penerapan SOP"),
        ("Wilayah", report.wilayah),
        ("Periode", f"{report.mulai.isoformat()} s.d. {report.sampai.isoformat()}"),
        ("Dicetak", timezone.localdate().isoformat()),
        ("Catatan", "Durasi dalam menit kerja menurut kalender kerja kabupaten."),
    ):
        info.append([label, None])
        _text(info.cell(info.max_row, 2), value)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 14, 80
    _sheet(
        wb,
        "Per SOP",
        ["SOP", "Nomor", *FIGURES],
        [[s.nama, s.nomor, *_figures(s.ringkasan)] for s in report.sop],
    )
    _sheet(
        wb,
        "Per Langkah",
        ["SOP", "Langkah", "Waktu baku", *FIGURES],
        [[s.nama, step.label, step.waktu_baku, *_figures(step)] for s in report.sop for step in s.langkah],
    )
    _sheet(
        wb,
        "Per Peran",
        ["SOP", "Peran", *FIGURES],
        [[s.nama, role.label, *_figures(role)] for s in report.sop for role in s.peran]
        + [["Semua SOP", role.label, *_figures(role)] for role in report.peran],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
