from playwright.sync_api import expect

from sakip.roles import Role
from tests.factories import PASSWORD


def test_staff_logs_in_with_the_form_and_sees_the_beranda(live_server, page, org, screenshot):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    screenshot(page, "login")
    page.get_by_label("Nama pengguna").fill("pelaksana.awayan")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()
    expect(page.locator("#konten").get_by_text(org.person("awayan", Role.PELAKSANA).nama)).to_be_visible()
    expect(page.get_by_text("Mengisi realisasi triwulan")).to_be_visible()
    screenshot(page, "beranda-pelaksana")


def test_bootstrap_is_served_locally_and_csp_blocks_nothing_of_ours(live_server, login_as, org):
    page = login_as(org.person("awayan", Role.CAMAT))
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    responses = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.goto(live_server.url + "/beranda/")
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()
    assert all(url.startswith(live_server.url) for url, _ in responses)
    assert any(url.endswith("bootstrap.min.css") and status == 200 for url, status in responses)
    assert errors == []
    # Bootstrap's CSS applied: the navbar is dark-blue from our stylesheet, not unstyled.
    background = page.eval_on_selector("nav.navbar", "el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(29, 79, 122)"
