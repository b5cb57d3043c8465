"""A Perjanjian Kinerja is complete only when the pihak kedua's (Bupati's) signature is recorded: the scan of
the paper both parties signed, uploaded after the Camat's electronic signature; the LKIP then attaches it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from laporan import pdf
from laporan.models import Report, TandaTanganPihakKedua
from laporan.services import (
    LaporanError,
    buat_laporan,
    catat_tanda_tangan_pihak_kedua,
    simpan_narasi,
    tandatangani,
)
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan.data import narasi_lengkap

pytestmark = pytest.mark.django_db

SCAN_TEXT = "PINDAIAN PK DITANDATANGANI BUPATI BALANGAN"


def scan_pdf(text=SCAN_TEXT) -> bytes:
    return HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def signed_pk(org, make_report):
    report = make_report(kind=Report.Kind.PK, periode=0)
    tandatangani(alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD)
    report.refresh_from_db()
    return report


def post(client, report, **fields):
    data = {"nama": "H. Abdul Hadi", "jabatan": "BUPATI BALANGAN", "tanggal": "2025-01-16", **fields}
    data.setdefault("pindaian", SimpleUploadedFile("pk-2025.pdf", scan_pdf(), content_type="application/pdf"))
    return client.post(reverse("laporan:pihak_kedua", args=[report.pk]), data)


def test_a_signed_pk_waits_for_the_pihak_kedua_and_says_so(org, client_for, signed_pk):
    page = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(
        reverse("laporan:detail", args=[signed_pk.pk])
    )
    html = page.content.decode()
    assert "Belum lengkap" in html
    assert 'id="form-pihak-kedua"' in html
    assert 'value="BUPATI BALANGAN"' in html  # pre-filled from the PK's pihak kedua


def test_kasubbag_records_the_bupati_scan_and_the_pk_is_complete(org, client_for, signed_pk):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = post(client, signed_pk)
    assert response.status_code == 302
    recorded = TandaTanganPihakKedua.objects.get(report=signed_pk)
    assert (recorded.nama, recorded.tanggal, recorded.halaman) == ("H. Abdul Hadi", datetime.date(2025, 1, 16), 1)
    html = client.get(reverse("laporan:detail", args=[signed_pk.pk])).content.decode()
    assert "Lengkap" in html and "Belum lengkap" not in html
    assert "16 Januari 2025" in html
    download = client.get(reverse("laporan:pihak_kedua_pdf", args=[signed_pk.pk]))
    assert download.status_code == 200
    assert SCAN_TEXT in PdfReader(io.BytesIO(download.content)).pages[0].extract_text()


def test_an_image_renamed_pdf_is_refused_on_the_field_and_the_input_stays(org, client_for, signed_pk):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    response = post(client, signed_pk, pindaian=SimpleUploadedFile("pk.pdf", png), nama="Bupati Uji")
    assert response.status_code == 400
    html = response.content.decode()
    assert "pk.pdf" in html and "tidak sesuai dengan ekstensinya" in html
    assert 'value="Bupati Uji"' in html
    assert not TandaTanganPihakKedua.objects.exists()


def test_a_date_in_the_future_is_refused_naming_the_field(org, client_for, signed_pk):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = post(client, signed_pk, tanggal="2099-01-01")
    assert response.status_code == 400
    assert "Tanggal ditandatangani pihak kedua tidak boleh setelah hari ini." in response.content.decode()
    assert not TandaTanganPihakKedua.objects.exists()


def test_an_unreadable_pdf_is_refused(org, signed_pk):
    with pytest.raises(LaporanError) as refused:
        catat_tanda_tangan_pihak_kedua(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
            report_id=signed_pk.pk,
            pindaian=b"%PDF-1.7\n garbage",
            nama="Bupati",
            jabatan="BUPATI BALANGAN",
            tanggal=datetime.date(2025, 1, 16),
        )
    assert "pindaian" in refused.value.errors


def test_it_is_recorded_once_and_only_on_a_signed_pk(org, signed_pk, make_report):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    args = {
        "pindaian": scan_pdf(),
        "nama": "Bupati",
        "jabatan": "BUPATI BALANGAN",
        "tanggal": datetime.date(2025, 1, 16),
    }
    catat_tanda_tangan_pihak_kedua(user=kasubbag, report_id=signed_pk.pk, **args)
    with pytest.raises(LaporanError, match="sudah dicatat"):
        catat_tanda_tangan_pihak_kedua(user=kasubbag, report_id=signed_pk.pk, **args)
    draft_pk = Report.objects.create(kecamatan=org.awayan.unit, kind=Report.Kind.PK, tahun=2024, dibuat_oleh=kasubbag)
    with pytest.raises(LaporanError, match="ditandatangani Camat"):
        catat_tanda_tangan_pihak_kedua(user=kasubbag, report_id=draft_pk.pk, **args)
    quarterly = make_report()
    with pytest.raises(LaporanError, match="hanya dicatat untuk Perjanjian Kinerja"):
        catat_tanda_tangan_pihak_kedua(user=kasubbag, report_id=quarterly.pk, **args)


def test_tebing_tinggi_cannot_see_and_the_camat_may_not_record(org, client_for, signed_pk):
    assert post(client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)), signed_pk).status_code == 404
    assert post(client_for(org.person("awayan", Role.CAMAT)), signed_pk).status_code == 403
    other = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    assert other.get(reverse("laporan:pihak_kedua_pdf", args=[signed_pk.pk])).status_code == 404
    assert not TandaTanganPihakKedua.objects.exists()


def test_the_lkip_attaches_the_pk_both_parties_signed(org, signed_pk):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    lkip = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
    lkip = simpan_narasi(user=kasubbag, report_id=lkip.pk, narasi=narasi_lengkap(lkip), versi=lkip.versi)

    def text(report):
        reader = PdfReader(io.BytesIO(pdf.render_pdf(report)))
        return reader, "\n".join(page.extract_text() for page in reader.pages)

    _, before = text(lkip)
    assert "Perjanjian Kinerja belum lengkap" in " ".join(before.split())
    assert SCAN_TEXT not in before
    catat_tanda_tangan_pihak_kedua(
        user=kasubbag,
        report_id=signed_pk.pk,
        pindaian=scan_pdf(),
        nama="H. Abdul Hadi",
        jabatan="BUPATI BALANGAN",
        tanggal=datetime.date(2025, 1, 16),
    )
    reader, after = text(lkip)
    flat = " ".join(after.split())
    assert "ditandatangani kedua pihak" in flat and "16 Januari 2025" in flat
    assert SCAN_TEXT in reader.pages[-1].extract_text()
    assert "belum lengkap" not in flat


def test_two_page_scans_count_their_pages(org, signed_pk):
    writer = PdfWriter()
    for _ in range(2):
        writer.append(io.BytesIO(scan_pdf()))
    out = io.BytesIO()
    writer.write(out)
    catat_tanda_tangan_pihak_kedua(
        user=org.person("awayan", Role.SEKRETARIS),
        report_id=signed_pk.pk,
        pindaian=out.getvalue(),
        nama="Bupati",
        jabatan="BUPATI BALANGAN",
        tanggal=datetime.date(2025, 1, 16),
    )
    assert TandaTanganPihakKedua.objects.get().halaman == 2


def test_beranda_of_the_kasubbag_lists_the_pk_until_the_pihak_kedua_is_recorded(org, client_for, signed_pk):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    marker = f'data-pihak-kedua-menunggu="{signed_pk.pk}"'
    assert marker in client.get(reverse("beranda")).content.decode()
    assert (
        marker
        not in client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).get(reverse("beranda")).content.decode()
    )
    post(client, signed_pk)
    assert marker not in client.get(reverse("beranda")).content.decode()
