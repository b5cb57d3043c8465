"""Pages built on the measurement model cost the same number of SQL queries for 5 and 50 indicators."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Realisasi
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import make_pk


def _year_with(org, year: int, n: int) -> None:
    for ind in make_pk(org.awayan, year, n):
        for q in (1, 2, 3):
            Realisasi.objects.create(indikator=ind, triwulan=q, nilai=Decimal(20 + q), hambatan="h", upaya="u")
    for q in (1, 2, 3):
        tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=year, triwulan=q)


@pytest.mark.parametrize("page", ["kinerja:entry", "kinerja:triwulan", "kinerja:dashboard"])
def test_page_costs_the_same_queries_for_5_and_50_indicators_with_data(client_for, org, page):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    counts = []
    for year, n in ((2024, 5), (2023, 50)):
        _year_with(org, year, n)
        args = [org.awayan.unit.pk, year] if page == "kinerja:dashboard" else [org.awayan.unit.pk, year, 3]
        url = reverse(page, args=args)
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_qualitative_indicators_cost_no_query_per_indicator_on_the_entry_page(client_for, org):
    from kinerja.models import Indikator, Skala, SkalaLevel

    scale = Skala.objects.create(kabupaten=org.kabupaten, nama="Predikat SAKIP")
    levels = [SkalaLevel.objects.create(skala=scale, urutan=n, label=lbl, skor=n) for n, lbl in enumerate("CBA", 1)]
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    counts = []
    for year, n in ((2024, 2), (2023, 20)):
        _year_with(org, year, n)
        Indikator.objects.filter(tahun=year).update(skala=scale, target_level=levels[2], target_tahunan=None)
        url = reverse("kinerja:entry", args=[org.awayan.unit.pk, year, 3])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
