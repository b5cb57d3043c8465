import hashlib
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from laporan.models import Report
from laporan.services import tandatangani
from laporan.views import VERIFY_LIMIT
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan.data import build_kinerja

pytestmark = pytest.mark.django_db


def url(name, report=None, **kwargs):
    return reverse(f"laporan:{name}", args=[report.pk] if report else [], **kwargs)


@pytest.fixture
def signed(org, make_report):
    report = make_report()
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    report.refresh_from_db()
    return report, doc


READ_VIEWS = ["detail", "pdf", "xlsx"]
POST_VIEWS = ["narasi", "ajukan", "kembalikan", "tandatangani", "perubahan"]


@pytest.mark.parametrize("name", READ_VIEWS + POST_VIEWS)
def test_it_requires_login(client, make_report, name):
    report = make_report()
    response = client.post(url(name, report)) if name in POST_VIEWS else client.get(url(name, report))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_index_and_zip_require_login(client):
    assert client.get(url("index")).status_code == 302
    assert client.get(url("zip") + "?kind=lkip&tahun=2025").status_code == 302


@pytest.mark.parametrize("name", READ_VIEWS + POST_VIEWS)
def test_it_hides_other_kecamatan(org, client_for, make_report, name):
    report = make_report()
    client = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    response = client.post(url(name, report)) if name in POST_VIEWS else client.get(url(name, report))
    assert response.status_code == 404


def test_kabupaten_readers_do_not_see_drafts(org, client_for, make_report):
    report = make_report(submitted=False)
    for person in (org.admin, org.evaluator):
        assert client_for(person).get(url("detail", report)).status_code == 404


@pytest.mark.parametrize(
    "name,role",
    [
        ("narasi", Role.KASI),
        ("ajukan", Role.CAMAT),
        ("kembalikan", Role.KASUBBAG_PERENCANAAN),
        ("tandatangani", Role.KASUBBAG_PERENCANAAN),
        ("pdf", Role.KASI),
        ("xlsx", Role.PELAKSANA),
    ],
)
def test_it_requires_role(org, client_for, make_report, name, role):
    report = make_report(submitted=name in ("kembalikan", "tandatangani"))
    client = client_for(org.person("awayan", role))
    response = client.post(url(name, report)) if name in POST_VIEWS else client.get(url(name, report))
    assert response.status_code == 403


def test_perubahan_requires_role(org, client_for, signed):
    report, _ = signed
    response = client_for(org.person("awayan", Role.KASI)).post(url("perubahan", report), {"alasan": "x"})
    assert response.status_code == 403


def test_zip_requires_kabupaten_role(org, client_for):
    response = client_for(org.person("awayan", Role.CAMAT)).get(url("zip") + "?kind=lkip&tahun=2025")
    assert response.status_code == 403


def test_kasubbag_creates_edits_and_submits_a_report(org, client_for, kinerja_awayan):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(url("index"), {"kind": "triwulan", "tahun": 2025, "periode": 2})
    report = Report.objects.get(kecamatan=org.awayan.unit, kind="triwulan", periode=2)
    assert response.status_code == 302 and response["Location"] == url("detail", report)
    page = client.get(url("detail", report)).content.decode()
    assert "Persentase layanan tepat waktu 1" in page
    assert "Simpan narasi" in page
    response = client.post(
        url("narasi", report), {"versi": report.versi, "pengantar": "Laporan TW II.", "analisis": "", "penutup": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narasi["pengantar"] == "Laporan TW II."
    # Two sections are still empty: the submission is refused, naming them (laporan.gates).
    page = client.post(url("ajukan", report), follow=True).content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert "Bagian narasi belum diisi: Analisis Capaian Kinerja; Penutup." in page
    # "Ajukan" pressed in the narrative form: what was typed is saved, then the report is submitted.
    client.post(
        url("ajukan", report),
        {"versi": report.versi, "pengantar": "Laporan TW II.", "analisis": "Capaian baik.", "penutup": "Demikian."},
    )
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    assert report.narasi["analisis"] == "Capaian baik." and report.narasi["penutup"] == "Demikian."


def test_creating_a_duplicate_report_keeps_the_input_with_a_message(org, client_for, make_report):
    make_report(submitted=False)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(url("index"), {"kind": "triwulan", "tahun": 2025, "periode": 2})
    assert response.status_code == 200
    assert "sudah ada" in response.content.decode()
    response = client.post(url("index"), {"kind": "semester", "tahun": 2025, "periode": 3})
    body = response.content.decode()
    assert "Periode harus 1 sampai 2." in body
    assert 'value="3"' in body
    assert Report.objects.count() == 1


def test_stale_narrative_form_is_refused_and_keeps_the_input(org, client_for, make_report):
    report = make_report(submitted=False)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    data = {"versi": report.versi, "pengantar": "Teks saya", "analisis": "", "penutup": ""}
    client.post(url("narasi", report), data)
    response = client.post(url("narasi", report), {**data, "pengantar": "Teks kedua"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "diubah oleh pengguna lain" in body and "Teks kedua" in body


def test_camat_signs_with_password_from_the_page(org, client_for, make_report):
    report = make_report()
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.post(url("tandatangani", report), {"password": "bukan-sandinya", "alasan_terlambat": LAMPAU})
    assert response.status_code == 400
    assert "Kata sandi tidak sesuai" in response.content.decode()
    response = client.post(url("tandatangani", report), {"password": PASSWORD, "alasan_terlambat": LAMPAU})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI


def test_signed_pdf_download_returns_the_stored_bytes(org, client_for, signed):
    report, doc = signed
    for person in (org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.admin, org.evaluator):
        response = client_for(person).get(url("pdf", report))
        assert response.status_code == 200
        assert response.content == bytes(doc.pdf)
        assert hashlib.sha256(response.content).hexdigest() == doc.sha256


def test_xlsx_download_is_a_workbook(org, client_for, signed):
    report, _ = signed
    response = client_for(org.person("awayan", Role.CAMAT)).get(url("xlsx", report))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert "Pengukuran Kinerja" in wb.sheetnames


def test_zip_holds_every_kecamatans_signed_report_of_the_period(org, client_for, signed, make_report):
    report, doc = signed
    build_kinerja(org.tebing.unit, 2025)
    from laporan.services import ajukan, buat_laporan, simpan_narasi
    from tests.laporan.data import narasi_lengkap

    kasubbag = org.person("tebing", Role.KASUBBAG_PERENCANAAN)
    other = buat_laporan(user=kasubbag, kecamatan=org.tebing.unit, kind="triwulan", tahun=2025, periode=2)
    simpan_narasi(user=kasubbag, report_id=other.pk, narasi=narasi_lengkap(other), versi=other.versi)
    ajukan(user=kasubbag, report_id=other.pk)
    other_doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("tebing", Role.CAMAT), report_id=other.pk, password=PASSWORD
    )
    response = client_for(org.evaluator).get(url("zip") + "?kind=triwulan&tahun=2025&periode=2")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    contents = sorted(archive.read(n) for n in archive.namelist())
    assert contents == sorted([bytes(doc.pdf), bytes(other_doc.pdf)])
    # The signed bytes as they are (nothing rendered, nothing deflated again): the ZIP is quick for a kabupaten.
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}


def test_verification_page_is_public_and_shows_the_document(signed):
    report, doc = signed
    response = Client().get(reverse("laporan:verifikasi", args=[doc.kode_verifikasi]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Laporan Kinerja Triwulan",
        "Kecamatan Awayan",
        "Triwulan II 2025",
        "CAMAT AWAYAN",
        doc.sha256,
        "Berlaku",
    ):
        assert text in body


def test_verification_accepts_the_stored_pdf_and_rejects_a_changed_byte(signed):
    _, doc = signed
    page = reverse("laporan:verifikasi", args=[doc.kode_verifikasi])
    original = bytes(doc.pdf)
    response = Client().post(page, {"berkas": SimpleUploadedFile("laporan.pdf", original, "application/pdf")})
    body = response.content.decode()
    # The answer comes first, above the record (issue 26: on a phone it was below the fold).
    assert 'data-hasil="asli"' in body and body.index('data-hasil="asli"') < body.index("Jenis dokumen")
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x01
    response = Client().post(page, {"berkas": SimpleUploadedFile("laporan.pdf", bytes(changed), "application/pdf")})
    body = response.content.decode()
    assert 'data-hasil="tidak_cocok"' in body and "TIDAK COCOK" in body and 'data-hasil="asli"' not in body


def test_verification_of_an_unknown_code_is_404(db):
    assert Client().get(reverse("laporan:verifikasi", args=["tidak-ada"])).status_code == 404


def test_verification_upload_enforces_csrf(signed):
    _, doc = signed
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("laporan:verifikasi", args=[doc.kode_verifikasi]),
        {"berkas": SimpleUploadedFile("laporan.pdf", bytes(doc.pdf), "application/pdf")},
    )
    assert response.status_code == 403


def test_verification_is_rate_limited_per_address(signed):
    _, doc = signed
    page = reverse("laporan:verifikasi", args=[doc.kode_verifikasi])
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(VERIFY_LIMIT):
        assert client.get(page).status_code == 200
    assert client.get(page).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.8").get(page).status_code == 200


def test_detail_page_query_count_does_not_grow_with_indicators(org, client_for, django_assert_max_num_queries):
    from laporan.services import buat_laporan

    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    build_kinerja(org.awayan.unit, 2025, sasaran=1, indikator_per_sasaran=1)
    small = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind="lkip", tahun=2025)
    build_kinerja(org.tebing.unit, 2025, sasaran=5, indikator_per_sasaran=6)
    tebing = org.person("tebing", Role.KASUBBAG_PERENCANAAN)
    large = buat_laporan(user=tebing, kecamatan=org.tebing.unit, kind="lkip", tahun=2025)
    client = client_for(kasubbag)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_q:
        assert client.get(url("detail", small)).status_code == 200
    client = client_for(tebing)
    with CaptureQueriesContext(connection) as large_q:
        assert client.get(url("detail", large)).status_code == 200
    assert len(large_q) == len(small_q)
    with django_assert_max_num_queries(len(small_q)):
        client.get(url("detail", large))


def test_signing_without_a_certificate_explains_what_to_do(org, client_for, make_report, monkeypatch, tmp_path):
    monkeypatch.setenv("SIGNING_CERT_PATH", str(tmp_path / "tidak-ada.pem"))
    report = make_report()
    response = client_for(org.person("awayan", Role.CAMAT)).post(
        url("tandatangani", report), {"password": PASSWORD, "alasan_terlambat": LAMPAU}
    )
    assert response.status_code == 400
    assert "buat_sertifikat" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_signed_report_page_shows_the_signature_and_offers_a_perubahan(org, client_for, signed):
    report, doc = signed
    page = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(url("detail", report)).content.decode()
    assert doc.sha256 in page
    assert "Buat Perubahan" in page
    assert "Simpan narasi" not in page
    assert reverse("laporan:verifikasi", args=[doc.kode_verifikasi]) in page


def test_index_query_count_does_not_grow_with_reports(org, client_for, kinerja_awayan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laporan.services import buat_laporan

    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    client = client_for(kasubbag)
    buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind="lkip", tahun=2025)
    with CaptureQueriesContext(connection) as few:
        client.get(url("index"))
    for tw in range(1, 5):
        buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind="triwulan", tahun=2025, periode=tw)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("index")).content.decode()
    assert len(re.findall(r"Laporan Kinerja Triwulan (?:I|II|III|IV) 2025", page)) == 4
    assert len(many) == len(few)


def test_zip_of_a_period_with_nothing_signed_says_so_instead_of_an_empty_archive(org, client_for):
    response = client_for(org.evaluator).get(url("zip") + "?kind=triwulan&tahun=2025&periode=3", follow=True)
    assert response.redirect_chain[-1][0] == url("index")
    assert response["Content-Type"].startswith("text/html")
    assert "Belum ada Laporan Kinerja Triwulan tahun 2025 periode 3 yang ditandatangani" in response.content.decode()
