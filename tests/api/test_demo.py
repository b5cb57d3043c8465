"""The API on the demo (loaded once for this module): its capaian equals the dashboard's for every indicator
of every kecamatan and year, and schemathesis finds the served schema true (every operation, with a valid
token, property-based)."""

from decimal import Decimal

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from api.models import PanggilanApi
from kinerja.models import Triwulan
from sakip import counters
from sakip.models import Pegawai, Unit
from sakip.roles import Role
from tests.api.helpers import bearer, issue


@pytest.fixture
def balangan(demo_data, db):
    kabupaten = Unit.objects.get(kode="balangan")
    admin = Pegawai.objects.filter(jabatan__role=Role.ADMIN, jabatan__unit=kabupaten).first()
    token, value = issue(admin, kabupaten)
    counters.reset(f"api:token:{token.pk}")
    return kabupaten, admin, value


def _capaian(cap) -> dict:
    return {"status": cap.status, "nilai": cap.nilai, "alasan": cap.alasan, "predikat": cap.predikat}


def _api(cap: dict) -> dict:
    return {**cap, "nilai": None if cap["nilai"] is None else Decimal(cap["nilai"])}


def test_the_apis_capaian_equals_the_dashboards_for_every_indicator_of_the_demo(client, balangan, settings):
    settings.API_BATAS_PER_MENIT = 10_000
    kabupaten, admin, value = balangan
    page = client.__class__()
    page.force_login(admin)
    compared = {"triwulan": 0, "sampai": 0, "tahunan": 0, "absent": 0}
    kecamatan = client.get(reverse("api:kecamatan"), **bearer(value)).json()["items"]
    assert len(kecamatan) == Unit.objects.filter(kabupaten=kabupaten, jenis=Unit.Kind.KECAMATAN).count() == 8
    for kec in kecamatan:
        years = client.get(reverse("api:tahun", args=[kec["id"]]), **bearer(value)).json()["items"]
        for year in [y["tahun"] for y in years]:
            api = client.get(reverse("api:capaian", args=[kec["id"], year]) + "?limit=500", **bearer(value)).json()
            by_id = {row["id"]: row for row in api["items"]}
            dashboard = page.get(reverse("kinerja:dashboard", args=[kec["id"], year]))
            assert dashboard.status_code == 200
            context = dashboard.context
            statuses = {t: s for t, s, _ in context["statuses"]}
            posisi = context["posisi"]
            shown = [item for row in context["sasaran"] for item in row.indikator]
            assert sorted(by_id) == sorted(item.indikator.pk for item in shown), (kec["nama"], year)
            for item in shown:
                row = by_id[item.indikator.pk]
                quarters = {q["triwulan"]: q for q in row["triwulan"]}
                approved = [t for t in (1, 2, 3, 4) if statuses[t] == Triwulan.Status.DISETUJUI]
                assert sorted(quarters) == approved
                for t in approved:  # the quarter page's figure (kinerja:triwulan reads the same Ukuran)
                    assert _api(quarters[t]["capaian"]) == _capaian(item.triwulan(t).capaian)
                    compared["triwulan"] += 1
                if item.posisi.final:  # the dashboard's "Capaian s.d. TW posisi"
                    assert _api(quarters[posisi]["sampai"]["capaian"]) == _capaian(item.posisi.capaian)
                    assert _api(quarters[posisi]["progres"]) == _capaian(item.progres_posisi.capaian)
                    compared["sampai"] += 1
                else:  # not approved: the dashboard shows it marked, the API gives nothing
                    assert posisi not in quarters or quarters[posisi]["sampai"] is None
                    compared["absent"] += 1
                if item.tahunan.final:  # the dashboard's "Capaian tahunan"
                    assert _api(row["tahunan"]["capaian"]) == _capaian(item.tahunan.capaian)
                    compared["tahunan"] += 1
                else:
                    assert row["tahunan"] is None
    # The demo has approved years, an approved part of a year and quarters still open: all three compared.
    assert compared["triwulan"] and compared["sampai"] and compared["tahunan"] and compared["absent"], compared


def test_evaluation_results_equal_the_kabupaten_rekap(client, balangan):
    """The figures kept when each LHE was signed, as the Inspektorat's rekap (evaluasi/rekap.py) shows them."""
    from evaluasi import rekap

    kabupaten, admin, value = balangan
    compared = 0
    for kec in Unit.objects.filter(kabupaten=kabupaten, jenis=Unit.Kind.KECAMATAN):
        for e in client.get(reverse("api:evaluasi", args=[kec.pk]), **bearer(value)).json()["items"]:
            (row,) = [r for r in rekap.rekap(admin, tahun=str(e["tahun"])).baris if r.kecamatan.pk == kec.pk]
            assert (Decimal(e["total"]), e["predikat"]) == (row.total, row.predikat)
            compared += 1
    assert compared, "the demo has signed evaluations"


def test_schemathesis_finds_the_served_schema_true(balangan, settings):
    import schemathesis

    settings.API_BATAS_PER_MENIT = 100_000
    settings.ALLOWED_HOSTS = ["*"]
    _, _, value = balangan
    # As Django's test client does: the requests run inside this test's transaction, so the end of a request
    # must not close the database connection (PostgreSQL would lose the transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 9
        _run(operations, value)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert PanggilanApi.objects.count() >= len(operations)


def _run(operations, value):
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {value}"})

        check()
