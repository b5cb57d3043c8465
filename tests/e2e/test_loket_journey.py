"""The front desk in a real browser: an applicant registered in two clicks, the receipt printed with its
code, then the applicant on a phone (390×844) opens the status page and the survey from the receipt."""

from playwright.sync_api import expect

from loket.models import Permohonan
from sakip.roles import Role
from tests.workflow.test_views import make_sop

WIDTH = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_front_desk_registers_an_applicant_who_follows_it_on_a_phone(
    live_server, page_for, browser, org, screenshot, settings
):
    settings.SITE_URL = live_server.url
    revision = make_sop(org.awayan.unit, lanes=("PEMOHON", "PELAKSANA", "CAMAT"))
    desk = page_for(org.person("awayan", Role.PELAKSANA))
    desk.goto(f"{live_server.url}/loket/")
    # The only service is already chosen: the name, then one click.
    expect(desk.get_by_label(revision.nama)).to_be_checked()
    desk.get_by_label("Nama pemohon").fill("Siti Rahmah")
    desk.get_by_label("NIK (tidak wajib)").fill("6308014512900002")
    desk.get_by_role("button", name="Daftarkan dan buat tanda terima").click()
    expect(desk.get_by_label("Kode tanda terima")).to_be_visible()  # the receipt page: the row is committed
    permohonan = Permohonan.objects.get()
    expect(desk.get_by_label("Kode tanda terima")).to_have_text(permohonan.kode_cetak)
    expect(desk.get_by_text("6308********0002")).to_be_visible()
    expect(desk.get_by_role("img", name="Kode QR halaman status permohonan")).to_be_visible()
    screenshot(desk, "loket-tanda-terima")
    status_url = desk.get_by_text("/loket/status/").inner_text()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = phone.new_page()
        page.goto(status_url)
        expect(page.get_by_text("Sedang diproses")).to_be_visible()
        expect(page.get_by_text("Langkah uji 2 (Pelaksana)")).to_be_visible()
        assert "Siti Rahmah" not in page.content()
        assert page.evaluate(WIDTH) <= 0
        screenshot(page, "loket-status-ponsel")
        page.goto(f"{live_server.url}/loket/status/")
        page.get_by_label("Kode tanda terima").fill(permohonan.kode_cetak.lower())
        page.get_by_role("button", name="Lihat status").click()
        expect(page.get_by_text("Sedang diproses")).to_be_visible()
    finally:
        phone.close()
