"""A run timed against its SOP's Mutu Baku, on the kabupaten's working calendar.

The standard of a whole run is the Mutu Baku ("Waktu") of the steps on its main path — from the
first step, following "Ya" at each decision, until an end terminator — walked forward from the
moment the run started: "10 Menit" and "2 Jam" through office hours, "1 Hari" to the same clock
time one working day later (weekends, Indonesian public holidays and the kabupaten's own days off
excluded; see workflow/calendar.py). Steps of outside actors (Pemohon, Desa …) count like any other.
A step without a stated time adds nothing; a run none of whose steps states a time has no standard.

A run is on time ("tepat waktu") when it finished no later than that moment. This is the one rule
behind the counter's register (loket) and any figure computed from it ("persentase pelayanan tepat
waktu"): numerator = runs finished on time, denominator = runs finished in the period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from sop.models import Step
from workflow.calendar import Calendar


def main_path(steps: list[Step]) -> list[Step]:
    """The steps a run walks when every decision answers "Ya" (each step once, loops cut)."""
    by_no = {s.no: s for s in steps}
    ordered = sorted(by_no)
    path: list[Step] = []
    seen: set[int] = set()
    current = by_no.get(ordered[0]) if ordered else None
    while current is not None and current.no not in seen:
        seen.add(current.no)
        path.append(current)
        if current.kind == Step.Kind.END:
            break
        if current.kind == Step.Kind.DECISION:
            current = by_no.get(current.ya_ke or current.no + 1)
        else:
            later = [n for n in ordered if n > current.no]
            current = by_no[later[0]] if later else None
    return path


def batas_selesai(steps: list[Step], start: datetime.datetime, calendar: Calendar) -> datetime.datetime | None:
    """When a run started at `start` is due: the main path's Mutu Baku walked on the calendar."""
    moment, timed = start, False
    for step in main_path(steps):
        if step.waktu_nilai is None or not step.waktu_satuan:
            continue
        moment, timed = calendar.add(moment, Decimal(step.waktu_nilai), step.waktu_satuan), True
    return moment if timed else None


@dataclass(frozen=True)
class WaktuRun:
    """A run against its standard: minutes of office time used, the due moment, on time or not."""

    batas: datetime.datetime | None
    menit_kerja: int | None  # office minutes from start to finish (to now while it runs)
    tepat_waktu: bool | None  # None: still running within the standard, or no standard at all
    terlambat: bool  # finished late, or still running past its due moment


def waktu_run(run, calendar: Calendar, now: datetime.datetime | None = None) -> WaktuRun:
    now = now or timezone.now()
    end = run.selesai_pada if run.status == run.Status.SELESAI else None
    menit = calendar.working_minutes(run.dimulai_pada, end or now) if run.status != run.Status.DIBATALKAN else None
    batas = run.batas_selesai
    if batas is None:
        return WaktuRun(None, menit, None, False)
    if end is not None:
        return WaktuRun(batas, menit, end <= batas, end > batas)
    return WaktuRun(batas, menit, None, run.status == run.Status.BERJALAN and now > batas)


@dataclass(frozen=True)
class RingkasanTepatWaktu:
    """Runs finished in a period and how many of them within their Mutu Baku."""

    selesai: int
    tepat_waktu: int

    @property
    def persen(self) -> Decimal | None:
        if not self.selesai:
            return None
        return (Decimal(100) * self.tepat_waktu / self.selesai).quantize(Decimal("0.01"))


def ringkasan(runs) -> RingkasanTepatWaktu:
    """The on-time share of finished runs that have a standard (runs without one are not counted)."""
    finished = [r for r in runs if r.status == r.Status.SELESAI and r.batas_selesai is not None]
    return RingkasanTepatWaktu(
        selesai=len(finished), tepat_waktu=sum(1 for r in finished if r.selesai_pada <= r.batas_selesai)
    )
