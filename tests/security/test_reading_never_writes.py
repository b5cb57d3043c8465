"""Reading never writes: no GET of any URL, by any role, creates or deletes a row (issue #11).

Runs over the same world and URL list as the permission matrix, including a quarter and year
nobody ever opened (opening such a page used to create its Triwulan row).
"""

import pytest
from django.apps import apps
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
            client.get(url)
            after = _row_counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            if changed:
                wrote.append(f"{role} GET {url}: {changed}")
            before = after
    assert not wrote, "\n".join(wrote)
