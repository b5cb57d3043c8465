"""Reading the two SIPD-RI exports a kecamatan's finance staff download (the budget pages' "Impor dari SIPD").

* **DPA/RKA** ("Rekapitulasi DPA/RKA SKPD per sub kegiatan", XLSX or CSV): one row per programme, kegiatan and sub
  kegiatan with a code column ("Kode" or "Kode Sub Kegiatan"), a name ("Uraian", "Nama Sub Kegiatan",
  "Nomenklatur") and the amount ("Pagu", "Jumlah", "Nilai", "Total"). Rows whose code is neither shape (the urusan
  "7.01", account codes "5.1.02.01.01.0024", totals, blank lines) are skipped: SIPD prints them between.
* **Register SP2D** (XLSX or CSV): one row per SP2D with the sub kegiatan's code, the SP2D date ("Tanggal SP2D",
  "Tanggal") and its amount ("Nilai SP2D", "Nilai", "Jumlah"); the date decides the quarter.

The header row is found among the first rows by its names (case, spaces and punctuation ignored); amounts are
read as SIPD writes them ("1.234.567,00") or as numbers; every problem names the sheet, the row and the column.
What the rows mean for the records (the preview, the nomenclature check, locked quarters) is
kinerja/services/sipd.py's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from kinerja.angka import AngkaError, parse_angka_tepat
from kinerja.excel import Masalah, cell_number_text, cell_text
from kinerja.nomenklatur import tingkat_kode
from sakip import uploads

MAKS_BARIS = 20_000
BARIS_JUDUL = 15  # the header is looked for among this many top rows (SIPD prints a title block above it)

KOLOM_DPA = {
    "kode": ("kode sub kegiatan", "kode"),
    "uraian": ("nama sub kegiatan", "uraian", "nomenklatur", "nama"),
    "pagu": ("pagu", "pagu anggaran", "jumlah", "nilai", "total", "anggaran"),
}
KOLOM_SP2D = {
    "kode": ("kode sub kegiatan", "kode"),
    "tanggal": ("tanggal sp2d", "tgl sp2d", "tanggal", "tgl"),
    "nilai": ("nilai sp2d", "nilai", "jumlah", "nominal"),
    "nomor": ("nomor sp2d", "no sp2d", "nomor"),
}
WAJIB = {"dpa": ("kode", "pagu"), "sp2d": ("kode", "tanggal", "nilai")}
JUDUL = {"kode": "Kode", "uraian": "Uraian", "pagu": "Pagu", "tanggal": "Tanggal SP2D", "nilai": "Nilai SP2D"}


class BerkasSipdDitolak(Exception):
    """A file that cannot be read at all (no header, too many rows, damaged): one message."""


@dataclass(frozen=True)
class BarisDpa:
    baris: int
    kode: str
    tingkat: str
    uraian: str
    pagu: Decimal | None


@dataclass(frozen=True)
class BarisSp2d:
    baris: int
    kode: str
    tanggal: datetime.date
    nilai: Decimal
    nomor: str


@dataclass
class Bacaan:
    lembar: str
    kolom: dict  # field -> the header as printed in the file
    baris: list
    masalah: list


def _norm(text) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).strip()


def _kolom(rows: list, lembar: str, jenis: str) -> tuple[int, dict[str, int], dict[str, str]]:
    """The header row's index and each field's column index, or a refusal naming what is missing."""
    names = KOLOM_DPA if jenis == "dpa" else KOLOM_SP2D
    for index, row in enumerate(rows[:BARIS_JUDUL]):
        cells = [_norm(cell_text(c)) for c in row]
        found, printed = {}, {}
        for field, choices in names.items():
            for choice in choices:  # the most specific name first
                if choice in cells and cells.index(choice) not in found.values():
                    found[field] = cells.index(choice)
                    printed[field] = cell_text(row[found[field]])
                    break
        if all(f in found for f in WAJIB[jenis]):
            return index, found, printed
    wanted = ", ".join(f'"{JUDUL[f]}"' for f in WAJIB[jenis])
    raise BerkasSipdDitolak(
        f"Lembar {lembar}: baris judul kolom ({wanted}) tidak ditemukan pada {BARIS_JUDUL} baris pertama. "
        "Unggah ekspor SIPD-RI yang sesuai dengan jenis berkas yang dipilih."
    )


def _angka(value, masalah: list, lembar: str, baris: int, kolom: str) -> Decimal | None:
    text = cell_number_text(value).strip()
    if not text:
        return None
    text = text.replace("Rp", "").strip()
    try:
        number = parse_angka_tepat(text, 2)
    except AngkaError as error:
        masalah.append(Masalah(lembar, baris, kolom, str(error)))
        return None
    if number is not None and number < 0:
        masalah.append(Masalah(lembar, baris, kolom, "tidak boleh negatif."))
        return None
    return number


def _tanggal(value, masalah: list, lembar: str, baris: int, kolom: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    masalah.append(Masalah(lembar, baris, kolom, f"tanggal {text!r} tidak dikenali (tulis 31-03-2026)."))
    return None


def baca(content: bytes, kind: str, nama: str, jenis: str) -> Bacaan:
    """Read a DPA ("dpa") or SP2D register ("sp2d") export into rows; problems listed, never raised per row."""
    try:
        lembar, rows = uploads.baris_tabel(content, kind, nama, maks_baris=MAKS_BARIS)
    except uploads.UploadRefused as error:
        raise BerkasSipdDitolak(error.message) from None
    header, index, printed = _kolom(rows, lembar, jenis)
    hasil = Bacaan(lembar=lembar, kolom=printed, baris=[], masalah=[])
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):

        def cell(field, row=row):
            at = index.get(field)
            return row[at] if at is not None and at < len(row) else None

        kode = re.sub(r"\s+", "", cell_text(cell("kode")))
        tingkat = tingkat_kode(kode) if kode else None
        if jenis == "dpa":
            if tingkat is None:
                continue  # urusan, account codes, totals and blank lines sit between the levels
            pagu = _angka(cell("pagu"), hasil.masalah, lembar, offset, printed["pagu"])
            if tingkat == "sub_kegiatan" and pagu is None:
                hasil.masalah.append(Masalah(lembar, offset, printed["pagu"], "pagu sub kegiatan wajib diisi."))
            uraian = cell_text(cell("uraian"))[:300]
            hasil.baris.append(BarisDpa(offset, kode, tingkat, uraian, pagu))
        else:
            if not kode and not cell_text(cell("nilai")):
                continue  # a blank or total line
            if tingkat != "sub_kegiatan":
                hasil.masalah.append(
                    Masalah(lembar, offset, printed["kode"], f"{kode!r} bukan kode sub kegiatan (7.01.02.2.01.0001).")
                )
                continue
            tanggal = _tanggal(cell("tanggal"), hasil.masalah, lembar, offset, printed["tanggal"])
            nilai = _angka(cell("nilai"), hasil.masalah, lembar, offset, printed["nilai"])
            if nilai is None:
                hasil.masalah.append(Masalah(lembar, offset, printed["nilai"], "nilai SP2D wajib diisi."))
            if tanggal is not None and nilai is not None:
                hasil.baris.append(BarisSp2d(offset, kode, tanggal, nilai, cell_text(cell("nomor"))[:100]))
    return hasil
