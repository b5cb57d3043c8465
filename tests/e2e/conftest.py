"""Browser journeys: Playwright driving Debian's Chromium against the live test server.

Log in by putting a Django session cookie into the browser context (no typing of
passwords, no django-axes involvement). Screenshots go to artifacts/screenshots/.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    reason = f"no Chromium at {CHROMIUM}: run `make chromium` (as root) to install Debian's package"
    print(f"\nBROWSER TESTS SKIPPED: {reason}")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def login_as(live_server, context, client):
    """Return a function that logs `person` into the browser context and gives a page."""

    def login(person):
        client.force_login(person)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return context.new_page()

    return login


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def page_for(live_server, browser):
    """A fresh browser context per person (several roles in one journey), logged in by session cookie."""
    from django.test import Client

    contexts = []

    def open_as(person):
        # One Django test client per person: logging a second user into the same client would
        # flush the first user's session.
        client = Client()
        client.force_login(person)
        context = browser.new_context(accept_downloads=True)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        # Irreversible acts ask for confirmation; the journey confirms.
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def signing_cert(tmp_path, monkeypatch):
    from laporan import signing

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(
        common_name="Kecamatan Awayan", organization="Pemkab Balangan", key_file=key, cert_file=cert
    )
    return cert
