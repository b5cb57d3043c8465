"""The certified signer (BSrE) against a local Esign Client Service that implements the contract
(tests/laporan/bsre_server.py): not a mock of our code, a real HTTP server on loopback that really signs."""

import hashlib
import io
import logging
import socket

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import ValidationContext

from laporan import penanda
from laporan.models import NaskahDiajukan, Report, SignedDocument
from laporan.services import tandatangani
from sakip.formatting import format_tanggal
from sakip.models import Unit
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan import bsre_server, pades

pytestmark = pytest.mark.django_db

NIK_CAMAT = "6308011208700003"
PASSPHRASE = "Rahasia-BSrE-7731!"


@pytest.fixture
def layanan(tmp_path, org):
    service = bsre_server.LayananEsign(direktori=tmp_path)
    service.daftar(NIK_CAMAT, nama=org.person("awayan", Role.CAMAT).nama, passphrase=PASSPHRASE)
    return service


@pytest.fixture
def server(layanan):
    with bsre_server.Server(layanan) as running:
        yield running


def atur(org, url: str, pilihan: str = Unit.PenandaTangan.BSRE_V2, pengguna: str = bsre_server.PENGGUNA):
    kabupaten = org.kabupaten
    kabupaten.penanda_tangan = pilihan
    kabupaten.bsre_url = url
    kabupaten.bsre_pengguna = pengguna
    kabupaten.save()


@pytest.fixture
def camat(org, monkeypatch):
    monkeypatch.setenv("BSRE_SANDI_" + org.kabupaten.kode.upper().replace("-", "_"), bsre_server.SANDI)
    person = org.person("awayan", Role.CAMAT)
    person.nik = NIK_CAMAT
    person.save()
    return person


def test_v2_sends_the_submitted_bytes_and_the_nik_and_stores_exactly_the_returned_file(
    org, make_report, server, layanan, camat
):
    atur(org, server.url)
    report = make_report()
    naskah = NaskahDiajukan.objects.get(report=report)
    submitted = bytes(naskah.pdf)

    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)

    [received] = layanan.diterima
    assert received["versi"] == 2
    assert received["nik"] == NIK_CAMAT
    assert received["properti"][0]["tampilan"] == "INVISIBLE"
    # What the Camat read is the first part of what the service signed; what follows is the date stamp only.
    assert received["pdf"].startswith(submitted)
    stamp = received["pdf"][len(submitted) :]
    # The stamp prints the date in the office's time zone (Asia/Makassar), not UTC's.
    assert format_tanggal(timezone.localdate(doc.ditandatangani_pada)).encode("cp1252") in stamp
    # The stored file is the service's answer, byte for byte, with its hash.
    assert bytes(doc.pdf) == received["hasil"]
    assert doc.sha256 == hashlib.sha256(received["hasil"]).hexdigest()
    assert bytes(doc.pdf).startswith(received["pdf"])
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI
    assert doc.penanda == "bsre_v2"
    assert doc.sertifikat_nama == camat.nama
    assert doc.sertifikat_serial


def test_the_returned_signature_is_the_certificate_holders_and_covers_the_whole_file(
    org, make_report, server, layanan, camat, tmp_path
):
    atur(org, server.url)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=make_report().pk, password=PASSPHRASE)
    reader = PdfFileReader(io.BytesIO(bytes(doc.pdf)))
    signature = reader.embedded_signatures[-1]
    root = load_cert_from_pemder(str(tmp_path / f"{NIK_CAMAT}-cert.pem"))
    status = pades.validate(signature, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def test_a_wrong_passphrase_leaves_the_report_submitted_with_the_services_message(
    org, make_report, server, layanan, camat
):
    atur(org, server.url)
    report = make_report()
    with pytest.raises(ValidationError) as refused:
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password="salah-ketik")
    assert "Passphrase anda salah" in refused.value.message_dict["password"][0]
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    assert NaskahDiajukan.objects.filter(report=report).exists()
    assert not SignedDocument.objects.filter(report=report).exists()


def test_the_account_password_is_not_a_passphrase(org, make_report, server, layanan, camat):
    """With BSrE the password field carries the passphrase to the service; the account password is not
    accepted in its place (no fallback to the local check)."""
    atur(org, server.url)
    report = make_report()
    with pytest.raises(ValidationError):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    assert layanan.diterima[0]["nik"] == NIK_CAMAT
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_an_expired_certificate_is_refused_with_the_services_message(org, make_report, layanan, camat, tmp_path):
    layanan.daftar(NIK_CAMAT, nama=camat.nama, passphrase=PASSPHRASE, kedaluwarsa=True)
    with bsre_server.Server(layanan) as running:
        atur(org, running.url)
        report = make_report()
        with pytest.raises(ValidationError) as refused:
            tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert "expired" in str(refused.value)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_service_down_gives_a_clear_message_and_keeps_the_report_submitted(org, make_report, camat):
    atur(org, f"http://127.0.0.1:{_closed_port()}")
    report = make_report()
    with pytest.raises(ValidationError) as refused:
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert "tidak dapat dihubungi" in str(refused.value)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    assert NaskahDiajukan.objects.filter(report=report).exists()


def test_a_service_that_does_not_answer_in_time_is_refused(org, make_report, camat, settings):
    settings.BSRE_BATAS_WAKTU = 0.5
    with socket.socket() as listening:  # accepts the connection (backlog) and never answers
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)
        atur(org, f"http://127.0.0.1:{listening.getsockname()[1]}")
        report = make_report()
        with pytest.raises(ValidationError) as refused:
            tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert "batas waktu" in str(refused.value)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_wrong_client_credentials_name_the_application_account(org, make_report, server, camat, monkeypatch):
    monkeypatch.delenv("BSRE_SANDI_" + org.kabupaten.kode.upper().replace("-", "_"))
    monkeypatch.setenv("BSRE_SANDI", "bukan-sandinya")
    atur(org, server.url)
    report = make_report()
    with pytest.raises(ValidationError) as refused:
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert "akun aplikasi" in str(refused.value)


def test_a_signer_without_nik_is_told_to_have_it_recorded(org, make_report, server, layanan, camat):
    atur(org, server.url)
    camat.nik = None
    camat.save()
    report = make_report()
    with pytest.raises(ValidationError) as refused:
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert "NIK Anda belum tercatat" in str(refused.value)
    assert layanan.diterima == []


def test_v1_multipart_signs_too(org, make_report, server, layanan, camat):
    atur(org, server.url, Unit.PenandaTangan.BSRE_V1)
    report = make_report()
    submitted = bytes(NaskahDiajukan.objects.get(report=report).pdf)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    [received] = layanan.diterima
    assert (received["versi"], received["nik"], received["tampilan"]) == (1, NIK_CAMAT, "invisible")
    assert received["pdf"].startswith(submitted)
    assert bytes(doc.pdf) == received["hasil"]
    assert doc.sha256 == hashlib.sha256(received["hasil"]).hexdigest()
    assert doc.penanda == "bsre_v1"
    assert doc.sertifikat_nama == camat.nama


def test_v1_wrong_passphrase_is_the_services_message(org, make_report, server, camat):
    atur(org, server.url, Unit.PenandaTangan.BSRE_V1)
    report = make_report()
    with pytest.raises(ValidationError) as refused:
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password="keliru")
    assert "Passphrase anda salah" in str(refused.value)
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_the_service_verifies_what_it_signed(org, make_report, server, camat):
    atur(org, server.url)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=make_report().pk, password=PASSPHRASE)
    verdict = penanda.untuk(org.awayan.unit).verifikasi(bytes(doc.pdf))
    assert verdict["conclusion"] == "VALID"
    assert verdict["signatureInformations"][-1]["signerName"] == camat.nama


def _text_rows_containing(secret: str) -> list[str]:
    """Every text column of every table (history tables included) holding `secret`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                if model._default_manager.filter(**{f"{field.attname}__contains": secret}).exists():
                    found.append(f"{model._meta.db_table}.{field.column}")
            elif isinstance(field, (models.JSONField, models.BinaryField)):
                for value in model._default_manager.values_list(field.attname, flat=True):
                    raw = bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()
                    if secret.encode() in raw:
                        found.append(f"{model._meta.db_table}.{field.column}")
                        break
    return found


def test_the_passphrase_reaches_no_log_no_row_and_no_history(org, make_report, server, layanan, camat, caplog):
    caplog.set_level(logging.DEBUG)
    atur(org, server.url)
    refused = make_report()
    with pytest.raises(ValidationError):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=refused.pk, password=PASSPHRASE + "x")
    signed = make_report(periode=3)
    tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=signed.pk, password=PASSPHRASE)
    assert [item["nik"] for item in layanan.diterima] == [NIK_CAMAT, NIK_CAMAT]

    assert PASSPHRASE not in caplog.text
    assert all(PASSPHRASE not in str(record.args) for record in caplog.records)
    assert _text_rows_containing(PASSPHRASE) == []
    assert signed.riwayat.exists()  # the history was written, without it


def test_the_sign_form_asks_for_the_passphrase_and_the_verification_page_names_the_certificate(
    org, make_report, server, camat, client_for
):
    atur(org, server.url)
    report = make_report()
    client = client_for(camat)
    page = client.get(reverse("laporan:detail", args=[report.pk]))
    assert "Passphrase sertifikat elektronik (BSrE)" in page.content.decode()

    wrong = client.post(
        reverse("laporan:tandatangani", args=[report.pk]), {"password": "salah", "alasan_terlambat": LAMPAU}
    )
    assert wrong.status_code == 400
    assert "Passphrase anda salah" in wrong.content.decode()

    done = client.post(
        reverse("laporan:tandatangani", args=[report.pk]), {"password": PASSPHRASE, "alasan_terlambat": LAMPAU}
    )
    assert done.status_code == 302
    doc = SignedDocument.objects.get(report=report)
    client.logout()
    verifikasi = client.get(reverse("laporan:verifikasi", args=[doc.kode_verifikasi])).content.decode()
    assert f"sertifikat elektronik BSrE atas nama {camat.nama}" in " ".join(verifikasi.split())


def test_the_local_seal_stays_the_default_and_says_so(org, make_report, client):
    camat = org.person("awayan", Role.CAMAT)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=make_report().pk, password=PASSWORD)
    assert doc.penanda == "lokal"
    assert doc.sertifikat_nama == "Kecamatan Awayan"
    page = client.get(reverse("laporan:verifikasi", args=[doc.kode_verifikasi])).content.decode()
    assert "segel elektronik instansi" in page


def test_refused_passphrases_are_throttled_per_person_without_asking_the_service(
    org, make_report, server, layanan, camat, settings
):
    settings.TANDA_TANGAN_BATAS = 3
    atur(org, server.url)
    report = make_report()
    for _ in range(3):
        with pytest.raises(ValidationError, match="Passphrase anda salah"):
            tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password="salah")
    with pytest.raises(ValidationError, match="Terlalu banyak passphrase ditolak"):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSPHRASE)
    assert len(layanan.diterima) == 3  # the fourth never left the application
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
