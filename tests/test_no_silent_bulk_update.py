"""A queryset `.update()` writes no history row (django-simple-history hooks save()), so a state change made
that way is unrecorded (issue 27). Every `….filter(…).update(…)` in the application is listed here with the
reason it needs no row of its own; a new one fails until it is written row by row (`save()` with
`_change_reason`), through `simple_history.utils.bulk_update_with_history`, or listed with its reason."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", "tests", "migrations", "static", "templates", "docs", "fixtures", "node_modules"}
PATTERN = re.compile(r"\)\.update\(")

# (file, text of the line) -> why no history row is needed.
ALLOWED = {
    ("api/services.py", "TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)"): (
        "a token's last use, written on every API call: bookkeeping, not a change anyone makes"
    ),
    ("kinerja/services/perencanaan.py", "type(row).objects.filter(pk=row.pk).update(urutan=row.urutan + offset)"): (
        "renumbering after a deletion: the deletion itself is the recorded change"
    ),
    ("kinerja/services/perencanaan.py", "type(row).objects.filter(pk=row.pk).update(urutan=number)"): (
        "renumbering after a deletion: the deletion itself is the recorded change"
    ),
    ("renstra/services.py", "type(row).objects.filter(pk=row.pk).update(urutan=row.urutan + offset)"): (
        "renumbering after a deletion: the deletion itself is the recorded change"
    ),
    ("renstra/services.py", "type(row).objects.filter(pk=row.pk).update(urutan=number)"): (
        "renumbering after a deletion: the deletion itself is the recorded change"
    ),
    ("kinerja/services/perencanaan.py", "Realisasi.objects.filter(indikator_id=old_id).update(indikator=copy)"): (
        "a PK Perubahan re-points realisations to the indicator's copy: no value changes; the PK Perubahan is "
        "recorded with its reason"
    ),
    ("kinerja/services/perencanaan.py", "Indikator.objects.filter(mendukung_id=old_id).update(mendukung=copy)"): (
        "the same re-pointing for the cascading PKs' supporting indicators"
    ),
    ("kinerja/services/triwulan.py", "changed = Triwulan.objects.filter(pk=quarter.pk, status=old).update(**fields)"): (
        "race-safe conditional transition; the history row is written by the save() that follows, with the reason"
    ),
    ("workflow/services.py", "changed = Run.objects.filter(pk=run.pk, status=Run.Status.BERJALAN).update("): (
        "race-safe conditional cancellation; the run's and its tasks' history rows are written right after"
    ),
    (
        "sop/services.py",
        'Step.objects.filter(revision=revision).update(no=F("no") + 10000)  # free the unique numbers first',
    ): ("a draft revision's steps renumbered inside one save of the draft (unique numbers freed first)"),
    (
        "notifikasi/services.py",
        "return selectors.milik(user).filter(dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())",
    ): ("notifications keep no history (tests/test_history_on_every_model.py EXEMPT)"),
    (
        "notifikasi/services.py",
        "done = pending.filter(dibaca_pada__isnull=True).update(selesai_pada=now, dibaca_pada=now)",
    ): ("notifications keep no history (tests/test_history_on_every_model.py EXEMPT)"),
    (
        "kinerja/demo_berjenjang.py",
        "Indikator.objects.filter(pk=parents[nomor].pk).update(hitung_dari_pendukung=cara)",
    ): ("demo data built once by load_demo, before anyone uses it"),
    ("loket/demo.py", "Run.objects.filter(pk=run.pk).update(selesai_pada=moment)"): (
        "demo data built once by load_demo, before anyone uses it"
    ),
    (
        "loket/demo.py",
        'Sop.objects.filter(pk=revision.sop_id, catatan_asal__startswith="Transkripsi").update(catatan_asal=ASAL)',
    ): ("demo data built once by load_demo, before anyone uses it"),
}


def _bulk_updates():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIP_DIRS & set(relative.parts) or relative.name.startswith("settings"):
            continue  # settings update dicts, not querysets
        for line in path.read_text().splitlines():
            if PATTERN.search(line):
                yield (relative.as_posix(), line.strip())


def test_every_queryset_update_in_the_application_is_listed_with_its_reason():
    found = set(_bulk_updates())
    assert found, "the scan finds the application's queryset updates"
    assert sorted(found - set(ALLOWED)) == []


def test_the_list_names_no_update_that_is_gone():
    assert sorted(set(ALLOWED) - set(_bulk_updates())) == []
