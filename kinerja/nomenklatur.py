"""The national nomenclature of programmes, kegiatan and sub kegiatan, its versions, and the one check of a code.

Source: Keputusan Menteri Dalam Negeri Nomor 050-5889 Tahun 2021 (klasifikasi, kodefikasi dan nomenklatur
perencanaan pembangunan dan keuangan daerah), in force for the budgets of 2022 and 2023, and its amendment
Kepmendagri Nomor 900.1.15.5-1317 Tahun 2023 (set 23 June 2023), in force from 2024; the codes SIPD-RI uses. The
application ships each as its own version (`BAWAAN`, fixtures/nomenklatur/*.json: the part of the appendix for
urusan 7.01 Kecamatan that kecamatan budgets use, transcribed from published kecamatan DPA and Renstra; not the
whole appendix), loaded as `kinerja.models.NomenklaturVersi` rows by a data migration.

Which version is in force (`berlaku(tahun, kecamatan_id)`): the newest applied version of the kecamatan's
kabupaten covering the year (uploaded by its administrator as a table, `dari_tabel`, previewed and applied by
kinerja/services/nomenklatur.py), else the newest national one (shipped, or loaded by an operator with
`manage.py muat_nomenklatur`), else the shipped file covering the year (a database without the rows).

The rule (`Nomenklatur.periksa`): a code must be in the version in force for the budget year, at the level it is
used for (programme X.XX.XX, kegiatan X.XX.XX.X.XX, sub kegiatan X.XX.XX.X.XX.XXXX), under its parent's code,
and not retired before that year (`berlaku_sampai` of the entry). Used by the budget pages and the workbook
import for new codes (`kinerja/services/anggaran.py`, `kinerja/services/impor.py`), by the SIPD import for every
code (`kinerja/services/sipd.py`), and by the Renstra's programmes and kegiatan (renstra/nomenklatur.py, which
this module's `periksa_untuk` answers).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from kinerja.models import NomenklaturVersi

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "nomenklatur"
# The shipped versions, oldest first: the base decision and its amendment (each with its years).
BAWAAN = (FOLDER / "kepmendagri-050-5889-2021.json", FOLDER / "kepmendagri-900.1.15.5-1317-2023.json")
BERKAS = BAWAAN[-1]  # the newest shipped version
TINGKAT = ("program", "kegiatan", "sub_kegiatan")
NAMA_TINGKAT = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
POLA = {
    "program": re.compile(r"^\d+\.(\d{2}|XX)\.\d{2}$"),
    "kegiatan": re.compile(r"^\d+\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$"),
    "sub_kegiatan": re.compile(r"^\d+\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$"),
}


def tingkat_kode(kode: str) -> str | None:
    """The level a code's shape belongs to, or None (an urusan, an account code, a typo)."""
    return next((t for t in TINGKAT if POLA[t].match(kode)), None)


def induk(kode: str) -> str:
    """The parent's code: a sub kegiatan's kegiatan, a kegiatan's programme."""
    parts = kode.split(".")
    return ".".join(parts[:-2] if len(parts) == 5 else parts[:-1])


@dataclass(frozen=True)
class Entri:
    kode: str
    nama: str
    tingkat: str
    berlaku_mulai: int | None = None
    berlaku_sampai: int | None = None


@dataclass(frozen=True)
class Nomenklatur:
    nama: str
    sumber: str
    berlaku_mulai: int
    berlaku_sampai: int | None
    entri: dict

    @property
    def sebutan(self) -> str:
        """How a message names the version: its source in short."""
        return self.sumber.split(",")[0].split(" tentang ")[0]

    def nama_kode(self, kode: str) -> str:
        entri = self.entri.get(kode)
        return entri.nama if entri else ""

    def periksa(self, kode: str, tingkat: str, tahun: int, *, induk_kode: str | None = None) -> str | None:
        """Why `kode` may not be used as a `tingkat` in year `tahun` (a message), or None."""
        kode = (kode or "").strip()
        label = NAMA_TINGKAT[tingkat]
        if not POLA[tingkat].match(kode):
            contoh = {"program": "7.01.02", "kegiatan": "7.01.02.2.01", "sub_kegiatan": "7.01.02.2.01.0001"}
            return f"kode {label} {kode!r} tidak berbentuk kode SIPD (contoh {contoh[tingkat]})."
        if induk_kode is not None and induk(kode) != induk_kode:
            return f"kode {label} {kode} tidak berada di bawah {induk_kode}."
        entri = self.entri.get(kode)
        if entri is None or entri.tingkat != tingkat:
            return f"kode {label} {kode} tidak terdapat dalam nomenklatur yang berlaku tahun {tahun} ({self.sebutan})."
        if entri.berlaku_sampai is not None and tahun > entri.berlaku_sampai:
            return (
                f"kode {label} {kode} ({entri.nama}) sudah tidak berlaku sejak tahun {entri.berlaku_sampai + 1} "
                f"({self.sebutan})."
            )
        if entri.berlaku_mulai is not None and tahun < entri.berlaku_mulai:
            return f"kode {label} {kode} baru berlaku mulai tahun {entri.berlaku_mulai} ({self.sebutan})."
        return None


class NomenklaturTidakSah(ValueError):
    """A nomenclature file that cannot be used (the message says where)."""


def dari_data(data: dict) -> Nomenklatur:
    """Read a nomenclature document (the shipped file's shape); refuse a malformed one naming the entry."""
    try:
        mulai = int(data["berlaku_mulai"])
        sampai = data.get("berlaku_sampai")
        sampai = int(sampai) if sampai is not None else None
        entri = {}
        for i, row in enumerate(data["kode"], start=1):
            kode, tingkat = str(row["kode"]).strip(), row["tingkat"]
            if tingkat not in TINGKAT or not POLA[tingkat].match(kode):
                raise NomenklaturTidakSah(f"entri ke-{i} ({kode}): kode atau tingkat tidak sah.")
            entri[kode] = Entri(
                kode=kode,
                nama=str(row["nama"]).strip(),
                tingkat=tingkat,
                berlaku_mulai=row.get("berlaku_mulai"),
                berlaku_sampai=row.get("berlaku_sampai"),
            )
        return Nomenklatur(
            nama=str(data["nama"]), sumber=str(data["sumber"]), berlaku_mulai=mulai, berlaku_sampai=sampai, entri=entri
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, NomenklaturTidakSah):
            raise
        raise NomenklaturTidakSah(f"berkas nomenklatur tidak lengkap atau tidak sah: {error}") from None


@lru_cache(maxsize=4)
def _berkas(path: Path) -> Nomenklatur:
    return dari_data(json.loads(path.read_text(encoding="utf-8")))


def bawaan() -> Nomenklatur:
    """The newest shipped version."""
    return _berkas(BERKAS)


def bawaan_untuk(tahun: int) -> Nomenklatur:
    """The shipped version covering a year (the oldest one before its first year, the newest after)."""
    versi = [_berkas(path) for path in BAWAAN]
    for v in reversed(versi):
        if v.berlaku_mulai <= tahun and (v.berlaku_sampai is None or tahun <= v.berlaku_sampai):
            return v
    return versi[0] if tahun < versi[0].berlaku_mulai else versi[-1]


@lru_cache(maxsize=16)
def _versi_tersimpan(pk: int, diubah) -> Nomenklatur:
    return dari_data(NomenklaturVersi.objects.get(pk=pk).data)


def versi_berlaku(tahun: int, kecamatan_id: int | None = None, *, kabupaten_id: int | None = None) -> dict | None:
    """The row (pk, dimuat_pada) of the version in force, or None when only the shipped file covers the year."""
    return (
        NomenklaturVersi.objects.untuk_tahun(tahun, kecamatan_id, kabupaten_id=kabupaten_id)
        .values("pk", "dimuat_pada")
        .first()
    )


def berlaku(tahun: int, kecamatan_id: int | None = None, *, kabupaten_id: int | None = None) -> Nomenklatur:
    """The nomenclature in force for a budget year (of a kecamatan or kabupaten: the kabupaten's own first)."""
    row = versi_berlaku(tahun, kecamatan_id, kabupaten_id=kabupaten_id)
    if row is None:
        return bawaan_untuk(tahun)
    return _versi_tersimpan(row["pk"], row["dimuat_pada"])


def periksa_untuk(kode: str, tingkat: str, tahun: int, induk_kode: str | None = None, kecamatan_id=None) -> str | None:
    """The one rule for a code of a kecamatan's year (`Nomenklatur.periksa` of the version in force), as renstra
    asks it through renstra/nomenklatur.py."""
    return berlaku(tahun, kecamatan_id).periksa(kode, tingkat, tahun, induk_kode=induk_kode)
