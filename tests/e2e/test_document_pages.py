"""Pictures of the documents for people to look at: the LKIP cover, a PK page and an SOP sheet as the
browser shows them (artifacts/screenshots/dokumen-*.png), each checked for what it must carry."""

from django.urls import reverse
from playwright.sync_api import expect

from laporan.models import Report
from laporan.services import buat_laporan
from sakip.roles import Role
from tests.laporan.data import build_kinerja
from tests.workflow.test_views import make_sop


def test_lkip_cover_pk_page_and_sop_sheet_are_pictured(live_server, page_for, org):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    page = page_for(kasubbag)
    for kind, selector, name, must in (
        (Report.Kind.LKIP, "section.cover", "dokumen-lkip-sampul", "LAPORAN KINERJA INSTANSI"),
        (Report.Kind.PK, "section.pk", "dokumen-pk", "PIHAK PERTAMA"),
    ):
        report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=kind, tahun=2025, periode=0)
        page.goto(live_server.url + reverse("laporan:detail", args=[report.pk]))
        part = page.locator(selector).first
        expect(part).to_contain_text(must)
        expect(part).to_contain_text("PEMERINTAH KABUPATEN BALANGAN")
        part.screenshot(path=str(_path(name)))
    revision = make_sop(org.awayan.unit)
    page.goto(live_server.url + reverse("sop:detail", args=[revision.pk]))
    sheet = page.locator("section.sop-alur").first
    expect(sheet).to_contain_text("Langkah uji 1")
    sheet.screenshot(path=str(_path("dokumen-sop")))


def _path(name):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
