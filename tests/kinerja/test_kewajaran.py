"""Plausibility: "82.500" typed for 82,5 is asked about on the entry page and in the workbook, never saved silently."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.excel import WorkbookError, export_workbook
from kinerja.kewajaran import periksa
from kinerja.models import Realisasi
from kinerja.services import triwulan as tw
from kinerja.services.impor import impor_kinerja
from sakip.roles import Role
from tests.kinerja.data import make_pk

YEAR = 2025


@pytest.mark.parametrize(
    ("nilai", "target", "satuan", "typed", "question"),
    [
        ("82500", "85", "%", "82.500", "Nilai 82.500 jauh di atas target 85. Maksud Anda 82,5?"),
        ("1", "15", "desa", "1", "Nilai 1 jauh di bawah target 15."),
        (
            "12.5",
            "15",
            "desa binaan",
            "12,5",
            "Satuan desa binaan dihitung dalam bilangan bulat, tetapi nilainya 12,5.",
        ),
        ("101", "100", "%", "101", "Nilai 101% melebihi 100% untuk satuan %."),
        ("104", "100", "persen", "104", "Nilai 104% melebihi 100% untuk satuan persen."),
    ],
)
def test_implausible_values_are_questioned(nilai, target, satuan, typed, question):
    assert question in periksa(nilai=Decimal(nilai), target=Decimal(target), satuan=satuan, diketik=typed)


@pytest.mark.parametrize(
    ("nilai", "target", "satuan"),
    [("12", "15", "desa"), ("0", "15", "desa"), ("82.5", "85", "%"), ("150", "100", "orang"), ("3", None, "dokumen")],
)
def test_plausible_values_pass(nilai, target, satuan):
    assert periksa(nilai=Decimal(nilai), target=Decimal(target) if target else None, satuan=satuan) == []


@pytest.fixture
def indicator(org):
    (ind,) = make_pk(org.awayan, YEAR, 1)  # satuan "%", 25 planned per quarter
    return ind


def _post(client, org, ind, value, **extra):
    url = reverse("kinerja:entry", args=[org.awayan.unit.pk, YEAR, 1])
    data = {f"nilai-{ind.pk}": value, f"versi-{ind.pk}": "0", **extra}
    return client.post(url, data)


def test_entry_page_asks_before_saving_82_500_and_keeps_what_was_typed(org, client_for, indicator):
    client = client_for(org.person("awayan", Role.PELAKSANA))
    response = _post(client, org, indicator, "82.500")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nilai 82.500 jauh di atas target 25. Maksud Anda 82,5?" in html
    assert 'value="82.500"' in html and f'name="konfirmasi-{indicator.pk}"' in html
    assert not Realisasi.objects.filter(indikator=indicator).exists()

    assert _post(client, org, indicator, "24,5").status_code == 302  # corrected: saved without a question
    assert Realisasi.objects.get(indikator=indicator).kewajaran_oleh is None


def test_a_confirmed_value_is_kept_with_who_confirmed_it(org, client_for, indicator):
    staff = org.person("awayan", Role.PELAKSANA)
    response = _post(client_for(staff), org, indicator, "260", **{f"konfirmasi-{indicator.pk}": "1"})
    assert response.status_code == 302
    saved = Realisasi.objects.get(indikator=indicator)
    assert saved.nilai == Decimal(260) and saved.kewajaran_oleh == staff
    assert saved.kewajaran_catatan == "Nilai 260 jauh di atas target 25.\nNilai 260% melebihi 100% untuk satuan %."
    page = client_for(staff).get(reverse("kinerja:entry", args=[org.awayan.unit.pk, YEAR, 1])).content.decode()
    assert f"dikonfirmasi oleh {staff.nama}" in page


def test_workbook_upload_names_the_cell_and_saves_only_when_confirmed(org, indicator):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    wb = load_workbook(io.BytesIO(export_workbook(user=kasubbag, kecamatan=org.awayan.unit, tahun=YEAR)))
    wb["Realisasi"]["E2"] = "82.500"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(WorkbookError) as refused:
        impor_kinerja(user=kasubbag, kecamatan=org.awayan.unit, tahun=YEAR, content=out.getvalue())
    assert [str(e) for e in refused.value.errors] == [
        "Lembar Realisasi, baris 2, kolom E: Nilai 82.500 jauh di atas target 25. Maksud Anda 82,5? "
        "Nilai 82.500% melebihi 100% untuk satuan %. Periksa kembali, atau tandai bahwa nilai sudah benar."
    ]
    assert not Realisasi.objects.filter(indikator=indicator).exists()
    impor_kinerja(user=kasubbag, kecamatan=org.awayan.unit, tahun=YEAR, content=out.getvalue(), konfirmasi_nilai=True)
    assert Realisasi.objects.get(indikator=indicator).kewajaran_oleh == kasubbag
