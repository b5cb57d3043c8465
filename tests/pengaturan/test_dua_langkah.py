"""Pengaturan Kabupaten: the administrator turns the two-step sign-in on or off for their kabupaten."""

import pytest
from django.urls import reverse

from pengaturan import services
from pengaturan.services import PengaturanError
from sakip.models import Unit
from sakip.roles import Role
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten

URL = "pengaturan:dua_langkah"


def test_it_requires_login(client, db):
    assert_login_required(client, reverse(URL))


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse(URL))
    assert_role_required(client_for, org, reverse(URL), "post", {"wajib": "on"})
    assert not Unit.objects.filter(wajib_dua_langkah=True).exists()


def test_the_administrator_turns_it_on_and_off_with_history(client_for, org):
    client = client_for(org.admin)
    page = client.get(reverse(URL)).content.decode()
    assert "tidak diwajibkan" in page and org.person("awayan", Role.CAMAT).nama in page
    response = client.post(reverse(URL), {"wajib": "on"}, follow=True)
    assert "Verifikasi dua langkah diwajibkan." in response.content.decode()
    kabupaten = Unit.objects.get(pk=org.kabupaten.pk)
    assert kabupaten.wajib_dua_langkah
    assert kabupaten.history.first().history_change_reason.startswith("Verifikasi dua langkah diwajibkan")
    # The administrator is now asked for the second step too (own session: not verified yet).
    assert client.get(reverse("beranda"))["Location"].startswith(reverse("dua_langkah_daftar"))


def test_it_changes_only_their_own_kabupaten(org):
    muara = other_kabupaten()
    with pytest.raises(PengaturanError):
        services.dua_langkah_atur(user=org.admin, kabupaten=org.awayan.unit, wajib=True)  # not a kabupaten
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.dua_langkah_atur(user=org.admin, kabupaten=muara.unit.kabupaten, wajib=True)
    assert not Unit.objects.filter(wajib_dua_langkah=True).exists()
