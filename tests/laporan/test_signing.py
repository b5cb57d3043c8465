import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from kinerja.locks import DataTerkunci as KuartalTerkunci
from kinerja.models import Realisasi, Triwulan
from kinerja.services.triwulan import triwulan_buka_kembali
from laporan.locks import DataTerkunci, guard_realisasi
from laporan.models import Report
from laporan.services import ajukan, buat_perubahan, simpan_narasi, tandatangani
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD, make_delegation
from tests.laporan import pades

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def pdf_lines(data: bytes) -> list[str]:
    """The lines of the PDF as laid out on the page (the signing date is stamped after the render, so only
    the layout puts it on its line)."""
    return [
        " ".join(line.split())
        for page in PdfReader(io.BytesIO(data)).pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
    ]


def test_camat_signature_is_a_valid_pades_signature_over_the_whole_file(org, make_report, signing_cert):
    report = make_report()
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )

    reader = PdfFileReader(io.BytesIO(bytes(doc.pdf)))
    status = pades.validate(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[load_cert_from_pemder(str(signing_cert))])
    )
    assert status.bottom_line
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"


def test_signing_stores_the_pdf_once_with_its_sha256_and_locks_the_report(org, make_report):
    import hashlib

    report = make_report()
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI
    assert doc.sha256 == hashlib.sha256(bytes(doc.pdf)).hexdigest()
    assert doc.ukuran == len(bytes(doc.pdf))
    with pytest.raises(ValidationError):
        simpan_narasi(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
            report_id=report.pk,
            narasi={"penutup": "x"},
            versi=report.versi,
        )


@time_machine.travel(datetime.datetime(2025, 7, 8, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_signed_pdf_carries_signature_block_nip_spaced_and_verification_url(org, make_report, settings):
    settings.SITE_URL = "https://sakip.balangankab.go.id"
    camat = org.person("awayan", Role.CAMAT)
    camat.pangkat_golongan = "Pembina Tingkat I (IV/b)"
    camat.save()
    report = make_report()
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    text = pdf_text(bytes(doc.pdf))
    assert "Awayan, 8 Juli 2025" in pdf_lines(bytes(doc.pdf))
    assert "CAMAT AWAYAN" in text
    assert camat.nama in text
    assert f"NIP. {camat.nip_cetak}" in text
    assert " " in camat.nip_cetak
    assert f"https://sakip.balangankab.go.id/laporan/verifikasi/{doc.kode_verifikasi}/" in text.replace(" ", "")
    assert doc.jabatan_penandatangan == "CAMAT AWAYAN"
    assert doc.sebutan == ""


def test_acting_official_signature_block_reads_plh_camat(org, make_report):
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    today = timezone.localdate()  # the office's day (Asia/Makassar), as the app reads delegations
    make_delegation(org.awayan.positions[Role.CAMAT], sekretaris, today, today + datetime.timedelta(days=3))
    report = make_report()
    doc = tandatangani(alasan_terlambat=LAMPAU, user=sekretaris, report_id=report.pk, password=PASSWORD)
    assert doc.sebutan == "Plh. CAMAT AWAYAN"
    assert doc.jabatan_penandatangan == "Plh. CAMAT AWAYAN"
    text = pdf_text(bytes(doc.pdf))
    assert "Plh. CAMAT AWAYAN" in text
    assert sekretaris.nama in text


def test_signing_requires_the_password_again(org, make_report):
    report = make_report()
    with pytest.raises(ValidationError) as error:
        tandatangani(
            alasan_terlambat=LAMPAU,
            user=org.person("awayan", Role.CAMAT),
            report_id=report.pk,
            password="salah-sandi-123",
        )
    assert "password" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN
    assert not hasattr(report, "dokumen")


def test_only_the_camat_signs(org, make_report):
    report = make_report()
    with pytest.raises(PermissionDenied):
        tandatangani(
            alasan_terlambat=LAMPAU,
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
            report_id=report.pk,
            password=PASSWORD,
        )
    with pytest.raises(PermissionDenied):
        tandatangani(
            alasan_terlambat=LAMPAU, user=org.person("tebing", Role.CAMAT), report_id=report.pk, password=PASSWORD
        )


def test_a_draft_cannot_be_signed(org, make_report):
    report = make_report(submitted=False)
    with pytest.raises(ValidationError, match="diajukan"):
        tandatangani(
            alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
        )


def test_quarterly_report_needs_its_quarter_approved_before_signing(org, make_report):
    report = make_report(periode=2)
    # The quarter was reopened (and verified again) after the report was submitted.
    Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=2).update(
        status=Triwulan.Status.DIVERIFIKASI
    )
    with pytest.raises(ValidationError, match="TW II 2025 belum disetujui"):
        tandatangani(
            alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
        )


def test_data_under_a_signed_report_refuses_edits_until_a_perubahan(org, make_report):
    report = make_report(periode=2)
    tandatangani(alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD)
    camat = org.person("awayan", Role.CAMAT)
    realisasi = Realisasi.objects.filter(kecamatan=org.awayan.unit, triwulan=2).first()
    realisasi.nilai = 99
    # The approved quarter refuses it (kinerja/locks.py), and so does the signed report.
    with pytest.raises(KuartalTerkunci):
        realisasi.save()
    with pytest.raises(DataTerkunci, match="telah ditandatangani"):
        guard_realisasi(Realisasi, realisasi)
    quarter = Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)
    # The Camat's reopening through kinerja's own service is refused and rolled back.
    with pytest.raises(DataTerkunci, match="telah ditandatangani"):
        triwulan_buka_kembali(user=camat, quarter=quarter, alasan="Koreksi")
    quarter.refresh_from_db()
    assert quarter.status == Triwulan.Status.DISETUJUI
    # Another quarter (TW III) is not covered by the TW II report: the Camat reopens it.
    third = Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2025, triwulan=3)
    triwulan_buka_kembali(user=camat, quarter=third, alasan="Koreksi")
    other = Realisasi.objects.filter(kecamatan=org.awayan.unit, triwulan=3).first()
    other.nilai = 5
    other.save()

    buat_perubahan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=report.pk, alasan="Koreksi data")
    triwulan_buka_kembali(user=camat, quarter=quarter, alasan="Koreksi")
    realisasi.save()
    assert Realisasi.objects.get(pk=realisasi.pk).nilai == 99


def test_perubahan_supersedes_and_the_new_revision_is_signed_again(org, make_report, client):
    report = make_report(narasi={"penutup": "Penutup awal"})
    camat = org.person("awayan", Role.CAMAT)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    first = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    baru = buat_perubahan(user=kasubbag, report_id=report.pk, alasan="Salah ketik realisasi")
    report.refresh_from_db()
    assert report.status == Report.Status.DIGANTIKAN
    assert baru.revisi == 1 and baru.status == Report.Status.DRAFT
    assert baru.narasi == report.narasi and baru.narasi["penutup"] == "Penutup awal"
    ajukan(user=kasubbag, report_id=baru.pk)
    second = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=baru.pk, password=PASSWORD)
    assert second.sha256 != first.sha256
    assert "Perubahan 1" in pdf_text(bytes(second.pdf)) or "PERUBAHAN 1" in pdf_text(bytes(second.pdf))
    page = client.get(f"/laporan/verifikasi/{first.kode_verifikasi}/")
    assert "digantikan" in page.content.decode()


def test_perubahan_needs_a_reason_and_a_signed_report(org, make_report):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = make_report()
    with pytest.raises(ValidationError):
        buat_perubahan(user=kasubbag, report_id=report.pk, alasan="Koreksi")
    tandatangani(alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD)
    with pytest.raises(ValidationError):
        buat_perubahan(user=kasubbag, report_id=report.pk, alasan="  ")


def test_buat_sertifikat_writes_a_self_signed_pair_and_a_ca_issued_one(tmp_path):
    from cryptography import x509
    from django.core.management import call_command

    call_command(
        "buat_sertifikat",
        "--nama",
        "CA Uji",
        "--kunci",
        str(tmp_path / "ca.key"),
        "--sertifikat",
        str(tmp_path / "ca.pem"),
    )
    call_command(
        "buat_sertifikat",
        "--nama",
        "Kecamatan Awayan",
        "--kunci",
        str(tmp_path / "k.pem"),
        "--sertifikat",
        str(tmp_path / "c.pem"),
        "--ca-kunci",
        str(tmp_path / "ca.key"),
        "--ca-sertifikat",
        str(tmp_path / "ca.pem"),
    )
    ca = x509.load_pem_x509_certificate((tmp_path / "ca.pem").read_bytes())
    cert = x509.load_pem_x509_certificate((tmp_path / "c.pem").read_bytes())
    assert ca.issuer == ca.subject
    assert cert.issuer == ca.subject
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0


def test_certificate_issued_by_a_ca_validates_against_that_ca(org, make_report, tmp_path, monkeypatch):
    from laporan import signing

    signing.create_certificate(
        common_name="CA Pemkab Uji", organization="Uji", key_file=tmp_path / "ca.key", cert_file=tmp_path / "ca.pem"
    )
    signing.create_certificate(
        common_name="Kecamatan Awayan",
        organization="Uji",
        key_file=tmp_path / "office.key",
        cert_file=tmp_path / "office.pem",
        ca_key_file=tmp_path / "ca.key",
        ca_cert_file=tmp_path / "ca.pem",
    )
    monkeypatch.setenv("SIGNING_KEY_PATH", str(tmp_path / "office.key"))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(tmp_path / "office.pem"))
    report = make_report()
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    reader = PdfFileReader(io.BytesIO(bytes(doc.pdf)))
    ca_root = ValidationContext(trust_roots=[load_cert_from_pemder(str(tmp_path / "ca.pem"))])
    status = pades.validate(reader.embedded_signatures[0], ca_root)
    assert status.bottom_line and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Kecamatan Awayan"


def test_signing_the_pk_document_establishes_the_perjanjian_kinerja(org, make_report):
    from kinerja.models import PerjanjianKinerja

    pk = PerjanjianKinerja.objects.get(kecamatan=org.awayan.unit, tahun=2025)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=PerjanjianKinerja.Status.DRAFT)
    report = make_report(kind=Report.Kind.PK, periode=0)
    camat = org.person("awayan", Role.CAMAT)
    with time_machine.travel(datetime.datetime(2025, 1, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    pk.refresh_from_db()
    assert (pk.status, pk.pihak_pertama, pk.tanggal) == ("ditandatangani", camat, datetime.date(2025, 1, 20))


def test_signing_works_inside_a_running_event_loop(org, make_report):
    """pyhanko's asyncio.run() must not fail where a loop already runs (ASGI thread, Playwright tests)."""
    import asyncio

    from laporan import signing

    async def sign_inside_loop():
        return signing.sign_pdf(_minimal_pdf(), reason="uji", name="uji", location="uji")

    signed = pades.in_own_thread(lambda: asyncio.run(sign_inside_loop()))
    assert b"/ByteRange" in signed


def _minimal_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_lkip_attaches_the_signed_pk_as_signed_not_retyped(org, make_report):
    camat = org.person("awayan", Role.CAMAT)
    pk_report = make_report(kind=Report.Kind.PK, periode=0)
    signed_pk = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=pk_report.pk, password=PASSWORD)
    pk_pages = len(PdfReader(io.BytesIO(bytes(signed_pk.pdf))).pages)

    lkip = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    from laporan import pdf

    reader = PdfReader(io.BytesIO(pdf.render_pdf(lkip)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"kode verifikasi {signed_pk.kode_verifikasi}" in text
    # The last pages are the signed PK's pages, with its verification URL printed under the signature.
    tail = " ".join(page.extract_text() for page in reader.pages[-pk_pages:])
    assert signed_pk.kode_verifikasi in tail and "PIHAK PERTAMA" in tail
