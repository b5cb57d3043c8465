"""Predikat bands configurable per kabupaten: pages and reports judge capaian by the kabupaten's own bands."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja import capaian
from kinerja.models import KriteriaPredikat, Realisasi, Triwulan
from kinerja.selectors import kriteria_predikat, kriteria_predikat_map
from sakip.roles import Role
from tests.kinerja.data import make_pk

YEAR = 2020


def strict_bands(kabupaten):
    for batas, label in ((95, "Memuaskan"), (80, "Baik"), (0, "Kurang")):
        KriteriaPredikat.objects.create(kabupaten=kabupaten, batas_bawah=batas, predikat=label)


def test_kabupaten_without_bands_uses_the_regulation_defaults(org):
    assert kriteria_predikat(org.kabupaten.pk) == capaian.DEFAULT_BANDS


@pytest.mark.parametrize(
    ("nilai", "expected"), [(Decimal("95"), "Memuaskan"), (Decimal("94.99"), "Baik"), (Decimal("79.9"), "Kurang")]
)
def test_kabupaten_bands_place_values_by_their_lower_edge(org, nilai, expected):
    strict_bands(org.kabupaten)
    bands = kriteria_predikat(org.kabupaten.pk)
    assert capaian.berkriteria(capaian.Capaian(capaian.OK, nilai), bands).predikat == expected
    assert kriteria_predikat_map({org.kabupaten.pk})[org.kabupaten.pk] == bands


def test_dashboard_and_entry_page_use_the_kabupaten_bands(org, client_for):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)  # target 100, 25 in TW I, kumulatif
    Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal("23.25"))  # 93% of TW I
    client = client_for(org.person("awayan", Role.CAMAT))
    dashboard = reverse("kinerja:dashboard", args=[org.awayan.unit.pk, YEAR])
    assert "Sangat Tinggi" in client.get(dashboard).content.decode()  # default: >= 91

    strict_bands(org.kabupaten)
    page = client.get(dashboard).content.decode()
    assert "Baik" in page and "Sangat Tinggi" not in page
    entry = client.get(reverse("kinerja:entry", args=[org.awayan.unit.pk, YEAR, 1]))
    assert entry.context["rows"][0].angka_sd.capaian.predikat == "Baik"
    Triwulan.objects.create(
        kecamatan=org.awayan.unit,
        tahun=YEAR,
        triwulan=1,
        status=Triwulan.Status.DISETUJUI,
        batas_mulai=datetime.date(YEAR, 1, 1),
        batas_akhir=datetime.date(YEAR, 4, 10),
    )  # the rekap judges approved data only
    rekap = client_for(org.admin).get(reverse("kinerja:rekap") + f"?tahun={YEAR}")
    assert [r["capaian"].predikat for r in rekap.context["rows"] if r["kecamatan"] == org.awayan.unit] == ["Baik"]
