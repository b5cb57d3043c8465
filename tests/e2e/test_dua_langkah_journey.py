"""Two-step sign-in in a real browser (issue 12): the kabupaten requires it; the Camat logs in through the
form, enrols by typing the secret shown on the page into an "authenticator" (django_otp.oath.TOTP here),
confirms with a generated code and receives recovery codes; later logs in again and must type a code;
a recovery code works once."""

import base64
import time

from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from sakip.models import Unit
from sakip.roles import Role
from tests.factories import PASSWORD


def _code(key: bytes, later_steps: int = 0) -> str:
    totp = TOTP(key)
    totp.time = time.time() + 30 * later_steps
    return f"{totp.token():06d}"


def _login(page, base, username):
    page.goto(f"{base}/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _logout(page):
    page.context.clear_cookies()


def test_camat_enrols_then_signs_in_with_a_code_and_a_recovery_code(live_server, browser, org, screenshot):
    Unit.objects.filter(pk=org.kabupaten.pk).update(wajib_dua_langkah=True)
    camat = org.person("awayan", Role.CAMAT)
    context = browser.new_context()
    page = context.new_page()
    base = live_server.url

    _login(page, base, camat.username)
    expect(page.get_by_role("heading", name="Aktifkan verifikasi dua langkah")).to_be_visible()
    expect(page.locator("svg").first).to_be_visible()  # the QR code, drawn by the server
    page.goto(f"{base}/kinerja/")  # nothing else opens before the second step
    expect(page.get_by_role("heading", name="Aktifkan verifikasi dua langkah")).to_be_visible()
    secret = page.locator("#kunci-rahasia").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    screenshot(page, "dua-langkah-daftar")

    page.get_by_label("Kode verifikasi").fill(_code(key))
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("hanya ditampilkan sekali")).to_be_visible()
    codes = [c.strip() for c in page.locator(".kode-pemulihan").all_inner_texts()]
    assert len(codes) == 10
    screenshot(page, "dua-langkah-kode-pemulihan")
    page.get_by_role("link", name="lanjutkan").click()
    expect(page).to_have_url(f"{base}/kinerja/")  # back to the page that was asked for

    # Later: the password alone is not enough.
    _logout(page)
    _login(page, base, camat.username)
    expect(page.get_by_role("heading", name="Verifikasi dua langkah")).to_be_visible()
    page.get_by_label("Kode verifikasi").fill("000000" if _code(key, 1) != "000000" else "111111")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Kode tidak sesuai. Sisa percobaan: 4.")).to_be_visible()
    page.get_by_label("Kode verifikasi").fill(_code(key, 1))
    page.get_by_role("button", name="Verifikasi").click()
    expect(page).to_have_url(f"{base}{reverse('beranda')}")
    screenshot(page, "dua-langkah-masuk")

    # A recovery code instead of the phone: once.
    for attempt in range(2):
        _logout(page)
        _login(page, base, camat.username)
        page.get_by_label("Kode verifikasi").fill(codes[0])
        page.get_by_role("button", name="Verifikasi").click()
        if attempt == 0:
            expect(page.get_by_text("Anda masuk dengan kode pemulihan")).to_be_visible()
        else:
            expect(page.get_by_text("Kode tidak sesuai")).to_be_visible()
            expect(page.get_by_role("heading", name="Verifikasi dua langkah")).to_be_visible()
    context.close()
