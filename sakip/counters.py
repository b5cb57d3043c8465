"""Attempt counters in the shared cache that parallel requests cannot overtake.

A limit ("five wrong codes", "thirty requests a minute") holds only if every attempt is counted before it is
checked and no two attempts read the same count. `count` adds one and returns the new count in one step:

* Redis (and the in-process cache of development): `cache.add` then `cache.incr`, both atomic there;
* the database cache (the default when REDIS_URL is not set): Django's `incr` is a read then a write, so
  forty parallel requests could all read 0. Here the cache row is created first (`add`, one insert wins), then
  read and written again inside one transaction holding that row locked (`SELECT … FOR UPDATE`, PostgreSQL);
  the value is (count, end of the window), so the window is not extended by each attempt.

Call it outside any transaction of the request: a refusal raised afterwards must not roll the count back.
"""

import math
import time

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


def count(key: str, *, window: int) -> int:
    """Count one attempt under `key` for a window of `window` seconds from the first; return the new count."""
    backend = caches["default"]
    if isinstance(backend, DatabaseCache):
        return _count_in_database(backend, key, window)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _count_in_database(backend: DatabaseCache, key: str, window: int) -> int:
    now = time.time()
    backend.add(key, (0, now + window), window)
    db = router.db_for_write(backend.cache_model_class)
    connection = connections[db]
    with transaction.atomic(using=db):
        if connection.features.has_select_for_update:
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(backend._table)
                cursor.execute(
                    f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 (table name quoted)
                    [backend.make_and_validate_key(key)],
                )
        value = backend.get(key)
        if isinstance(value, tuple) and len(value) == 2:
            number, until = value[0] + 1, value[1]
        else:  # expired meanwhile, or written by older code as a bare number
            number, until = (value + 1 if isinstance(value, int) else 1), now + window
        backend.set(key, (number, until), max(1, math.ceil(until - now)))
    return number


def current(key: str) -> int:
    """The count under `key` now (0 when none), without counting."""
    value = cache.get(key)
    if isinstance(value, tuple):
        return value[0]
    return value or 0


def reset(key: str) -> None:
    cache.delete(key)
