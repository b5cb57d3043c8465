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
