"""What each daily page costs on the demo data, as a multiple of the floor (in-process, Django test client).

Every page is requested by a real demo account (`force_login`, then one warm-up request), interleaved with
the floor (`/healthz`, a trivial view through the same middleware), and timed `--repeat` times; the table
prints the minimum and the median in ms, the SQL queries of one request and the page's idle cost as a
multiple of the floor (minimum against minimum: the least noisy figure on a busy machine). Issue 30 asks
for every daily page within 15× the floor.

    .venv/bin/python tests/bench/bench_pages.py [--db /tmp/bench-pages.sqlite3] [--repeat 30] [--fresh]

The demo database (SQLite) is built once with `migrate` and `load_demo` (about two minutes) and reused.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = os.environ.get("BENCH_PAGES_DB", "/tmp/bench-pages.sqlite3")
FLOOR = "/healthz (lantai)"


def build(db: Path, env: dict) -> None:
    print(f"building the demo database {db} (migrate + load_demo, about two minutes)", flush=True)
    db.unlink(missing_ok=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def pages() -> list[tuple[str, str, str]]:
    """(page, account, url) of the daily pages, for the roles that use them."""
    from django.urls import reverse

    from kinerja.models import Triwulan
    from sakip.models import Pegawai

    camat = Pegawai.objects.select_related("jabatan").get(username="camat.awayan")
    kecamatan_id = camat.jabatan.kecamatan_id
    quarter = Triwulan.objects.filter(kecamatan_id=kecamatan_id).order_by("-tahun", "-triwulan").first()
    entry = reverse("kinerja:entry", args=[kecamatan_id, quarter.tahun, quarter.triwulan])
    dashboard = reverse("kinerja:dashboard", args=[kecamatan_id, quarter.tahun])
    rekap = reverse("kinerja:rekap") + f"?tahun={quarter.tahun}"
    return [
        ("Beranda (Camat)", "camat.awayan", reverse("beranda")),
        ("Beranda (Perencanaan)", "perencanaan.awayan", reverse("beranda")),
        ("Beranda (Admin kab.)", "admin.balangan", reverse("beranda")),
        ("Tugas Saya (Perencanaan)", "perencanaan.awayan", reverse("workflow:inbox")),
        ("Isian (Perencanaan)", "perencanaan.awayan", entry),
        ("Isian (Staf)", "staf.awayan", entry),
        ("Dasbor kecamatan (Camat)", "camat.awayan", dashboard),
        ("Rekap kabupaten (Admin)", "admin.balangan", rekap),
    ]


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sakip.models import Pegawai

    floor_client = Client()
    floor_client.get("/healthz")
    floor: list[float] = []
    rows = []
    for name, username, url in pages():
        client = Client()
        client.force_login(Pegawai.objects.get(username=username))
        response = client.get(url)  # warm per-process caches, as a running server has them
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code} for {username}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries = len(ctx)  # read now: the next request resets the connection's log
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            floor_client.get("/healthz")
            floor.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        rows.append((name, min(times), statistics.median(times), queries))
    rows.append((FLOOR, min(floor), statistics.median(floor), 0))
    return rows


def report(rows: list[tuple[str, float, float, int]]) -> None:
    floor = rows[-1][1]
    print(f"{'page':28s} {'min ms':>7s} {'p50 ms':>7s} {'queries':>8s} {'× floor':>8s}")
    for name, low, median, queries in rows:
        print(f"{name:28s} {low:7.2f} {median:7.2f} {queries:8d} {low / floor:8.1f}")
    worst = max(rows[:-1], key=lambda r: r[1])
    print(f"× floor: the page's minimum over the floor's minimum; the bar (issue 30) is 15×; worst: {worst[0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Each daily page's cost on the demo data, against /healthz")
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo database")
    args = parser.parse_args()
    db = Path(args.db)
    env = dict(
        os.environ,
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{db}",
        ALLOWED_HOSTS="testserver",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="sakip.settings",
    )
    if args.fresh or not db.exists():
        build(db, env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(f"demo data in {db}; {args.repeat} requests per page, each after one of the floor")
    report(measure(args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
