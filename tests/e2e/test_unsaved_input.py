"""No lost words (issue 26): on a page with several forms, what a person typed or chose in one form survives
another form of the page being sent (an upload, a "Kembalikan"), restored by static/js/unsaved.js and marked
"Draf belum disimpan"; once saved, nothing is restored."""

import pytest
from playwright.sync_api import expect

from evaluasi import kriteria, services
from evaluasi.models import Jawaban
from sakip.roles import Role

DRAF = "Draf belum disimpan"


@pytest.fixture
def evaluasi(org):
    services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas())
    return services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)


def test_chosen_answers_survive_an_evidence_upload_on_the_self_assessment(
    live_server, page_for, org, evaluasi, tmp_path, screenshot
):
    page = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    url = f"{live_server.url}/evaluasi/{evaluasi.pk}/?komponen=1"
    page.goto(url)
    page.get_by_label("Jawaban kriteria 1.a.1").select_option("Y")
    page.get_by_label("Catatan kriteria 1.a.2").fill("Dokumen Renstra ditetapkan 2025.")
    evidence = tmp_path / "bukti.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    row = page.locator('tr[data-kriteria="1.a.3"]')
    row.get_by_label("Berkas bukti kriteria 1.a.3").set_input_files(str(evidence))
    row.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()
    expect(row).to_contain_text("bukti.pdf")
    expect(page.get_by_label("Jawaban kriteria 1.a.1")).to_have_value("Y")
    expect(page.get_by_label("Catatan kriteria 1.a.2")).to_have_value("Dokumen Renstra ditetapkan 2025.")
    expect(page.get_by_text(DRAF)).to_be_visible()
    screenshot(page, "evaluasi-mandiri-draf-dipulihkan")
    assert Jawaban.objects.get(evaluasi=evaluasi, kriteria__sub__kode="1.a", kriteria__nomor=1).mandiri == ""

    page.get_by_role("button", name="Simpan jawaban").first.click()
    page.wait_for_load_state()
    assert Jawaban.objects.get(evaluasi=evaluasi, kriteria__sub__kode="1.a", kriteria__nomor=1).mandiri == "Y"
    page.goto(url)
    expect(page.get_by_label("Jawaban kriteria 1.a.1")).to_have_value("Y")
    expect(page.get_by_text(DRAF)).to_have_count(0)


def test_scores_typed_by_the_evaluator_survive_returning_one_answer(live_server, page_for, org, evaluasi):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    rows = Jawaban.objects.filter(evaluasi=evaluasi).select_related("kriteria")
    services.jawaban_mandiri_simpan(
        user=kasubbag,
        evaluasi=evaluasi,
        isian={j.pk: {"jawaban": "Y" if j.kriteria.jenis_jawaban == "YT" else "B"} for j in rows},
    )
    services.mandiri_ajukan(user=kasubbag, evaluasi=evaluasi)
    page = page_for(org.evaluator)
    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/penilaian/?komponen=1")
    page.get_by_label("Penilaian evaluator kriteria 1.a.2").select_option("T")
    first = page.locator('tr[data-kriteria="1.a.1"]')
    first.get_by_placeholder("Alasan").fill("Bukti dukung belum diunggah.")
    first.get_by_role("button", name="Kembalikan").click()
    page.wait_for_load_state()
    expect(page.locator('tr[data-kriteria="1.a.1"]')).to_contain_text("Dikembalikan")
    expect(page.get_by_label("Penilaian evaluator kriteria 1.a.2")).to_have_value("T")
    expect(page.get_by_text(DRAF)).to_be_visible()


def test_chosen_answers_survive_a_refused_upload_shown_at_the_actions_address(
    live_server, page_for, org, evaluasi, tmp_path
):
    page = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/?komponen=1")
    page.get_by_label("Jawaban kriteria 1.a.1").select_option("Y")
    not_a_pdf = tmp_path / "bukti.pdf"
    not_a_pdf.write_bytes(b"MZ\x90\x00 this is a program, not a document")
    row = page.locator('tr[data-kriteria="1.a.3"]')
    row.get_by_label("Berkas bukti kriteria 1.a.3").set_input_files(str(not_a_pdf))
    row.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/unggah")  # refused: the page shown again at the action's address
    expect(page.get_by_label("Jawaban kriteria 1.a.1")).to_have_value("Y")
    expect(page.get_by_text(DRAF)).to_be_visible()
