"""Issue 12, finding 7: one control character typed into a catatan.

It made the year's workbook export a 500 for the whole kecamatan (openpyxl IllegalCharacterError).
Text already stored is written without it; new input is refused with a message naming the field.
"""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import Realisasi
from kinerja.services import KinerjaError
from kinerja.services import realisasi as realisasi_services
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import make_pk

YEAR = 2020


def test_workbook_export_with_a_control_character_in_catatan_does_not_500(client_for, org):
    (indikator,) = make_pk(org.awayan, YEAR, indicators=1)
    Realisasi.objects.create(
        indikator=indikator, triwulan=1, nilai=Decimal(5), catatan="awal\x01akhir", hambatan="tab\tdan\nbaris\x1b"
    )
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.get(reverse("kinerja:excel", args=[org.awayan.unit.pk, YEAR]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Realisasi"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Catatan"] == "awalakhir"
    assert row["Hambatan"] == "tab\tdan\nbaris"


@pytest.mark.parametrize(("field", "label"), [("catatan", "Catatan"), ("hambatan", "Hambatan"), ("upaya", "Upaya")])
def test_realisation_entry_refuses_control_characters_naming_the_field(org, field, label):
    (indikator,) = make_pk(org.awayan, YEAR, indicators=1)
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    staff = org.person("awayan", Role.PELAKSANA)
    entry = realisasi_services.Entri(indikator.pk, "5", **{field: "ketik\x01an"})
    with pytest.raises(KinerjaError) as refused:
        realisasi_services.realisasi_simpan(user=staff, quarter=quarter, entries=[entry])
    message = refused.value.errors[indikator.pk][field]
    assert message.startswith(label) and "karakter kontrol" in message
    assert not Realisasi.objects.exists()
    # Newlines and tabs are ordinary text.
    entry = realisasi_services.Entri(indikator.pk, "5", **{field: "baris satu\nbaris\tdua"})
    realisasi_services.realisasi_simpan(user=staff, quarter=quarter, entries=[entry])
    assert getattr(Realisasi.objects.get(), field) == "baris satu\nbaris\tdua"
