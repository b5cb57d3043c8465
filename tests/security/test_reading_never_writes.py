"""Reading never writes: no GET of any URL, by any role, creates, changes or deletes a row (issue #11).

Runs over the same world and URL list as the permission matrix, including a quarter and year
nobody ever opened (opening such a page used to create its Triwulan row). A database hook
(`connection.execute_wrapper`) refuses every INSERT, UPDATE and DELETE a GET sends, so an UPDATE that
leaves the row counts unchanged is caught too (issue 27); sessions and the shared cache aside.
"""

import re
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.security import permission_expectations as spec
from tests.security.test_permission_matrix import MATRIX_URLS, YEAR, url_for, world  # noqa: F401 (fixture)

GET_URLS = [name for name in MATRIX_URLS if spec.RULES.get(name) and spec.RULES[name].get is not None]
# Sessions (a login, not the page) are not tenant data.
NOT_TENANT_DATA = {"sessions.session"}


def _count_query() -> str:
    """One statement counting the rows of every table (one round trip, not one per model)."""
    from django.db import connection

    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models()
            if m._meta.label_lower not in NOT_TENANT_DATA and m._meta.managed and not m._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    return " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)


def _row_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_count_query())
        return dict(cursor.fetchall())


_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)
# Not tenant data: the session of the login, the shared cache (rate limits, cached PDFs).
WRITABLE = {"django_session", settings.CACHES["default"].get("LOCATION", "")}


@contextmanager
def refusing_writes(found: list):
    """Record every INSERT, UPDATE or DELETE sent to the database while inside (sessions and cache aside)."""

    def guard(execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match and match[2] not in WRITABLE:
            found.append(f"{match[1].split()[0].upper()} {match[2]}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(guard):
        yield


def test_the_guard_sees_an_update_that_changes_no_row_count(world, db):  # noqa: F811
    """The mutation the row counts missed: a GET that UPDATEs a row."""
    from sakip.models import Unit

    found = []
    with refusing_writes(found):
        Unit.objects.filter(pk=world["places"]["awayan"]["kecamatan_id"]).update(telepon="0526-000")
    assert found == ["UPDATE sakip_unit"]


@pytest.mark.parametrize("name", GET_URLS)
def test_reading_never_writes(world, db, name):  # noqa: F811 (the world fixture)
    rule = spec.RULES[name]
    place = world["places"]["awayan"]
    never_opened = {**place, "tahun": YEAR + 1, "triwulan": 3}
    urls = sorted({url_for(name, place) + rule.query, url_for(name, never_opened) + rule.query})
    wrote = []
    for role, person in world["people"].items():
        client = Client()
        client.force_login(person)
        before = _row_counts()
        for url in urls:
            found = []
            with refusing_writes(found):
                client.get(url)
            after = _row_counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            if changed or found:
                wrote.append(f"{role} GET {url}: {changed or ''} {sorted(set(found))}")
            before = after
    assert not wrote, "\n".join(wrote)
