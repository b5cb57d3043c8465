"""Issue 13 in a real browser: narrative typed and not saved survives "Ajukan"; a blocked signing shows why."""

import re

from playwright.sync_api import expect

from kinerja.models import Triwulan
from laporan.models import Report
from laporan.services import buat_laporan
from sakip.roles import Role
from tests.laporan.data import build_kinerja


def test_typed_narrative_survives_ajukan_and_a_blocked_signing_says_why(live_server, page_for, org, screenshot):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag_person = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag_person, kecamatan=org.awayan.unit, kind="triwulan", tahun=2025, periode=2)
    report_url = f"{live_server.url}/laporan/{report.pk}/"

    kasubbag = page_for(kasubbag_person)
    dialogs = []
    kasubbag.on("dialog", lambda dialog: dialogs.append(dialog.message))
    kasubbag.goto(report_url)
    # The page names what is still missing before anything is pressed.
    expect(
        kasubbag.get_by_text("Bagian narasi belum diisi: Pengantar; Analisis Capaian Kinerja; Penutup.")
    ).to_be_visible()
    kasubbag.get_by_label("Pengantar", exact=True).press_sequentially("Kata pengantar yang tidak disimpan.")
    kasubbag.get_by_label("Analisis Capaian Kinerja", exact=True).fill("Analisis yang diketik.")
    kasubbag.get_by_label("Penutup", exact=True).fill("Penutup yang diketik.")
    # No "Simpan narasi": straight to "Ajukan", confirmed.
    kasubbag.get_by_role("button", name="Ajukan kepada Camat").click()
    expect(kasubbag.get_by_text("Laporan diajukan kepada Camat untuk ditandatangani.")).to_be_visible()
    assert any("Narasi yang Anda ketik disimpan lebih dahulu" in m for m in dialogs)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    assert report.narasi["pengantar"] == "Kata pengantar yang tidak disimpan."
    assert report.narasi["analisis"] == "Analisis yang diketik."
    expect(kasubbag.get_by_text("Kata pengantar yang tidak disimpan.").first).to_be_visible()  # in the preview

    # TW II was reopened after the submission (and verified again): the Camat sees why signing is blocked.
    Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=2).update(
        status=Triwulan.Status.DIVERIFIKASI
    )
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(report_url)
    expect(camat.get_by_text("Laporan belum dapat ditandatangani")).to_be_visible()
    expect(camat.get_by_text("Data kinerja TW II 2025 belum disetujui Camat.")).to_be_visible()
    expect(camat.get_by_label("Kata sandi Anda")).to_be_disabled()
    expect(camat.get_by_role("button", name="Tandatangani")).to_be_disabled()
    screenshot(camat, "laporan-tandatangan-terhalang")

    # The Camat returns it with a reason; the Kasubbag sees it on Beranda.
    camat.get_by_label("Alasan pengembalian").fill("Data TW II dibuka kembali untuk koreksi.")
    camat.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(camat.get_by_text(re.compile("Laporan dikembalikan menjadi draf"))).to_be_visible()
    kasubbag.goto(f"{live_server.url}/beranda/")
    expect(kasubbag.get_by_text("Laporan dikembalikan Camat")).to_be_visible()
    expect(kasubbag.get_by_text("Alasan: Data TW II dibuka kembali untuk koreksi.")).to_be_visible()
    screenshot(kasubbag, "beranda-laporan-dikembalikan")


def test_a_page_with_unsaved_input_warns_before_leaving(live_server, page_for, org):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag_person = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag_person, kecamatan=org.awayan.unit, kind="triwulan", tahun=2025, periode=2)
    page = page_for(kasubbag_person)
    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    kinds = []
    # page_for accepts every dialog; this listener only records which appeared.
    page.on("dialog", lambda dialog: kinds.append(dialog.type))
    page.get_by_label("Pengantar", exact=True).press_sequentially("Teks yang belum disimpan")
    page.get_by_role("link", name="Laporan", exact=True).first.click()
    page.wait_for_url(f"{live_server.url}/laporan/")
    assert kinds == ["beforeunload"]
    # Saved input does not warn: type, save, then leave.
    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    page.get_by_label("Pengantar", exact=True).press_sequentially("Teks yang disimpan")
    page.get_by_role("button", name="Simpan narasi").click()
    expect(page.get_by_text("Narasi laporan disimpan.")).to_be_visible()
    page.get_by_role("link", name="Laporan", exact=True).first.click()
    page.wait_for_url(f"{live_server.url}/laporan/")
    assert kinds == ["beforeunload"]
