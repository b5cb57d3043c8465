"""Issue 15 in a real browser: the kabupaten requires the Inspektorat's review of the LKIP; the Camat cannot sign
until the evaluator has reviewed it; the evaluator returns it once, then signs the Pernyataan Telah Direviu; the
Camat signs the LKIP, whose last page is the statement (read back from the signed PDF with pypdf)."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document


def test_the_camat_signs_the_reviewed_lkip_with_the_statement_inside(
    live_server, page_for, org, signing_cert, screenshot
):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)

    admin = page_for(org.admin)
    admin.goto(f"{live_server.url}/pengaturan/reviu-lkip/")
    admin.get_by_label("LKIP wajib direviu Inspektorat sebelum ditandatangani Camat").check()
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.get_by_text("Reviu LKIP oleh Inspektorat diwajibkan.")).to_be_visible()

    sign_pk_document(org, 2025)  # the LKIP rests on the year's signed PK (laporan.gates)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)
    report_url = f"{live_server.url}/laporan/{report.pk}/"

    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(report_url)
    expect(camat.get_by_text("reviu belum selesai")).to_be_visible()
    expect(camat.get_by_role("button", name="Tandatangani")).to_be_disabled()

    # The evaluator finds it on Beranda, returns it once with a reason.
    evaluator = page_for(org.evaluator)
    evaluator.goto(f"{live_server.url}/beranda/")
    evaluator.get_by_role("link", name=report.judul).click()
    expect(evaluator.get_by_text("Data saat ini sama dengan data pada naskah yang diajukan.")).to_be_visible()
    evaluator.get_by_label("Alasan pengembalian").fill("Ikhtisar eksekutif belum menyebut capaian sasaran 2.")
    evaluator.get_by_role("button", name="Kembalikan LKIP").click()
    expect(evaluator.get_by_text("LKIP dikembalikan kepada Kasubbag Perencanaan")).to_be_visible()
    kasubbag_page = page_for(kasubbag)
    kasubbag_page.goto(f"{live_server.url}/beranda/")
    expect(kasubbag_page.get_by_text("Ikhtisar eksekutif belum menyebut capaian sasaran 2.")).to_be_visible()

    # Submitted again, reviewed and the statement signed.
    ajukan(user=kasubbag, report_id=report.pk)
    evaluator.goto(f"{live_server.url}/laporan/{report.pk}/reviu/")
    for label in (
        "Data dalam LKIP konsisten dengan data kinerja yang telah disetujui",
        "Seluruh bab LKIP lengkap sesuai PermenPAN-RB 53/2014",
        "Capaian dihitung dengan rumus yang dinyatakan (realisasi terhadap target, polaritas indikator)",
        "Bukti dukung realisasi tersedia",
    ):
        evaluator.get_by_label(label, exact=True).check()
    # No realisation has an evidence file: the app says so, and ticking the item needs the reviewer's reason.
    evaluator.get_by_label("Alasan menyatakan terpenuhi (Bukti dukung realisasi tersedia)").fill(
        "Bukti fisik diperiksa langsung di kantor kecamatan."
    )
    evaluator.get_by_label("Catatan BAB III Akuntabilitas Kinerja").fill("Analisis per sasaran memadai.")
    evaluator.get_by_label("Kata sandi Anda").fill(PASSWORD)
    evaluator.get_by_role("button", name="Tandatangani pernyataan").click()
    expect(evaluator.get_by_text("Pernyataan Telah Direviu ditandatangani")).to_be_visible()
    screenshot(evaluator, "reviu-lkip-selesai")

    camat.goto(report_url)
    expect(camat.get_by_text("Telah direviu oleh")).to_be_visible()
    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    terlambat = camat.get_by_label("Alasan ditandatangani terlambat")
    if terlambat.count():  # a period already past (laporan/batas.py): the page asks why
        terlambat.fill("Penandatanganan menunggu kembalinya Camat dari tugas luar.")
    camat.get_by_role("button", name="Tandatangani").click()
    expect(camat.get_by_text("Laporan telah ditandatangani")).to_be_visible()
    report.refresh_from_db()
    pages = PdfReader(io.BytesIO(bytes(report.dokumen.pdf))).pages
    last = " ".join(pages[-1].extract_text().split())
    assert "PERNYATAAN TELAH DIREVIU" in last and org.evaluator.nama in last
