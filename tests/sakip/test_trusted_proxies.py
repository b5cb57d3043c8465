"""The client's address behind a reverse proxy (issue 29): X-Forwarded-For counts only when the request comes
from a proxy named in TRUSTED_PROXIES; then two visitors behind nginx are two addresses, for the login lockout
(django-axes, username + address) and for the public pages' rate limits alike. A forwarded header from anyone
else is ignored, so nobody escapes a limit by inventing addresses.
"""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from laporan.views import VERIFY_LIMIT
from sakip import publik
from tests.factories import PASSWORD

PROXY = "127.0.0.1"
LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def clear_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]


def ip_of(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return publik.client_ip(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip_of("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert ip_of(PROXY, "203.0.113.1") == PROXY


def test_a_trusted_proxy_passes_on_the_address_it_received_from(behind_nginx):
    assert ip_of(PROXY, "203.0.113.1") == "203.0.113.1"
    # What the client wrote itself lies left of what nginx appended: the right-most untrusted address counts.
    assert ip_of(PROXY, "6.6.6.6, 203.0.113.1") == "203.0.113.1"
    # Through two trusted proxies (a CIDR): their own addresses are skipped.
    assert ip_of("10.1.2.3", "203.0.113.1, 127.0.0.1") == "203.0.113.1"
    assert ip_of(PROXY, "2001:db8::1") == "2001:db8::1"
    assert ip_of(PROXY, "::ffff:203.0.113.9") == "203.0.113.9"


def test_an_untrusted_sender_or_a_malformed_header_keeps_the_real_address(behind_nginx):
    assert ip_of("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert ip_of(PROXY, "bukan-alamat") == PROXY
    assert ip_of(PROXY, "") == PROXY
    assert ip_of(PROXY) == PROXY
    # No address at all (a request built by hand, force_login's): None, which axes stores as NULL.
    assert ip_of("") is None and ip_of("unknown") is None


def via(remote: str, forwarded: str | None = None, **kwargs) -> Client:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(**meta, **kwargs)


def lock_out(client, username="camat.awayan"):
    for _ in range(6):
        response = client.post(LOGIN, {"username": username, "password": "salah"})
    assert response.status_code == 429


def test_behind_a_trusted_proxy_two_visitors_are_locked_out_separately(behind_nginx, org):
    lock_out(via(PROXY, "203.0.113.1"))
    assert via(PROXY, "203.0.113.1").post(LOGIN, {"username": "camat.awayan", "password": PASSWORD}).status_code == 429
    # The Camat at another address (behind the same nginx) still signs in.
    response = via(PROXY, "203.0.113.2").post(LOGIN, {"username": "camat.awayan", "password": PASSWORD})
    assert response.status_code == 302


def test_an_untrusted_forwarded_header_does_not_escape_the_lockout(behind_nginx, org):
    for n in range(5):
        via("198.51.100.7", f"203.0.113.{n}").post(LOGIN, {"username": "camat.awayan", "password": "salah"})
    response = via("198.51.100.7", "203.0.113.99").post(LOGIN, {"username": "camat.awayan", "password": "salah"})
    assert response.status_code == 429
    response = via("198.51.100.7", "203.0.113.100").post(LOGIN, {"username": "camat.awayan", "password": PASSWORD})
    assert response.status_code == 429


def test_without_the_setting_everyone_behind_the_proxy_shares_one_lockout(settings, org):
    # What the setting fixes: with nginx in front and no TRUSTED_PROXIES, one visitor locks out the others.
    settings.TRUSTED_PROXIES = []
    lock_out(via(PROXY, "203.0.113.1"))
    response = via(PROXY, "203.0.113.2").post(LOGIN, {"username": "camat.awayan", "password": PASSWORD})
    assert response.status_code == 429


def test_behind_a_trusted_proxy_two_visitors_are_rate_limited_separately(behind_nginx, db):
    page = reverse("laporan:verifikasi", args=["tidak-ada"])
    first = via(PROXY, "203.0.113.1")
    for _ in range(VERIFY_LIMIT):
        assert first.get(page).status_code == 404
    assert first.get(page).status_code == 429
    assert via(PROXY, "203.0.113.2").get(page).status_code == 404


def test_an_untrusted_forwarded_header_does_not_escape_the_rate_limit(behind_nginx, db):
    page = reverse("laporan:verifikasi", args=["tidak-ada"])
    for n in range(VERIFY_LIMIT):
        assert via("198.51.100.7", f"203.0.113.{n}").get(page).status_code == 404
    assert via("198.51.100.7", "203.0.113.250").get(page).status_code == 429


def test_the_survey_limit_uses_the_same_rule(behind_nginx, settings, org):
    from layanan import services
    from sakip.roles import Role

    settings.SKM_BATAS_PER_IP = 2
    ktp = services.layanan_tambah(user=org.person("awayan", Role.CAMAT), kecamatan=org.awayan.unit, nama="KTP")
    url = reverse("layanan:survei", args=[ktp.kode_survei])
    first = via(PROXY, "203.0.113.1")
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert via(PROXY, "203.0.113.2").get(url).status_code == 200
    assert via("198.51.100.7", "203.0.113.3").get(url).status_code == 200
    assert via("198.51.100.7", "203.0.113.4").get(url).status_code == 200
    assert via("198.51.100.7", "203.0.113.5").get(url).status_code == 429
