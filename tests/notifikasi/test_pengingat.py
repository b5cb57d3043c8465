import datetime

import time_machine
from django.core import mail
from django.core.management import call_command

from notifikasi.services import simpan_preferensi
from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow import services


def test_assignees_of_due_and_overdue_tasks_get_one_email_each(org):
    camat = org.person("awayan", Role.CAMAT)
    camat.email = "camat@awayan.example"
    camat.save()
    with time_machine.travel(datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        services.run_start(user=camat, revision=make_sop(org.awayan.unit), tahun=2025, triwulan=1)
    with time_machine.travel(datetime.datetime(2025, 3, 6, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("kirim_pengingat", verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camat@awayan.example"]
    assert "TERLAMBAT" in mail.outbox[0].body and "Langkah uji 1" in mail.outbox[0].body


def test_nothing_is_sent_when_no_task_is_due(org):
    call_command("kirim_pengingat", verbosity=0)
    assert mail.outbox == []


def test_a_person_who_switched_email_off_gets_no_reminder(org):
    camat = org.person("awayan", Role.CAMAT)
    camat.email = "camat@awayan.example"
    camat.save()
    simpan_preferensi(user=camat, email=False)
    with time_machine.travel(datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        services.run_start(user=camat, revision=make_sop(org.awayan.unit), tahun=2025, triwulan=1)
    with time_machine.travel(datetime.datetime(2025, 3, 6, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("kirim_pengingat", verbosity=0)
    assert mail.outbox == []
    simpan_preferensi(user=camat, email=True)
    with time_machine.travel(datetime.datetime(2025, 3, 6, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("kirim_pengingat", verbosity=0)
    assert [m.to for m in mail.outbox] == [["camat@awayan.example"]]
