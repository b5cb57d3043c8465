"""Printed precision in one place: no figure on a page, in a PDF or in a workbook shows more decimals than printed.

Values stored here have at most two decimals, so any longer run of decimals ("71,09333…",
"80,6575") is a figure that escaped the one rounding of kinerja.pengukuran.
"""

import io
import re
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.models import Indikator, Realisasi
from laporan import documents, pdf, xlsx
from laporan.models import Report
from sakip.roles import Role

LONG_DECIMALS = re.compile(r"\d,\d{3,}")


def _averaged_indicator(org):
    """An averaged indicator whose realisations have a mean with endless decimals (21,666…)."""
    ind = Indikator.objects.get(kecamatan=org.awayan.unit, sasaran__urutan=1, urutan=1)
    ind.agregasi = Indikator.Agregasi.RATA_RATA
    ind.save()
    for tw, value in ((1, "21"), (2, "22"), (3, "22"), (4, "21.5")):
        Realisasi.objects.filter(indikator=ind, triwulan=tw).update(nilai=Decimal(value))


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _xlsx_problems(content: bytes) -> list[str]:
    problems = []
    for ws in load_workbook(io.BytesIO(content)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, float) and round(cell.value, 2) != cell.value:
                    problems.append(f"{ws.title}!{cell.coordinate} = {cell.value}")
                # Optional decimals ("#,##0.####") leave a dangling separator ("82.") in Excel and LibreOffice.
                if isinstance(cell.value, int | float) and re.search(r"\.0*#", cell.number_format):
                    problems.append(f"{ws.title}!{cell.coordinate} format {cell.number_format}")
                if isinstance(cell.value, str) and LONG_DECIMALS.search(cell.value):
                    problems.append(f"{ws.title}!{cell.coordinate} = {cell.value}")
    return problems


def test_no_document_page_or_workbook_prints_a_long_decimal_run(org, make_report, client_for):
    _averaged_indicator(org)
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    for kind, periode in ((Report.Kind.TRIWULAN, 3), (Report.Kind.SEMESTER, 2), (Report.Kind.LKIP, 0)):
        report = make_report(kind=kind, periode=periode, submitted=False)
        data = documents.build(report)
        assert not LONG_DECIMALS.findall(_pdf_text(pdf.render_pdf(report))), kind
        html = kasubbag.get(reverse("laporan:detail", args=[report.pk])).content.decode()
        assert not LONG_DECIMALS.findall(html), kind
        assert _xlsx_problems(xlsx.build_workbook(report, data)) == [], kind
    kecamatan = org.awayan.unit.pk
    for url in (
        reverse("kinerja:dashboard", args=[kecamatan, 2025]),
        reverse("kinerja:entry", args=[kecamatan, 2025, 3]),
        reverse("kinerja:triwulan", args=[kecamatan, 2025, 4]),
    ):
        assert not LONG_DECIMALS.findall(kasubbag.get(url).content.decode()), url
    rekap = client_for(org.evaluator).get(reverse("kinerja:rekap") + "?tahun=2025").content.decode()
    assert not LONG_DECIMALS.findall(rekap)


def test_the_performance_workbook_shows_each_value_with_its_own_decimals(org, make_report, client_for):
    """The data workbook (download, fill, upload) too: 82 prints "82", 82,5 prints "82,5" — never "82."."""
    Realisasi.objects.filter(indikator__kecamatan=org.awayan.unit, triwulan=1).update(nilai=Decimal("82.5"))
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    content = kasubbag.get(reverse("kinerja:excel", args=[org.awayan.unit.pk, 2025])).content
    assert _xlsx_problems(content) == []
    formats = {
        cell.number_format
        for ws in load_workbook(io.BytesIO(content)).worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    }
    assert "#,##0.0" in formats and "#,##0" in formats  # 82,5 and whole numbers, each as it is
