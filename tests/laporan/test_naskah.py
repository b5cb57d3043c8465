"""No waiting on PDFs, and what the Camat reads is what is signed: a report's PDF is rendered once when it
is submitted; the Camat downloads exactly that file; signing applies the signing date and the PAdES
signature to those bytes (an incremental update: the submitted bytes are the first part of the signed
file) without rendering again; data changed after submission is refused at signing, and the quarters
under a submitted report refuse change until the Camat returns it."""

import datetime
import hashlib
import io

import pytest
import time_machine
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from kinerja.models import Realisasi, Triwulan
from kinerja.services.triwulan import triwulan_buka_kembali
from laporan import pdf
from laporan.locks import DataTerkunci
from laporan.models import NaskahDiajukan, Report
from laporan.services import LaporanError, kembalikan, tandatangani
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan import pades

pytestmark = pytest.mark.django_db


def lines(content: bytes) -> list[str]:
    return [
        " ".join(line.split())
        for page in PdfReader(io.BytesIO(content)).pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
    ]


def test_submitting_renders_the_pdf_the_camat_downloads(org, client_for, make_report):
    report = make_report()
    naskah = NaskahDiajukan.objects.get(report=report)
    assert naskah.sha256 == hashlib.sha256(bytes(naskah.pdf)).hexdigest()
    assert naskah.penandatangan == org.person("awayan", Role.CAMAT)
    camat = client_for(org.person("awayan", Role.CAMAT))
    downloaded = camat.get(f"/laporan/{report.pk}/pdf/").content
    assert downloaded == bytes(naskah.pdf)
    page = camat.get(f"/laporan/{report.pk}/").content.decode()
    assert f'data-naskah="{naskah.sha256}"' in page
    text = " ".join(lines(downloaded))
    assert naskah.kode_verifikasi in text.replace(" ", "")  # the verification address is already printed
    assert "DRAF" not in text


@time_machine.travel(datetime.datetime(2025, 7, 8, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_signing_applies_the_signature_to_the_submitted_bytes(org, make_report, signing_cert):
    report = make_report()
    submitted = bytes(NaskahDiajukan.objects.get(report=report).pdf)
    kode = NaskahDiajukan.objects.get(report=report).kode_verifikasi
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    signed = bytes(doc.pdf)
    assert signed[: len(submitted)] == submitted  # not rendered again: the read bytes, then the signature
    assert doc.kode_verifikasi == kode
    assert "Awayan, 8 Juli 2025" in lines(signed)
    status = pades.validate(
        PdfFileReader(io.BytesIO(signed)).embedded_signatures[0],
        ValidationContext(trust_roots=[load_cert_from_pemder(str(signing_cert))]),
    )
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
    assert not NaskahDiajukan.objects.filter(report=report).exists()


def test_data_changed_after_submission_is_refused_at_signing(org, make_report):
    report = make_report(periode=2)
    # A change that went around every service (a direct database edit): the document would differ.
    Realisasi.objects.filter(indikator__kecamatan=org.awayan.unit, triwulan=2).update(nilai=7)
    with pytest.raises(LaporanError, match="Data laporan berubah setelah diajukan"):
        tandatangani(
            alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_the_quarter_under_a_submitted_report_is_locked_until_it_is_returned(org, make_report):
    report = make_report(periode=2)
    camat = org.person("awayan", Role.CAMAT)
    quarter = Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)
    with pytest.raises(DataTerkunci, match="sedang diajukan kepada Camat"):
        triwulan_buka_kembali(user=camat, quarter=quarter, alasan="Ada salah ketik")
    kembalikan(user=camat, report_id=report.pk, alasan="Periksa TW II")
    assert not NaskahDiajukan.objects.filter(report=report).exists()
    quarter.refresh_from_db()
    assert triwulan_buka_kembali(user=camat, quarter=quarter, alasan="Ada salah ketik").status != "disetujui"


def _cached_previews(report) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM sakip_cache WHERE cache_key LIKE %s", [f"%laporan-pratinjau:{report.pk}:%"]
        )
        return cursor.fetchone()[0]


def test_a_draft_preview_is_rendered_once_per_content(org, client_for, make_report):
    report = make_report(submitted=False)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    first = client.get(f"/laporan/{report.pk}/pdf/").content
    assert _cached_previews(report) == 1
    assert client.get(f"/laporan/{report.pk}/pdf/").content == first
    assert _cached_previews(report) == 1  # served from the cache, not rendered into a new entry
    report.narasi = {**report.narasi, "penutup": "Penutup yang baru."}
    report.save()
    changed = client.get(f"/laporan/{report.pk}/pdf/").content
    assert _cached_previews(report) == 2
    assert changed != first and "Penutup yang baru." in " ".join(lines(changed))
    assert pdf.render_preview(report) == changed
