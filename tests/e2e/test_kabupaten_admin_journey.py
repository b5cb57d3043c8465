"""The kabupaten administrator works in the app's own pages (issue 12): adds a holiday, creates a staff
account with a temporary password, makes a Plh. Sekretaris for a week (a Plh. Camat waits for a second
administrator: tests/e2e/test_kuasa_journey.py); the new person signs in with the temporary password through
the login form and must change it before anything else."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from sakip.models import Delegation, Pegawai
from sakip.roles import Role
from workflow.calendar import Calendar
from workflow.models import HariLibur


def test_kabupaten_admin_sets_up_and_the_new_person_changes_the_temporary_password(
    live_server, page_for, browser, org, screenshot
):
    today = timezone.localdate()
    holiday = datetime.date(today.year, 12, 24)
    page = page_for(org.admin)

    # Beranda → the working calendar (finding 11: it used to be a 403).
    page.goto(f"{live_server.url}/beranda/")
    page.get_by_role("link", name="Kalender kerja").first.click()
    expect(page.get_by_role("heading", name=re.compile("Kalender kerja"))).to_be_visible()
    page.get_by_label("Tanggal").fill(holiday.isoformat())
    page.get_by_label("Keterangan").fill("Cuti bersama Hari Raya Natal")
    page.get_by_role("button", name="Tambah hari libur").click()
    expect(page.get_by_text("Hari libur 24-12-")).to_be_visible()
    assert HariLibur.objects.get().nama == "Cuti bersama Hari Raya Natal"
    assert not Calendar.for_kabupaten(org.kabupaten.pk).is_working_day(holiday)
    screenshot(page, "pengaturan-kalender")

    # A new staff account with a temporary password, shown once.
    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_role("link", name="Tambah pegawai").click()
    page.get_by_label("Nama pengguna").fill("rahmah.awayan")
    page.get_by_label("Nama lengkap dengan gelar").fill("Siti Rahmah, S.E.")
    page.get_by_label("NIP").fill("19900215 201503 2 004")
    page.locator("#id_jabatan").select_option(str(org.awayan.positions[Role.PELAKSANA].pk))
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("hanya ditampilkan sekali")).to_be_visible()
    temporary = page.locator("#kata-sandi-sementara").inner_text().strip()
    assert Pegawai.objects.get(username="rahmah.awayan").harus_ganti_password
    screenshot(page, "pengaturan-kata-sandi-sementara")

    # A Plh. Sekretaris for a week.
    page.get_by_role("link", name="Plt./Plh.").first.click()
    page.locator("#id_position").select_option(str(org.awayan.positions[Role.SEKRETARIS].pk))
    page.locator("#id_pegawai").select_option(str(org.person("awayan", Role.KASUBBAG_UMUM).pk))
    page.get_by_label("Jenis").select_option("PLH")
    page.get_by_label("Mulai").fill(today.isoformat())
    page.get_by_label("Selesai").fill((today + datetime.timedelta(days=6)).isoformat())
    page.get_by_label("Dasar (nomor surat perintah)").fill("800/15/KEC-AWY")
    page.get_by_role("button", name="Tetapkan").click()
    expect(page.get_by_text(f"Plh. {org.awayan.positions[Role.SEKRETARIS].nama.upper()}:")).to_be_visible()
    expect(page.get_by_role("cell", name="Berlaku")).to_be_visible()
    delegation = Delegation.objects.get()
    assert (delegation.selesai - delegation.mulai).days == 6
    screenshot(page, "pengaturan-plh")

    # The new person signs in with the temporary password and must change it first.
    context = browser.new_context()
    person = context.new_page()
    person.goto(f"{live_server.url}/")
    person.get_by_label("Nama pengguna").fill("rahmah.awayan")
    person.get_by_label("Kata sandi").fill(temporary)
    person.get_by_role("button", name="Masuk").click()
    expect(person.get_by_role("heading", name="Ubah kata sandi")).to_be_visible()
    expect(person.get_by_text("kata sandi sementara")).to_be_visible()
    person.goto(f"{live_server.url}/kinerja/")
    expect(person.get_by_role("heading", name="Ubah kata sandi")).to_be_visible()
    screenshot(person, "ganti-kata-sandi-sementara")
    person.locator("#id_old_password").fill(temporary)
    person.locator("#id_new_password1").fill("Awayan-Bersinar-2026")
    person.locator("#id_new_password2").fill("Awayan-Bersinar-2026")
    person.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(person.get_by_text("Kata sandi Anda berhasil diubah.")).to_be_visible()
    person.goto(f"{live_server.url}/beranda/")
    expect(person.get_by_role("heading", name="Beranda")).to_be_visible()
    expect(person.locator("#konten").get_by_text("Siti Rahmah, S.E.")).to_be_visible()
    assert not Pegawai.objects.get(username="rahmah.awayan").harus_ganti_password
    context.close()
