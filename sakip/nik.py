"""NIK (Nomor Induk Kependudukan), the 16-digit population number a certified signer is known by.

The kabupaten's BSrE signing service (laporan/penanda.py) identifies the signer by NIK, so a Camat or evaluator
who signs with a certified signature needs one recorded. Structure (Permendagri 108/2019, the KTP-el):
province (2) + kabupaten/kota (2) + kecamatan (2) of registration, birth date DDMMYY (6; a woman's day plus 40),
sequence (4). Only the structure is checked: the number is Dukcapil's, not ours to question further.

A NIK is personal data (UU 27/2022): shown masked ("6308********0003", `samarkan`), typed whole only by the
kabupaten administrator.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError

NIK_LENGTH = 16


def normalize(value) -> str:
    """Drop the spaces and dots people type between groups."""
    return re.sub(r"[\s.]", "", str(value or "")).strip()


def validate(value) -> str:
    """The NIK as 16 digits, or a ValidationError saying which part is wrong."""
    digits = normalize(value)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError("NIK hanya boleh berisi angka.", code="nik_digits")
    if len(digits) != NIK_LENGTH:
        raise ValidationError(f"NIK harus {NIK_LENGTH} digit (tertulis {len(digits)} digit).", code="nik_length")
    if not 11 <= int(digits[0:2]) <= 96 or digits[2:4] == "00" or digits[4:6] == "00":
        raise ValidationError(
            "NIK tidak sah: 6 digit pertama harus kode wilayah (provinsi, kabupaten/kota, kecamatan).",
            code="nik_region",
        )
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40  # women: the day of birth plus 40
    try:
        datetime.date(2000 + year, month, day)
    except ValueError:
        raise ValidationError(
            "NIK tidak sah: digit ke-7 sampai ke-12 harus tanggal lahir (HHBBTT; perempuan HH ditambah 40).",
            code="nik_birth_date",
        ) from None
    if digits[12:] == "0000":
        raise ValidationError("NIK tidak sah: 4 digit terakhir (nomor urut) tidak boleh 0000.", code="nik_sequence")
    return digits


def samarkan(nik: str) -> str:
    """A NIK as it may be shown: the first and last four digits ("6308********0003")."""
    if not nik:
        return ""
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
