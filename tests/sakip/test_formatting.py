import datetime
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from sakip.formatting import format_angka, format_tanggal, format_waktu


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.56, None, "1.234,56"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (85, None, "85"),
        (Decimal("85.000"), None, "85"),
        (1234567, None, "1.234.567"),
        (0, None, "0"),
        (-12.5, None, "-12,5"),
        (None, None, ""),
        (Decimal("90.456"), 2, "90,46"),
    ],
)
def test_numbers_print_in_indonesian_format(value, decimals, expected):
    assert format_angka(value, decimals) == expected


def test_dates_print_with_indonesian_month_names():
    assert format_tanggal(datetime.date(2024, 10, 8)) == "8 Oktober 2024"
    assert format_tanggal(datetime.date(2024, 10, 8), with_day=True) == "Selasa, 8 Oktober 2024"


@time_machine.travel(datetime.datetime(2024, 10, 8, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_datetimes_are_shown_in_wita():
    # 23.30 UTC is 07.30 the next morning in Asia/Makassar (UTC+8).
    assert format_waktu(timezone.now()) == "9 Oktober 2024 07.30 WITA"


def test_template_filters_format_like_the_functions():
    rendered = Template("{{ n|angka:2 }} | {{ d|tanggal }} | {{ d }}").render(
        Context({"n": 1234.5, "d": datetime.date(2024, 10, 8)})
    )
    assert rendered == "1.234,50 | 8 Oktober 2024 | 8 Oktober 2024"
