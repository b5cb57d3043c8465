"""A step whose lane role nobody holds waits ("menunggu") until the Camat or Sekretaris assigns it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sakip.models import Pegawai
from sakip.roles import Role
from tests.factories import make_delegation
from tests.workflow.test_views import make_sop
from workflow import selectors, services
from workflow.models import Task

WITA = datetime.timezone(datetime.timedelta(hours=8))


def at(day, hour, minute=0):
    return time_machine.travel(datetime.datetime(2025, 3, day, hour, minute, tzinfo=WITA), tick=False)


@pytest.fixture
def vacant_sekretaris(org):
    """Awayan's Sekretaris has retired: the position is empty."""
    Pegawai.objects.filter(pk=org.person("awayan", Role.SEKRETARIS).pk).update(is_active=False)
    return org.awayan.positions[Role.SEKRETARIS]


@pytest.fixture
def waiting(org, vacant_sekretaris):
    revision = make_sop(org.awayan.unit, lanes=("CAMAT", "SEKRETARIS", "CAMAT"), steps=3)
    with at(3, 8):
        run = services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=1)
    with at(3, 9):
        services.task_complete(user=org.person("awayan", Role.CAMAT), task=run.tasks.get(step__no=1))
    return run.tasks.get(step__no=2)


def test_vacant_lane_makes_the_task_wait_without_a_clock(waiting):
    assert waiting.status == Task.Status.MENUNGGU
    assert (waiting.activated_at, waiting.due_at, waiting.assignee) == (None, None, None)
    assert not waiting.terlambat


def test_waiting_task_is_in_nobodys_inbox_but_the_camat_is_told(org, waiting, client_for):
    camat = org.person("awayan", Role.CAMAT)
    assert waiting not in selectors.inbox(camat)
    assert selectors.waiting_tasks(camat) == [waiting]
    assert selectors.waiting_tasks(org.person("awayan", Role.KASUBBAG_PERENCANAAN)) == []
    assert selectors.waiting_tasks(org.person("tebing", Role.CAMAT)) == []
    page = client_for(camat).get(reverse("workflow:inbox")).content.decode()
    assert "Menunggu — jabatan Sekretaris kosong" in page
    timeline = client_for(camat).get(reverse("workflow:run", args=[waiting.run_id])).content.decode()
    assert "Menunggu — jabatan Sekretaris kosong" in timeline
    runs = client_for(camat).get(reverse("workflow:runs")).content.decode()
    assert "1 tugas menunggu penanggung jawab" in runs


def test_waiting_task_cannot_be_completed_or_taken(org, waiting):
    with pytest.raises(services.WorkflowError, match="menunggu"):
        services.task_complete(user=org.person("awayan", Role.CAMAT), task=waiting)
    with pytest.raises(services.WorkflowError, match="menunggu"):
        services.task_take(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), task=waiting)
    waiting.refresh_from_db()
    assert waiting.status == Task.Status.MENUNGGU


def test_reassignment_activates_the_task_and_starts_its_clock(org, waiting):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with at(4, 10):  # Tuesday 10:00 WITA
        services.task_reassign(
            user=org.person("awayan", Role.CAMAT), task=waiting, kepada=kasubbag, alasan="Sekretaris pensiun"
        )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.assignee) == (Task.Status.AKTIF, kasubbag)
    assert waiting.activated_at == datetime.datetime(2025, 3, 4, 10, 0, tzinfo=WITA)
    assert waiting.due_at == datetime.datetime(2025, 3, 4, 11, 0, tzinfo=WITA)  # 1 Jam of office time
    with at(4, 10, 30):
        services.task_complete(user=kasubbag, task=waiting)
    waiting.refresh_from_db()
    assert waiting.status == Task.Status.SELESAI and waiting.menit_kerja == 30


def test_only_camat_or_sekretaris_reassigns_a_waiting_task(org, waiting):
    with pytest.raises(Exception, match="tidak berwenang"):
        services.task_reassign(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
            task=waiting,
            kepada=org.person("awayan", Role.KASI),
            alasan="x",
        )


def test_an_acting_official_keeps_the_task_active(org, vacant_sekretaris):
    today = timezone.localdate()  # the office's day (Asia/Makassar), as the app reads delegations
    make_delegation(vacant_sekretaris, org.person("awayan", Role.KASUBBAG_UMUM), today, today)
    revision = make_sop(org.awayan.unit, lanes=("SEKRETARIS", "CAMAT"), steps=2)
    run = services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=1)
    task = run.tasks.get()
    assert (task.status, task.assignee) == (Task.Status.AKTIF, org.person("awayan", Role.KASUBBAG_UMUM))


def test_cancelling_a_run_cancels_its_waiting_task(org, waiting):
    services.run_cancel(user=org.person("awayan", Role.CAMAT), run=waiting.run, alasan="Salah periode")
    waiting.refresh_from_db()
    assert waiting.status == Task.Status.DIBATALKAN
    # Recorded, with the reason, on the task and on the run (not a bare queryset update).
    assert waiting.history.first().history_change_reason == "Pelaksanaan dibatalkan: Salah periode"
    assert waiting.run.history.first().history_change_reason == "Dibatalkan: Salah periode"
