"""No lost words on the Inspektorat's review of an LKIP (issue 26): the notes per chapter and the ticked items
the evaluator has not saved survive the page's other acts. The page is one form with three acts, so each act
sends everything typed: a refused return or signature shows the page again with it (the server convention),
and a return that goes through keeps the notes with the review."""

from django.urls import reverse
from playwright.sync_api import expect

from laporan.models import Report, Reviu
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document

PHONE = {"width": 390, "height": 844}
CATATAN = "Analisis capaian sasaran 2 belum membandingkan dengan tahun sebelumnya."
ITEM = "Seluruh bab LKIP lengkap sesuai PermenPAN-RB 53/2014"


def test_review_notes_survive_a_refused_return_a_refused_signature_and_the_return(
    live_server, page_for, org, signing_cert, screenshot
):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    sign_pk_document(org, 2025)  # the LKIP rests on the year's signed PK (laporan.gates)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)

    page = page_for(org.evaluator)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/laporan/{report.pk}/reviu/")
    catatan = page.get_by_label("Catatan BAB III Akuntabilitas Kinerja")
    item = page.get_by_label(ITEM, exact=True)
    catatan.fill(CATATAN)
    item.check()

    def still_typed():
        expect(catatan).to_have_value(CATATAN)
        expect(item).to_be_checked()

    # "Kembalikan LKIP" without a reason: refused, the page shown again with everything typed.
    with page.expect_navigation():
        page.get_by_role("button", name="Kembalikan LKIP").click()
    assert page.url.rstrip("/").endswith("/kembalikan")
    expect(page.get_by_text("Alasan pengembalian wajib diisi.")).to_be_visible()
    still_typed()
    screenshot(page, "unsaved-reviu-kembalikan-ditolak-390")

    # "Tandatangani pernyataan" with a wrong password: refused the same way.
    page.get_by_label("Kata sandi Anda").fill("bukan-kata-sandi")
    with page.expect_navigation():
        page.get_by_role("button", name="Tandatangani pernyataan").click()
    assert page.url.rstrip("/").endswith("/selesai")
    expect(page.get_by_text("Kata sandi tidak sesuai.")).to_be_visible()
    still_typed()
    assert all(CATATAN not in r.catatan.values() for r in Reviu.objects.filter(report=report))  # nothing stored

    # The return with its reason goes through and keeps the notes with the review.
    page.get_by_label("Alasan pengembalian").fill("Lengkapi perbandingan capaian dengan tahun 2024.")
    with page.expect_navigation():
        page.get_by_role("button", name="Kembalikan LKIP").click()
    expect(page.get_by_text("LKIP dikembalikan kepada Kasubbag Perencanaan")).to_be_visible()
    # The returned draft is no longer the evaluator's to read: the message shows on Beranda, not above a 404.
    assert page.url.endswith(reverse("beranda")) and "tidak ditemukan" not in page.content()
    (review,) = Reviu.objects.filter(report=report)
    assert CATATAN in review.catatan.values()
    assert review.status == Reviu.Status.DIKEMBALIKAN and sum(review.periksa.values()) == 1
