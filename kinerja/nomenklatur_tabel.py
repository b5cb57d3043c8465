"""Reading a replacement nomenclature list that a kabupaten administrator uploads as a table (XLSX or CSV).

The table is the appendix as SIPD-RI or the Kemendagri list prints it: one row per code under a header row with a
code column ("Kode"), a name ("Nomenklatur", "Uraian", "Nama") and, optionally, the years an entry is limited to
("Berlaku mulai", "Berlaku sampai": an entry retired by the version). The level comes from the code's shape
(kinerja/nomenklatur.py `tingkat_kode`); urusan and bidang rows ("7", "7.01") and blank lines are skipped, every
other row must be a programme, kegiatan or sub kegiatan with a name, once, under a parent listed in the same file.
Every problem names the sheet, the row and the column (`kinerja.excel.Masalah`); the table is refused as a whole
when there is any (kinerja/services/nomenklatur.py), nothing stored. One sheet is read: the one the administrator
names, else the first (sakip/uploads.py `baris_tabel`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from kinerja.excel import Masalah, cell_text
from kinerja.nomenklatur import NAMA_TINGKAT, induk, tingkat_kode
from sakip import uploads

MAKS_BARIS = 30_000
BARIS_JUDUL = 15
TAHUN_MIN, TAHUN_MAX = 2000, 2100

KOLOM = {
    "kode": ("kode", "kode rekening", "kode nomenklatur"),
    "nama": ("nomenklatur", "uraian", "nama", "nama nomenklatur", "nomenklatur urusan", "uraian nomenklatur"),
    "berlaku_mulai": ("berlaku mulai", "mulai berlaku", "tahun mulai"),
    "berlaku_sampai": ("berlaku sampai", "tahun akhir", "berlaku hingga", "sampai"),
}
JUDUL = {"kode": "Kode", "nama": "Nomenklatur", "berlaku_mulai": "Berlaku mulai", "berlaku_sampai": "Berlaku sampai"}
URUSAN_BIDANG = re.compile(r"^\d+(\.(\d{1,2}|XX))?$")


class TabelDitolak(Exception):
    """A table that cannot be read at all (not a workbook, no such sheet, no header, too many rows)."""


@dataclass
class Tabel:
    lembar: str
    kode: list[dict] = field(default_factory=list)  # entries in the shape of the shipped versions
    masalah: list[Masalah] = field(default_factory=list)
    dilewati: int = 0  # urusan and bidang rows


def _norm(text) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).strip()


def _kolom(rows, lembar) -> tuple[int, dict[str, int], dict[str, str]]:
    for index, row in enumerate(rows[:BARIS_JUDUL]):
        cells = [_norm(cell_text(c)) for c in row]
        found = {}
        for key, choices in KOLOM.items():
            # the name as printed, or followed by more words ("Nomenklatur Urusan Kabupaten/Kota")
            at = next((i for c in choices for i, t in enumerate(cells) if t == c and i not in found.values()), None)
            if at is None:
                at = next(
                    (
                        i
                        for c in choices
                        for i, t in enumerate(cells)
                        if t.startswith(c + " ") and i not in found.values()
                    ),
                    None,
                )
            if at is not None:
                found[key] = at
        if "kode" in found and "nama" in found:
            printed = {k: f"{get_column_letter(i + 1)} ({cell_text(row[i])})" for k, i in found.items()}
            return index, found, printed
    raise TabelDitolak(
        f'Lembar {lembar}: baris judul kolom ("Kode" dan "Nomenklatur" atau "Uraian") tidak ditemukan pada '
        f"{BARIS_JUDUL} baris pertama."
    )


def _tahun(value, where: Masalah, masalah: list) -> int | None:
    text = cell_text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text) and TAHUN_MIN <= int(text) <= TAHUN_MAX:
        return int(text)
    masalah.append(Masalah(where.lembar, where.baris, where.kolom, f"tahun {text!r} tidak dikenali (tulis 2026)."))
    return None


def baca(content: bytes, kind: str, nama_berkas: str, *, lembar: str | None = None) -> Tabel:
    """The entries of the sheet, every problem listed with its place (never raised per row)."""
    try:
        judul, rows = uploads.baris_tabel(content, kind, nama_berkas, maks_baris=MAKS_BARIS, lembar=lembar)
    except uploads.UploadRefused as error:
        raise TabelDitolak(error.message) from None
    header, index, printed = _kolom(rows, judul)
    tabel = Tabel(lembar=judul)
    seen: dict[str, int] = {}
    for nomor, row in enumerate(rows[header + 1 :], start=header + 2):

        def cell(key, row=row):
            at = index.get(key)
            return row[at] if at is not None and at < len(row) else None

        kode = re.sub(r"\s+", "", cell_text(cell("kode")))
        nama = re.sub(r"\s+", " ", cell_text(cell("nama")))
        if not kode and not nama:
            continue
        if URUSAN_BIDANG.match(kode):
            tabel.dilewati += 1
            continue
        tingkat = tingkat_kode(kode) if kode else None
        if not kode:
            tabel.masalah.append(Masalah(judul, nomor, printed["kode"], "kode kosong."))
            continue
        if tingkat is None:
            tabel.masalah.append(
                Masalah(
                    judul,
                    nomor,
                    printed["kode"],
                    f"{kode!r} bukan kode program (7.01.02), kegiatan (7.01.02.2.01) atau sub kegiatan "
                    "(7.01.02.2.01.0001).",
                )
            )
            continue
        if kode in seen:
            tabel.masalah.append(
                Masalah(judul, nomor, printed["kode"], f"kode {kode} tercantum juga di baris {seen[kode]}.")
            )
            continue
        seen[kode] = nomor
        if not nama:
            tabel.masalah.append(Masalah(judul, nomor, printed["nama"], f"nama {NAMA_TINGKAT[tingkat]} {kode} kosong."))
        elif len(nama) > 500:
            tabel.masalah.append(Masalah(judul, nomor, printed["nama"], "lebih dari 500 karakter."))
        entry = {"kode": kode, "nama": nama[:500], "tingkat": tingkat, "baris": nomor}
        for key in ("berlaku_mulai", "berlaku_sampai"):
            if key in index:
                place = Masalah(judul, nomor, printed[key], "")
                if (tahun := _tahun(cell(key), place, tabel.masalah)) is not None:
                    entry[key] = tahun
        if (
            entry.get("berlaku_mulai")
            and entry.get("berlaku_sampai")
            and entry["berlaku_sampai"] < entry["berlaku_mulai"]
        ):
            tabel.masalah.append(
                Masalah(judul, nomor, printed["berlaku_sampai"], "tahun akhir berlaku sebelum tahun mulai berlaku.")
            )
        tabel.kode.append(entry)
    for entry in tabel.kode:
        if entry["tingkat"] != "program" and (parent := induk(entry["kode"])) not in seen:
            level = "program" if entry["tingkat"] == "kegiatan" else "kegiatan"
            tabel.masalah.append(
                Masalah(
                    judul,
                    entry["baris"],
                    printed["kode"],
                    f"{NAMA_TINGKAT[entry['tingkat']]} {entry['kode']}: {level} induknya {parent} tidak ada dalam daftar.",
                )
            )
    if not tabel.kode and not tabel.masalah:
        raise TabelDitolak(f"Lembar {judul}: tidak ada kode program, kegiatan atau sub kegiatan di bawah judul kolom.")
    tabel.masalah.sort(key=lambda m: (m.baris or 0, m.kolom or ""))
    for entry in tabel.kode:
        entry.pop("baris")
    return tabel
