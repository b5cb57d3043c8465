"""In Chromium: the token page at phone width (390×844) has no page-wide horizontal scroll and the issued
value can be read whole (it wraps inside its box, nothing cut); the documentation page draws Swagger UI from our
own files, its operations grouped by tag, with no Content-Security-Policy violation and no request leaving the
server."""

import pytest
from django.urls import reverse

from tests.api.helpers import issue
from tests.e2e import conftest as e2e

CHROMIUM, SCREENSHOTS = e2e.CHROMIUM, e2e.SCREENSHOTS
browser_type_launch_args, page_for = e2e.browser_type_launch_args, e2e.page_for  # the browser tests' fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_the_token_page_on_a_phone(live_server, page_for, org, transactional_db):
    issue(org.admin, org.kabupaten, nama="Inspektorat Kabupaten Balangan")
    page = page_for(org.admin)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("api:token"))
    page.get_by_label("Nama token").fill("e-Monev Bappeda Kabupaten Balangan")
    page.get_by_role("button", name="Terbitkan token").click()
    shown = page.locator("#nilai-token")
    value = shown.inner_text()
    assert value.startswith("sakip_") and len(value) > 40
    assert value in page.locator("pre code").inner_text()  # the same value as in the curl example
    # Readable whole: the value wraps inside its box (nothing cut or scrolled away), the box inside the screen.
    assert shown.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    box = shown.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] > 40  # two lines at least
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-token-baru-390.png"), full_page=True)
    # Wait for the list to load: reading the page while the browser is between documents finds no root.
    with page.expect_navigation():
        page.get_by_role("link", name="Kembali ke daftar token").click()
    page.get_by_text("Inspektorat Kabupaten Balangan").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "api-token-390.png"), full_page=True)


def test_the_documentation_page_draws_from_our_own_files(live_server, page_for, org, transactional_db):
    page = page_for(org.admin)
    outside, violations = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + reverse("api:openapi-view"))
    page.get_by_text("/api/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/capaian").first.wait_for()
    tags = page.locator(".opblock-tag[data-tag]").evaluate_all("els => els.map(e => e.dataset.tag)")
    assert tags == ["Kecamatan", "Kinerja", "Anggaran", "Dokumen", "Evaluasi"]  # grouped, no "default"
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"), full_page=False)
    assert not outside, outside
    assert not violations, violations
