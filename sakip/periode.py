"""How a quarter is named, in one place: "TW I" in tables, short labels and messages ("TW III 2025"),
"Triwulan I 2025" in titles and notifications; the Roman numerals I–IV, and back from them (the Excel
columns). Every app names quarters through these functions (issue 27: three spellings in 17 places before).
"""

ROMAWI = ("I", "II", "III", "IV")
_ANGKA = {r: i for i, r in enumerate(ROMAWI, start=1)}


def romawi(triwulan: int) -> str:
    """1 → "I" … 4 → "IV"."""
    return ROMAWI[triwulan - 1]


def dari_romawi(teks: str) -> int | None:
    """ "III" → 3; anything else None."""
    return _ANGKA.get(teks)


def tw(triwulan: int, tahun: int | None = None) -> str:
    """ "TW III", or "TW III 2025" with the year."""
    return f"TW {romawi(triwulan)}" + (f" {tahun}" if tahun is not None else "")


def triwulan(nomor: int, tahun: int | None = None) -> str:
    """ "Triwulan III", or "Triwulan III 2025" with the year."""
    return f"Triwulan {romawi(nomor)}" + (f" {tahun}" if tahun is not None else "")
