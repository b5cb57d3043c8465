"""Parsing the "Waktu" of the Mutu Baku as printed: "10 Menit", "2 Jam", "1 Hari", "120 hari".

Menit and Jam are office time; Hari means working days (DESIGN.md). The printed
text is always kept next to the parsed value; nothing is "corrected" here.
"""

import re
from decimal import Decimal

UNITS = {"menit": "menit", "mnt": "menit", "jam": "jam", "hari": "hari"}
_PATTERN = re.compile(r"^\s*(\d+(?:[.,]\d+)?|½)\s*(menit|mnt|jam|hari)(?:\s+kerja)?\s*$", re.IGNORECASE)
MINUTES_PER_UNIT = {"menit": Decimal(1), "jam": Decimal(60)}


def parse_waktu(text: str) -> tuple[Decimal, str] | None:
    """'2 Jam' -> (Decimal('2'), 'jam'); None when the text does not parse."""
    match = _PATTERN.match(text or "")
    if not match:
        return None
    number = Decimal("0.5") if match.group(1) == "½" else Decimal(match.group(1).replace(",", "."))
    return number, UNITS[match.group(2).lower()]


def format_total(minutes: Decimal, days: Decimal) -> str:
    """A readable total of standard time: '3 hari kerja 5 jam 20 menit'."""
    parts = []
    if days:
        parts.append(f"{_num(days)} hari kerja")
    hours, rest = divmod(int(minutes), 60)
    if hours:
        parts.append(f"{hours} jam")
    if rest:
        parts.append(f"{rest} menit")
    return " ".join(parts) or "—"


def _num(value: Decimal) -> str:
    return str(value.normalize()).replace(".", ",") if value != value.to_integral() else str(int(value))
