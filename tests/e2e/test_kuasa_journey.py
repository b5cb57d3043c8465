"""Issue 29 in a real browser, on phones (390×844): the kabupaten administrator asks for a Plh. Camat; the
second administrator finds it on Beranda and confirms it; the Camat is told. Then the public SAKIP page of the
kabupaten on a phone. Screenshots in artifacts/screenshots/kuasa-*.png and publik-*.png."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from notifikasi.models import Notifikasi
from sakip.models import Delegation
from sakip.roles import Role
from tests.factories import make_person
from tests.laporan.data import build_kinerja, sign_pk_document

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def phone(page_for, person):
    page = page_for(person)
    page.set_viewport_size(PHONE)
    return page


def test_a_plh_camat_needs_the_second_administrator_and_the_camat_is_told(live_server, page_for, org, screenshot):
    kedua = make_person("admin2.balangan", org.admin.jabatan, nama="Rahmah Fitriani, S.Sos")
    today = timezone.localdate()
    admin = phone(page_for, org.admin)
    admin.goto(f"{live_server.url}/pengaturan/plt-plh/")
    admin.get_by_label("Jabatan yang diwakili").select_option(str(org.awayan.positions[Role.CAMAT].pk))
    admin.get_by_label("Pegawai yang ditunjuk").select_option(str(org.person("awayan", Role.SEKRETARIS).pk))
    admin.get_by_label("Jenis").select_option("PLH")
    admin.get_by_label("Mulai").fill(today.isoformat())
    admin.get_by_label("Selesai").fill((today + datetime.timedelta(days=3)).isoformat())
    admin.get_by_role("button", name="Tetapkan").click()
    expect(admin.get_by_text("menunggu persetujuan administrator kabupaten lain")).to_be_visible()
    assert admin.evaluate(SIDEWAYS) <= 0
    screenshot(admin, "kuasa-diminta-ponsel")
    assert not Delegation.objects.exists()

    second = phone(page_for, kedua)
    second.goto(f"{live_server.url}/beranda/")
    second.get_by_text("1 pemberian kuasa menunggu persetujuan Anda").click()
    second.get_by_role("button", name="Setujui").click()
    expect(second.get_by_role("alert").filter(has_text="disetujui dan diterapkan")).to_be_visible()
    assert second.evaluate(SIDEWAYS) <= 0
    screenshot(second, "kuasa-disetujui-ponsel")
    assert Delegation.objects.get().pegawai == org.person("awayan", Role.SEKRETARIS)
    assert Notifikasi.objects.filter(penerima=org.person("awayan", Role.CAMAT), jenis="kuasa_diputus").exists()


def test_the_public_sakip_page_on_a_phone(live_server, browser, org, signing_cert, screenshot):
    build_kinerja(org.awayan.unit, 2025)
    doc = sign_pk_document(org, 2025)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/publik/{org.kabupaten.kode}/")
    expect(page.get_by_role("link", name="Perjanjian Kinerja Tahun 2025", exact=True)).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    screenshot(page, "publik-kabupaten-ponsel")
    page.get_by_role("link", name="Perjanjian Kinerja Tahun 2025", exact=True).click()
    expect(page.get_by_text(doc.sha256)).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    screenshot(page, "publik-dokumen-ponsel")
    context.close()
