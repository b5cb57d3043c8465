"""The read-only API on a small organisation: tokens (missing, unknown, revoked: 401), another kabupaten's
token (403 on Awayan), a draft quarter's figures absent, the rate limit (429), every call recorded,
pagination and a constant number of queries per list."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api import services
from api.models import PanggilanApi, TokenApi
from kinerja.models import AnggaranTriwulan, Triwulan
from kinerja.services.triwulan import triwulan_get_or_create
from sakip import counters
from tests.api.helpers import bearer, issue, other_kabupaten
from tests.kinerja.data import fill_quarter, make_budget, make_pk

YEAR = 2025


def url(name, **kwargs):
    return reverse(f"api:{name}", kwargs=kwargs)


@pytest.fixture
def token(org):
    row, value = issue(org.admin, org.kabupaten)
    counters.reset(f"api:token:{row.pk}")
    return row, value


def _approve(kecamatan_unit, tahun, triwulan):
    quarter = triwulan_get_or_create(kecamatan=kecamatan_unit, tahun=tahun, triwulan=triwulan)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DISETUJUI)


def test_a_call_without_a_token_is_401(client, org):
    response = client.get(url("kecamatan"))
    assert response.status_code == 401
    assert not PanggilanApi.objects.exists()  # nobody to record


def test_an_unknown_token_is_401(client, org):
    assert client.get(url("kecamatan"), **bearer("sakip_tidak-ada")).status_code == 401


def test_a_signed_in_session_is_no_token(client_for, org):
    assert client_for(org.admin).get(url("kecamatan")).status_code == 401


def test_a_revoked_token_is_401_and_its_attempt_recorded(client, org, token):
    row, value = token
    assert client.get(url("kecamatan"), **bearer(value)).status_code == 200
    services.token_cabut(user=org.admin, token=row)
    assert client.get(url("kecamatan"), **bearer(value)).status_code == 401
    assert list(PanggilanApi.objects.filter(token=row).order_by("pk").values_list("status", flat=True)) == [200, 401]


def test_the_token_lists_its_own_kecamatan_only(client, org, token):
    other_kabupaten()
    data = client.get(url("kecamatan"), **bearer(token[1])).json()
    assert data["count"] == 2
    assert [k["nama"] for k in data["items"]] == ["Awayan", "Tebing Tinggi"]


def test_another_kabupatens_token_gets_403_on_awayan(client, org):
    tabalong, admin = other_kabupaten()
    _, value = issue(admin, tabalong, nama="e-Monev Tabalong")
    make_pk(org.awayan, YEAR)
    awayan = org.awayan.unit.pk
    for name, kwargs in [
        ("tahun", {}),
        ("triwulan", {"tahun": YEAR}),
        ("pk", {"tahun": YEAR}),
        ("indikator", {"tahun": YEAR}),
        ("capaian", {"tahun": YEAR}),
        ("anggaran", {"tahun": YEAR}),
        ("dokumen", {}),
        ("evaluasi", {}),
    ]:
        response = client.get(url(name, kecamatan_id=awayan, **kwargs), **bearer(value))
        assert response.status_code == 403, name
        assert "Tabalong" in response.json()["detail"]


def test_an_unknown_kecamatan_is_404_and_a_bad_year_422(client, org, token):
    assert client.get(url("tahun", kecamatan_id=999999), **bearer(token[1])).status_code == 404
    response = client.get(url("capaian", kecamatan_id=org.awayan.unit.pk, tahun=1900), **bearer(token[1]))
    assert response.status_code == 422


def test_a_quarter_not_approved_gives_no_figures(client, org, token):
    (indikator,) = make_pk(org.awayan, YEAR, indicators=1)
    (sub,) = make_budget(org.awayan.unit, tahun=YEAR)
    fill_quarter(org.awayan.unit, YEAR, 1, "30")
    fill_quarter(org.awayan.unit, YEAR, 2, "10")
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, realisasi=200)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=2, realisasi=300)
    _approve(org.awayan.unit, YEAR, 1)
    quarter = triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=2)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DIAJUKAN)
    kec = org.awayan.unit.pk

    statuses = client.get(url("triwulan", kecamatan_id=kec, tahun=YEAR), **bearer(token[1])).json()["items"]
    assert [(q["triwulan"], q["status"]) for q in statuses] == [
        (1, "disetujui"),
        (2, "diajukan"),
        (3, "draft"),
        (4, "draft"),
    ]
    (row,) = client.get(url("capaian", kecamatan_id=kec, tahun=YEAR), **bearer(token[1])).json()["items"]
    assert row["id"] == indikator.pk
    assert [q["triwulan"] for q in row["triwulan"]] == [1]  # TW II (submitted) has no figures
    (tw1,) = row["triwulan"]
    assert tw1["status"] == "disetujui"
    assert (Decimal(tw1["target"]), Decimal(tw1["realisasi"])) == (25, 30)
    assert tw1["capaian"] == {"status": "ok", "nilai": "120.00", "alasan": "", "predikat": "Sangat Tinggi"}
    assert "10" not in str(row["triwulan"])
    assert row["tahunan"] is None
    (budget,) = client.get(url("anggaran", kecamatan_id=kec, tahun=YEAR), **bearer(token[1])).json()["items"]
    assert [(r["triwulan"], Decimal(r["realisasi"])) for r in budget["realisasi_triwulan"]] == [(1, 200)]
    assert Decimal(budget["pagu"]) == 1000


def test_pk_and_indicators(client, org, token):
    indicators = make_pk(org.awayan, YEAR, indicators=2)
    kec = org.awayan.unit.pk
    pk = client.get(url("pk", kecamatan_id=kec, tahun=YEAR), **bearer(token[1])).json()
    assert (pk["tahun"], pk["revisi"], pk["status"]) == (YEAR, 0, "draft")
    items = client.get(url("indikator", kecamatan_id=kec, tahun=YEAR), **bearer(token[1])).json()["items"]
    assert [i["id"] for i in items] == [i.pk for i in indicators]
    assert Decimal(items[0]["target_tahunan"]) == 100
    assert client.get(url("pk", kecamatan_id=kec, tahun=YEAR + 1), **bearer(token[1])).status_code == 404
    years = client.get(url("tahun", kecamatan_id=kec), **bearer(token[1])).json()
    assert years == {"items": [{"tahun": YEAR}], "count": 1}


def test_lists_are_paginated(client, org, token):
    make_pk(org.awayan, YEAR, indicators=5)
    response = client.get(
        url("capaian", kecamatan_id=org.awayan.unit.pk, tahun=YEAR) + "?limit=2&offset=3", **bearer(token[1])
    )
    data = response.json()
    assert data["count"] == 5
    assert [i["nomor"] for i in data["items"]] == ["1.4", "1.5"]
    too_many = client.get(url("kecamatan") + "?limit=501", **bearer(token[1]))
    assert too_many.status_code == 422


@pytest.mark.parametrize("name", ["capaian", "indikator", "anggaran", "triwulan"])
def test_a_list_costs_the_same_queries_whatever_its_length(client, org, token, name, django_assert_max_num_queries):
    def cost(kecamatan):
        target = url(name, kecamatan_id=kecamatan.unit.pk, tahun=YEAR)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target, **bearer(token[1])).status_code == 200
        return len(queries)

    make_pk(org.awayan, YEAR, indicators=1)
    make_budget(org.awayan.unit, subs=1, tahun=YEAR)
    make_pk(org.tebing, YEAR, indicators=8)
    make_budget(org.tebing.unit, subs=6, tahun=YEAR)
    for kec in (org.awayan, org.tebing):
        fill_quarter(kec.unit, YEAR, 1)
        _approve(kec.unit, YEAR, 1)
    client.get(url("kecamatan"), **bearer(token[1]))  # the token's rate-limit counter exists from here on
    small = cost(org.awayan)
    assert cost(org.tebing) == small
    with django_assert_max_num_queries(30):
        client.get(url(name, kecamatan_id=org.tebing.unit.pk, tahun=YEAR), **bearer(token[1]))


def test_the_rate_limit_answers_429_per_token(client, org, token, settings):
    settings.API_BATAS_PER_MENIT = 3
    row, value = token
    statuses = [client.get(url("kecamatan"), **bearer(value)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get(url("kecamatan"), **bearer(value))
    assert refused["Retry-After"] == "60"
    other, other_value = issue(org.admin, org.kabupaten, nama="Inspektorat")
    counters.reset(f"api:token:{other.pk}")
    assert client.get(url("kecamatan"), **bearer(other_value)).status_code == 200  # per token


def test_every_call_is_recorded_with_its_status_and_the_last_use(client, org, token):
    row, value = token
    assert row.terakhir_dipakai is None
    client.get(url("kecamatan") + "?limit=1", **bearer(value), REMOTE_ADDR="10.1.2.3")
    client.get(url("tahun", kecamatan_id=999999), **bearer(value))
    calls = list(PanggilanApi.objects.filter(token=row).order_by("pk"))
    assert [(c.metode, c.path, c.status) for c in calls] == [
        ("GET", "/api/v1/kecamatan?limit=1", 200),
        ("GET", "/api/v1/kecamatan/999999/tahun", 404),
    ]
    assert calls[0].alamat_ip == "10.1.2.3"
    row.refresh_from_db()
    assert row.terakhir_dipakai is not None
    assert row.terakhir_dipakai - calls[-1].pada < datetime.timedelta(seconds=1)


def test_a_post_is_not_allowed(client, org, token):
    assert client.post(url("kecamatan"), **bearer(token[1])).status_code == 405


def test_only_the_hash_is_stored(org, token):
    row, value = token
    stored = TokenApi.objects.get(pk=row.pk)
    assert value not in str(stored.__dict__)
    assert stored.awalan == value[:12]
    assert len(stored.hash) == 64


def test_signed_documents_come_with_their_public_address_and_sha256(client, org, token, signing_cert):
    import hashlib

    from tests.laporan.data import sign_pk_document

    signed = sign_pk_document(org, YEAR)
    items = client.get(url("dokumen", kecamatan_id=org.awayan.unit.pk), **bearer(token[1])).json()["items"]
    (doc,) = items
    assert (doc["jenis"], doc["tahun"], doc["kode_verifikasi"]) == ("pk", YEAR, signed.kode_verifikasi)
    assert doc["url"] == django_settings.SITE_URL.rstrip("/") + reverse(
        "publikasi:dokumen", args=[signed.kode_verifikasi]
    )
    public = client.get(reverse("publikasi:unduh", args=[signed.kode_verifikasi]))
    body = b"".join(public.streaming_content) if public.streaming else public.content
    assert hashlib.sha256(body).hexdigest() == doc["sha256"] == signed.sha256
    other = client.get(url("dokumen", kecamatan_id=org.tebing.unit.pk), **bearer(token[1])).json()
    assert other == {"items": [], "count": 0}
