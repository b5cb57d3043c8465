"""Pengaturan Kabupaten → Penanda tangan: the local seal or the kabupaten's BSrE service (laporan/penanda.py);
the signers' NIK on the person page, never shown whole."""

import pytest
from django.urls import reverse

from laporan import penanda
from sakip.models import Pegawai, Unit
from sakip.roles import Role
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten
from tests.pengaturan.test_pegawai import new_person

pytestmark = pytest.mark.django_db

URL = "pengaturan:penanda_tangan"
NIK = "6308011208700003"


def test_it_requires_login(client, org):
    assert_login_required(client, reverse(URL))


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse(URL))
    assert_role_required(client_for, org, reverse(URL), method="post", data={"penanda_tangan": "bsre_v2"})
    org.kabupaten.refresh_from_db()
    assert org.kabupaten.penanda_tangan == Unit.PenandaTangan.LOKAL


def test_it_sets_only_the_administrators_own_kabupaten(client_for, org):
    other = other_kabupaten()
    data = {"penanda_tangan": "bsre_v2", "bsre_url": "http://10.10.1.5:8080", "bsre_pengguna": "sakip"}
    assert client_for(org.admin).post(reverse(URL), data).status_code == 302
    org.kabupaten.refresh_from_db()
    other.unit.kabupaten.refresh_from_db()
    assert org.kabupaten.penanda_tangan == "bsre_v2"
    assert other.unit.kabupaten.penanda_tangan == "lokal"


def test_choosing_bsre_and_back_and_the_backend_follows(client_for, org, monkeypatch):
    client = client_for(org.admin)
    page = client.get(reverse(URL)).content.decode()
    assert "BSRE_SANDI_" in page and "belum terpasang" in page
    response = client.post(
        reverse(URL),
        {"penanda_tangan": "bsre_v1", "bsre_url": "https://esign.balangankab.go.id/", "bsre_pengguna": "sakip"},
    )
    assert response.status_code == 302
    org.kabupaten.refresh_from_db()
    assert (org.kabupaten.penanda_tangan, org.kabupaten.bsre_url) == ("bsre_v1", "https://esign.balangankab.go.id/")
    backend = penanda.untuk(org.awayan.unit)
    assert isinstance(backend, penanda.Bsre) and backend.versi == 1 and backend.url == "https://esign.balangankab.go.id"
    assert org.kabupaten.history.first().history_change_reason.startswith("Penanda tangan dokumen")
    monkeypatch.setenv(org.kabupaten.bsre_variabel_sandi, "x")
    assert "terpasang" in client.get(reverse(URL)).content.decode()
    assert client.post(reverse(URL), {"penanda_tangan": "lokal"}).status_code == 302
    assert isinstance(penanda.untuk(Unit.objects.get(pk=org.awayan.unit.pk)), penanda.LocalPades)


def test_bsre_needs_an_address_and_a_user_name_named_by_field(client_for, org):
    html = (
        client_for(org.admin)
        .post(reverse(URL), {"penanda_tangan": "bsre_v2", "bsre_url": "esign lokal"})
        .content.decode()
    )
    assert "Alamat tidak sah" in html
    assert "Nama pengguna Esign Client Service wajib diisi" in html
    org.kabupaten.refresh_from_db()
    assert org.kabupaten.penanda_tangan == "lokal"


def test_signers_without_nik_are_listed(client_for, org):
    html = client_for(org.admin).get(reverse(URL)).content.decode()
    assert org.person("awayan", Role.CAMAT).nama in html
    assert org.evaluator.nama in html


def test_the_administrator_records_a_nik_which_is_then_shown_masked_only(client_for, org):
    camat = org.person("awayan", Role.CAMAT)
    client = client_for(org.admin)
    url = reverse("pengaturan:pegawai_ubah", args=[camat.pk])
    data = new_person(org, nama=camat.nama, nip=camat.nip_cetak, jabatan=camat.jabatan_id, nik="6308 0112 0870 0003")
    data.pop("username")
    assert client.post(url, data).status_code == 302
    camat.refresh_from_db()
    assert camat.nik == NIK
    page = client.get(url).content.decode()
    assert "6308********0003" in page and NIK not in page
    # An empty field keeps it; "hapus" removes it.
    assert client.post(url, {**data, "nik": ""}).status_code == 302
    camat.refresh_from_db()
    assert camat.nik == NIK
    assert client.post(url, {**data, "nik": "", "hapus_nik": "on"}).status_code == 302
    camat.refresh_from_db()
    assert camat.nik is None


def test_a_bad_or_duplicate_nik_names_the_field(client_for, org):
    client = client_for(org.admin)
    html = client.post(reverse("pengaturan:pegawai_tambah"), new_person(org, nik="1234")).content.decode()
    assert "NIK harus 16 digit" in html
    Pegawai.objects.filter(pk=org.person("awayan", Role.KASI).pk).update(nik=NIK)
    html = client.post(reverse("pengaturan:pegawai_tambah"), new_person(org, nik=NIK)).content.decode()
    assert "NIK ini sudah terdaftar untuk pegawai lain." in html
    assert not Pegawai.objects.filter(username="staf.baru").exists()
    assert client.post(reverse("pengaturan:pegawai_tambah"), new_person(org, nik="6308015507800002")).status_code == 200
    assert Pegawai.objects.get(username="staf.baru").nik == "6308015507800002"
