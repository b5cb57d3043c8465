"""The one parser of numbers typed by people: "1.234,5", "4,25", "4.25", "85%".

Offices type numbers the Indonesian way (dot for thousands, comma for
decimals) but spreadsheets and phones often give "4.25". Rules:

* blank (None, "", spaces) is None: "belum diisi", never 0;
* a trailing "%" is dropped ("85%" is 85, the unit is the indicator's satuan);
* with both separators, the last one is the decimal separator
  ("1.234,5" and "1,234.5" are both 1234.5);
* a comma alone is the decimal separator ("4,25");
* a dot alone is a decimal point ("4.25"), EXCEPT when every group after the
  first has exactly three digits ("1.234", "1.234.567"): that is the
  Indonesian thousands separator, so "1.234" is 1234. A value such as 1,234
  must then be typed with a comma: "1,234".
* anything else, NaN, infinity and magnitudes of 10^15 or more raise AngkaError
  with an Indonesian message.
"""

import re
from decimal import Decimal, InvalidOperation

from sakip.errors import Penolakan

LIMIT = Decimal(10) ** 15
SIGNIFICANT = 15  # digits a double keeps exactly
_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


class AngkaError(Penolakan, ValueError):
    """A value that is not a number, with a message for the person who typed it (see sakip.errors)."""


def _error(raw) -> AngkaError:
    shown = str(raw)
    if len(shown) > 40:
        shown = shown[:40] + "…"
    return AngkaError(f"Nilai '{shown}' bukan angka yang sah. Gunakan koma untuk desimal, misalnya 1.234,5.")


def parse_angka(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _error(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return _checked(number, value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        return None
    if text.endswith("%"):
        text = text[:-1]
    sign = ""
    if text and text[0] in "+-":  # ("" in "+-" is True: "%" alone must not get here as a sign)
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if not text or not text.isascii():
        raise _error(value)
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = text.rpartition(decimal_sep)
        if not re.fullmatch(r"\d{1,3}(" + re.escape(thousands_sep) + r"\d{3})*", whole) or not fraction.isdigit():
            raise _error(value)
        normalised = whole.replace(thousands_sep, "") + "." + fraction
    elif "," in text:
        if text.count(",") > 1:
            if not _THOUSANDS_COMMAS.match(text):
                raise _error(value)
            normalised = text.replace(",", "")
        else:
            normalised = text.replace(",", ".")
    elif _THOUSANDS_DOTS.match(text):
        normalised = text.replace(".", "")
    else:
        normalised = text
    if not _PLAIN.match(normalised):
        raise _error(value)
    try:
        number = Decimal(sign + normalised)
    except InvalidOperation:
        raise _error(value) from None
    return _checked(number, value)


def _checked(number: Decimal, raw) -> Decimal:
    if not number.is_finite() or abs(number) >= LIMIT:
        raise _error(raw)
    return number


def parse_angka_tepat(value, places: int = 4) -> Decimal | None:
    """parse_angka, refusing more decimals than the database keeps (4 for values, 2 for rupiah):
    PostgreSQL would round them silently, so "0,00001" would be stored as 0."""
    number = parse_angka(value)
    if number is not None and number != number.quantize(Decimal(1).scaleb(-places)):
        raise AngkaError(f"Paling banyak {places} angka di belakang koma.")
    if number is not None and len(number.normalize().as_tuple().digits) > SIGNIFICANT:
        # SQLite (the embedded default) keeps decimals as doubles: 100000000000000,1 would be stored
        # as 100000000000000. Refuse what cannot be kept exactly rather than change it silently.
        raise AngkaError(f"Paling banyak {SIGNIFICANT} digit angka (bilangan bulat dan desimal bersama).")
    return number
