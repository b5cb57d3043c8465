"""`make bench`: run every benchmark script and print its figures (no pass/fail: figures for people).

The load benchmark needs PostgreSQL on 127.0.0.1:5432; without it, it is skipped with the reason.
BENCH_KECAMATAN (default 7000), BENCH_USERS (50) and BENCH_SECONDS (60) size it.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# bench_pages.py: each daily page's idle cost on the demo data as a multiple of the floor (in-process).
BENCHES = [
    "bench_pages.py",
    "bench_sop_pdf.py",
    "bench_lkip.py",
    "bench_hostile_uploads.py",
    "bench_hostile_restore.py",
]


def postgres_answers() -> str | None:
    try:
        import psycopg2

        psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres", connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001 - any failure means "not available"
        return str(error).strip()
    return None


def main() -> int:
    failed = 0
    for name in BENCHES:
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / name)], cwd=HERE.parents[1])
        failed += result.returncode != 0
    print("== bench_load.py (national-scale data, gunicorn + locust)", flush=True)
    problem = postgres_answers()
    if problem:
        print(f"skipped: PostgreSQL does not answer on 127.0.0.1:5432 ({problem})")
    else:
        result = subprocess.run([sys.executable, str(HERE / "bench_load.py")], cwd=HERE.parents[1])
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
