"""A new year's PK pre-filled from the established Renstra; a target that differs needs a kept, printed reason."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kinerja.models import Indikator, PerjanjianKinerja
from kinerja.services import KinerjaError, perencanaan
from laporan import pdf
from laporan.models import Report
from laporan.services import buat_laporan
from renstra.models import IndikatorRenstra
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(org):
    return make_renstra(org.awayan, make_rpjmd(org), sasaran=2, indikator=1, establish=True)


def _prefill(org, tahun=2026):
    return perencanaan.pk_buat(
        user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], kecamatan=org.awayan.unit, tahun=tahun, dari_renstra=True
    )


def test_the_renstra_targets_of_the_year_flow_into_a_new_pk(org, renstra):
    pk = _prefill(org, 2026)
    indicators = list(Indikator.objects.filter(sasaran__perjanjian=pk).order_by("sasaran__urutan", "urutan"))
    sources = list(IndikatorRenstra.objects.filter(renstra=renstra).order_by("sasaran__urutan", "urutan"))
    assert [s.uraian for s in pk.sasaran.order_by("urutan")] == [
        "Meningkatnya kualitas layanan 1",
        "Meningkatnya kualitas layanan 2",
    ]
    assert [i.indikator_renstra_id for i in indicators] == [s.pk for s in sources]
    # 2026 is the period's second year: target 81; the end target 84 is the LKIP's Renstra comparison.
    assert [(i.target_tahunan, i.target_renstra) for i in indicators] == [(Decimal(81), Decimal(84))] * 2
    assert indicators[0].penanggung_jawab == org.awayan.positions[Role.KASI]
    assert "Formula: jumlah tepat waktu" in indicators[0].definisi_operasional


def test_a_draft_renstra_fills_no_pk(org):
    make_renstra(org.awayan, make_rpjmd(org))
    with pytest.raises(KinerjaError, match="Belum ada Renstra yang ditetapkan untuk tahun 2026"):
        _prefill(org, 2026)
    assert not PerjanjianKinerja.objects.filter(kecamatan=org.awayan.unit).exists()


def test_a_year_outside_the_period_fills_no_pk(org, renstra):
    with pytest.raises(KinerjaError, match="2030"):
        _prefill(org, 2030)


def test_a_target_that_differs_from_the_renstra_needs_a_reason(org, renstra):
    pk = _prefill(org)
    ind = Indikator.objects.filter(sasaran__perjanjian=pk).first()
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    with pytest.raises(KinerjaError) as refused:
        perencanaan.indikator_simpan(
            user=kasubbag, sasaran=ind.sasaran, data={"target_tahunan": Decimal(78)}, indikator=ind
        )
    assert "berbeda dari target Renstra tahun 2026 (81)" in refused.value.errors["alasan_beda_renstra"]
    saved = perencanaan.indikator_simpan(
        user=kasubbag,
        sasaran=ind.sasaran,
        data={"target_tahunan": Decimal(78), "alasan_beda_renstra": "Refocusing anggaran 2026", "target_renstra": 1},
        indikator=ind,
    )
    saved.refresh_from_db()
    assert saved.alasan_beda_renstra == "Refocusing anggaran 2026"
    assert saved.target_renstra == Decimal(84)  # from the Renstra, never typed
    # Back to the Renstra's target: the reason no longer applies and is dropped.
    again = perencanaan.indikator_simpan(
        user=kasubbag, sasaran=ind.sasaran, data={"target_tahunan": Decimal(81)}, indikator=ind
    )
    assert again.alasan_beda_renstra == ""


def test_a_pk_with_an_unexplained_difference_is_not_established(org, renstra):
    pk = _prefill(org)
    Indikator.objects.filter(sasaran__perjanjian=pk).update(target_tahunan=Decimal(70))
    with pytest.raises(KinerjaError, match="berbeda dari target Renstra tanpa alasan"):
        perencanaan.pk_tetapkan(user=org.awayan.people[Role.CAMAT], pk=pk, password=PASSWORD)


def test_the_reason_is_printed_in_the_pk_document(org, renstra):
    pk = _prefill(org)
    ind = Indikator.objects.filter(sasaran__perjanjian=pk).first()
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    perencanaan.indikator_simpan(
        user=kasubbag,
        sasaran=ind.sasaran,
        data={"target_tahunan": Decimal(78), "alasan_beda_renstra": "Refocusing anggaran 2026"},
        indikator=ind,
    )
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.PK, tahun=2026, periode=0)
    pages = PdfReader(io.BytesIO(pdf.render_pdf(report))).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Berbeda dari target Renstra; alasan: Refocusing anggaran 2026" in text


def test_the_pk_page_offers_the_renstra_and_arrives_pre_filled(org, renstra, client_for):
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    url = reverse("kinerja:pk", args=[org.awayan.unit.pk, 2026])
    assert "Isi dari Renstra" in client.get(url).content.decode()
    assert client.post(reverse("kinerja:pk_dari_renstra", args=[org.awayan.unit.pk, 2026]), {}).status_code == 302
    page = client.get(url).content.decode()
    assert "Persentase layanan tepat waktu 2.1" in page and "data-tautan-renstra" in page
    # The form offers only the established Renstra's indicators of the kecamatan.
    ind = Indikator.objects.filter(kecamatan=org.awayan.unit, tahun=2026).first()
    form = client.get(reverse("kinerja:indikator_ubah", args=[org.awayan.unit.pk, 2026, ind.pk])).content.decode()
    assert "1.1 Persentase layanan tepat waktu 1.1" in form


def test_the_workbook_cannot_leave_the_renstra_target_without_a_reason(org, renstra):
    from openpyxl import load_workbook

    from kinerja.excel import WorkbookError, export_workbook
    from kinerja.services.impor import impor_kinerja

    pk = _prefill(org)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    wb = load_workbook(io.BytesIO(export_workbook(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026)))
    assert wb["PK"]["E1"].value == "Target Tahunan" and wb["PK"]["E2"].value == 81
    wb["PK"]["E2"] = 70
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(WorkbookError) as failed:
        impor_kinerja(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026, content=out.getvalue())
    (problem,) = failed.value.errors
    assert (problem.lembar, problem.baris, problem.kolom) == ("PK", 2, "E")
    assert "berbeda dari target Renstra tahun 2026 (81)" in problem.pesan
    assert Indikator.objects.filter(sasaran__perjanjian=pk, target_tahunan=81).count() == 2
