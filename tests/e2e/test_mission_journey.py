"""The mission's journey in a real browser: from the staff's entry to a verified signed PDF."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from laporan.models import Report
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_quarter_from_entry_to_signed_and_verified_report(
    live_server, browser, page_for, org, screenshot, signing_cert, tmp_path
):
    indicators = make_pk(org.awayan, 2025, 2)
    kecamatan = org.awayan.unit.pk
    quarter_url = f"{live_server.url}/kinerja/k/{kecamatan}/2025/tw/2/"

    # Staff enters the realisations with a decimal comma and uploads evidence.
    staff = page_for(org.person("awayan", Role.PELAKSANA))
    staff.goto(quarter_url + "isi/")
    staff.get_by_label(f"Realisasi {indicators[0].uraian}").fill("20,5")
    staff.get_by_label(f"Realisasi {indicators[1].uraian}").fill("25")
    staff.get_by_role("button", name="Simpan realisasi").click()
    expect(staff.get_by_text("Realisasi tersimpan")).to_be_visible()
    expect(staff.get_by_text("82,00%")).to_be_visible()
    screenshot(staff, "isi-realisasi")
    evidence = tmp_path / "bukti-ikm.pdf"
    evidence.write_bytes(PDF)
    staff.get_by_role("link", name="Unggah / kelola").first.click()
    staff.get_by_label("Berkas bukti dukung").set_input_files(str(evidence))
    staff.get_by_role("button", name="Unggah").click()
    expect(staff.get_by_text('Bukti dukung "bukti-ikm.pdf" tersimpan.')).to_be_visible()

    # The Kasubbag submits; the Sekretaris returns it once with a reason, then verifies.
    kasubbag = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    kasubbag.goto(quarter_url)
    kasubbag.get_by_role("button", name="Ajukan untuk diverifikasi").click()
    expect(kasubbag.get_by_text("sekarang: Diajukan")).to_be_visible()
    sekretaris = page_for(org.person("awayan", Role.SEKRETARIS))
    sekretaris.goto(quarter_url)
    sekretaris.get_by_label("Alasan (kembalikan untuk diperbaiki)").fill("Bukti IKM belum ditandatangani")
    sekretaris.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(sekretaris.get_by_text("Dikembalikan: Bukti IKM belum ditandatangani")).to_be_visible()
    kasubbag.goto(quarter_url)
    kasubbag.get_by_role("button", name="Ajukan untuk diverifikasi").click()
    sekretaris.goto(quarter_url)
    sekretaris.get_by_role("button", name="Verifikasi").click()
    expect(sekretaris.get_by_text("sekarang: Diverifikasi")).to_be_visible()

    # The Camat approves (the quarter is locked).
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(quarter_url)
    camat.get_by_role("button", name="Setujui dan kunci").click()
    expect(camat.get_by_text("Disetujui (terkunci)").first).to_be_visible()
    screenshot(camat, "triwulan-disetujui")

    # The Kasubbag drafts the quarterly report and sends it; the Camat signs with the password.
    kasubbag.goto(f"{live_server.url}/laporan/")
    kasubbag.get_by_label("Jenis laporan").select_option("triwulan")
    kasubbag.get_by_label("Tahun").first.fill("2025")
    kasubbag.get_by_label("Triwulan/semester").first.fill("2")
    kasubbag.get_by_role("button", name="Buat draf").click()
    # Every narrative section written (laporan.gates); "Ajukan" saves what was typed.
    kasubbag.get_by_label("Pengantar", exact=True).fill("Laporan kinerja TW II 2025.")
    kasubbag.get_by_label("Analisis Capaian Kinerja", exact=True).fill("Capaian sesuai target.")
    kasubbag.get_by_label("Penutup", exact=True).fill("Demikian laporan ini.")
    kasubbag.get_by_role("button", name="Ajukan kepada Camat").click()
    expect(kasubbag.get_by_text("Laporan diajukan kepada Camat")).to_be_visible()
    report = Report.objects.get(kecamatan=org.awayan.unit, kind="triwulan", tahun=2025)
    camat.goto(f"{live_server.url}/laporan/{report.pk}/")
    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    terlambat = camat.get_by_label("Alasan ditandatangani terlambat")
    if terlambat.count():  # a period already past (laporan/batas.py): the page asks why
        terlambat.fill("Penandatanganan menunggu kembalinya Camat dari tugas luar.")
    camat.get_by_role("button", name="Tandatangani").click()
    expect(camat.get_by_text(re.compile("ditandatangani", re.I)).first).to_be_visible()
    screenshot(camat, "laporan-ditandatangani")

    # The Kasubbag downloads the signed PDF; its text carries the data and the signer.
    kasubbag.goto(f"{live_server.url}/laporan/{report.pk}/")
    with kasubbag.expect_download() as download_info:
        kasubbag.get_by_role("link", name="PDF", exact=True).click()
    signed = download_info.value.path().read_bytes()
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(signed)).pages))
    assert indicators[0].uraian in text
    assert "20,5" in text
    assert org.person("awayan", Role.CAMAT).nama in text

    # Anyone (no login) checks the file on the verification page.
    report.refresh_from_db()
    code = report.dokumen.kode_verifikasi
    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(f"{live_server.url}/laporan/verifikasi/{code}/")
    expect(public.get_by_text("Kecamatan Awayan").first).to_be_visible()
    signed_file = tmp_path / "laporan-ditandatangani.pdf"
    signed_file.write_bytes(signed)
    public.get_by_label("Berkas PDF yang akan diperiksa").set_input_files(str(signed_file))
    public.get_by_role("button", name="Periksa", exact=True).click()
    expect(public.get_by_text("ASLI — berkas sama persis")).to_be_visible()
    screenshot(public, "verifikasi-asli")
    anonymous.close()
