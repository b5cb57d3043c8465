import pytest

from kinerja.models import Triwulan
from sakip.models import Pegawai
from tests.laporan.data import build_kinerja


@pytest.fixture
def with_emails(org):
    """Everybody of the organisation has an email address (the factories leave it empty)."""
    for person in Pegawai.objects.all():
        person.email = f"{person.username}@example.org"
        person.save(update_fields=["email"])
    return org


@pytest.fixture
def kinerja_awayan(org):
    return build_kinerja(org.awayan.unit, 2025)


@pytest.fixture
def quarter(org, kinerja_awayan):
    """TW III 2025 of Awayan in the given status (every indicator has its value: it may be submitted)."""

    def make(status=Triwulan.Status.DRAFT, kecamatan=None):
        unit = kecamatan or org.awayan.unit
        Triwulan.objects.filter(kecamatan=unit, tahun=2025, triwulan=3).update(status=status)
        return Triwulan.objects.get(kecamatan=unit, tahun=2025, triwulan=3)

    return make
