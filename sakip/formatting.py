"""Indonesian presentation of numbers and dates: "1.234,56", "8 Oktober 2024".

The one place numbers and dates are turned into text for people (templates,
PDFs, exports of text). Parsing numbers typed by people lives in kinerja.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def format_angka(value, decimals: int | None = None) -> str:
    """1234.5 -> '1.234,5'; with decimals=2 -> '1.234,50'. None/'' -> ''.

    Without `decimals`, trailing zeros are dropped (targets such as 85 print "85").
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{number:,.{decimals}f}"
    else:
        text = f"{number.normalize():,f}" if number != number.to_integral() else f"{number.to_integral():,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_tanggal(value, with_day: bool = False) -> str:
    """date/datetime -> '8 Oktober 2024' (datetimes in Asia/Makassar)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return f"{HARI[value.weekday()]}, {text}" if with_day else text


def format_waktu(value) -> str:
    """datetime -> '8 Oktober 2024 14.05 WITA'."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{format_tanggal(local)} {local:%H.%M} WITA"
