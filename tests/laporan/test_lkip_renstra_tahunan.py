"""LKIP BAB III against every year of the Renstra period (issue 14, PermenPAN-RB 53/2014): for each indicator
the Renstra's target, the realisation and the capaian of each year from the Renstra's first year up to the
report's, read from the signed-to-be PDF; an earlier year's PK linked to a superseded Renstra revision is
still the same indicator; the document's queries do not grow with the indicators."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.models import Indikator, Realisasi, Triwulan
from kinerja.services import perencanaan
from laporan import documents, pdf, xlsx
from laporan.models import Report
from laporan.services import buat_laporan
from renstra import services as renstra_services
from renstra.models import IndikatorRenstra
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _year(org, tahun: int, per_quarter: int, *, drop: str | None = None) -> None:
    """The year's PK pre-filled from the Renstra, every quarter `per_quarter` (kumulatif), all approved."""
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    pk = perencanaan.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=tahun, dari_renstra=True)
    for ind in Indikator.objects.filter(sasaran__perjanjian=pk):
        if ind.uraian == drop:
            ind.delete()
            continue
        for tw in (1, 2, 3, 4):
            Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=Decimal(per_quarter))
    for tw in (1, 2, 3, 4):
        Triwulan.objects.create(
            kecamatan=org.awayan.unit,
            tahun=tahun,
            triwulan=tw,
            status="disetujui",
            batas_mulai=f"{tahun}-01-01",
            batas_akhir=f"{tahun}-12-31",
        )


def _lkip(org, tahun):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=tahun)


def test_the_lkip_compares_each_year_of_the_renstra_period_with_that_years_target(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2, establish=True)  # targets 80, 81, 82 …
    _year(org, 2025, 20)  # 80 against 80
    _year(org, 2026, 21, drop="Persentase layanan tepat waktu 2.1")  # 84 against 81; 2.1 not in the 2026 PK
    # A Renstra Perubahan raises 1.1's 2027 target to 85; the 2025 and 2026 PKs still link to revision 0.
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    new = renstra_services.renstra_perubahan(user=kasubbag, renstra=renstra, alasan="Penyesuaian target")
    ind = IndikatorRenstra.objects.get(renstra=new, uraian="Persentase layanan tepat waktu 1.1")
    targets = {t.tahun: t.nilai for t in ind.target.all()} | {2027: Decimal(85)}
    renstra_services.indikator_simpan(user=kasubbag, sasaran=ind.sasaran, indikator=ind, data={}, targets=targets)
    renstra_services.renstra_tetapkan(user=org.person("awayan", Role.CAMAT), renstra=new, password=PASSWORD)
    _year(org, 2027, 22)  # 88 against 85 (1.1) and 82 (2.1)

    report = _lkip(org, 2027)
    text = _text(pdf.render_pdf(report))
    assert "Perbandingan dengan Target Renstra Setiap Tahun (Renstra Perubahan 1 2025–" in text
    # No | Indikator | Tahun | Target Renstra | Realisasi | Capaian terhadap Target Renstra
    assert "1.1 Persentase layanan tepat waktu 1.1 2025 80 80 100,00% 2026 81 84 103,70% 2027 85 88 103,53%" in text
    assert "2.1 Persentase layanan tepat waktu 2.1 2025 80 80 100,00% 2026 81 — tidak ada PK 2027 82 88 107,32%" in text
    # The year's Renstra comparison beside it prints the same target and capaian (the established revision's).
    assert "1.1 Persentase layanan tepat waktu 1.1 88 85 103,53% 84" in text
    # The report's workbook has the same rows, numbers as numbers.
    sheet = load_workbook(io.BytesIO(xlsx.build_workbook(report, documents.build(report))))["Renstra per Tahun"]
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[:3] == [
        ("1.1", "Persentase layanan tepat waktu 1.1", 2025, 80, 80, 100),
        ("1.1", "Persentase layanan tepat waktu 1.1", 2026, 81, 84, 103.7),
        ("1.1", "Persentase layanan tepat waktu 1.1", 2027, 85, 88, 103.53),
    ]
    assert rows[4][3:] == (81, None, "tidak ada PK")


def test_before_any_renstra_the_lkip_has_no_period_table(org):
    from tests.laporan.data import build_kinerja

    build_kinerja(org.awayan.unit, 2025)
    data = documents.build(_lkip(org, 2025))
    assert data["renstra_periode"] is None and data["renstra_tahun"] == []
    assert all(b.renstra_per_tahun == [] for k in data["sasaran"] for b in k.baris)


def _queries(report) -> int:
    with CaptureQueriesContext(connection) as captured:
        documents.build(report)
    return len(captured)


def test_the_period_comparison_costs_the_same_queries_for_few_and_many_indicators(org):
    rpjmd = make_rpjmd(org)
    make_renstra(org.awayan, rpjmd, sasaran=1, indikator=1, establish=True)
    make_renstra(org.tebing, rpjmd, sasaran=3, indikator=3, establish=True)
    for kec, unit in (("awayan", org.awayan.unit), ("tebing", org.tebing.unit)):
        kasubbag = org.person(kec, Role.KASUBBAG_PERENCANAAN)
        for tahun in (2025, 2026):
            pk = perencanaan.pk_buat(user=kasubbag, kecamatan=unit, tahun=tahun, dari_renstra=True)
            for ind in Indikator.objects.filter(sasaran__perjanjian=pk):
                Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(20))
    few = buat_laporan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, kind="lkip", tahun=2026
    )
    many = buat_laporan(
        user=org.person("tebing", Role.KASUBBAG_PERENCANAAN), kecamatan=org.tebing.unit, kind="lkip", tahun=2026
    )
    assert len(documents.build(many)["sasaran"][2].baris[2].renstra_per_tahun) == 2
    assert _queries(few) == _queries(many)
