"""The demo: a completed 2025 evaluation for the eight kecamatan and an open 2026 one, loaded once (its cost is
measured by `make bench`, not asserted here: a timed test fails on a busy machine, not on slow code)."""

import pytest

from evaluasi.demo import load_demo_evaluasi
from evaluasi.models import Evaluasi, TindakLanjut
from sakip.demo import load_organisation

pytestmark = pytest.mark.django_db


def test_demo_signs_2025_for_eight_kecamatan_and_opens_2026_idempotently(signing_cert):
    load_organisation()
    summary = load_demo_evaluasi()
    assert "16 evaluasi AKIP" in summary and "8 LHE ditandatangani" in summary
    done = Evaluasi.objects.filter(tahun=2025)
    assert done.count() == 8 and set(done.values_list("status", flat=True)) == {"ditandatangani"}
    assert len({e.hasil["total"] for e in done}) > 4  # the kabupaten view spreads
    assert all(e.laporan.dokumen.pdf for e in done)
    assert set(Evaluasi.objects.filter(tahun=2026).values_list("status", flat=True)) == {"mandiri"}
    assert TindakLanjut.objects.filter(status="selesai").count() == 4
    assert load_demo_evaluasi().startswith("0 evaluasi AKIP")
