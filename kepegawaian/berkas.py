"""Reading the kabupaten's staff export (XLSX or CSV) through the one upload gate, and the columns it maps.

One sheet is read: the one the administrator picked in a workbook of several (`lembar`), else the first.

A malformed file is refused as a whole (`BerkasDitolak`, a `Penolakan`) naming sheet, row and column: a bad
NIP, a missing mapped column, a date that is not a date, a NIP twice. Nothing is saved then.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from sakip import nip as nip_rules
from sakip import uploads
from sakip.errors import Penolakan

# field key -> (label, required)
KOLOM = {
    "nip": ("NIP", True),
    "nama": ("Nama", True),
    "gelar_depan": ("Gelar depan", False),
    "gelar_belakang": ("Gelar belakang", False),
    "jabatan": ("Jabatan", True),
    "unit": ("Unit kerja", True),
    "golongan": ("Pangkat/golongan", False),
    "eselon": ("Eselon", False),
    "atasan": ("NIP atasan", False),
    "tmt": ("TMT jabatan", False),
    "plt": ("Plt./Plh.", False),
}
WAJIB = [key for key, (_, wajib) in KOLOM.items() if wajib]
MAKS_BARIS = 20000
MAKS_MASALAH = 30
HEADER_SCAN = 10  # title rows above the header row that exports often carry


class BerkasDitolak(Penolakan):
    """A staff export refused as a whole (see sakip.errors); `errors` lists each fault with its place."""


@dataclass
class Baris:
    nomor: int  # row number in the sheet as the spreadsheet shows it
    nilai: dict  # field -> text (or date for "tmt")


@dataclass
class Berkas:
    lembar: str
    header: list[str]
    baris_header: int
    baris: list[Baris] = field(default_factory=list)
    kolom_huruf: dict = field(default_factory=dict)  # field -> column letter


def _teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def terima(upload) -> tuple[bytes, str]:
    """The upload's bytes and kind ("xlsx" or "csv"), through the one upload gate (sakip/uploads.py)."""
    return uploads.check_tabel(upload, what="ekspor pegawai")


def lembar_list(content: bytes, jenis: str, nama: str) -> list[str]:
    """The workbook's sheets in order (a CSV: one, its file name)."""
    try:
        return uploads.lembar_tabel(content, jenis, nama)
    except uploads.UploadRefused as error:
        raise BerkasDitolak(error.message) from None


def _rows(content: bytes, jenis: str, nama: str, lembar: str | None):
    try:
        return uploads.baris_tabel(content, jenis, nama, maks_baris=MAKS_BARIS + HEADER_SCAN, lembar=lembar or None)
    except uploads.UploadRefused as error:
        raise BerkasDitolak(error.message) from None


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).strip()


def _header_row(rows, kolom: dict | None) -> int:
    """Index of the header row: the first of the top rows holding the mapped NIP header, else the first with at
    least three filled cells."""
    wanted = _norm(kolom.get("nip", "")) if kolom else ""
    for i, row in enumerate(rows[:HEADER_SCAN]):
        cells = [_norm(_teks(c)) for c in row]
        if wanted and wanted in cells:
            return i
        if not wanted and sum(1 for c in cells if c) >= 3:
            return i
    return -1


def lembar_berjudul(content: bytes, jenis: str, nama: str, lembar: str, kolom: dict | None = None) -> bool:
    """Does this sheet have a header row (with the mapped NIP header, given a mapping) among its top rows?"""
    try:
        _, rows = _rows(content, jenis, nama, lembar)
    except BerkasDitolak:
        return False
    return _header_row(rows, {"nip": kolom["nip"]} if kolom and kolom.get("nip") else None) >= 0


def baca(content: bytes, jenis: str, nama: str, kolom: dict | None = None, lembar: str | None = None) -> Berkas:
    """The sheet's header (and, with a mapping, its rows checked field by field): the named sheet (`lembar`) of
    a workbook, else its first; refusals name the sheet."""
    lembar, rows = _rows(content, jenis, nama, lembar)
    at = _header_row(rows, kolom)
    if at < 0:
        if kolom:
            raise BerkasDitolak(
                f'Lembar {lembar}: kolom NIP "{kolom.get("nip")}" tidak ditemukan pada {HEADER_SCAN} baris pertama.',
                [{"lembar": lembar, "baris": None, "kolom": KOLOM["nip"][0], "pesan": "kolom tidak ditemukan"}],
            )
        raise BerkasDitolak(f"Lembar {lembar}: baris judul kolom tidak ditemukan pada {HEADER_SCAN} baris pertama.")
    header = [_teks(c) for c in rows[at]]
    berkas = Berkas(lembar=lembar, header=[h for h in header if h], baris_header=at + 1)
    if kolom is None:
        return berkas
    index = {_norm(h): i for i, h in reversed(list(enumerate(header))) if h}
    masalah = []
    posisi = {}
    for key, header_text in kolom.items():
        if not header_text:
            continue
        if _norm(header_text) not in index:
            masalah.append(
                {"lembar": lembar, "baris": at + 1, "kolom": header_text, "pesan": "kolom yang dipetakan tidak ada"}
            )
            continue
        posisi[key] = index[_norm(header_text)]
        berkas.kolom_huruf[key] = get_column_letter(posisi[key] + 1)
    for key in WAJIB:
        if key not in kolom or not kolom[key]:
            masalah.append({"lembar": lembar, "baris": None, "kolom": KOLOM[key][0], "pesan": "kolom belum dipetakan"})
    if masalah:
        raise _tolak(masalah)
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[at + 1 :], start=at + 2):
        nilai = {key: _teks(row[i]) if i < len(row) else "" for key, i in posisi.items()}
        raw_tmt = row[posisi["tmt"]] if "tmt" in posisi and posisi["tmt"] < len(row) else None
        if not any(nilai.values()):
            continue
        where = {"lembar": lembar, "baris": offset}
        for key in WAJIB:
            if not nilai.get(key):
                masalah.append({**where, "kolom": _tempat(berkas, key), "pesan": f"{KOLOM[key][0]} kosong"})
        if nilai.get("nip"):
            try:
                nilai["nip"] = nip_rules.validate(nilai["nip"])
            except ValidationError as error:
                masalah.append({**where, "kolom": _tempat(berkas, "nip"), "pesan": error.messages[0]})
            else:
                plt = _penanda_plt(nilai)
                kunci = f"{nilai['nip']}|{plt or ''}|{nilai.get('jabatan', '')}" if plt else nilai["nip"]
                if kunci in seen:
                    masalah.append(
                        {**where, "kolom": _tempat(berkas, "nip"), "pesan": f"NIP sama dengan baris {seen[kunci]}"}
                    )
                seen[kunci] = offset
        if nilai.get("atasan"):
            try:
                nilai["atasan"] = nip_rules.validate(nilai["atasan"])
            except ValidationError as error:
                masalah.append({**where, "kolom": _tempat(berkas, "atasan"), "pesan": error.messages[0]})
        if "tmt" in posisi:
            try:
                nilai["tmt"] = _tanggal(raw_tmt)
            except ValueError:
                masalah.append(
                    {**where, "kolom": _tempat(berkas, "tmt"), "pesan": f'tanggal "{nilai["tmt"]}" tidak dikenali'}
                )
        if plt_raw := nilai.get("plt"):
            if _norm(plt_raw) not in ("plt", "plh", "definitif", "tidak", "0", "-", ""):
                masalah.append(
                    {**where, "kolom": _tempat(berkas, "plt"), "pesan": f'"{plt_raw}" bukan Plt., Plh. atau definitif'}
                )
        for key, text in nilai.items():
            if isinstance(text, str) and len(text) > 200:
                masalah.append({**where, "kolom": _tempat(berkas, key), "pesan": "isian lebih dari 200 karakter"})
        berkas.baris.append(Baris(offset, nilai))
    if masalah:
        raise _tolak(masalah)
    if not berkas.baris:
        raise BerkasDitolak(f"Lembar {lembar}: tidak ada baris pegawai di bawah judul kolom.")
    return berkas


def _tempat(berkas: Berkas, key: str) -> str:
    return f"{berkas.kolom_huruf.get(key, '?')} ({KOLOM[key][0]})"


tempat_teks = uploads.tempat_sel  # "Lembar X, baris 9, kolom B": the one wording of sakip/uploads.py


def _tolak(masalah: list[dict]) -> BerkasDitolak:
    first = masalah[0]
    lebih = f" (dan {len(masalah) - 1} kesalahan lain)" if len(masalah) > 1 else ""
    return BerkasDitolak(
        f"Berkas ditolak, tidak ada yang disimpan: {tempat_teks(first)}: {first['pesan'].rstrip('.')}{lebih}.",
        masalah[:MAKS_MASALAH],
    )


_PLT = re.compile(r"^\s*(plt|plh)\b\.?\s*", re.IGNORECASE)


def _penanda_plt(nilai: dict) -> str | None:
    """ "PLT"/"PLH" when the row is an acting assignment: the Plt./Plh. column says so, or the position text
    starts with "Plt." / "Plh." (the marker is then dropped from the position name)."""
    kolom = _norm(nilai.get("plt", ""))
    if kolom in ("plt", "plh"):
        return kolom.upper()
    match = _PLT.match(nilai.get("jabatan", ""))
    return match[1].upper() if match else None


def jabatan_tanpa_penanda(text: str) -> str:
    return _PLT.sub("", text or "").strip()


penanda_plt = _penanda_plt

_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")


def _tanggal(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _teks(value)
    for fmt in _FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def nama_lengkap(nilai: dict) -> str:
    """ "Drs. H. Ahmad Fauzi, M.Si": the name with its front and back titles, as signatures print it."""
    nama = " ".join(p for p in (nilai.get("gelar_depan", ""), nilai.get("nama", "")) if p)
    return f"{nama}, {nilai['gelar_belakang']}" if nilai.get("gelar_belakang") else nama


norm = _norm
