"""Rendering a submitted report off the request (laporan/penyusunan.py): the submission queues the render in
the database (django-tasks-db), the real worker (`manage.py db_worker`) makes the file the Camat reads and
signs, the page and the gates say where it stands, the submitter is told when it is ready, and a failed
render is shown and queued again. These tests use the database backend and run the worker for real; the
rest of the suite runs queued jobs at once (sakip/settings_test.py)."""

import datetime

import pytest
import weasyprint
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from laporan import gates
from laporan.models import NaskahDiajukan, PenyusunanNaskah, Report, SignedDocument
from laporan.services import kembalikan, tandatangani
from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_tasks"),
]

ST = PenyusunanNaskah.Status


@pytest.fixture
def database_tasks():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        yield


def run_worker():
    """The worker as deployed, until the queue is empty."""
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def status_of(client, report) -> dict:
    response = client.get(reverse("laporan:naskah_status", args=[report.pk]))
    assert response.status_code == 200
    return response.json()


def test_submission_queues_the_render_and_the_worker_makes_the_file_the_camat_signs(org, client_for, make_report):
    report = make_report()
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    camat = org.person("awayan", Role.CAMAT)

    # Submitted, nothing rendered yet: the task waits in the database, the page and the gate say so.
    assert report.status == Report.Status.DIAJUKAN
    assert PenyusunanNaskah.objects.get(report=report).status == ST.ANTRI
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not NaskahDiajukan.objects.filter(report=report).exists()
    assert any("sedang disusun" in reason for reason in gates.alasan_tidak_dapat_ditandatangani(report, camat))
    page = client_for(kasubbag).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert 'data-penyusunan="antri"' in page
    assert "Anda boleh meninggalkan halaman ini" in page
    assert status_of(client_for(kasubbag), report)["status"] == "antri"
    early = client_for(camat).get(reverse("laporan:pdf", args=[report.pk]))
    assert early.status_code == 302  # no half-made file, and no render inside the request

    run_worker()

    penyusunan = PenyusunanNaskah.objects.get(report=report)
    assert penyusunan.status == ST.SELESAI and penyusunan.mulai_pada <= penyusunan.selesai_pada
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    naskah = NaskahDiajukan.objects.get(report=report)
    assert status_of(client_for(camat), report)["status"] == "selesai"
    assert client_for(camat).get(reverse("laporan:pdf", args=[report.pk])).content == bytes(naskah.pdf)
    ready = Notifikasi.objects.get(jenis=Notifikasi.Jenis.NASKAH_SIAP)
    assert ready.penerima == kasubbag and ready.tautan == reverse("laporan:detail", args=[report.pk])
    assert gates.alasan_tidak_dapat_ditandatangani(report, camat) == []

    doc = tandatangani(user=camat, report_id=report.pk, password=PASSWORD, alasan_terlambat=LAMPAU)
    assert doc.kode_verifikasi == naskah.kode_verifikasi  # the file the worker made is the one signed
    verification = client_for(camat).get(reverse("laporan:verifikasi", args=[doc.kode_verifikasi]))
    assert verification.status_code == 200


def test_a_report_returned_before_the_worker_reaches_it_is_left_alone(org, make_report):
    report = make_report()
    kembalikan(user=org.person("awayan", Role.CAMAT), report_id=report.pk, alasan="Narasi Bab II kurang")

    run_worker()

    assert not NaskahDiajukan.objects.filter(report=report).exists()
    assert PenyusunanNaskah.objects.get(report=report).status == ST.ANTRI  # stale: never started
    assert not Notifikasi.objects.filter(jenis=Notifikasi.Jenis.NASKAH_SIAP).exists()


def test_a_failed_render_is_shown_told_and_queued_again(org, client_for, make_report, monkeypatch):
    report = make_report()
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    camat = org.person("awayan", Role.CAMAT)

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:  # the machine, not our code, fails: WeasyPrint cannot write
        patched.setattr(weasyprint.document.Document, "write_pdf", disk_full)
        run_worker()

    penyusunan = PenyusunanNaskah.objects.get(report=report)
    assert penyusunan.status == ST.GAGAL
    assert "No space left on device" in penyusunan.pesan
    assert Report.objects.get(pk=report.pk).status == Report.Status.DIAJUKAN  # the submission stands
    failed = Notifikasi.objects.filter(jenis=Notifikasi.Jenis.NASKAH_GAGAL)
    assert {n.penerima.username for n in failed} == {kasubbag.username}
    assert any("gagal disusun" in reason for reason in gates.alasan_tidak_dapat_ditandatangani(report, camat))
    page = client_for(kasubbag).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "Naskah gagal disusun" in page and "Susun ulang naskah" in page
    camat_page = client_for(camat).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "Susun ulang naskah" not in camat_page  # the submitter's act, not the signer's

    response = client_for(kasubbag).post(reverse("laporan:susun_ulang", args=[report.pk]))
    assert response.status_code == 302
    assert PenyusunanNaskah.objects.get(report=report).status == ST.ANTRI
    run_worker()

    penyusunan = PenyusunanNaskah.objects.get(report=report)
    assert (penyusunan.status, penyusunan.percobaan, penyusunan.pesan) == (ST.SELESAI, 2, "")
    assert NaskahDiajukan.objects.filter(report=report).exists()
    assert all(n.selesai_pada is not None for n in failed.all())  # the failure told earlier is resolved
    doc = tandatangani(user=camat, report_id=report.pk, password=PASSWORD, alasan_terlambat=LAMPAU)
    assert SignedDocument.objects.get(pk=doc.pk).report_id == report.pk


def test_queueing_again_is_refused_while_the_render_has_not_failed(org, client_for, make_report):
    report = make_report()
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    kasubbag.post(reverse("laporan:susun_ulang", args=[report.pk]))
    assert PenyusunanNaskah.objects.get(report=report).percobaan == 1
    assert DBTaskResult.objects.count() == 1


def test_the_status_of_awayans_render_is_not_told_to_tebing_tinggi(org, client_for, make_report):
    report = make_report()
    other = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    assert other.get(reverse("laporan:naskah_status", args=[report.pk])).status_code == 404
    assert other.post(reverse("laporan:susun_ulang", args=[report.pk])).status_code == 404


def test_a_job_no_worker_took_for_minutes_tells_the_office_to_call_the_operator(org, client_for, make_report):
    report = make_report()
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    url = reverse("laporan:detail", args=[report.pk])
    assert "data-penyusunan-tertahan" in kasubbag.get(url).content.decode()
    assert (
        'alert alert-warning small d-none" role="status" data-penyusunan-tertahan' in kasubbag.get(url).content.decode()
    )
    PenyusunanNaskah.objects.filter(report=report).update(diminta_pada=timezone.now() - datetime.timedelta(minutes=3))
    page = kasubbag.get(url).content.decode()
    assert 'alert alert-warning small" role="status" data-penyusunan-tertahan' in page
    assert "pekerja latar" in page
