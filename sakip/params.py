"""Integers typed into a URL's query string or a posted form, parsed in one place.

`int("abc")`, `int("²")` (a digit to `str.isdigit`, not to `int`) and `10**20` handed to a query (SQLite cannot
bind it; PostgreSQL's integer and bigint columns cannot hold it) were each a 500. Every id, year or number a
view reads from request.GET or request.POST goes through here: ASCII decimal digits only, within the range the
column holds, or the request is refused as a bad request (400, `BadParameter` is a SuspiciousOperation, which
Django answers with the 400 page and logs under django.security). A page that answers a bad choice with its own
message or a default (a filter, "pick a person from the list") asks `id_or_none` / `year_or_none` instead.

Path parameters (`<int:pk>`) need no parsing here: Django's lookups of an out-of-range value find nothing, so the
views answer 404.
"""

from django.core.exceptions import SuspiciousOperation

INT_MAX = 2**31 - 1  # PostgreSQL integer (IntegerField, PositiveSmallIntegerField is smaller still)
BIGINT_MAX = 2**63 - 1  # PostgreSQL bigint (BigAutoField primary keys, foreign keys to them)
YEAR_MIN, YEAR_MAX = 1900, 2999


class BadParameter(SuspiciousOperation):
    """A query-string or form integer that is not one (answered 400)."""


def _digits(value) -> str | None:
    text = "" if value is None else str(value).strip()
    if text.startswith("-") and text[1:].isascii() and text[1:].isdecimal():
        return text
    return text if text.isascii() and text.isdecimal() else None


def int_param(value, *, field: str, minimum: int = 1, maximum: int = BIGINT_MAX) -> int:
    """`value` as an int in [minimum, maximum] (default: a bigint primary key), else BadParameter."""
    text = _digits(value)
    if text is None or len(text) > 20:
        raise BadParameter(f"{field}: not an integer")
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadParameter(f"{field}: {number} out of range [{minimum}, {maximum}]")
    return number


def optional_int_param(value, *, field: str, minimum: int = 1, maximum: int = BIGINT_MAX) -> int | None:
    """None for an absent or empty value, else as `int_param`."""
    if value is None or str(value).strip() == "":
        return None
    return int_param(value, field=field, minimum=minimum, maximum=maximum)


def year_param(value, *, field: str = "tahun") -> int:
    """A year as the app's pages use them (YEAR_MIN..YEAR_MAX), else BadParameter."""
    return int_param(value, field=field, minimum=YEAR_MIN, maximum=YEAR_MAX)


def id_or_none(value, *, minimum: int = 1, maximum: int = BIGINT_MAX) -> int | None:
    """`value` as an int in [minimum, maximum], or None for anything else — for a page that answers a bad or
    missing choice with its own message or default rather than a 400."""
    try:
        return int_param(value, field="-", minimum=minimum, maximum=maximum)
    except BadParameter:
        return None


def year_or_none(value) -> int | None:
    """A year (YEAR_MIN..YEAR_MAX) or None, as `id_or_none`."""
    return id_or_none(value, minimum=YEAR_MIN, maximum=YEAR_MAX)


def int_list_param(values, *, field: str, maximum: int = BIGINT_MAX) -> list[int]:
    """Every value of a multi-valued field (request.POST.getlist) as ids, else BadParameter."""
    return [int_param(v, field=field, maximum=maximum) for v in values]
