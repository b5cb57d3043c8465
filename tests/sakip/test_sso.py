"""Signing in through the kabupaten's OpenID Connect provider (sakip/sso.py, issue 28).

The provider is real: django-oauth-toolkit in a project of its own (tests/oidc_provider), started here as a
separate server process on loopback. The browser's part is played by `requests`: it follows the redirects,
types the person's password at the provider, and comes back through our callback, which exchanges the code
(with the PKCE verifier) at the provider's token endpoint and checks the RS256 ID token against its JWKS.
"""

import os
import re
import socket
import subprocess
import sys
import time
from urllib.parse import parse_qsl, urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from sakip.models import Pegawai
from sakip.roles import Role
from tests.factories import build_org

# Born 15 May 1975: never one of tests.factories.next_nip's (19800101…), which a long-lived worker reaches
# (the 901st person of a process got "…1901" and collided with the Camat's).
NIP_CAMAT = "197505152000031001"
NIP_ASING = "197505152000031002"  # known to the provider, not to the application
CLIENT_ID = "sakip-kecamatan"
CLIENT_SECRET = "rahasia-klien-uji"
PENGGUNA = [("camat", "sandi-camat-sso", NIP_CAMAT), ("asing", "sandi-asing-sso", NIP_ASING), ("tanpanip", "x1", "")]

pytestmark = pytest.mark.django_db(transaction=True)


def _port_bebas() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def penyedia(live_server, tmp_path_factory):
    """The provider process, its issuer and endpoints; our callback on the live server is its redirect URI."""
    folder = tmp_path_factory.mktemp("oidc")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    port = _port_bebas()
    issuer = f"http://127.0.0.1:{port}/o"
    env = {
        **os.environ,
        "PYTHONPATH": str(django_settings.BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_KEY": str(folder / "key.pem"),
        "OIDC_PROVIDER_ISSUER": issuer,
        "OIDC_PROVIDER_USERS": ",".join(":".join(entry) for entry in PENGGUNA),
        "OIDC_PROVIDER_CLIENT_ID": CLIENT_ID,
        "OIDC_PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_PROVIDER_REDIRECT_URI": live_server.url + reverse("sso_kembali"),
        "OIDC_PROVIDER_POST_LOGOUT_URI": live_server.url + reverse("login"),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "tests.oidc_provider.siapkan"], env=env, check=True, timeout=120)
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).json()
                break
            except (requests.ConnectionError, ValueError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test OpenID Connect provider did not start") from None
                time.sleep(0.3)
        yield {"issuer": issuer, **discovery}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def sso_on(settings, penyedia):
    settings.SSO_OIDC_ISSUER = penyedia["issuer"]
    settings.SSO_NAMA = "SSO Balangan"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = penyedia["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = penyedia["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = penyedia["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = penyedia["jwks_uri"]
    settings.OIDC_OP_LOGOUT_ENDPOINT = penyedia["end_session_endpoint"]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "sakip.sso.NipBackend"]
    return settings


@pytest.fixture
def org():
    org = build_org()
    camat = org.person("awayan", Role.CAMAT)
    camat.nip = NIP_CAMAT
    camat.save()
    return org


def masuk_lewat_sso(live_server, username: str, password: str) -> tuple[requests.Session, requests.Response]:
    """Press "Masuk dengan SSO", sign in at the provider, follow it back; the session and the last page."""
    browser = requests.Session()
    at_provider = browser.get(live_server.url + reverse("sso_masuk"), timeout=30)
    assert "/accounts/login/" in at_provider.url, at_provider.url
    assert "code_challenge=" in requests.utils.unquote(at_provider.url)  # PKCE
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', at_provider.text).group(1)
    nxt = re.search(r'name="next" value="([^"]*)"', at_provider.text).group(1).replace("&amp;", "&")
    back = browser.post(
        at_provider.url,
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": nxt},
        timeout=30,
    )
    return browser, back


def test_the_camat_signs_in_through_the_provider_by_the_nip_claim(live_server, sso_on, org):
    browser, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")

    assert page.url == live_server.url + reverse("beranda")
    assert org.person("awayan", Role.CAMAT).nama in page.text
    assert browser.get(live_server.url + reverse("beranda"), timeout=30, allow_redirects=False).status_code == 200


def test_an_unknown_nip_is_refused_and_no_account_is_created(live_server, sso_on, org):
    before = Pegawai.objects.count()

    browser, page = masuk_lewat_sso(live_server, "asing", "sandi-asing-sso")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "19750515 200003 1 002 belum terdaftar sebagai pegawai aktif" in page.text
    assert Pegawai.objects.count() == before
    assert not Pegawai.objects.filter(nip=NIP_ASING).exists()
    refused = browser.get(live_server.url + reverse("beranda"), timeout=30, allow_redirects=False)
    assert refused.status_code == 302 and refused.headers["Location"].startswith(reverse("login"))


def test_a_token_without_the_nip_claim_is_refused(live_server, sso_on, org):
    _, page = masuk_lewat_sso(live_server, "tanpanip", "x1")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "Token SSO tidak memuat NIP" in page.text


def test_a_deactivated_person_is_refused(live_server, sso_on, org):
    Pegawai.objects.filter(nip=NIP_CAMAT).update(is_active=False)

    _, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "belum terdaftar sebagai pegawai aktif" in page.text


def test_an_id_token_of_another_issuer_is_refused(live_server, sso_on, org):
    sso_on.SSO_OIDC_ISSUER = "http://127.0.0.1:1/realms/lain"

    _, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")

    assert page.url.startswith(live_server.url + reverse("login"))
    assert "Masuk melalui SSO gagal" in page.text


def test_the_two_step_rule_still_holds_after_the_provider(live_server, sso_on, org):
    org.kabupaten.wajib_dua_langkah = True
    org.kabupaten.save()

    browser, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")

    assert page.url.startswith(live_server.url + reverse("dua_langkah_daftar"))
    held = browser.get(live_server.url + reverse("beranda"), timeout=30, allow_redirects=False)
    assert held.status_code == 302 and held.headers["Location"].startswith(reverse("dua_langkah_daftar"))


def test_a_kabupaten_without_local_passwords_refuses_the_password_form_but_not_sso(live_server, sso_on, org):
    org.kabupaten.masuk_kata_sandi = False
    org.kabupaten.save()
    camat = org.person("awayan", Role.CAMAT)
    camat.set_password("sandi-lokal-camat-1")
    camat.save()

    response = Client().post(reverse("login"), {"username": camat.username, "password": "sandi-lokal-camat-1"})

    assert response.status_code == 200
    assert "menetapkan masuk melalui SSO Balangan" in response.content.decode()
    assert "Masuk dengan SSO Balangan" in response.content.decode()
    _, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")
    assert page.url == live_server.url + reverse("beranda")


def test_an_operator_keeps_the_password_form_where_local_passwords_are_off(sso_on, org):
    org.kabupaten.masuk_kata_sandi = False
    org.kabupaten.save()
    Pegawai.objects.create_superuser("operator", "op@example.org", "sandi-operator-1")

    response = Client().post(reverse("login"), {"username": "operator", "password": "sandi-operator-1"})

    assert response.status_code == 302


def test_without_an_issuer_sso_is_off(client, db):
    assert "Masuk dengan" not in client.get(reverse("login")).content.decode()
    response = client.get(reverse("sso_masuk"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "SSO belum diaktifkan" in response.content.decode()


def test_the_kabupaten_administrator_turns_local_passwords_off_recorded(client, org):
    client.force_login(org.admin)

    page = client.get(reverse("pengaturan:masuk_sso"))
    response = client.post(reverse("pengaturan:masuk_sso"), {"wajib": ""})  # the box unticked

    assert "SSO belum diaktifkan pada server" in page.content.decode()
    assert response.status_code == 302
    org.kabupaten.refresh_from_db()
    assert org.kabupaten.masuk_kata_sandi is False
    reason = org.kabupaten.history.latest().history_change_reason
    assert reason == "Masuk dengan kata sandi aplikasi tidak diizinkan oleh administrator kabupaten"


def test_a_camat_cannot_change_the_kabupaten_sign_in_rule(client, org):
    client.force_login(org.person("awayan", Role.CAMAT))

    assert client.post(reverse("pengaturan:masuk_sso"), {}).status_code == 403
    org.kabupaten.refresh_from_db()
    assert org.kabupaten.masuk_kata_sandi is True


def _keluar(live_server, browser: requests.Session) -> requests.Response:
    """Press "Keluar" on the Beranda (its form's CSRF token) and follow wherever it leads."""
    beranda = browser.get(live_server.url + reverse("beranda"), timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', beranda.text).group(1)
    return browser.post(
        live_server.url + reverse("logout"),
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": live_server.url + reverse("beranda")},
        timeout=30,
    )


def test_logging_out_ends_the_provider_session_too(live_server, sso_on, org, penyedia):
    browser, page = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")
    assert page.url == live_server.url + reverse("beranda")
    provider_cookie = browser.cookies.get("penyedia_sessionid")
    assert provider_cookie

    out = _keluar(live_server, browser)

    # Our logout sent the browser to the provider's end_session_endpoint with the ID token as id_token_hint and
    # our client, and the provider sent it back to the login page (its registered post-logout redirect URI).
    to_provider = out.history[0]
    assert to_provider.status_code == 302
    ended = urlparse(to_provider.headers["Location"])
    query = dict(parse_qsl(ended.query))
    assert f"{ended.scheme}://{ended.netloc}{ended.path}" == penyedia["end_session_endpoint"]
    assert query["client_id"] == CLIENT_ID and query["id_token_hint"].count(".") == 2
    assert query["post_logout_redirect_uri"] == live_server.url + reverse("login")
    assert out.url == live_server.url + reverse("login") and out.status_code == 200
    # Both sessions are gone: the Beranda asks for the login, and "Masuk dengan SSO" asks for the password at the
    # provider again instead of coming straight back signed in.
    beranda = browser.get(live_server.url + reverse("beranda"), timeout=30, allow_redirects=False)
    assert beranda.status_code == 302 and beranda.headers["Location"].startswith(reverse("login"))
    again = browser.get(live_server.url + reverse("sso_masuk"), timeout=30)
    assert "/accounts/login/" in again.url and 'name="password"' in again.text


def test_without_the_end_session_endpoint_only_our_session_ends(live_server, sso_on, org):
    sso_on.OIDC_OP_LOGOUT_ENDPOINT = ""
    browser, _ = masuk_lewat_sso(live_server, "camat", "sandi-camat-sso")

    out = _keluar(live_server, browser)

    assert [r.headers["Location"] for r in out.history] == [reverse("login")]
    # The provider still knows the person: "Masuk dengan SSO" comes straight back signed in.
    again = browser.get(live_server.url + reverse("sso_masuk"), timeout=30)
    assert again.url == live_server.url + reverse("beranda")


def test_a_password_sign_in_logs_out_to_the_login_page(sso_on, org, client):
    client.force_login(org.person("awayan", Role.CAMAT))

    response = client.post(reverse("logout"))

    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("beranda")).status_code == 302
    assert client.get(reverse("logout")).status_code == 405
