import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.roles import Role
from sop.models import Lane, Sop, SopRevision, Step
from workflow import services
from workflow.models import Run, Task


def make_sop(kecamatan_unit, lanes=("CAMAT", "KASUBBAG_PERENCANAAN", "SEKRETARIS"), steps=3, decision_at=None):
    sop = Sop.objects.create(kecamatan=kecamatan_unit)
    revision = SopRevision.objects.create(
        sop=sop, nama="SOP uji alur", nomor="UJI/1", status=SopRevision.Status.EFFECTIVE
    )
    lane_objs = [
        Lane.objects.create(revision=revision, urutan=i, label=r.title(), role=r) for i, r in enumerate(lanes, 1)
    ]
    for n in range(1, steps + 1):
        kind = "mulai" if n == 1 else "selesai" if n == steps else "proses"
        extra = {}
        if n == decision_at:
            kind, extra = "keputusan", {"ya_ke": n + 1, "tidak_ke": n - 1}
        Step.objects.create(
            revision=revision,
            no=n,
            uraian=f"Langkah uji {n}",
            lane=lane_objs[(n - 1) % len(lanes)],
            kind=kind,
            waktu_cetak="1 Jam",
            waktu_nilai=1,
            waktu_satuan="jam",
            **extra,
        )
    return revision


@pytest.fixture
def run(org):
    revision = make_sop(org.awayan.unit)
    return services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=2)


def test_inbox_requires_login(client, db):
    assert client.get(reverse("workflow:inbox")).status_code == 302


def test_first_step_appears_in_the_camat_inbox_only(client_for, org, run):
    html = client_for(org.person("awayan", Role.CAMAT)).get(reverse("workflow:inbox")).content.decode()
    assert "Langkah uji 1" in html
    html = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(reverse("workflow:inbox")).content.decode()
    assert "Langkah uji 1" not in html


def test_completing_moves_the_work_to_the_next_lane(client_for, org, run):
    task = run.tasks.get()
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.post(reverse("workflow:task_selesai", args=[task.pk]), {"catatan": "Segera"}, follow=True)
    assert "Langkah 2 diteruskan" in response.content.decode()
    html = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(reverse("workflow:inbox")).content.decode()
    assert "Langkah uji 2" in html


def test_task_of_another_kecamatan_is_not_found(client_for, org, run):
    task = run.tasks.get()
    client = client_for(org.person("tebing", Role.CAMAT))
    assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 404
    assert client.get(reverse("workflow:run", args=[run.pk])).status_code == 404


def test_someone_else_of_the_kecamatan_may_read_but_not_complete(client_for, org, run):
    task = run.tasks.get()
    client = client_for(org.person("awayan", Role.PELAKSANA))
    assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 200
    assert client.post(reverse("workflow:task_selesai", args=[task.pk])).status_code == 403
    assert Task.objects.get(pk=task.pk).status == Task.Status.AKTIF


def test_the_run_timeline_shows_every_step_and_the_standard(client_for, org, run):
    services.task_complete(user=org.person("awayan", Role.CAMAT), task=run.tasks.get())
    html = client_for(org.person("awayan", Role.PELAKSANA)).get(reverse("workflow:run", args=[run.pk])).content.decode()
    assert "Langkah uji 1" in html and "Langkah uji 2" in html and "1 Jam" in html


def test_start_form_is_for_camat_and_kasubbag_only(client_for, org):
    revision = make_sop(org.awayan.unit)
    data = {"revision": revision.pk, "tahun": 2025, "triwulan": 3}
    assert client_for(org.person("awayan", Role.PELAKSANA)).post(reverse("workflow:runs"), data).status_code == 403
    response = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).post(reverse("workflow:runs"), data)
    assert response.status_code == 302
    assert Run.objects.filter(revision=revision, triwulan=3).exists()


def test_at_most_one_open_run_per_sop_and_period(org, run):
    with pytest.raises(services.WorkflowError, match="sudah berjalan"):
        services.run_start(user=org.person("awayan", Role.CAMAT), revision=run.revision, tahun=2025, triwulan=2)


def test_tidak_sends_the_work_back_with_the_reason_and_counts_the_round(org):
    revision = make_sop(
        org.awayan.unit, lanes=("CAMAT", "KASUBBAG_PERENCANAAN", "SEKRETARIS", "CAMAT"), steps=4, decision_at=3
    )
    run = services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=1)
    p = lambda role: org.person("awayan", role)  # noqa: E731
    services.task_complete(user=p(Role.CAMAT), task=run.tasks.get(step__no=1))
    services.task_complete(user=p(Role.KASUBBAG_PERENCANAAN), task=run.tasks.get(step__no=2))
    decision = run.tasks.get(step__no=3)
    with pytest.raises(services.WorkflowError, match="Alasan wajib"):
        services.task_complete(user=p(Role.SEKRETARIS), task=decision, keputusan="tidak")
    again = services.task_complete(
        user=p(Role.SEKRETARIS), task=decision, keputusan="tidak", alasan="Data TW belum lengkap"
    )
    assert (again.step.no, again.putaran, again.previous_id) == (2, 2, decision.pk)
    assert run.tasks.filter(step__no=2).count() == 2


def test_shared_queue_is_taken_by_one_of_the_holders(org):
    from tests.factories import make_person

    second_staff = make_person("staf2.awayan", org.awayan.positions[Role.PELAKSANA])
    revision = make_sop(org.awayan.unit, lanes=("CAMAT", "PELAKSANA"), steps=2)
    run = services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=1)
    task = services.task_complete(user=org.person("awayan", Role.CAMAT), task=run.tasks.get())
    assert task.assignee_id is None
    services.task_take(user=second_staff, task=task)
    with pytest.raises(services.WorkflowError, match="sudah diambil"):
        services.task_take(user=org.person("awayan", Role.PELAKSANA), task=task)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.task_complete(user=org.person("awayan", Role.PELAKSANA), task=task)
    services.task_complete(user=second_staff, task=task)


def test_inbox_costs_the_same_queries_for_3_and_30_tasks(client_for, org):
    camat = org.person("awayan", Role.CAMAT)
    client = client_for(camat)
    counts = []
    for total, year in ((3, 2020), (30, 2021)):
        Run.objects.all().delete()
        for k in range(total):
            revision = make_sop(org.awayan.unit)
            services.run_start(user=camat, revision=revision, tahun=year + k, triwulan=1)
        client.get(reverse("workflow:inbox"))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("workflow:inbox"))
        assert response.content.decode().count("Langkah uji 1") == total
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db(transaction=True)
def test_two_people_completing_the_same_task_on_postgresql_one_wins(org):
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is exercised on PostgreSQL (CI runs it)")
    revision = make_sop(org.awayan.unit)
    run = services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=4)
    task = run.tasks.get()
    camat = org.person("awayan", Role.CAMAT)
    results, barrier = [], threading.Barrier(2)

    def complete():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.task_complete(user=camat, task=Task.objects.get(pk=task.pk))
            results.append("ok")
        except services.WorkflowError:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert Task.objects.filter(run=run, step__no=2).count() == 1


def test_compliance_requires_login(client, db):
    assert client.get(reverse("workflow:compliance")).status_code == 302


def test_the_disposition_prints_as_a_lembar_disposisi_pdf(client_for, org, run):
    import io

    from pypdf import PdfReader

    task = run.tasks.get()
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    services.task_complete(
        user=org.person("awayan", Role.CAMAT),
        task=task,
        disposisi=services.DisposisiData(kepada_id=kasubbag.pk, instruksi="Siapkan format pengukuran kinerja"),
    )
    nxt = run.tasks.get(step__no=2)
    assert nxt.assignee_id == kasubbag.pk  # the disposition named the person
    response = client_for(kasubbag).get(reverse("workflow:disposisi_pdf", args=[task.pk]))
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "LEMBAR DISPOSISI" in text and "Siapkan format pengukuran kinerja" in text and kasubbag.nama in text
    assert (
        client_for(org.person("tebing", Role.CAMAT)).get(reverse("workflow:disposisi_pdf", args=[task.pk])).status_code
        == 404
    )
    assert client_for(kasubbag).get(reverse("workflow:disposisi_pdf", args=[nxt.pk])).status_code == 404


def test_attachments_are_checked_by_content_and_served_as_attachments(client_for, org, run):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflow.models import Lampiran

    task = run.tasks.get()
    camat = org.person("awayan", Role.CAMAT)
    client = client_for(camat)
    bad = SimpleUploadedFile("notulen.pdf", b"<html>bukan pdf</html>")
    response = client.post(reverse("workflow:task_selesai", args=[task.pk]), {"lampiran": bad}, follow=True)
    assert "bukan PDF, JPG, PNG, XLSX atau DOCX yang sah" in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == Task.Status.AKTIF  # nothing half-saved
    good = SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n%%EOF\n")
    client.post(reverse("workflow:task_selesai", args=[task.pk]), {"lampiran": good})
    item = Lampiran.objects.get()
    download = client.get(reverse("workflow:lampiran", args=[item.pk]))
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert (
        client_for(org.person("tebing", Role.CAMAT)).get(reverse("workflow:lampiran", args=[item.pk])).status_code
        == 404
    )


def test_camat_cancels_a_run_with_a_reason_and_pelaksana_cannot(client_for, org, run):
    url = reverse("workflow:run", args=[run.pk])
    assert client_for(org.person("awayan", Role.PELAKSANA)).post(url, {"alasan": "x"}).status_code == 403
    client = client_for(org.person("awayan", Role.CAMAT))
    assert "Batalkan pelaksanaan" in client.get(url).content.decode()
    client.post(url, {"alasan": ""})
    run.refresh_from_db()
    assert run.status == Run.Status.BERJALAN
    client.post(url, {"alasan": "Periode keliru"})
    run.refresh_from_db()
    assert (run.status, run.alasan_batal) == (Run.Status.DIBATALKAN, "Periode keliru")
    assert set(run.tasks.values_list("status", flat=True)) == {Task.Status.DIBATALKAN}
