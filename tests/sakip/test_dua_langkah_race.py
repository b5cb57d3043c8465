"""The five-wrong-codes limit of the two-step sign-in cannot be raced (issue 29): every attempt is counted in the
shared cache, atomically, before its code is checked; an attempt over the limit is refused without checking.

Forty codes sent in parallel are therefore forty counts and at most five checks (PostgreSQL, real threads);
the sequential tests pin the order (count, then check) on every database.
"""

import threading
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip import counters, dua_langkah
from sakip.roles import Role

PARALLEL = 40


@pytest.fixture(autouse=True)
def clear_cache(db):
    cache.clear()
    yield
    cache.clear()


def enrolled(person) -> TOTPDevice:
    return TOTPDevice.objects.create(user=person, name=dua_langkah.NAMA_PERANGKAT, confirmed=True)


def right_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    return "000000" if right_code(device) != "000000" else "111111"


def request_of(person):
    request = RequestFactory().post("/akun/dua-langkah/")
    request.user = person
    request.session = {}
    return request


def attempt(person, code: str) -> str:
    try:
        dua_langkah.verifikasi(request_of(person), kode=code)
    except dua_langkah.DuaLangkahError as refused:
        return refused.message
    return "ok"


def test_an_attempt_is_counted_before_its_code_is_checked(org):
    camat = org.person("awayan", Role.CAMAT)
    device = enrolled(camat)
    key = dua_langkah._kunci_gagal(camat)
    attempt(camat, wrong_code(device))
    assert counters.current(key) == 1
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # it was checked, after being counted


def test_attempts_already_counted_in_flight_leave_the_next_one_unchecked(org):
    # Five attempts counted by other requests still checking their codes: the sixth is refused without a check,
    # even with the right code, and the device is not touched.
    camat = org.person("awayan", Role.CAMAT)
    device = enrolled(camat)
    key = dua_langkah._kunci_gagal(camat)
    for _ in range(settings.DUA_LANGKAH_MAKS_GAGAL):
        counters.count(key, window=60)
    message = attempt(camat, right_code(device))
    assert "Terlalu banyak kode yang salah" in message
    device.refresh_from_db()
    assert device.throttling_failure_count == 0 and device.last_t == -1


def test_a_right_code_within_the_limit_clears_the_count(org):
    camat = org.person("awayan", Role.CAMAT)
    device = enrolled(camat)
    key = dua_langkah._kunci_gagal(camat)
    assert "Sisa percobaan: 4" in attempt(camat, wrong_code(device))
    assert "Sisa percobaan: 3" in attempt(camat, wrong_code(device))
    device.throttle_reset()  # django-otp's own back-off would otherwise refuse the right code this soon
    assert attempt(camat, right_code(device)) == "ok"
    assert counters.current(key) == 0


def test_the_window_is_not_extended_by_each_attempt(org):
    # The database cache keeps (count, end of window): a later attempt keeps the first one's deadline.
    key = "uji-jendela"
    counters.count(key, window=60)
    first = cache.get(key)
    time.sleep(0.01)
    counters.count(key, window=60)
    second = cache.get(key)
    if isinstance(first, tuple):
        assert second == (2, first[1])
    else:
        assert second == 2


def run_in_parallel(target, n: int) -> list:
    results, barrier = [], threading.Barrier(n)

    def work():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(target())
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_counts_never_read_the_same_value_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is exercised on PostgreSQL (CI runs it)")
    cache.clear()
    results = run_in_parallel(lambda: counters.count("uji-paralel", window=60), PARALLEL)
    assert sorted(results) == list(range(1, PARALLEL + 1))


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_wrong_codes_are_at_most_five_checks_on_postgresql(org):
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is exercised on PostgreSQL (CI runs it)")
    cache.clear()
    camat = org.person("awayan", Role.CAMAT)
    device = enrolled(camat)
    bad = wrong_code(device)
    results = run_in_parallel(lambda: attempt(camat, bad), PARALLEL)
    assert len(results) == PARALLEL and "ok" not in results
    checked = [r for r in results if "Kode tidak sesuai" in r or "Terlalu banyak" not in r]
    device.refresh_from_db()
    assert device.throttling_failure_count <= settings.DUA_LANGKAH_MAKS_GAGAL
    assert len(checked) <= settings.DUA_LANGKAH_MAKS_GAGAL
    assert counters.current(dua_langkah._kunci_gagal(camat)) == PARALLEL
