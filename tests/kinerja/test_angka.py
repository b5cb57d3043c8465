from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.angka import AngkaError, parse_angka
from sakip.formatting import format_angka

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", D("1234.5")),
        ("4,25", D("4.25")),
        ("4.25", D("4.25")),
        ("85%", D(85)),
        ("85,5 %", D("85.5")),
        ("1.234.567", D(1234567)),
        ("1.234", D(1234)),  # one dot + three digits: Indonesian thousands
        ("1,234.5", D("1234.5")),
        ("  12 ", D(12)),
        ("0", D(0)),
        ("-3,5", D("-3.5")),
        ("", None),
        ("   ", None),
        (None, None),
        (7, D(7)),
        (2.5, D("2.5")),
        (D("9.75"), D("9.75")),
    ],
)
def test_numbers_typed_by_people(text, expected):
    assert parse_angka(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1,2,3",
        "1.2.3",
        "NaN",
        "inf",
        "=1+1",
        "١٢",
        "1e5",
        "12..5",
        "1.234,5,6",
        "--1",
        "1" * 20,
        True,
        "%",
        "-%",
    ],
)
def test_garbage_is_refused_with_an_indonesian_message(text):
    with pytest.raises(AngkaError) as error:
        parse_angka(text)
    assert "bukan angka yang sah" in str(error.value)


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_parser_returns_a_decimal_or_none_or_raises_its_own_error(value):
    try:
        result = parse_angka(value)
    except AngkaError:
        return
    assert result is None or (isinstance(result, Decimal) and result.is_finite())


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_numbers_parse_back(value):
    assert parse_angka(format_angka(value, 2)) == value


@pytest.mark.parametrize(("text", "places"), [("0,00001", 4), ("1.234,567", 2), ("12,12345", 4)])
def test_more_decimals_than_stored_are_refused_not_rounded(text, places):
    from kinerja.angka import parse_angka_tepat

    with pytest.raises(AngkaError, match=f"Paling banyak {places} angka di belakang koma"):
        parse_angka_tepat(text, places)
    assert parse_angka_tepat("12,1234") == Decimal("12.1234")


def test_a_number_sqlite_cannot_keep_exactly_is_refused_not_rounded():
    from kinerja.angka import AngkaError, parse_angka_tepat

    assert parse_angka_tepat("99.999.999.999,9999") == Decimal("99999999999.9999")  # 15 digits: kept
    with pytest.raises(AngkaError, match="Paling banyak 15 digit"):
        parse_angka_tepat("100000000000000.1")  # stored as 100000000000000 by SQLite before
