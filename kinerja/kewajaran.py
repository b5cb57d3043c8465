"""Plausibility of a typed realisation: values a person should look at twice before they are saved.

Syntax is kinerja.angka's job ("82.500" is a valid number: eighty-two thousand
five hundred). Whether it is *plausible* is this module's: a value more than
ten times, or less than a tenth of, the target it is judged against; a
fraction of something counted (desa, orang, dokumen …); a share above 100%.
Each finding is an Indonesian question for the person, who confirms the value
(kept with who confirmed it) or corrects it. Nothing is changed silently.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sakip.formatting import format_angka

# Units counted in whole numbers (satuan as typed in the PK, compared in lower case, first word).
COUNTED = {
    "desa",
    "kelurahan",
    "orang",
    "jiwa",
    "kk",
    "rt",
    "dokumen",
    "kegiatan",
    "laporan",
    "kali",
    "unit",
    "buah",
    "berkas",
    "paket",
    "lembaga",
    "kelompok",
    "sekolah",
    "perkara",
    "izin",
    "surat",
}
SHARE = {"%", "persen", "persentase"}
FACTOR = Decimal(10)
_GROUPED = re.compile(r"^\d{1,3}\.\d{3}$")


def _first_word(satuan: str) -> str:
    words = satuan.strip().lower().split()
    return words[0] if words else ""


def periksa(*, nilai: Decimal | None, target: Decimal | None, satuan: str, diketik: str = "") -> list[str]:
    """Questions about `nilai` (judged against `target`, the target of its own period); [] when plausible."""
    if nilai is None:
        return []
    found = []
    unit = _first_word(satuan)
    if target is not None and target > 0 and nilai > 0:
        if nilai > target * FACTOR:
            question = f"Nilai {format_angka(nilai)} jauh di atas target {format_angka(target)}."
            if _GROUPED.match(diketik.strip()):
                # "82.500" typed for 82,5: the dot was read as a thousands separator.
                question += f" Maksud Anda {diketik.strip().replace('.', ',', 1).rstrip('0').rstrip(',')}?"
            found.append(question)
        elif nilai * FACTOR < target:
            found.append(f"Nilai {format_angka(nilai)} jauh di bawah target {format_angka(target)}.")
    if unit in COUNTED and nilai != nilai.to_integral_value():
        found.append(f"Satuan {satuan.strip()} dihitung dalam bilangan bulat, tetapi nilainya {format_angka(nilai)}.")
    if (unit in SHARE or satuan.strip() == "%") and nilai > 100:
        found.append(f"Nilai {format_angka(nilai)}% melebihi 100% untuk satuan {satuan.strip()}.")
    return found
