"""In Chromium at phone width (390×844): the nomenclature pages (the upload with a refused table's list of
problems, the preview, the list of versions) and the Renstra programme form refusing a code outside the
nomenclature have no page-wide horizontal scroll; screenshots in artifacts/screenshots/."""

import pytest
from django.urls import reverse

from sakip.roles import Role
from tests.e2e import conftest as e2e
from tests.kinerja.test_nomenklatur_versi import _rows, _xlsx
from tests.renstra.data import make_renstra, make_rpjmd

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


def _unggah(page, tmp_path, rows, name):
    berkas = tmp_path / name
    berkas.write_bytes(_xlsx(rows))
    page.set_input_files("#id_berkas", str(berkas))
    page.fill("#id_sumber", "Keputusan Menteri Dalam Negeri Nomor 900.1-861 Tahun 2026 tentang Perubahan Kedua")
    page.fill("#id_berlaku_mulai", "2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Unggah dan susun pratinjau").click()


def test_the_nomenclature_pages_on_a_phone(live_server, page_for, org, transactional_db, tmp_path):
    page = page_for(org.admin)
    page.set_viewport_size({"width": LEBAR, "height": 844})
    page.goto(live_server.url + reverse("pengaturan:nomenklatur"))
    _tanpa_gulir(page, "nomenklatur-390")
    _unggah(page, tmp_path, _rows() + [["7.01.08.2.01.0001", "Sub kegiatan tanpa kegiatan induk", None]], "salah.xlsx")
    page.locator("[data-masalah-berkas]").wait_for()
    assert "kegiatan induknya 7.01.08.2.01 tidak ada dalam daftar" in page.locator("[data-masalah-berkas]").inner_text()
    _tanpa_gulir(page, "nomenklatur-ditolak-390")
    _unggah(
        page,
        tmp_path,
        _rows(
            hapus={"7.01.05.2.01.0002"}, tambah=[("7.01.07", "Program Uji Kabupaten")], pensiun={"7.01.04.2.02": 2026}
        ),
        "benar.xlsx",
    )
    page.get_by_role("button", name="Terapkan untuk kecamatan di Kabupaten Balangan").wait_for()
    _tanpa_gulir(page, "nomenklatur-pratinjau-390")
    with page.expect_navigation():
        page.get_by_role("button", name="Terapkan untuk kecamatan di Kabupaten Balangan").click()
    page.get_by_text("berlaku untuk kecamatan di Kabupaten Balangan").first.wait_for()
    _tanpa_gulir(page, "nomenklatur-diterapkan-390")


def test_the_renstra_programme_form_refusing_a_code_on_a_phone(live_server, page_for, org, transactional_db):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)
    page = page_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    page.set_viewport_size({"width": LEBAR, "height": 844})
    page.goto(live_server.url + reverse("renstra:program", args=[org.awayan.unit.pk]))
    page.select_option("#id_sasaran", index=1)
    page.fill("#id_kode", "7.01.09")
    page.fill("#id_nama", "Program salah ketik")
    page.fill("#id_indikator", "Indeks uji")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan", exact=True).click()
    assert "Kode program 7.01.09 tidak terdapat dalam nomenklatur" in page.content()
    assert page.locator("#id_nama").input_value() == "Program salah ketik"
    _tanpa_gulir(page, "renstra-program-kode-ditolak-390")
