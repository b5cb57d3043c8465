"""SOP task events: a task activated or reassigned is announced to whoever holds it."""

from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow import services
from workflow.models import Task


def recipients() -> list[str]:
    return sorted(Notifikasi.objects.filter(jenis="tugas_ditugaskan").values_list("penerima__username", flat=True))


def test_starting_a_run_tells_nobody_when_its_first_step_is_the_starters_own(org):
    revision = make_sop(org.awayan.unit)  # step 1 in the Camat's lane
    services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=2)
    assert recipients() == []


def test_a_step_activated_for_the_kasubbag_notifies_the_kasubbag_of_awayan_only(org):
    revision = make_sop(org.awayan.unit, lanes=("KASUBBAG_PERENCANAAN", "CAMAT", "SEKRETARIS"))
    services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=2)
    assert recipients() == ["kasubbag_perencanaan.awayan"]
    item = Notifikasi.objects.get()
    task = Task.objects.get(status=Task.Status.AKTIF)
    assert item.tautan == f"/tugas/{task.pk}/"
    assert "Langkah uji 1" in item.isi


def test_completing_a_step_notifies_the_holder_of_the_next(org):
    revision = make_sop(org.awayan.unit)
    camat = org.person("awayan", Role.CAMAT)
    run = services.run_start(user=camat, revision=revision, tahun=2025, triwulan=2)
    services.task_complete(user=camat, task=run.tasks.get())
    assert recipients() == ["kasubbag_perencanaan.awayan"]


def test_a_reassigned_task_notifies_its_new_holder(org):
    revision = make_sop(org.awayan.unit)
    camat = org.person("awayan", Role.CAMAT)
    run = services.run_start(user=camat, revision=revision, tahun=2025, triwulan=2)
    task = services.task_complete(user=camat, task=run.tasks.get())
    kasi = org.person("awayan", Role.KASI)
    services.task_reassign(user=camat, task=task, kepada=kasi, alasan="Kasubbag cuti")
    assert recipients() == ["kasi.awayan", "kasubbag_perencanaan.awayan"]


def test_a_task_past_its_mutu_baku_is_announced_once_to_its_holder(org, mailoutbox):
    import datetime
    import io

    import time_machine
    from django.core.management import call_command

    wita = datetime.timezone(datetime.timedelta(hours=8))
    revision = make_sop(org.awayan.unit)  # 1 Jam per step
    camat = org.person("awayan", Role.CAMAT)
    with time_machine.travel(datetime.datetime(2025, 3, 3, 8, 0, tzinfo=wita), tick=False):
        run = services.run_start(user=camat, revision=revision, tahun=2025, triwulan=1)
        services.task_complete(user=camat, task=run.tasks.get())  # step 2 for the Kasubbag, due 09:00
    late = lambda: list(  # noqa: E731
        Notifikasi.objects.filter(jenis="tugas_terlambat").values_list("penerima__username", flat=True)
    )
    with time_machine.travel(datetime.datetime(2025, 3, 3, 8, 30, tzinfo=wita), tick=False):
        call_command("kirim_notifikasi_terlambat", stdout=io.StringIO())
        assert late() == []  # not late yet
    with time_machine.travel(datetime.datetime(2025, 3, 3, 10, 0, tzinfo=wita), tick=False):
        out = io.StringIO()
        call_command("kirim_notifikasi_terlambat", stdout=out)
        assert "1 tugas terlambat" in out.getvalue()
        call_command("kirim_notifikasi_terlambat", stdout=io.StringIO())  # run again: nothing new
    assert late() == ["kasubbag_perencanaan.awayan"]
    item = Notifikasi.objects.get(jenis="tugas_terlambat")
    assert "melewati batas waktu" in item.isi and "Langkah uji 2" in item.isi
