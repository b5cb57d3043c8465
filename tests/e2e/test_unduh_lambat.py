"""A draft's PDF is composed on request and takes seconds: the link says "Menyusun PDF…" while it is made and
the file then arrives under its own name (static/js/unduh.js), instead of a link that seems to do nothing."""

from playwright.sync_api import expect

from laporan.models import Report
from laporan.services import buat_laporan
from sakip.roles import Role
from tests.laporan.data import build_kinerja


def test_the_draft_pdf_link_shows_it_is_being_composed_then_saves_the_file(live_server, page_for, org):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
    page = page_for(kasubbag)
    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    link = page.locator("a[data-unduh-lambat]").first
    with page.expect_download(timeout=60000) as download:
        link.click()
        expect(link).to_have_attribute("aria-busy", "true")
        expect(link).to_have_text("Menyusun PDF…")
    assert download.value.suggested_filename.endswith(".pdf")
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    expect(link).not_to_have_attribute("aria-busy", "true")
    expect(link).to_have_text("PDF (draf)")
