"""The buku register pelayanan of a quarter as a workbook: the same rows, in the same order, as the page
(loket.selectors.register). Text is written as text (sakip/xlsx_text.py), times as Excel datetimes in
WITA, the on-time share at the bottom."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from loket.selectors import Register
from sakip.formatting import format_angka
from sakip.xlsx_text import tulis_teks

KOLOM = [
    ("No", 6),
    ("Kode Tanda Terima", 16),
    ("Diterima", 18),
    ("Nama Pemohon", 28),
    ("NIK", 18),
    ("Kontak", 18),
    ("Layanan (SOP)", 36),
    ("Petugas Loket", 24),
    ("Status", 16),
    ("Langkah Saat Ini", 36),
    ("Selesai", 18),
    ("Batas Mutu Baku", 18),
    ("Durasi Kerja", 14),
    ("Tepat Waktu", 12),
]


def _lokal(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def register_workbook(reg: Register) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Register Pelayanan"
    tulis_teks(ws.cell(1, 1), f"BUKU REGISTER PELAYANAN KECAMATAN {reg.kecamatan.nama.upper()}")
    tulis_teks(ws.cell(2, 1), reg.periode)
    ws.cell(1, 1).font = Font(bold=True)
    for col, (judul, lebar) in enumerate(KOLOM, start=1):
        tulis_teks(ws.cell(4, col), judul)
        ws.cell(4, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = lebar
    for row, b in enumerate(reg.baris, start=5):
        p = b.permohonan
        values = [
            b.no,
            p.kode_cetak,
            _lokal(p.dibuat_pada),
            p.nama_pemohon,
            p.nik_tersamar,
            p.kontak,
            p.run.revision.nama,
            p.dicatat_oleh.nama,
            b.status,
            b.langkah,
            _lokal(p.run.selesai_pada),
            _lokal(b.waktu.batas),
            b.durasi,
            b.tepat_waktu,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            if isinstance(value, str):
                tulis_teks(cell, value)
            else:
                cell.value = value
                if value is not None and not isinstance(value, int):
                    cell.number_format = "dd/mm/yyyy hh:mm"
    last = 5 + len(reg.baris) + 1
    r = reg.ringkasan
    tulis_teks(ws.cell(last, 1), "Selesai")
    ws.cell(last, 2, r.selesai)
    tulis_teks(ws.cell(last + 1, 1), "Tepat waktu")
    ws.cell(last + 1, 2, r.tepat_waktu)
    tulis_teks(ws.cell(last + 2, 1), "Persentase tepat waktu")
    tulis_teks(ws.cell(last + 2, 2), f"{format_angka(r.persen, 2)}%" if r.persen is not None else "—")
    ws.freeze_panes = "A5"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
