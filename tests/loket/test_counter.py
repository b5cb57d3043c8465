"""The Baiturrahman KTP SOP (a Pemohon lane) imported from Excel and run at the counter; outside lanes
in the runtime; the NIK kept masked; the public status page and its 404; the survey per receipt code."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from layanan import services as layanan_services
from loket import services
from loket.models import Permohonan
from sakip.roles import Role
from sop import document, excel
from sop.pdf import render_revision_pdf
from sop.validation import validate_revision
from tests.loket.data import LANES, NAMA, ktp_workbook
from workflow import selectors as workflow_selectors
from workflow import services as workflow_services
from workflow.models import Run, Task

NIK = "1171024506880003"
NIK_TERSAMAR = "1171********0003"


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _daftar(kota, **extra) -> Permohonan:
    data = {"nama_pemohon": "Cut Nyak Dhien", "nik": NIK, "kontak": "0812 6900 1234", **extra}
    return services.permohonan_daftar(user=kota["people"][Role.PELAKSANA], revision=kota["revision"], **data)


def _finish(run: Run, people) -> None:
    """Walk the run to its end, each step by the holder of its lane."""
    while (task := run.tasks.filter(status=Task.Status.AKTIF).first()) is not None:
        role = task.peran_pencatat or task.role
        workflow_services.task_complete(user=people[role], task=task)
    run.refresh_from_db()


def test_the_baiturrahman_ktp_sop_with_a_pemohon_lane_imports_from_excel_and_round_trips(kota, db):
    revision = kota["revision"]
    lanes = list(revision.lanes.all())
    assert [(lane.label, lane.role, lane.eksternal) for lane in lanes] == [
        (label, code, code == "PEMOHON") for label, code in LANES
    ]
    assert revision.nama == NAMA and revision.steps.count() == 5
    assert not [i.message for i in validate_revision(revision) if i.severity == "error"]
    assert excel.parse_workbook(excel.export_revision(revision)) == excel.parse_workbook(ktp_workbook())


def test_an_unknown_lane_code_is_refused_naming_its_cell(db):
    with pytest.raises(excel.ImportErrors) as refused:
        excel.parse_workbook(ktp_workbook(lanes=[("Tukang", "TUKANG"), *LANES[1:]]))
    assert 'Lembar Prosedur, baris 2, kolom C: kode peran "TUKANG" tidak dikenal' in refused.value.message


def test_the_flowchart_draws_the_outside_lane_dashed_and_marks_its_header(kota, db):
    context = document.context(kota["revision"], paginate=True)
    svgs = [row["svg"] for chunk in context["chunks"] for row in chunk]
    assert 'data-eksternal="ya"' in svgs[0]
    assert all('data-eksternal="ya"' not in svg for svg in svgs[1:])
    html = Client()
    html.force_login(kota["people"][Role.CAMAT])
    page = html.get(reverse("sop:detail", args=[kota["revision"].pk])).content.decode()
    assert page.count("lane-luar") == 1 and "Pelaksana luar kantor" in page


def test_the_pdf_of_the_ktp_sop_prints_the_pemohon_lane_and_its_step(kota, db):
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_revision_pdf(kota["revision"]))).pages)
    assert "Pemohon" in text and "Menyerahkan berkas permohonan KTP-el" in text


def test_the_ktp_sop_runs_at_the_counter_from_the_receipt_to_the_handover(kota, db):
    people = kota["people"]
    counter = _client(people[Role.PELAKSANA])
    page = counter.get(reverse("loket:index"))
    assert NAMA in page.content.decode()
    response = counter.post(
        reverse("loket:daftar"),
        {"revision": kota["revision"].pk, "nama_pemohon": "Cut Nyak Dhien", "nik": NIK},
    )
    permohonan = Permohonan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("loket:tanda_terima", args=[permohonan.pk])
    receipt = counter.get(response["Location"]).content.decode()
    assert permohonan.kode_cetak in receipt and "data:image/svg+xml" in receipt
    run = permohonan.run
    assert run.jenis == Run.Jenis.LAYANAN and run.batas_selesai is not None
    first, second = run.tasks.order_by("pk")
    # The applicant's step is recorded by the counter as received; the Pelaksana's is next, in their inbox.
    assert (first.role, first.status, first.selesai_oleh, first.peran_pencatat) == (
        "PEMOHON",
        Task.Status.SELESAI,
        people[Role.PELAKSANA],
        "PELAKSANA",
    )
    assert second in workflow_selectors.inbox(people[Role.PELAKSANA])
    _finish(run, people)
    assert run.status == Run.Status.SELESAI and run.tasks.count() == 5
    register = counter.get(reverse("loket:register", args=[kota["kec"].unit.pk, run.tahun, run.triwulan]))
    html = register.content.decode()
    assert permohonan.kode_cetak in html and "Selesai" in html and "tepat waktu" in html


def test_a_second_applicant_of_the_same_service_runs_alongside_the_first(kota, db):
    first, second = _daftar(kota), _daftar(kota, nama_pemohon="Teuku Umar")
    assert first.run.status == second.run.status == Run.Status.BERJALAN
    assert first.kode != second.kode


def test_an_outside_lanes_step_is_in_nobodys_inbox_and_recorded_by_the_receiving_staff(kota, db):
    people = kota["people"]
    run = workflow_services.run_start(user=people[Role.CAMAT], revision=kota["revision"], tahun=2026, triwulan=1)
    task = run.tasks.get()
    assert task.status == Task.Status.AKTIF and task.due_at is not None and task.assignee is None
    assert all(task not in workflow_selectors.inbox(person) for person in people.values())
    with pytest.raises(PermissionDenied):
        workflow_services.task_complete(user=people[Role.CAMAT], task=task)
    nxt = workflow_services.task_complete(user=people[Role.PELAKSANA], task=task, catatan="Diterima dari pemohon")
    assert nxt.role == "PELAKSANA"


def test_the_nik_is_masked_before_it_is_stored_and_never_shown_in_full(kota, db):
    permohonan = _daftar(kota)
    stored = Permohonan.objects.filter(pk=permohonan.pk).values().get()
    history = list(Permohonan.history.values())
    assert permohonan.nik_tersamar == NIK_TERSAMAR
    assert NIK not in repr(stored) and NIK not in repr(history)
    client = _client(kota["people"][Role.CAMAT])
    run = permohonan.run
    pages = [
        client.get(reverse("loket:tanda_terima", args=[permohonan.pk])),
        client.get(reverse("loket:register", args=[kota["kec"].unit.pk, run.tahun, run.triwulan])),
        client.get(reverse("loket:index")),
    ]
    for page in pages:
        assert page.status_code == 200 and NIK not in page.content.decode()
    assert NIK_TERSAMAR in pages[0].content.decode() and NIK_TERSAMAR in pages[1].content.decode()
    xlsx = client.get(reverse("loket:register_xlsx", args=[kota["kec"].unit.pk, run.tahun, run.triwulan]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    cells = [str(v) for row in rows for v in row if v is not None]
    assert NIK_TERSAMAR in cells and not any(NIK in c for c in cells)
    assert permohonan.kode_cetak in cells and "Cut Nyak Dhien" in cells


def test_a_nik_of_other_than_sixteen_digits_is_refused_naming_the_field_and_keeping_the_name(kota, db):
    counter = _client(kota["people"][Role.PELAKSANA])
    response = counter.post(
        reverse("loket:daftar"),
        {"revision": kota["revision"].pk, "nama_pemohon": "Cut Meutia", "nik": "11710245"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "NIK harus 16 angka" in html and 'value="Cut Meutia"' in html
    assert not Permohonan.objects.exists() and not Run.objects.exists()


def test_the_public_status_page_shows_only_the_status_and_next_step_of_its_one_run(kota, db):
    permohonan, other = _daftar(kota), _daftar(kota, nama_pemohon="Teuku Umar", kontak="teuku@contoh.id")
    typed = permohonan.kode_cetak.lower()  # as an applicant may type it: lower case, with the dash
    response = Client().get(reverse("loket:status", args=[typed]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sedang diproses" in html and "Memeriksa kelengkapan dan mencatat dalam buku register" in html
    for secret in (
        "Cut Nyak Dhien",
        NIK_TERSAMAR,
        "0812 6900 1234",
        kota["people"][Role.PELAKSANA].nama,
        other.kode_cetak,
        "Teuku Umar",
        "Baiturrahman",
    ):
        assert secret not in html, secret
    assert response["Cache-Control"].startswith("max-age=0") and "noindex" in response["X-Robots-Tag"]


def test_an_unknown_code_is_a_404_that_gives_no_hint(kota, db):
    _daftar(kota)
    anonymous = Client()
    unknown = anonymous.get(reverse("loket:status", args=["ZZZZZ-ZZZZZ"]))
    nowhere = anonymous.get("/tidak-ada-halaman-ini/")
    assert unknown.status_code == 404
    assert unknown.content == nowhere.content  # the same page as any missing address


@override_settings(LOKET_STATUS_BATAS_PER_IP=2)
def test_the_status_page_is_rate_limited_per_address(kota, db):
    # The counts live in the shared cache, which browser tests (committed data) may have left filled for this
    # address: start from none, as a fresh window would.
    cache.clear()
    kode = _daftar(kota).kode
    anonymous = Client()
    codes = [anonymous.get(reverse("loket:status", args=[kode])).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_receipts_survey_link_takes_one_answer_per_receipt_code(kota, db):
    people = kota["people"]
    layanan = layanan_services.layanan_tambah(user=people[Role.CAMAT], kecamatan=kota["kec"].unit, nama=NAMA)
    services.survei_tautkan(user=people[Role.CAMAT], sop=kota["revision"].sop, layanan=layanan)
    permohonan = _daftar(kota)
    _finish(permohonan.run, people)  # the receipt of a finished request is what counts (layanan.tanda_terima)
    receipt = _client(people[Role.PELAKSANA]).get(reverse("loket:tanda_terima", args=[permohonan.pk]))
    link = reverse("layanan:survei", args=[layanan.kode_survei]) + f"?tanda_terima={permohonan.kode}"
    assert permohonan.layanan == layanan and "Survei Kepuasan Masyarakat" in receipt.content.decode()
    form = Client().get(link).content.decode()
    assert re.search(rf'name="kode_tanda_terima"[^>]*value="{permohonan.kode}"', form)
    profil = {"umur": "38", "jenis_kelamin": "P", "pendidikan": "sma", "pekerjaan": "wirausaha"}
    answer = profil | {f"u{i}": "4" for i in range(1, 10)} | {"kode_tanda_terima": permohonan.kode_cetak}
    assert Client().post(link, answer).status_code == 302
    again = Client().post(link, answer | {"kode_tanda_terima": permohonan.kode})
    assert again.status_code == 400 and "sudah dipakai" in again.content.decode()
    # Opening the receipt's link again says so before the questions (issue 26), not after nine answers.
    reopened = Client().get(link).content.decode()
    assert "data-tanda-terima-terpakai" in reopened and "sudah dipakai" in reopened
    assert 'name="u1"' not in reopened and 'name="umur"' not in reopened


def test_the_register_costs_the_same_queries_for_one_applicant_or_many(kota, db, django_assert_max_num_queries):
    people, unit = kota["people"], kota["kec"].unit
    first = _daftar(kota)
    run = first.run
    client = _client(people[Role.CAMAT])
    url = reverse("loket:register", args=[unit.pk, run.tahun, run.triwulan])
    client.get(url)  # session and calendar rows warmed
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for name in ("Teuku Umar", "Cut Meutia", "Malahayati"):
        _daftar(kota, nama_pemohon=name)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Sedang diproses") == 4
