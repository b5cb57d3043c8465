import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from workflow.calendar import Calendar, format_minutes

WITA = ZoneInfo("Asia/Makassar")
cal = Calendar()


def at(y, m, d, hh=0, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=WITA)


def test_minutes_and_hours_count_office_time_within_a_day():
    assert cal.add(at(2025, 3, 4, 8, 0), Decimal(30), "menit") == at(2025, 3, 4, 8, 30)
    assert cal.add(at(2025, 3, 4, 14, 0), Decimal(2), "jam") == at(2025, 3, 4, 16, 0)


def test_hours_carry_over_to_the_next_working_morning():
    # Tuesday 15:00 + 2 jam: one hour until 16:00, then one from 07:30 Wednesday.
    assert cal.add(at(2025, 3, 4, 15, 0), Decimal(2), "jam") == at(2025, 3, 5, 8, 30)


def test_friday_ends_at_eleven_and_the_weekend_is_skipped():
    # Friday 10:00 + 2 jam: one hour on Friday (until 11:00), then Monday 07:30 + 1 hour.
    assert cal.add(at(2025, 3, 7, 10, 0), Decimal(2), "jam") == at(2025, 3, 10, 8, 30)


def test_work_started_outside_office_hours_starts_counting_at_opening():
    assert cal.add(at(2025, 3, 8, 9, 0), Decimal(10), "menit") == at(2025, 3, 10, 7, 40)  # Saturday


def test_days_are_working_days_skipping_a_public_holiday():
    # 2025-03-31 and 2025-04-01 are Idul Fitri holidays in Indonesia.
    assert not cal.is_working_day(datetime.date(2025, 3, 31))
    # Friday 28 March 09:00 + 1 hari: Mon 31 Mar and Tue 1 Apr are holidays (and 2-7 Apr cuti bersama are
    # not national holidays), so the next working day is Wednesday 2 April.
    due = cal.add(at(2025, 3, 28, 9, 0), Decimal(1), "hari")
    assert due.date() > datetime.date(2025, 4, 1)
    assert cal.is_working_day(due.date())
    assert due.time() == datetime.time(9, 0)


def test_local_extra_days_off_are_honoured():
    local = Calendar(extra_days_off={datetime.date(2025, 3, 5)})
    assert local.add(at(2025, 3, 4, 15, 0), Decimal(2), "jam") == at(2025, 3, 6, 8, 30)


def test_elapsed_working_time_ignores_nights_weekends_and_holidays():
    # Thursday 15:00 to Monday 08:00: 60 min Thu + 210 min Fri (07:30-11:00) + 30 min Mon.
    assert cal.working_minutes(at(2025, 3, 6, 15, 0), at(2025, 3, 10, 8, 0)) == 300
    assert cal.working_minutes(at(2025, 3, 30, 8, 0), at(2025, 4, 1, 16, 0)) == 0  # Sunday + two holidays


@pytest.mark.parametrize(("minutes", "text"), [(None, "—"), (45, "45 menit"), (120, "2 jam"), (135, "2 jam 15 menit")])
def test_durations_print_in_indonesian(minutes, text):
    assert format_minutes(minutes) == text
