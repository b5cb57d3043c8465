"""The Renstra sheet of the performance workbook (issue 14): exported with every indicator, its kondisi awal,
a target per year of the period and the end target; read back to change a draft Renstra's targets, all or
nothing, every problem named by sheet, row and column; an established Renstra is refused (Renstra Perubahan).

`upload` applies a workbook the way the upload does: `impor_kinerja` and the Renstra sheet
(`kinerja.excel.terapkan_renstra`) in one transaction, refused as a whole on any problem."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kinerja.excel import WorkbookError, export_workbook
from kinerja.services.impor import impor_kinerja
from renstra.models import IndikatorRenstra, TargetRenstra
from sakip.roles import Role
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db

YEAR = 2026


def kasubbag(org):
    return org.person("awayan", Role.KASUBBAG_PERENCANAAN)


def workbook(org):
    return load_workbook(io.BytesIO(export_workbook(user=kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR)))


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(org, wb) -> int:
    """The Renstra indicators the upload changed (kinerja.services.impor applies the Renstra sheet too)."""
    return impor_kinerja(user=kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR, content=save(wb)).renstra


def rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]


def _stored():
    return sorted(
        (t.indikator.uraian, t.tahun, t.nilai) for t in TargetRenstra.objects.select_related("indikator")
    ) + sorted((i.uraian, i.kondisi_awal, i.target_akhir) for i in IndikatorRenstra.objects.all())


def test_the_renstra_sheet_holds_every_indicator_with_baseline_yearly_and_end_targets(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    wb = workbook(org)
    header = [c.value for c in wb["Renstra"][1]]
    assert header == [
        "Kode",
        "Tujuan",
        "Sasaran Strategis",
        "Indikator",
        "Satuan",
        "Polaritas",
        "Kondisi Awal",
        "Target 2025",
        "Target 2026",
        "Target 2027",
        "Target 2028",
        "Target 2029",
        "Target Akhir",
        "Sumber Data",
        "Penanggung Jawab",
    ]
    first, second = rows(wb["Renstra"])
    assert first["Kode"] == "1.1" and second["Kode"] == "2.1"
    assert first["Tujuan"] == "Terwujudnya pelayanan prima"
    assert second["Sasaran Strategis"] == "Meningkatnya kualitas layanan 2"
    assert first["Indikator"] == "Persentase layanan tepat waktu 1.1"
    assert (first["Satuan"], first["Polaritas"], first["Kondisi Awal"]) == ("%", "positif", 75)
    assert [first[f"Target {y}"] for y in range(2025, 2030)] == [80, 81, 82, 83, 84]
    assert first["Target Akhir"] == 84 and first["Sumber Data"] == "Buku register layanan"
    assert first["Penanggung Jawab"] == org.awayan.positions[Role.KASI].nama
    petunjuk = {r[0]: r[1] for r in wb["Petunjuk"].iter_rows(values_only=True)}
    assert "draf" in petunjuk["Renstra"] and "2025–2029" in petunjuk["Renstra"]


def test_a_draft_renstras_targets_change_by_upload_and_read_back_the_same(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    wb = workbook(org)
    ws = wb["Renstra"]
    ws["J2"] = "90,5"  # Target 2027 of 1.1, typed the Indonesian way
    ws["M2"] = 95  # Target Akhir of 1.1, a numeric cell
    ws["G3"] = "70"  # Kondisi Awal of 2.1
    ws["L3"] = None  # Target 2029 of 2.1 emptied: "belum diisi"
    assert upload(org, wb) == 2
    one = IndikatorRenstra.objects.get(uraian="Persentase layanan tepat waktu 1.1")
    two = IndikatorRenstra.objects.get(uraian="Persentase layanan tepat waktu 2.1")
    assert one.target.get(tahun=2027).nilai == Decimal("90.5") and one.target_akhir == 95
    assert two.kondisi_awal == 70 and not two.target.filter(tahun=2029).exists()
    again = rows(workbook(org)["Renstra"])
    assert (again[0]["Target 2027"], again[0]["Target Akhir"]) == (90.5, 95)
    assert (again[1]["Kondisi Awal"], again[1]["Target 2029"]) == (70, None)
    assert upload(org, workbook(org)) == 0  # the same workbook again changes nothing


def test_a_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_saved(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    before = _stored()
    wb = workbook(org)
    ws = wb["Renstra"]
    ws["H2"] = 99  # a valid change in the same upload
    ws["I3"] = "delapan puluh"  # Target 2026 of 2.1
    ws["M3"] = -1  # Target Akhir of 2.1
    ws.append(["9.9"])  # an indicator the Renstra does not have
    with pytest.raises(WorkbookError) as failed:
        upload(org, wb)
    assert [str(p) for p in failed.value.errors] == [
        "Lembar Renstra, baris 3, kolom I: Nilai 'delapan puluh' bukan angka yang sah. "
        "Gunakan koma untuk desimal, misalnya 1.234,5.",
        "Lembar Renstra, baris 3, kolom M: tidak boleh negatif.",
        'Lembar Renstra, baris 4, kolom A: kode indikator "9.9" tidak ada pada Renstra 2025–2029. '
        "Indikator baru ditambahkan melalui halaman Renstra.",
    ]
    assert _stored() == before


def test_an_established_renstra_refuses_changed_targets_but_an_unchanged_sheet_passes(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=2, establish=True)
    assert upload(org, workbook(org)) == 0
    before = _stored()
    wb = workbook(org)
    petunjuk = {r[0]: r[1] for r in wb["Petunjuk"].iter_rows(values_only=True)}
    assert "telah ditetapkan" in petunjuk["Renstra"] and "Renstra Perubahan" in petunjuk["Renstra"]
    wb["Renstra"]["K2"] = 88  # Target 2028 of 1.1
    with pytest.raises(WorkbookError) as failed:
        upload(org, wb)
    assert [str(p) for p in failed.value.errors] == [
        'Lembar Renstra, baris 2, kolom K: Renstra 2025–2029 berstatus "Ditetapkan"; targetnya hanya dapat '
        "diubah melalui Renstra Perubahan."
    ]
    assert _stored() == before


def test_a_sheet_whose_years_are_not_the_renstras_period_is_refused(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    wb = workbook(org)
    wb["Renstra"]["H1"] = "Target 2024"
    with pytest.raises(WorkbookError) as failed:
        upload(org, wb)
    assert str(failed.value.errors[0]).startswith("Lembar Renstra, baris 1: kolom target tidak sesuai periode")
    wb = workbook(org)
    wb["Renstra"]["G1"] = "Baseline"
    with pytest.raises(WorkbookError) as failed:
        upload(org, wb)
    assert str(failed.value.errors[0]).startswith("Lembar Renstra, baris 1, kolom G: judul kolom tidak sesuai")


def test_without_a_renstra_there_is_no_sheet_and_older_workbooks_still_upload(org):
    wb = workbook(org)
    assert "Renstra" not in wb.sheetnames
    assert upload(org, wb) == 0


def test_the_upload_page_applies_the_renstra_sheet(org, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    wb = workbook(org)
    wb["Renstra"]["J2"] = 91
    url = reverse("kinerja:excel_unggah", args=[org.awayan.unit.pk, YEAR])
    client_for(kasubbag(org)).post(url, {"berkas": SimpleUploadedFile("kinerja.xlsx", save(wb))}, follow=True)
    assert TargetRenstra.objects.get(tahun=2027).nilai == 91
