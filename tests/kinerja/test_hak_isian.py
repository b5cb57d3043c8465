"""Who enters which indicator, answered for every row at once (issue 30): the same answer as one at a time.

The entry page asks `permissions.indikator_dapat_diisi` once for all its rows instead of
`user_can_enter_realisasi` per row; both read the one rule in sakip/permissions.py. On the demo (every
role of eight kecamatan, the kabupaten's administrator and evaluator, cascading PKs, computed indicators)
the two answers agree for every person and every indicator.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja import selectors
from kinerja.models import Indikator, Triwulan
from sakip import permissions
from sakip.models import Pegawai

pytestmark = pytest.mark.usefixtures("demo_data")


def _pairs(indicators):
    return [(ind, ind.penanggung_jawab.unit_id if ind.penanggung_jawab_id else None) for ind in indicators]


def test_the_many_indicator_answer_equals_the_single_one_for_every_person_of_the_demo(db):
    year = timezone.localdate().year
    pairs = _pairs(Indikator.objects.filter(tahun=year).select_related("penanggung_jawab"))
    people = list(Pegawai.objects.filter(jabatan__isnull=False).order_by("username"))
    assert len(people) > 60
    kinds = set()
    for person in people:
        many = permissions.indikator_dapat_diisi(person, pairs)
        # A fresh object: nothing the many-indicator answer cached helps the single one.
        again = Pegawai.objects.get(pk=person.pk)
        single = {ind.pk for ind, unit_id in pairs if permissions.user_can_enter_realisasi(again, ind, unit_id)}
        assert many == single, person.username
        kinds.add((person.jabatan.role, bool(many)))
    # Not a vacuous agreement: some people enter indicators, others none.
    assert {entered for _, entered in kinds} == {True, False}


def test_the_entry_page_marks_editable_exactly_the_rows_the_single_indicator_answer_allows(db):
    camat = Pegawai.objects.select_related("jabatan").get(username="camat.awayan")
    quarter = (
        Triwulan.objects.filter(kecamatan_id=camat.jabatan.kecamatan_id, status=Triwulan.Status.DRAFT)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    for username in ("perencanaan.awayan", "kasi.awayan", "staf.awayan", "umum.awayan", "camat.awayan"):
        person = Pegawai.objects.get(username=username)
        rows = selectors.entry_rows(person, quarter, only_mine=False)
        for row in rows:
            unit_id = row.indikator.penanggung_jawab.unit_id if row.indikator.penanggung_jawab_id else None
            assert row.editable == permissions.user_can_enter_realisasi(person, row.indikator, unit_id), (
                username,
                row.indikator.uraian,
            )


def test_the_entry_page_runs_no_query_twice(db, client):
    """The quarter's kecamatan and the computed indicators' supporting ones are read once per request."""
    camat = Pegawai.objects.select_related("jabatan").get(username="camat.awayan")
    quarter = (
        Triwulan.objects.filter(kecamatan_id=camat.jabatan.kecamatan_id, status=Triwulan.Status.DRAFT)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    url = reverse("kinerja:entry", args=[quarter.kecamatan_id, quarter.tahun, quarter.triwulan])
    for username in ("perencanaan.awayan", "staf.awayan"):
        client.force_login(Pegawai.objects.get(username=username))
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        statements = [q["sql"] for q in ctx.captured_queries]
        assert len(statements) == len(set(statements)), [s for s in statements if statements.count(s) > 1]
