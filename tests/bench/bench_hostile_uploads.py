"""Benchmark: hostile uploads (issue 12) — time to refusal and memory growth, for every upload.

Run: .venv/bin/python tests/bench/bench_hostile_uploads.py [runs]
Builds a throwaway SQLite database in a temporary directory (nothing else is touched), then sends each
hostile request through the real URL (middleware, CSRF, view, services) with Django's test client:

* a 600 MB Content-Length (the body is a stream that fails if read) to each of the five uploads;
* an 85 MB sharedStrings.xml zipped into a small file (zip bomb), to the SOP import, the performance workbook,
  evidence and task attachments;
* a billion-laughs sharedStrings.xml and a malformed worksheet, to both importers.

Time is the median wall time of `runs` requests; memory is the peak of Python allocations during one request
(tracemalloc, measured in a separate request so that tracing does not slow the timed ones), and the growth of
the process's maximum resident set over the whole run. The issue asks for each within 2 s and 50 MB.
"""

import logging
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-uploads-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

MB = 1024 * 1024
LIMIT_SECONDS, LIMIT_MB = 2.0, 50


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def measure(send, runs: int) -> tuple[float, float]:
    """(median seconds, peak traced MB) of one hostile request."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        send()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    send()
    peak = (tracemalloc.get_traced_memory()[1] - before) / MB
    tracemalloc.stop()
    return statistics.median(times), peak


def main(runs: int) -> int:
    logging.getLogger("django.request").setLevel(logging.ERROR)  # every refusal is a logged 4xx
    call_command("migrate", verbosity=0, interactive=False)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import build_org
    from tests.sakip import test_upload_bounds as t

    org = build_org()
    targets = t.upload_targets(org, *t.make_world(org))
    sop_workbook = t.export_revision(t.make_sop(org.awayan.unit))
    kinerja_workbook = t.export_workbook(
        user=org.person("awayan", t.Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, tahun=t.YEAR
    )
    bomb = t.zip_bomb()
    hostile = {
        "zip bomb": bomb,
        "billion laughs (SOP)": t.replace_member(sop_workbook, "xl/sharedStrings.xml", t.BILLION_LAUGHS),
        "billion laughs (kinerja)": t.replace_member(kinerja_workbook, "xl/sharedStrings.xml", t.BILLION_LAUGHS),
        "malformed XML (SOP)": t.replace_member(sop_workbook, "xl/worksheets/sheet1.xml", t.MALFORMED_SHEET),
        "malformed XML (kinerja)": t.replace_member(kinerja_workbook, "xl/worksheets/sheet1.xml", t.MALFORMED_SHEET),
    }

    def oversized(name):
        client, url, _field = targets[name]

        def send():
            response = client.generic(
                "POST",
                url,
                b"-",
                content_type=f"multipart/form-data; boundary={t.BOUNDARY}",
                **{"CONTENT_LENGTH": str(600 * MB), "wsgi.input": t.ExplodingInput()},
            )
            assert response.status_code == 413, response.status_code

        return send

    def upload(name, content, filename, extra=None):
        client, url, field = targets[name]

        def send():
            response = client.post(url, {**(extra or {}), field: SimpleUploadedFile(filename, content)})
            assert response.status_code in (200, 302), response.status_code

        return send

    cases = [(f"600 MB Content-Length -> {name}", oversized(name)) for name in targets]
    cases += [
        ("zip bomb (85 MB inside) -> sop_import", upload("sop_import", bomb, "sop.xlsx")),
        ("zip bomb (85 MB inside) -> kinerja_workbook", upload("kinerja_workbook", bomb, "kinerja.xlsx")),
        ("zip bomb (85 MB inside) -> evidence", upload("evidence", bomb, "bukti.xlsx")),
        (
            "zip bomb (85 MB inside) -> task_attachment",
            upload("task_attachment", bomb, "notulen.xlsx"),
        ),
        ("billion laughs -> sop_import", upload("sop_import", hostile["billion laughs (SOP)"], "sop.xlsx")),
        (
            "billion laughs -> kinerja_workbook",
            upload("kinerja_workbook", hostile["billion laughs (kinerja)"], "kinerja.xlsx"),
        ),
        ("malformed XML -> sop_import", upload("sop_import", hostile["malformed XML (SOP)"], "sop.xlsx")),
        (
            "malformed XML -> kinerja_workbook",
            upload("kinerja_workbook", hostile["malformed XML (kinerja)"], "kinerja.xlsx"),
        ),
    ]
    print(f"zip bomb: {len(bomb) / 1024:.0f} KB on disk, 85 MB sharedStrings.xml inside; {runs} runs each")
    print(f"{'hostile upload':55} {'median s':>9} {'peak MB':>8}  within {LIMIT_SECONDS:.0f} s / {LIMIT_MB} MB")
    rss_before = rss_mb()
    failed = 0
    for label, send in cases:
        seconds, peak = measure(send, runs)
        ok = seconds < LIMIT_SECONDS and peak < LIMIT_MB
        failed += not ok
        print(f"{label:55} {seconds:9.3f} {peak:8.2f}  {'yes' if ok else 'NO'}")
    print(f"max resident set: {rss_before:.0f} MB before the hostile requests, {rss_mb():.0f} MB after")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
