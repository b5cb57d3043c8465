import re

import pytest
from django.test import Client
from django.urls import reverse

from sakip.models import Pegawai
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten


def new_person(org, **extra):
    data = {
        "username": "staf.baru",
        "nama": "Siti Rahmah, S.E.",
        "nip": "19900215 201503 2 004",
        "pangkat_golongan": "Penata Muda (III/a)",
        "email": "siti@example.org",
        "telepon": "0812",
        "jabatan": org.awayan.positions[Role.PELAKSANA].pk,
    }
    data.update(extra)
    return data


def temporary_password(html: str) -> str:
    return re.search(r'id="kata-sandi-sementara"[^>]*>([^<]+)<', html).group(1)


def person_urls(person):
    return [
        ("get", reverse("pengaturan:pegawai_ubah", args=[person.pk])),
        ("post", reverse("pengaturan:pegawai_status", args=[person.pk])),
        ("post", reverse("pengaturan:pegawai_sandi", args=[person.pk])),
    ]


def test_it_requires_login(client, org):
    assert_login_required(client, reverse("pengaturan:pegawai"))
    assert_login_required(client, reverse("pengaturan:pegawai_tambah"), "post")
    for method, url in person_urls(org.person("awayan", Role.PELAKSANA)):
        assert_login_required(client, url, method)


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse("pengaturan:pegawai"))
    assert_role_required(client_for, org, reverse("pengaturan:pegawai_tambah"), "post", new_person(org))
    for method, url in person_urls(org.person("awayan", Role.PELAKSANA)):
        assert_role_required(client_for, org, url, method, {"aktif": "0"})
    assert not Pegawai.objects.filter(username="staf.baru").exists()


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    stranger = muara.people[Role.CAMAT]
    client = client_for(org.admin)
    for method, url in person_urls(stranger):
        assert getattr(client, method)(url, {"aktif": "0"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active and not stranger.harus_ganti_password
    html = client.get(reverse("pengaturan:pegawai")).content.decode()
    assert stranger.username not in html and org.person("tebing", Role.CAMAT).username in html
    # A position of another kabupaten cannot be chosen for a new person.
    response = client.post(reverse("pengaturan:pegawai_tambah"), new_person(org, jabatan=muara.positions["CAMAT"].pk))
    assert response.status_code == 200
    assert "Jabatan:" in response.content.decode()
    assert not Pegawai.objects.filter(username="staf.baru").exists()


def test_operators_are_not_managed_here(client_for, org):
    operator = Pegawai.objects.create_superuser("operator", "op@example.org", "kata-sandi-operator-1")
    operator.jabatan = org.awayan.positions[Role.PELAKSANA]
    operator.save()
    client = client_for(org.admin)
    assert client.post(reverse("pengaturan:pegawai_sandi", args=[operator.pk])).status_code == 404
    assert operator.username not in client.get(reverse("pengaturan:pegawai")).content.decode()


def test_a_new_account_gets_a_temporary_password_shown_once(client_for, org):
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_tambah"), new_person(org))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = temporary_password(response.content.decode())
    person = Pegawai.objects.get(username="staf.baru")
    assert person.check_password(password)
    assert person.harus_ganti_password
    assert person.nip == "199002152015032004"
    assert person.jabatan == org.awayan.positions[Role.PELAKSANA]
    assert person.history.first().history_user == org.admin
    # Never again: the person's page does not show it.
    assert (
        password not in client_for(org.admin).get(reverse("pengaturan:pegawai_ubah", args=[person.pk])).content.decode()
    )


def test_the_new_person_must_change_the_temporary_password_at_first_login(client_for, org):
    html = client_for(org.admin).post(reverse("pengaturan:pegawai_tambah"), new_person(org)).content.decode()
    password = temporary_password(html)
    browser = Client()
    response = browser.post(reverse("login"), {"username": "staf.baru", "password": password})
    assert response.status_code == 302
    for url in (reverse("beranda"), reverse("kinerja:index"), reverse("sop:list")):
        response = browser.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), url
    page = browser.get(reverse("password_change")).content.decode()
    assert "kata sandi sementara" in page
    # The temporary password cannot be kept as the new one.
    response = browser.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert "harus berbeda" in response.content.decode()
    response = browser.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Balangan-Sejahtera-88", "new_password2": "Balangan-Sejahtera-88"},
    )
    assert response.status_code == 302
    assert browser.get(reverse("beranda")).status_code == 200
    assert not Pegawai.objects.get(username="staf.baru").harus_ganti_password


def test_a_bad_nip_names_the_field_and_keeps_the_input(client_for, org):
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_tambah"), new_person(org, nip="12345"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "NIP:" in html and "18 digit" in html
    assert 'value="Siti Rahmah, S.E."' in html
    assert not Pegawai.objects.filter(username="staf.baru").exists()


def test_a_duplicate_username_or_nip_is_refused(client_for, org):
    existing = org.person("awayan", Role.KASI)
    client = client_for(org.admin)
    html = client.post(
        reverse("pengaturan:pegawai_tambah"), new_person(org, username=existing.username)
    ).content.decode()
    assert "Nama pengguna: Nama pengguna ini sudah dipakai." in html
    html = client.post(reverse("pengaturan:pegawai_tambah"), new_person(org, nip=existing.nip)).content.decode()
    assert "NIP: NIP ini sudah terdaftar untuk pegawai lain." in html
    assert not Pegawai.objects.filter(username="staf.baru").exists()


def test_moving_a_person_to_another_position(client_for, org):
    person = org.person("awayan", Role.PELAKSANA)
    data = new_person(org, jabatan=org.tebing.positions[Role.PELAKSANA].pk, nama="Pelaksana Pindah", nip="")
    data.pop("username")
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_ubah", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.jabatan == org.tebing.positions[Role.PELAKSANA]
    assert person.nama == "Pelaksana Pindah" and person.nip is None


def test_deactivating_and_reactivating(client_for, org):
    person = org.person("awayan", Role.KASI)
    client = client_for(org.admin)
    assert client.post(reverse("pengaturan:pegawai_status", args=[person.pk]), {"aktif": "0"}).status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    response = Client().post(reverse("login"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again: an inactive account cannot sign in
    assert person.history.first().history_change_reason == "Dinonaktifkan"
    assert client.post(reverse("pengaturan:pegawai_status", args=[person.pk]), {"aktif": "1"}).status_code == 302
    person.refresh_from_db()
    assert person.is_active


def test_the_administrator_cannot_deactivate_or_reset_themselves(client_for, org):
    client = client_for(org.admin)
    client.post(reverse("pengaturan:pegawai_status", args=[org.admin.pk]), {"aktif": "0"})
    client.post(reverse("pengaturan:pegawai_sandi", args=[org.admin.pk]))
    org.admin.refresh_from_db()
    assert org.admin.is_active and org.admin.check_password(PASSWORD)


def test_reset_password_gives_a_new_temporary_password(client_for, org):
    person = org.person("awayan", Role.KASI)
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_sandi", args=[person.pk]))
    assert response.status_code == 200
    password = temporary_password(response.content.decode())
    person.refresh_from_db()
    assert person.check_password(password) and not person.check_password(PASSWORD)
    assert person.harus_ganti_password
    # The audit trail records the act, never the password hash.
    latest = person.history.first()
    assert latest.history_change_reason == "Kata sandi sementara diberikan"
    assert not hasattr(latest, "password")


@pytest.mark.parametrize("status,expected", [("aktif", 1), ("nonaktif", 0)])
def test_the_list_filters_by_status(client_for, org, status, expected):
    person = org.person("awayan", Role.KASI)
    person.is_active = False
    person.save()
    html = client_for(org.admin).get(reverse("pengaturan:pegawai"), {"status": status}).content.decode()
    assert html.count(f">{person.nama}<") == (0 if expected else 1)
