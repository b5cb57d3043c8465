"""Counter work names its request (issue 26): the inbox row, the task page and the run page of a service run
show the receipt code and the masked applicant (workflow/keterangan.py, filled by loket); the front desk's
Beranda lists today's requests and those still in process, the ones they registered marked; the NIK and the
full name stay off those shared screens."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket import services
from loket.models import Permohonan, samarkan_nama
from sakip.roles import Role
from workflow import services as workflow_services
from workflow.models import Task

pytestmark = pytest.mark.django_db

NIK = "1171024506880003"


def client_of(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def daftar(kota, nama="Cut Nyak Dhien") -> Permohonan:
    return services.permohonan_daftar(
        user=kota["people"][Role.PELAKSANA], revision=kota["revision"], nama_pemohon=nama, nik=NIK
    )


@pytest.mark.parametrize(
    ("nama", "tampil"),
    [("Cut Nyak Dhien", "Cut N. D."), ("Siti Aminah", "Siti A."), ("Rahmat", "Rah***"), ("Ali", "Ali"), ("  ", "")],
)
def test_the_applicants_name_is_masked_for_shared_screens(nama, tampil):
    assert samarkan_nama(nama) == tampil


def test_the_inbox_row_the_task_and_the_run_name_the_request(kota):
    permohonan = daftar(kota)
    pelaksana = client_of(kota["people"][Role.PELAKSANA])
    task = permohonan.run.tasks.get(status=Task.Status.AKTIF)
    named = f"Permohonan {permohonan.kode_cetak} · Cut N. D."

    inbox = pelaksana.get(reverse("workflow:inbox")).content.decode()
    assert named in inbox and "Cut Nyak Dhien" not in inbox and NIK not in inbox
    assert named in pelaksana.get(reverse("workflow:task", args=[task.pk])).content.decode()
    assert named in pelaksana.get(reverse("workflow:run", args=[permohonan.run_id])).content.decode()
    assert named in pelaksana.get(reverse("beranda")).content.decode()  # the Tugas saya panel too


def test_a_run_that_serves_no_request_is_named_by_nothing(kota):
    people = kota["people"]
    run = workflow_services.run_start(user=people[Role.CAMAT], revision=kota["revision"], tahun=2026, triwulan=1)
    page = client_of(people[Role.CAMAT]).get(reverse("workflow:run", args=[run.pk])).content.decode()
    assert "data-keterangan-run" not in page


def test_the_front_desk_finds_todays_and_open_requests_on_beranda(kota):
    people = kota["people"]
    mine, other = daftar(kota), daftar(kota, nama="Teuku Umar")
    Permohonan.objects.filter(pk=other.pk).update(dicatat_oleh=people[Role.KASI])
    page = client_of(people[Role.PELAKSANA]).get(reverse("beranda")).content.decode()
    assert 'data-panel="loket"' in page
    assert "<strong>2</strong> permohonan diterima hari ini" in page
    assert mine.kode_cetak in page and other.kode_cetak in page and "Teuku U." in page
    assert page.count("dicatat oleh Anda") == 1
    assert reverse("loket:tanda_terima", args=[mine.pk]) in page

    workflow_services.run_cancel(user=people[Role.CAMAT], run=mine.run, alasan="Berkas tidak lengkap")
    page = client_of(people[Role.PELAKSANA]).get(reverse("beranda")).content.decode()
    assert other.kode_cetak in page and mine.kode_cetak not in page  # no longer in process


def test_the_camat_who_does_not_serve_the_counter_has_no_such_panel(kota):
    daftar(kota)
    page = client_of(kota["people"][Role.CAMAT]).get(reverse("beranda")).content.decode()
    assert 'data-panel="loket"' not in page


def test_the_inbox_costs_the_same_queries_for_one_request_or_five(kota, django_assert_num_queries):
    pelaksana = client_of(kota["people"][Role.PELAKSANA])
    daftar(kota)
    pelaksana.get(reverse("workflow:inbox"))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        pelaksana.get(reverse("workflow:inbox"))
    for i in range(4):
        daftar(kota, nama=f"Pemohon {i}")
    with django_assert_num_queries(len(one)):
        pelaksana.get(reverse("workflow:inbox"))
