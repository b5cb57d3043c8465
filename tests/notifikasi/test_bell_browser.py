"""The bell in Chromium: the unread count in the navbar, and opening a notification lowers it."""

import os

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from notifikasi import services
from sakip.roles import Role

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, as tests/e2e/conftest.py."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    }


def test_the_bell_counts_unread_and_opening_one_lowers_it(live_server, browser, org):
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    for judul in ("Data kinerja Triwulan III 2025 diajukan", "Laporan Kinerja Triwulan II 2025 ditandatangani"):
        services.kirim(
            penerima=[sekretaris],
            kecamatan_id=org.awayan.unit.pk,
            jenis="triwulan_diajukan",
            judul=judul,
            isi="",
            tautan="/sop/",
        )
    client = Client()
    client.force_login(sekretaris)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/sop/")
        bell = page.locator("#lonceng-notifikasi")
        expect(bell).to_contain_text("2")
        bell.click()
        expect(page.get_by_role("heading", name="Notifikasi", exact=True)).to_be_visible()
        page.get_by_role("button", name="Data kinerja Triwulan III 2025 diajukan").click()
        page.wait_for_url(live_server.url + "/sop/")
        expect(page.locator("#lonceng-notifikasi .badge")).to_contain_text("1")
    finally:
        context.close()
