"""Issue 25 in a real browser: the Kasubbag Perencanaan submits the LKIP and sees its file being composed in
the background, leaves the page, and is told when it is ready; the Camat's page, open meanwhile, follows the
rendering and enables signing by itself; the Camat signs and the LKIP appears on the public SAKIP page. The
real task worker (`db_worker`, django-tasks-db) renders the file."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from laporan.models import Report
from laporan.services import buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def database_tasks():
    """From the call on, queued jobs wait in the database for the worker (the setup before it runs them at once)."""
    override = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    )
    yield override.enable
    override.disable()


def test_the_lkip_is_composed_in_the_background_signed_and_published(
    live_server, page_for, org, signing_cert, screenshot, database_tasks
):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    sign_pk_document(org, 2025)  # the LKIP rests on the year's signed PK (laporan.gates)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
    simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    report_url = f"{live_server.url}/laporan/{report.pk}/"
    database_tasks()

    # The Kasubbag submits from a phone: the answer comes at once, with the composition under way.
    staff = page_for(kasubbag)
    staff.set_viewport_size(PHONE)
    staff.goto(report_url)
    staff.on("dialog", lambda dialog: dialog.accept())
    staff.get_by_role("button", name="Ajukan kepada Camat").first.click()
    expect(staff.get_by_text("Laporan diajukan kepada Camat untuk ditandatangani.")).to_be_visible()
    card = staff.locator("#penyusunan")
    expect(card).to_have_attribute("data-penyusunan", "antri")
    expect(card.get_by_role("progressbar")).to_be_visible()
    expect(card.get_by_text("Anda boleh meninggalkan halaman ini")).to_be_visible()
    screenshot(staff, "lkip-penyusunan-antri-390")

    # The Camat opens it now: nothing to sign yet, and the page says why.
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(report_url)
    expect(camat.get_by_text("Naskah laporan sedang disusun")).to_be_visible()
    expect(camat.get_by_role("button", name="Tandatangani")).to_be_disabled()

    staff.goto(f"{live_server.url}/beranda/")  # the Kasubbag leaves the page

    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)

    # The Camat's open page follows the worker and reloads itself with the form enabled.
    expect(camat.locator("#penyusunan")).to_have_attribute("data-penyusunan", "selesai", timeout=15000)
    expect(camat.get_by_role("button", name="Tandatangani")).to_be_enabled()

    # The Kasubbag is told, wherever they are.
    staff.goto(f"{live_server.url}{reverse('notifikasi:index')}")
    notice = staff.get_by_text(f"Naskah {report.judul} siap")
    expect(notice).to_be_visible()
    notice.click()
    expect(staff.locator("[data-penyusunan-selesai]")).to_be_visible()
    screenshot(staff, "lkip-penyusunan-selesai-390")

    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    terlambat = camat.get_by_label("Alasan ditandatangani terlambat")
    if terlambat.count():  # a period already past (laporan/batas.py): the page asks why
        terlambat.fill("Penandatanganan menunggu kembalinya Camat dari tugas luar.")
    camat.get_by_role("button", name="Tandatangani").click()
    expect(camat.get_by_text("Laporan telah ditandatangani")).to_be_visible()

    # Published: anyone, not signed in, finds it on the kecamatan's public SAKIP page.
    anonymous = camat.context.browser.new_context().new_page()
    anonymous.goto(
        f"{live_server.url}{reverse('publikasi:kecamatan', args=[org.kabupaten.kode, org.awayan.unit.kode])}"
    )
    expect(anonymous.get_by_text("Laporan Kinerja Instansi Pemerintah (LKIP)").first).to_be_visible()
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI
