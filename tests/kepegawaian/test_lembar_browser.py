"""In Chromium at phone width (390×844): the mapping page of a workbook of several sheets (the sheet chooser, a
sheet without a header named) and the preview read from the picked sheet have no page-wide horizontal scroll;
screenshots in artifacts/screenshots/."""

import pytest
from django.urls import reverse

from kepegawaian.models import PemetaanKolom
from tests.e2e import conftest as e2e
from tests.kepegawaian.data import MAPPING, rows_of
from tests.kepegawaian.test_lembar import workbook

CHROMIUM, SCREENSHOTS = e2e.CHROMIUM, e2e.SCREENSHOTS
browser_type_launch_args, page_for = e2e.browser_type_launch_args, e2e.page_for  # the browser tests' fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]
LEBAR = 390


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": LEBAR, "height": 844}}


def _tanpa_gulir(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= LEBAR, name


def test_picking_the_sheet_on_a_phone(live_server, page_for, org, transactional_db, tmp_path):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING, diubah_oleh=org.admin)
    berkas = tmp_path / "ekspor-simpeg-berlembar.xlsx"
    berkas.write_bytes(workbook(rows_of(org)).read())
    page = page_for(org.admin)
    page.set_viewport_size({"width": LEBAR, "height": 844})
    page.goto(live_server.url + reverse("kepegawaian:index"))
    page.set_input_files("#id_berkas", str(berkas))
    with page.expect_navigation():
        page.get_by_role("button", name="Unggah dan susun pratinjau").click()
    page.locator("[data-pilih-lembar]").wait_for()
    assert page.locator("#id_pilih_lembar").input_value() == "Daftar Pegawai"
    _tanpa_gulir(page, "kepegawaian-pilih-lembar-390")
    page.select_option("#id_pilih_lembar", "Petunjuk")
    with page.expect_navigation():
        page.get_by_role("button", name="Tampilkan kolom lembar ini").click()
    assert "Lembar Petunjuk: baris judul kolom tidak ditemukan" in page.locator("[data-lembar-galat]").inner_text()
    _tanpa_gulir(page, "kepegawaian-lembar-tanpa-judul-390")
    page.select_option("#id_pilih_lembar", "Daftar Pegawai")
    with page.expect_navigation():
        page.get_by_role("button", name="Tampilkan kolom lembar ini").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan pemetaan dan susun pratinjau").click()
    page.get_by_text("lembar Daftar Pegawai").first.wait_for()
    _tanpa_gulir(page, "kepegawaian-pratinjau-lembar-390")
