"""Issue 13: the report's gates (laporan.gates), returns as events, and no placeholder in a signed document."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from kinerja.models import Triwulan
from laporan import gates
from laporan.models import Report, ReportRiwayat
from laporan.services import ajukan, buat_laporan, kembalikan, simpan_narasi, tandatangani
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan.data import narasi_lengkap, sign_pk_document

pytestmark = pytest.mark.django_db
PLACEHOLDER = "(Bagian ini belum diisi.)"


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def draft(org, kind=Report.Kind.TRIWULAN, periode=2):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=kind, tahun=2025, periode=periode)


def set_quarter(org, triwulan, status):
    Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=triwulan).update(status=status)


def test_submitting_needs_approved_quarters_and_every_section_named(org, kinerja_awayan):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = draft(org)
    set_quarter(org, 2, Triwulan.Status.DIVERIFIKASI)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi={"pengantar": "Pengantar."}, versi=0)
    with pytest.raises(ValidationError) as refused:
        ajukan(user=kasubbag, report_id=report.pk)
    message = refused.value.message
    assert "Data kinerja TW II 2025 belum disetujui Camat." in message
    assert "Bagian narasi belum diisi: Analisis Capaian Kinerja; Penutup." in message
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT
    set_quarter(org, 2, Triwulan.Status.DISETUJUI)
    assert gates.alasan_tidak_dapat_diajukan(report) == [
        "Bagian narasi belum diisi: Analisis Capaian Kinerja; Penutup."
    ]
    simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    assert ajukan(user=kasubbag, report_id=report.pk).status == Report.Status.DIAJUKAN
    event = ReportRiwayat.objects.get(report=report)
    assert (event.dari, event.ke, event.oleh) == (Report.Status.DRAFT, Report.Status.DIAJUKAN, kasubbag)


def test_an_lkip_lists_its_sections_per_sasaran_and_all_four_quarters(org, kinerja_awayan):
    report = draft(org, Report.Kind.LKIP, 0)
    set_quarter(org, 1, Triwulan.Status.DRAFT)
    reasons = gates.alasan_tidak_dapat_diajukan(report)
    assert reasons[0].startswith("Perjanjian Kinerja 2025 belum ditandatangani dalam aplikasi")
    assert reasons[1] == "Data kinerja TW I 2025 belum disetujui Camat."
    assert "Kata Pengantar" in reasons[2] and "BAB III — Analisis Sasaran 2" in reasons[2]


def test_an_lkip_waits_for_the_signed_pk_of_its_year_then_goes(org, kinerja_awayan):
    """Issue 25: the Camat signed an LKIP whose attachment said the PK was not signed."""
    report = draft(org, Report.Kind.LKIP, 0)
    report = simpan_narasi(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        report_id=report.pk,
        narasi=narasi_lengkap(report),
        versi=report.versi,
    )
    assert gates.alasan_tidak_dapat_diajukan(report) == [
        "Perjanjian Kinerja 2025 belum ditandatangani dalam aplikasi; LKIP mengukur capaian terhadap PK yang "
        "ditandatangani dan melampirkannya. Tandatangani dokumen Perjanjian Kinerja 2025 lebih dahulu (Laporan)."
    ]
    sign_pk_document(org, 2025)
    assert gates.alasan_tidak_dapat_diajukan(report) == []


def test_the_report_page_shows_why_and_the_sign_form_is_disabled_while_blocked(org, client_for, make_report):
    report = make_report()
    set_quarter(org, 2, Triwulan.Status.DIVERIFIKASI)  # reopened and verified again after the submission
    camat = org.person("awayan", Role.CAMAT)
    page = client_for(camat).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "Laporan belum dapat ditandatangani" in page and "Data kinerja TW II 2025 belum disetujui Camat." in page
    assert "<fieldset disabled" in page
    with pytest.raises(ValidationError, match="TW II 2025 belum disetujui"):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    set_quarter(org, 2, Triwulan.Status.DISETUJUI)
    page = client_for(camat).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "<fieldset disabled" not in page and "Laporan belum dapat ditandatangani" not in page


def test_the_kasubbag_page_lists_what_is_missing_before_submitting(org, client_for, kinerja_awayan):
    report = draft(org)
    page = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(reverse("laporan:detail", args=[report.pk]))
    html = page.content.decode()
    assert "Belum dapat diajukan" in html and "Pengantar; Analisis Capaian Kinerja; Penutup" in html


def test_returning_needs_a_reason_is_recorded_and_shows_on_the_kasubbags_beranda(org, client_for, make_report):
    report = make_report()
    camat, kasubbag = org.person("awayan", Role.CAMAT), org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(ValidationError, match="Alasan pengembalian wajib diisi"):
        kembalikan(user=camat, report_id=report.pk, alasan="  ")
    # Through the page: an empty reason keeps the form with the message.
    url = reverse("laporan:kembalikan", args=[report.pk])
    response = client_for(camat).post(url, {"alasan": ""})
    assert response.status_code == 400 and Report.objects.get(pk=report.pk).status == Report.Status.DIAJUKAN
    client_for(camat).post(url, {"alasan": "Analisis TW II belum membahas indikator 3."})
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    event = report.riwayat.last()
    assert (event.dari, event.ke, event.oleh, event.alasan) == (
        Report.Status.DIAJUKAN,
        Report.Status.DRAFT,
        camat,
        "Analisis TW II belum membahas indikator 3.",
    )
    beranda = client_for(kasubbag).get(reverse("beranda")).content.decode()
    assert "Laporan dikembalikan Camat" in beranda
    assert "Analisis TW II belum membahas indikator 3." in beranda and report.judul in beranda
    detail = client_for(kasubbag).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert "Dikembalikan oleh" in detail and "Analisis TW II belum membahas indikator 3." in detail
    # The Camat's Beranda does not carry it; once submitted again it leaves the Kasubbag's Beranda.
    assert "Laporan dikembalikan Camat" not in client_for(camat).get(reverse("beranda")).content.decode()
    ajukan(user=kasubbag, report_id=report.pk)
    assert "Laporan dikembalikan Camat" not in client_for(kasubbag).get(reverse("beranda")).content.decode()


def test_no_placeholder_reaches_a_signed_lkip(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0)
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    text = pdf_text(bytes(doc.pdf))
    assert PLACEHOLDER not in text and "belum diisi.)" not in text
    assert "Uraian Kata Pengantar." in text and "Uraian BAB IV — Penutup." in text
    # The draft preview of an empty report does show the placeholder: the gate is what keeps it out.
    empty = draft(org, Report.Kind.TRIWULAN, 3)
    from laporan import pdf

    assert PLACEHOLDER in pdf_text(pdf.render_pdf(empty))
