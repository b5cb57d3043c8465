"""The one rule for text written into a workbook cell (kinerja, laporan, SOP and compliance exports).

Text typed by people that starts with "=", "+", "-" or "@" (or a tab/CR) would be run as a formula by a
spreadsheet program (OWASP CSV/formula injection). `tulis_teks` stores it as a string cell (data type "s",
never evaluated when opened) with Excel's quote prefix (kept as text when the cell is edited), so the cell
shows exactly what was typed.

Input refuses control characters (`sakip.validators.tolak_karakter_kontrol`), but rows stored before
that rule, or written by a bare queryset `.update()`, may still hold them. openpyxl refuses to write
them into the sheet's XML (IllegalCharacterError), which would make the whole export a 500; they are
dropped here instead, and nothing else about the text changes.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")  # a leading character a spreadsheet would evaluate


def teks_sel(value):
    """`value` with the characters a workbook cannot hold removed (non-text values unchanged)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def tulis_teks(cell, value) -> None:
    """Write user text as text: writable characters only, and a leading =, +, -, @ never a formula."""
    value = teks_sel(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(BERBAHAYA):
            cell.quotePrefix = True


def number_format(value) -> str:
    """A format showing a stored value with exactly its own decimals ("#,##0" or "#,##0.0#..." never leaves a
    dangling separator in Excel or LibreOffice the way "#,##0.####" does: "82.")."""
    from decimal import Decimal

    if not isinstance(value, Decimal):
        return "#,##0" if isinstance(value, int) else "General"
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
