"""Counter runs timed against the SOP's Mutu Baku on the working calendar (workflow/timing.py): the on-time
share counts office time only — a Friday afternoon, a weekend and a public holiday do not make a run late."""

import datetime
import zoneinfo

import time_machine

from loket import selectors, services
from sakip.roles import Role
from tests.loket.test_counter import _daftar
from workflow import services as workflow_services
from workflow import timing
from workflow.calendar import Calendar
from workflow.models import Run, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WITA)


def _served(kota, start: datetime.datetime, finish: datetime.datetime) -> Run:
    """One applicant registered at `start`; every later step done, the last at `finish`."""
    with time_machine.travel(start, tick=False):
        run = _daftar(kota).run
    with time_machine.travel(finish, tick=False):
        while (task := run.tasks.filter(status=Task.Status.AKTIF).first()) is not None:
            workflow_services.task_complete(user=kota["people"][task.role], task=task)
    run.refresh_from_db()
    return run


def test_the_ktp_standard_is_two_hours_of_office_time_walked_on_the_calendar(kota, db):
    # Friday 14 August 2026, 10.30 WITA: the office closes at 11.00; Monday 17 August is Independence Day.
    steps = list(kota["revision"].steps.select_related("lane"))
    due = timing.batas_selesai(steps, _at(2026, 8, 14, 10, 30), Calendar())
    assert due == _at(2026, 8, 18, 9, 0)  # 30 minutes on Friday, 90 on Tuesday from 07.30


def test_on_time_share_counts_working_time_across_weekends_and_holidays(kota, db):
    runs = [
        # Across the weekend and the holiday, within two office hours: on time.
        _served(kota, _at(2026, 8, 14, 10, 30), _at(2026, 8, 18, 8, 55)),
        # The same start, finished Tuesday 09.30: late by half an hour of office time.
        _served(kota, _at(2026, 8, 14, 10, 30), _at(2026, 8, 18, 9, 30)),
        # A Thursday morning, done by 09.00 the same day: on time.
        _served(kota, _at(2026, 8, 13, 7, 30), _at(2026, 8, 13, 9, 0)),
        # Thursday 15.00, finished Friday 10.00: 60 + 150 office minutes, late.
        _served(kota, _at(2026, 8, 13, 15, 0), _at(2026, 8, 14, 10, 0)),
    ]
    assert [timing.waktu_run(run, _calendar(kota)).tepat_waktu for run in runs] == [True, False, True, False]
    summary = timing.ringkasan(runs)
    assert (summary.selesai, summary.tepat_waktu, str(summary.persen)) == (4, 2, "50.00")
    # The register of the quarter (by arrival) says the same.
    reg = selectors.register(kota["people"][Role.CAMAT], kota["kec"].unit, tahun=2026, triwulan=3)
    assert [b.tepat_waktu for b in reg.baris] == ["Ya", "Tidak", "Ya", "Tidak"]
    assert reg.ringkasan == summary


def _calendar(kota):
    return Calendar.for_kabupaten(kota["kec"].unit.kabupaten_id)


def test_a_run_still_open_past_its_due_moment_is_late_in_the_register(kota, db):
    with time_machine.travel(_at(2026, 8, 13, 8, 0), tick=False):
        permohonan = _daftar(kota)
    with time_machine.travel(_at(2026, 8, 13, 14, 0), tick=False):
        (row,) = selectors.register(kota["people"][Role.CAMAT], kota["kec"].unit, tahun=2026, triwulan=3).baris
    assert row.permohonan == permohonan and row.tepat_waktu == "Terlambat" and row.badge == "text-bg-danger"
    assert services.samarkan_nik("1171024506880003") == "1171********0003"
