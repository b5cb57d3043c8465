"""The table of the shared database cache (settings.CACHES; the verification rate limit, SOP PDFs).

`createcachetable` creates the table of every DatabaseCache in settings and does nothing when the cache is
Redis or the table exists; it is run here so that `migrate` (and so `make run` and the test database) needs
no extra step.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("sakip", "0002_pegawai_history_without_password"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
