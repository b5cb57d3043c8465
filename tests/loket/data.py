"""The Baiturrahman KTP SOP as a kecamatan would type it into the SOP workbook (sop/excel.py layout):
five steps, the applicant's (Pemohon) lane first; the Mutu Baku is ours (2 jam in all)."""

import io

from openpyxl import Workbook

from sop import excel

LANES = [("Pemohon", "PEMOHON"), ("Pelaksana", "PELAKSANA"), ("Kasi Pemerintahan", "KASI"), ("Camat", "CAMAT")]
# no, uraian, lane index, simbol, kelengkapan, waktu, output
STEPS = [
    (
        1,
        "Menyerahkan berkas permohonan KTP-el",
        0,
        "mulai",
        "Fotokopi KK, surat pengantar gampong",
        "5 Menit",
        "Berkas",
    ),
    (2, "Memeriksa kelengkapan dan mencatat dalam buku register", 1, "proses", "Berkas", "15 Menit", "Register"),
    (
        3,
        "Memverifikasi berkas dan data kependudukan",
        2,
        "proses",
        "Berkas, register",
        "30 Menit",
        "Berkas terverifikasi",
    ),
    (4, "Menandatangani surat pengantar KTP-el", 3, "proses", "Berkas terverifikasi", "1 Jam", "Surat pengantar"),
    (5, "Menyerahkan surat pengantar kepada pemohon", 1, "selesai", "Surat pengantar", "10 Menit", "Diterima pemohon"),
]
NAMA = "Pelayanan Pengantar KTP-el"


def ktp_workbook(lanes=LANES) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Identitas"
    ws.append(["Label", "Nilai"])
    for label, value in [
        ("Pemerintah", "PEMERINTAH KOTA BANDA ACEH"),
        ("Unit Penerbit", "KECAMATAN BAITURRAHMAN"),
        ("Nomor SOP", "470/01/SOP/BTR/2024"),
        ("Nama SOP", NAMA),
        ("Tanggal Efektif", "2024-02-01"),
        ("Disahkan Oleh (Jabatan)", "CAMAT BAITURRAHMAN"),
        ("Pencatatan dan Pendataan", "Buku register pelayanan KTP-el"),
    ]:
        ws.append([label, value])
    ps = wb.create_sheet("Prosedur")
    ps.append(excel.BEFORE_LANES + [label for label, _ in lanes] + excel.AFTER_LANES)
    ps.append([None, None] + [code for _, code in lanes])
    for no, uraian, lane, simbol, kelengkapan, waktu, output in STEPS:
        marks = ["X" if k == lane else None for k in range(len(lanes))]
        ps.append([no, uraian, *marks, simbol, None, None, kelengkapan, waktu, output, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
