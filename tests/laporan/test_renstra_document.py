"""The Renstra and IKU documents: signed like the other reports; signing the Renstra document establishes
a complete draft Renstra; an incomplete one cannot be submitted (issue 14)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from laporan import gates
from laporan.models import Report
from laporan.services import LaporanError, ajukan, buat_laporan, tandatangani
from renstra import services as renstra_services
from renstra.models import IndikatorRenstra, Renstra
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _report(org, kind):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=kind, tahun=2025)


def test_signing_the_renstra_document_establishes_the_renstra_and_prints_every_target(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    report = _report(org, Report.Kind.RENSTRA)
    assert report.judul == "Rencana Strategis (Renstra) Tahun 2025–2029"
    assert (
        client_for(org.person("awayan", Role.CAMAT)).get(reverse("laporan:detail", args=[report.pk])).status_code == 200
    )
    ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=report.pk)
    camat = org.person("awayan", Role.CAMAT)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DITETAPKAN and renstra.ditetapkan_oleh == camat
    text = _text(bytes(doc.pdf))
    assert "RENCANA STRATEGIS (RENSTRA)" in text and "Balangan maju dan sejahtera" in text
    assert "Persentase layanan tepat waktu 2.1" in text
    for value in ("75", "80", "81", "82", "83", "84"):  # baseline, five yearly targets, end target
        assert f" {value} " in text
    workbook = load_workbook(io.BytesIO(client_for(camat).get(reverse("laporan:xlsx", args=[report.pk])).content))
    rows = list(workbook["Renstra"].iter_rows(values_only=True))
    assert rows[1][8:14] == (80, 81, 82, 83, 84, 84)


def test_an_incomplete_renstra_cannot_be_submitted_and_the_reason_names_the_year(org):
    make_renstra(org.awayan, make_rpjmd(org), complete=False)
    report = _report(org, Report.Kind.RENSTRA)
    assert any("2029 belum diisi" in r for r in gates.alasan_tidak_dapat_diajukan(report))
    with pytest.raises(LaporanError):
        ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=report.pk)


def test_the_iku_document_waits_for_the_camats_designation_then_lists_the_iku(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2, establish=True)
    report = _report(org, Report.Kind.IKU)
    assert "Camat belum menetapkan Indikator Kinerja Utama (IKU)." in gates.alasan_tidak_dapat_diajukan(report)
    first = IndikatorRenstra.objects.filter(renstra=renstra).order_by("sasaran__urutan").first()
    renstra_services.iku_tetapkan(user=org.person("awayan", Role.CAMAT), renstra=renstra, indikator_ids=[first.pk])
    ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=report.pk)
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    text = _text(bytes(doc.pdf))
    assert "INDIKATOR KINERJA UTAMA (IKU)" in text
    assert "Persentase layanan tepat waktu 1.1" in text and "Persentase layanan tepat waktu 2.1" not in text
    assert "jumlah tepat waktu / jumlah layanan × 100" in text and "Buku register layanan" in text


def test_the_lkip_compares_with_this_years_and_the_end_renstra_target_and_draws_the_pohon(org):
    from decimal import Decimal

    from kinerja import pengukuran
    from kinerja.models import Indikator, Realisasi, RencanaAksi, Triwulan
    from kinerja.services import perencanaan
    from laporan import pdf

    make_renstra(org.awayan, make_rpjmd(org), sasaran=2, establish=True)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    pk = perencanaan.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026, dari_renstra=True)
    for ind in Indikator.objects.filter(sasaran__perjanjian=pk):
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(indikator=ind, triwulan=tw, target=ind.target_tahunan / 4)
            Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=Decimal(20))
    for tw in (1, 2, 3, 4):
        Triwulan.objects.create(
            kecamatan=org.awayan.unit,
            tahun=2026,
            triwulan=tw,
            status="disetujui",
            batas_mulai="2026-01-01",
            batas_akhir="2026-12-31",
        )
    item = pengukuran.ukur_kecamatan(org.awayan.unit, 2026).indikator[0]
    this_year, end = item.terhadap(Decimal(81)).teks, item.terhadap(Decimal(84)).teks
    assert (this_year, end) == ("98,77%", "95,24%")
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2026)
    text = _text(pdf.render_pdf(report))
    assert f"1.1 Persentase layanan tepat waktu 1.1 80 81 {this_year} 84 {end}" in text
    assert "C. Rencana Strategis 2025–2029" in text and "D. Pohon Kinerja" in text
    assert "Target 2026: 81 %" in text  # a node of the pohon kinerja drawn in BAB II
