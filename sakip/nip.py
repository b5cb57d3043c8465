"""NIP (Nomor Induk Pegawai) of Indonesian civil servants.

Structure (Peraturan BKN / PP 11/2017 practice): 18 digits =
birth date YYYYMMDD (8) + appointment year and month YYYYMM (6) +
sex (1 = male, 2 = female) + sequence (3). Printed "19701208 199203 1 007".

Structural faults (wrong length, impossible date, unknown sex digit) block:
such a value cannot be a NIP. Implausible-but-possible combinations (appointed
before birth or as a child) are only *warnings*: the NIP is issued by BKN, not
by us, and real printed NIPs do carry such oddities (Camat Batumandi's NIP in
the seed SOP gives appointment 1988-04 before birth 1989-04-13). Offices must
be able to record the NIP exactly as issued; a person reviews the warning.
"""

import datetime
import re

from django.core.exceptions import ValidationError

NIP_LENGTH = 18
MIN_APPOINTMENT_AGE = 18


def normalize(value: str) -> str:
    """Strip the spaces and dots of the printed form; keep digits only if that is all there is."""
    if value is None:
        return ""
    return re.sub(r"[\s.]", "", str(value)).strip()


def _parse_parts(digits: str) -> tuple[datetime.date, int, int, int]:
    try:
        birth = datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            "NIP tidak sah: 8 digit pertama harus tanggal lahir yang valid (TTTTBBHH), misalnya 19701208.",
            code="nip_birth_date",
        ) from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < 1900:
        raise ValidationError(
            "NIP tidak sah: digit ke-9 sampai ke-14 harus tahun dan bulan pengangkatan "
            "yang valid (TTTTBB), misalnya 199203.",
            code="nip_appointment",
        )
    sex = int(digits[14])
    if sex not in (1, 2):
        raise ValidationError(
            "NIP tidak sah: digit ke-15 adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan).",
            code="nip_sex",
        )
    return birth, year, month, sex


def validate(value: str) -> str:
    """Return the 18-digit NIP or raise a ValidationError saying what is wrong."""
    digits = normalize(value)
    if not digits.isdigit():
        raise ValidationError("NIP hanya boleh berisi angka (spasi boleh, seperti pada cetakan).", code="nip_digits")
    if len(digits) != NIP_LENGTH:
        raise ValidationError(f"NIP harus terdiri dari 18 digit; yang diisi {len(digits)} digit.", code="nip_length")
    _parse_parts(digits)
    return digits


def warnings(value: str) -> list[str]:
    """Implausible but possible facts about a structurally valid NIP, for a person to review."""
    digits = validate(value)
    birth, year, month, _ = _parse_parts(digits)
    found = []
    appointed = datetime.date(year, month, 1)
    if appointed < birth.replace(day=1):
        found.append(
            f"Bulan pengangkatan ({month:02d}-{year}) lebih awal dari tanggal lahir "
            f"({birth:%d-%m-%Y}). Periksa kembali dengan SK/BKN; data tetap disimpan."
        )
    elif year - birth.year < MIN_APPOINTMENT_AGE:
        found.append(
            f"Usia saat pengangkatan kurang dari {MIN_APPOINTMENT_AGE} tahun. "
            "Periksa kembali dengan SK/BKN; data tetap disimpan."
        )
    return found


def format_nip(value: str) -> str:
    """'197012081992031007' -> '19701208 199203 1 007'. Anything else is returned unchanged."""
    digits = normalize(value)
    if len(digits) != NIP_LENGTH or not digits.isdigit():
        return value or ""
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"


def sex_of(value: str) -> str:
    digits = validate(value)
    return "Laki-laki" if digits[14] == "1" else "Perempuan"
