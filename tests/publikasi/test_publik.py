"""The public SAKIP page (issue 25): anonymous, Awayan's signed PK and LKIP listed by year with stable addresses,
the downloaded bytes equal to the signed file (SHA-256 as recorded), drafts and superseded revisions never
listed (a superseded one marked at its old address), another kabupaten's kinds not published are a 404, the
kabupaten chooses the kinds, rate-limited; the LKE publication criteria read it."""

import hashlib

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from evaluasi import bukti
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, buat_perubahan, simpan_narasi, tandatangani
from publikasi.models import PengaturanPublikasi
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed(org, signing_cert):
    """Awayan 2025: the PK and the LKIP signed; a quarterly report signed; a draft LKIP of 2024."""
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    camat = org.person("awayan", Role.CAMAT)
    pk = sign_pk_document(org, 2025)
    docs = {"pk": pk}
    for kind, periode in ((Report.Kind.LKIP, 0), (Report.Kind.TRIWULAN, 2)):
        report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=kind, tahun=2025, periode=periode)
        report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
        ajukan(user=kasubbag, report_id=report.pk)
        docs[kind] = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    docs["draft"] = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2024)
    return docs


def page(url, ip="10.1.1.1"):
    return Client(REMOTE_ADDR=ip).get(url)


def test_anyone_sees_awayans_signed_pk_and_lkip_by_year(org, signed):
    response = page(reverse("publikasi:kecamatan", args=[org.kabupaten.kode, org.awayan.unit.kode]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tahun 2025" in html
    assert signed["pk"].kode_verifikasi in html and signed["lkip"].kode_verifikasi in html
    # A quarterly report is not among the default published kinds; a draft never is.
    assert signed["triwulan"].kode_verifikasi not in html
    assert "2024" not in html
    kabupaten_page = page(reverse("publikasi:kabupaten", args=[org.kabupaten.kode])).content.decode()
    assert signed["lkip"].kode_verifikasi in kabupaten_page and "Tebing" not in kabupaten_page


def test_the_downloaded_bytes_are_the_signed_file(org, signed):
    doc = signed["lkip"]
    info = page(reverse("publikasi:dokumen", args=[doc.kode_verifikasi])).content.decode()
    assert doc.sha256 in info
    response = page(reverse("publikasi:unduh", args=[doc.kode_verifikasi]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == doc.sha256
    assert response.content == bytes(doc.pdf)


def test_an_unpublished_kind_is_a_404_and_the_kabupaten_chooses_the_kinds(org, signed):
    triwulan = signed["triwulan"]
    assert page(reverse("publikasi:dokumen", args=[triwulan.kode_verifikasi])).status_code == 404
    assert page(reverse("publikasi:unduh", args=[triwulan.kode_verifikasi])).status_code == 404
    client = Client()
    client.force_login(org.admin)
    response = client.post(reverse("publikasi:pengaturan"), {"jenis": ["pk", "lkip", "triwulan"]})
    assert response.status_code == 302
    assert PengaturanPublikasi.objects.get(kabupaten=org.kabupaten).jenis == ["triwulan", "lkip", "pk"]
    assert page(reverse("publikasi:dokumen", args=[triwulan.kode_verifikasi])).status_code == 200


def test_the_settings_page_is_the_kabupaten_administrators(client_for, org):
    assert Client().get(reverse("publikasi:pengaturan")).status_code == 302  # to the login
    for role in (Role.CAMAT, Role.KASUBBAG_PERENCANAAN):
        assert client_for(org.person("awayan", role)).get(reverse("publikasi:pengaturan")).status_code == 403
    assert client_for(org.evaluator).get(reverse("publikasi:pengaturan")).status_code == 403
    assert client_for(org.admin).get(reverse("publikasi:pengaturan")).status_code == 200


def test_a_superseded_revision_leaves_the_list_and_is_marked_at_its_old_address(org, signed):
    old = signed["lkip"]
    buat_perubahan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=old.report_id, alasan="Koreksi")
    listing = page(reverse("publikasi:kecamatan", args=[org.kabupaten.kode, org.awayan.unit.kode])).content.decode()
    assert old.kode_verifikasi not in listing
    marked = page(reverse("publikasi:dokumen", args=[old.kode_verifikasi])).content.decode()
    assert "data-digantikan" in marked


def test_unknown_places_are_404_and_pages_are_rate_limited(org, signed, settings):
    assert page(reverse("publikasi:kabupaten", args=["tidak-ada"])).status_code == 404
    assert page(reverse("publikasi:kecamatan", args=[org.kabupaten.kode, "tidak-ada"])).status_code == 404
    assert page(reverse("publikasi:dokumen", args=["kode-karangan"])).status_code == 404
    settings.PUBLIKASI_BATAS_PER_IP = 2
    url = reverse("publikasi:kabupaten", args=[org.kabupaten.kode])
    assert [page(url, "10.2.2.2").status_code for _ in range(3)] == [200, 200, 429]
    assert page(url, "10.2.2.3").status_code == 200


def test_the_lke_publication_criteria_read_the_public_page(org, signed):
    class Evaluasi:
        kecamatan = org.awayan.unit
        tahun = 2025

    ctx = bukti.Konteks(Evaluasi())
    lkip = bukti.lkip_dipublikasikan(ctx, "YT")
    assert lkip.jawaban == "Y" and signed["lkip"].kode_verifikasi in lkip.tautan and "dipublikasikan" in lkip.teks
    # The PK was signed today (2026), long after 31 January 2025: published, but not on time.
    pk = bukti.perencanaan_dipublikasikan(ctx, "YT")
    assert pk.jawaban == "T" and "terlambat" in pk.teks and signed["pk"].kode_verifikasi in pk.tautan
