"""Working time for the Mutu Baku: Menit and Jam count office time, Hari counts working days.

Office days and hours come from the kabupaten's WorkingCalendar (default
Monday–Thursday 07:30–16:00, Friday 07:30–11:00); days off are weekends,
Indonesian public holidays (the `holidays` package) and the kabupaten's own
extra days (cuti bersama). All times are in Asia/Makassar.

* due time of "N Menit/Jam" from a start = walk forward through office hours;
* due time of "N Hari" = the same clock time N working days later (clamped to
  that day's office hours);
* elapsed working time between two moments = their overlap with office hours.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import holidays
from django.utils import timezone

from workflow.models import WorkingCalendar, default_office_hours

MAX_DAYS = 3660  # safety bound for the day walk (ten years)


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


@dataclass
class Calendar:
    hours: dict = field(default_factory=default_office_hours)
    extra_days_off: set = field(default_factory=set)

    @classmethod
    def for_kabupaten(cls, kabupaten_id: int | None) -> Calendar:
        row = (
            WorkingCalendar.objects.filter(kabupaten_id=kabupaten_id).prefetch_related("hari_libur").first()
            if kabupaten_id
            else None
        )
        if row is None:
            return cls()
        return cls(hours=row.jam_kerja, extra_days_off={h.tanggal for h in row.hari_libur.all()})

    def is_working_day(self, day: datetime.date) -> bool:
        return (
            str(day.weekday()) in self.hours
            and day not in _national_holidays(day.year)
            and day not in self.extra_days_off
        )

    def office_hours(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        if not self.is_working_day(day):
            return None
        start, end = (datetime.time.fromisoformat(t) for t in self.hours[str(day.weekday())])
        tz = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(day, start, tzinfo=tz),
            datetime.datetime.combine(day, end, tzinfo=tz),
        )

    def add(self, start: datetime.datetime, amount: Decimal | None, unit: str) -> datetime.datetime | None:
        """The due time of a standard of `amount` `unit` (menit/jam/hari) starting at `start`."""
        if amount is None or unit not in ("menit", "jam", "hari"):
            return None
        start = timezone.localtime(start)
        if unit == "hari":
            return self._add_days(start, int(Decimal(amount).to_integral_value(rounding="ROUND_CEILING")))
        minutes = Decimal(amount) * (60 if unit == "jam" else 1)
        return self._add_minutes(start, minutes)

    def _add_minutes(self, start: datetime.datetime, minutes: Decimal) -> datetime.datetime:
        remaining = datetime.timedelta(minutes=float(minutes))
        day = start.date()
        for _ in range(MAX_DAYS):
            hours = self.office_hours(day)
            if hours:
                begin, end = max(hours[0], start), hours[1]
                if begin < end:
                    if begin + remaining <= end:
                        return begin + remaining
                    remaining -= end - begin
            day += datetime.timedelta(days=1)
        raise ValueError("working calendar has no office hours")

    def _add_days(self, start: datetime.datetime, days: int) -> datetime.datetime:
        day, counted = start.date(), 0
        for _ in range(MAX_DAYS):
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                if counted >= days:
                    begin, end = self.office_hours(day)
                    moment = datetime.datetime.combine(day, start.timetz())
                    return min(max(moment, begin), end)
        raise ValueError("working calendar has no working days")

    def working_minutes(self, start: datetime.datetime, end: datetime.datetime) -> int:
        """Minutes of office time between two moments."""
        start, end = timezone.localtime(start), timezone.localtime(end)
        if end <= start:
            return 0
        total = datetime.timedelta()
        day = start.date()
        while day <= end.date():
            hours = self.office_hours(day)
            if hours:
                overlap = min(end, hours[1]) - max(start, hours[0])
                if overlap > datetime.timedelta():
                    total += overlap
            day += datetime.timedelta(days=1)
        return int(total.total_seconds() // 60)

    def standard_minutes(self, amount: Decimal | None, unit: str, on: datetime.date) -> int | None:
        """A Mutu Baku standard expressed in office minutes (Hari = that many full office days)."""
        if amount is None or not unit:
            return None
        if unit == "hari":
            hours = self.office_hours(on) or self.office_hours(
                on + datetime.timedelta(days=(7 - on.weekday()) % 7 or 1)
            )
            per_day = (hours[1] - hours[0]).total_seconds() / 60 if hours else 510
            return int(Decimal(amount) * Decimal(per_day))
        return int(Decimal(amount) * (60 if unit == "jam" else 1))


def format_minutes(minutes: int | None) -> str:
    if minutes is None:
        return "—"
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} jam {rest} menit"
    if hours:
        return f"{hours} jam"
    return f"{rest} menit"


# Days after a quarter ends during which its work (entry, reports) is still the work at hand; the same
# window kinerja gives for entering a quarter's realisations (kinerja.services.triwulan.FILL_IN_DAYS_AFTER_END).
HARI_SETELAH_TRIWULAN = 10


def periode_berjalan(today: datetime.date) -> tuple[int, int]:
    """(tahun, triwulan) a form should propose: the quarter just ended while its entry window is open
    (5 Oktober -> TW III), else the current one (29 November -> TW IV; 5 Januari -> TW IV of last year)."""
    previous = today - datetime.timedelta(days=HARI_SETELAH_TRIWULAN)
    current = (today.year, (today.month - 1) // 3 + 1)
    ended = (previous.year, (previous.month - 1) // 3 + 1)
    return ended if ended != current else current
