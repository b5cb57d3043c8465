"""Two-step sign-in (TOTP, django-otp) for CAMAT, ADMIN and EVALUATOR when their kabupaten requires it.

Codes are generated as an authenticator app would (django_otp.oath.TOTP on the device's key); nothing of
ours is mocked. The login goes through the real form (django-axes included).
"""

import base64
import re
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.models import Unit
from sakip.roles import Role
from tests.factories import PASSWORD

DAFTAR = reverse("dua_langkah_daftar")
VERIFIKASI = reverse("dua_langkah_verifikasi")


@pytest.fixture(autouse=True)
def clear_cache(db):
    cache.clear()
    yield
    cache.clear()


def require(org, on=True):
    Unit.objects.filter(pk=org.kabupaten.pk).update(wajib_dua_langkah=on)


def code_for(key_bin: bytes, *, later_steps: int = 0) -> str:
    totp = TOTP(key_bin)
    totp.time = time.time() + 30 * later_steps
    return f"{totp.token():06d}"


def password_login(client, person, next_url="/kinerja/"):
    return client.post(reverse("login"), {"username": person.username, "password": PASSWORD, "next": next_url})


def enrol(client, person) -> tuple[bytes, list[str]]:
    page = client.get(DAFTAR).content.decode()
    secret = re.search(r'data-rahasia="([A-Z2-7]+)"', page).group(1)
    key = base64.b32decode(secret)
    response = client.post(DAFTAR, {"kode": code_for(key)})
    assert response.status_code == 200
    codes = re.findall(r'<li class="col kode-pemulihan">([a-z0-9]+)</li>', response.content.decode())
    return key, codes


@pytest.mark.parametrize("role", [Role.CAMAT, Role.ADMIN, Role.EVALUATOR])
def test_signing_and_administering_roles_must_enrol_before_any_other_page(org, client, role):
    require(org)
    person = org.person("awayan", role) if role == Role.CAMAT else getattr(org, role.lower())
    response = password_login(client, person)
    assert response.status_code == 302
    response = client.get("/kinerja/")
    assert response.status_code == 302 and response["Location"].startswith(DAFTAR)
    page = client.get(DAFTAR)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "otpauth" not in html.split("<svg")[0]
    assert "Kunci rahasia" in html
    assert not TOTPDevice.objects.exists()  # opening the page writes no row


@pytest.mark.parametrize("role", [Role.SEKRETARIS, Role.KASUBBAG_PERENCANAAN, Role.PELAKSANA])
def test_other_roles_are_not_asked(org, client, role):
    require(org)
    password_login(client, org.person("awayan", role))
    assert client.get("/kinerja/").status_code == 200


def test_nobody_is_asked_while_the_kabupaten_does_not_require_it(org, client):
    password_login(client, org.person("awayan", Role.CAMAT))
    assert client.get("/kinerja/").status_code == 200
    assert client.get(DAFTAR)["Location"] == reverse("beranda")


def test_an_acting_camat_is_asked_too(org, client):
    import datetime

    from django.utils import timezone

    from sakip.models import Delegation

    require(org)
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    Delegation.objects.create(
        position=org.awayan.positions[Role.CAMAT],
        pegawai=sekretaris,
        jenis="PLH",
        mulai=timezone.localdate(),
        selesai=timezone.localdate() + datetime.timedelta(days=3),
    )
    password_login(client, sekretaris)
    assert client.get("/kinerja/")["Location"].startswith(DAFTAR)


def test_enrolment_with_a_generated_code_then_login_needs_a_code(org, client):
    require(org)
    camat = org.person("awayan", Role.CAMAT)
    password_login(client, camat)
    page = client.get(DAFTAR).content.decode()
    secret = re.search(r'data-rahasia="([A-Z2-7]+)"', page).group(1)
    key = base64.b32decode(secret)
    wrong = client.post(DAFTAR, {"kode": "000000" if code_for(key) != "000000" else "111111"})
    assert wrong.status_code == 400 and "Kode tidak sesuai" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()

    response = client.post(DAFTAR, {"kode": code_for(key), "next": "/kinerja/"})
    codes = re.findall(r'<li class="col kode-pemulihan">([a-z0-9]+)</li>', response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=camat).confirmed
    assert client.get("/kinerja/").status_code == 200  # verified for this session
    assert client.get(DAFTAR).status_code == 302  # the codes are never shown again

    client.post(reverse("logout"))
    password_login(client, camat)
    response = client.get("/kinerja/")
    assert response["Location"].startswith(VERIFIKASI)
    assert client.get(DAFTAR).status_code == 302  # no second enrolment around the code
    assert client.get(reverse("beranda"))["Location"].startswith(VERIFIKASI)
    response = client.post(VERIFIKASI, {"kode": code_for(key, later_steps=1), "next": "/kinerja/"})
    assert response.status_code == 302 and response["Location"] == "/kinerja/"
    assert client.get("/kinerja/").status_code == 200


def test_a_recovery_code_works_once(org, client):
    require(org)
    camat = org.person("awayan", Role.CAMAT)
    password_login(client, camat)
    _, codes = enrol(client, camat)
    for attempt in range(2):
        client.post(reverse("logout"))
        password_login(client, camat)
        response = client.post(VERIFIKASI, {"kode": codes[0].upper()})
        if attempt == 0:
            assert response.status_code == 302
            assert client.get("/kinerja/").status_code == 200
            assert StaticToken.objects.filter(device__user=camat).count() == 9
        else:
            assert response.status_code == 400 and "Kode tidak sesuai" in response.content.decode()
            assert client.get("/kinerja/").status_code == 302


def test_wrong_codes_are_throttled_after_five_tries(org, client):
    require(org)
    camat = org.person("awayan", Role.CAMAT)
    password_login(client, camat)
    key, _ = enrol(client, camat)
    client.post(reverse("logout"))
    password_login(client, camat)
    good = code_for(key, later_steps=1)
    bad = "123456" if good != "123456" else "654321"
    messages = [client.post(VERIFIKASI, {"kode": bad}).content.decode() for _ in range(5)]
    assert "Sisa percobaan: 4" in messages[0]
    assert "Terlalu banyak kode yang salah" in messages[4]
    # Even the right code waits now.
    response = client.post(VERIFIKASI, {"kode": good})
    assert response.status_code == 400 and "coba lagi setelah 15 menit" in response.content.decode()
    assert client.get("/kinerja/").status_code == 302
    cache.clear()  # the wait is over
    assert client.post(VERIFIKASI, {"kode": good}).status_code == 302


def test_a_code_cannot_be_replayed(org, client):
    require(org)
    camat = org.person("awayan", Role.CAMAT)
    password_login(client, camat)
    key, _ = enrol(client, camat)
    client.post(reverse("logout"))
    password_login(client, camat)
    assert client.post(VERIFIKASI, {"kode": code_for(key)}).status_code == 400  # used at enrolment


def test_two_step_comes_before_the_temporary_password_change(org, client):
    require(org)
    camat = org.person("awayan", Role.CAMAT)
    camat.harus_ganti_password = True
    camat.save()
    password_login(client, camat)
    assert client.get(reverse("password_change"))["Location"].startswith(DAFTAR)
    enrol(client, camat)
    assert client.get("/kinerja/")["Location"] == reverse("password_change")
