"""After a refused submit the page brings the first error into view and puts the cursor in its field
(static/js/galat.js, on every page): on a phone the Camat's empty return reason on a long report page."""

import re

from playwright.sync_api import expect

from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.laporan.data import build_kinerja, narasi_lengkap

PHONE = {"width": 390, "height": 844}


def submitted_report(org):
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2025, periode=2)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    return ajukan(user=kasubbag, report_id=report.pk)


def test_the_refused_return_reason_is_in_view_with_the_cursor_in_it(live_server, page_for, org):
    report = submitted_report(org)
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.set_viewport_size(PHONE)
    camat.goto(f"{live_server.url}/laporan/{report.pk}/")
    camat.locator("#form-kembalikan textarea").fill("   ")  # passes the browser's check, not the server's
    camat.locator("#form-kembalikan").get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    alasan = camat.locator("#form-kembalikan textarea")
    expect(alasan).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(alasan).to_be_focused()
    box = alasan.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]


def test_a_page_without_errors_keeps_its_place(live_server, page_for, org):
    report = submitted_report(org)
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.set_viewport_size(PHONE)
    camat.goto(f"{live_server.url}/laporan/{report.pk}/")
    assert camat.evaluate("window.scrollY") == 0
