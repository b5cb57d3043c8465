"""One password re-check for every signature (sakip/tanda_tangan.py, issue 25): throttled per person in the
shared cache, and the only place outside the password change that compares a password."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from laporan.models import Report
from laporan.services import LaporanError, buat_laporan, tandatangani
from sakip import tanda_tangan
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


def test_the_eleventh_wrong_password_in_a_minute_is_refused_without_checking_it(org):
    camat = org.person("awayan", Role.CAMAT)
    for _ in range(10):
        with pytest.raises(tanda_tangan.KataSandiDitolak, match="Kata sandi tidak sesuai"):
            tanda_tangan.periksa_kata_sandi(camat, "salah")
    # Even the right password is not checked now: the session may be stolen.
    with pytest.raises(tanda_tangan.KataSandiDitolak, match="Terlalu banyak kata sandi salah"):
        tanda_tangan.periksa_kata_sandi(camat, PASSWORD)
    # For that person only.
    tanda_tangan.periksa_kata_sandi(org.person("tebing", Role.CAMAT), PASSWORD)


def test_a_signing_service_refuses_through_the_same_check(org, settings):
    settings.TANDA_TANGAN_BATAS = 1
    camat = org.person("awayan", Role.CAMAT)
    report = buat_laporan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, kind=Report.Kind.PK, tahun=2025
    )
    with pytest.raises(LaporanError, match="Kata sandi tidak sesuai"):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password="salah")
    with pytest.raises(LaporanError, match="Terlalu banyak"):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)


def test_no_other_code_compares_a_signing_password():
    """The number of places that check a signing password is one (the password change form aside)."""
    found = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        relative = path.relative_to(settings.BASE_DIR).as_posix()
        if relative.startswith((".venv/", "tests/")) or "/migrations/" in relative:
            continue
        if re.search(r"\.check_password\(", path.read_text(encoding="utf-8")):
            found.append(relative)
    assert sorted(found) == ["sakip/account.py", "sakip/tanda_tangan.py"]
