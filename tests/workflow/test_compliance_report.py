"""The SOP compliance report ("Monitoring dan Evaluasi Penerapan SOP"): page, PDF and XLSX agree."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow import services

WITA = datetime.timezone(datetime.timedelta(hours=8))


def at(day, hour, minute=0):
    return time_machine.travel(datetime.datetime(2025, 3, day, hour, minute, tzinfo=WITA), tick=False)


def walk(org, kecamatan="awayan"):
    """A 4-step SOP (1 hour Mutu Baku each) with a decision at step 3 answered Tidak once.

    Monday 3 March 2025: step 1 takes 30 min, step 2 90 min (late), step 3 says Tidak after 10 min,
    step 2 again 20 min, step 3 Ya after 5 min, step 4 15 min.
    """
    p = lambda role: org.person(kecamatan, role)  # noqa: E731
    revision = make_sop(
        getattr(org, kecamatan).unit,
        lanes=("CAMAT", "KASUBBAG_PERENCANAAN", "SEKRETARIS", "CAMAT"),
        steps=4,
        decision_at=3,
    )
    with at(3, 8):
        run = services.run_start(user=p(Role.CAMAT), revision=revision, tahun=2025, triwulan=1)
    plan = [
        (8, 30, Role.CAMAT, 1, {}),
        (10, 0, Role.KASUBBAG_PERENCANAAN, 2, {}),
        (10, 10, Role.SEKRETARIS, 3, {"keputusan": "tidak", "alasan": "Data belum lengkap"}),
        (10, 30, Role.KASUBBAG_PERENCANAAN, 2, {}),
        (10, 35, Role.SEKRETARIS, 3, {"keputusan": "ya"}),
        (10, 50, Role.CAMAT, 4, {}),
    ]
    for hour, minute, role, no, extra in plan:
        with at(3, hour, minute):
            task = run.tasks.get(step__no=no, status="aktif")
            services.task_complete(user=p(role), task=task, **extra)
    return revision


def url(name, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(name) + (f"?{query}" if query else "")


PERIOD = {"dari": "2025-03-01", "sampai": "2025-03-31"}


def test_figures_per_sop_step_and_role(org):
    from workflow.selectors import compliance

    walk(org)
    report = compliance(
        org.person("awayan", Role.CAMAT), mulai=datetime.date(2025, 3, 1), sampai=datetime.date(2025, 3, 31)
    )
    (sop,) = report.sop
    assert (sop.ringkasan.selesai, sop.ringkasan.dalam_baku, sop.ringkasan.pengulangan) == (6, 5, 2)
    step2 = sop.langkah[1]
    assert (step2.label, step2.selesai, step2.durations, step2.terlama_menit, step2.median_menit) == (
        "2. Langkah uji 2",
        2,
        [90, 20],
        90,
        55,
    )
    assert step2.persen_dalam_baku == 50
    by_role = {u.label: (u.selesai, u.dalam_baku) for u in sop.peran}
    # Per role, named by the role, with the lane labels printed for it beside.
    assert by_role == {
        "Camat": (2, 2),
        "Kasubbag Perencanaan dan Keuangan (lajur SOP: Kasubbag_Perencanaan)": (2, 1),
        "Sekretaris Camat (lajur SOP: Sekretaris)": (2, 2),
    }
    # Outside the period: nothing.
    empty = compliance(
        org.person("awayan", Role.CAMAT), mulai=datetime.date(2025, 4, 1), sampai=datetime.date(2025, 4, 30)
    )
    assert empty.kosong


def test_page_pdf_and_xlsx_show_the_same_figures(org, client_for):
    walk(org)
    client = client_for(org.person("awayan", Role.PELAKSANA))
    page = client.get(url("workflow:compliance", **PERIOD)).content.decode()
    assert "SOP uji alur" in page and "1 jam 30 menit" in page and "50% (1/2)" in page

    response = client.get(url("workflow:compliance_pdf", **PERIOD))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "MONITORING DAN EVALUASI PENERAPAN SOP" in text
    assert "1 Maret 2025 s.d. 31 Maret 2025" in text
    assert "SOP uji alur" in text and "1 jam 30 menit" in text and "83,3%" in text
    assert "Halaman 1 dari" in text

    response = client.get(url("workflow:compliance_xlsx", **PERIOD))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Keterangan", "Per SOP", "Per Langkah", "Per Peran"]
    per_sop = list(wb["Per SOP"].iter_rows(min_row=2, values_only=True))
    assert per_sop == [("SOP uji alur", "UJI/1", 6, 5, 6, 83.3, 17, 90, 2)]
    steps = {r[1]: r for r in wb["Per Langkah"].iter_rows(min_row=2, values_only=True)}
    assert steps["2. Langkah uji 2"][3:] == (2, 1, 2, 50.0, 55, 90, 1)
    assert wb["Per SOP"]["F2"].number_format == '0.0"%"'


def test_names_that_look_like_formulas_stay_text_in_the_workbook(org, client_for):
    revision = walk(org)
    revision.nama = '=HYPERLINK("http://contoh")'
    revision.save()
    content = client_for(org.person("awayan", Role.CAMAT)).get(url("workflow:compliance_xlsx", **PERIOD)).content
    cell = load_workbook(io.BytesIO(content))["Per SOP"]["A2"]
    assert cell.value == '=HYPERLINK("http://contoh")' and cell.data_type == "s"


def test_tebing_tinggi_sees_none_of_awayan_tasks_and_cannot_ask_for_them(org, client_for):
    walk(org)
    client = client_for(org.person("tebing", Role.CAMAT))
    assert "SOP uji alur" not in client.get(url("workflow:compliance", **PERIOD)).content.decode()
    text = PdfReader(io.BytesIO(client.get(url("workflow:compliance_pdf", **PERIOD)).content)).pages[0].extract_text()
    assert "SOP uji alur" not in text and "Belum ada langkah SOP" in text
    awayan = org.awayan.unit.pk
    assert client.get(url("workflow:compliance_xlsx", kecamatan=awayan, **PERIOD)).status_code == 404


def test_kabupaten_admin_chooses_a_kecamatan(org, client_for):
    walk(org)
    client = client_for(org.admin)
    page = client.get(url("workflow:compliance", kecamatan=org.tebing.unit.pk, **PERIOD))
    assert "SOP uji alur" not in page.content.decode()
    page = client.get(url("workflow:compliance", kecamatan=org.awayan.unit.pk, **PERIOD))
    assert "SOP uji alur" in page.content.decode() and len(page.context["kecamatan_list"]) == 2


def test_bad_dates_are_named_and_the_page_still_answers(org, client_for):
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.get(url("workflow:compliance", dari="kemarin", sampai="2025-01-01"))
    assert response.status_code == 200
    assert response.context["errors"]["dari"].startswith("Tanggal tidak sah")
    response = client.get(url("workflow:compliance", dari="2025-05-01", sampai="2025-01-01"))
    assert "sebelum tanggal awal" in response.context["errors"]["sampai"]


@pytest.mark.parametrize("name", ["workflow:compliance", "workflow:compliance_pdf", "workflow:compliance_xlsx"])
def test_compliance_costs_the_same_queries_for_one_and_three_runs(org, client_for, name):
    client = client_for(org.person("awayan", Role.SEKRETARIS))
    counts = []
    for runs in (1, 3):
        from workflow.models import Run

        Run.objects.all().delete()
        for _ in range(runs):
            walk(org)
        client.get(url(name, **PERIOD))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(name, **PERIOD)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_xlsx_with_a_control_character_already_stored_does_not_fail(org, client_for):
    """Issue 12, finding 7: an SOP name stored with a control character is written without it."""
    revision = walk(org)
    type(revision).objects.filter(pk=revision.pk).update(nama="SOP\x01 uji alur")
    response = client_for(org.person("awayan", Role.CAMAT)).get(url("workflow:compliance_xlsx", **PERIOD))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))["Per SOP"]["A2"].value == "SOP uji alur"
