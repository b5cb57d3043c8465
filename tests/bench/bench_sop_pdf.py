"""Benchmark: PDF render of the largest seed SOP (Batumandi, 12 steps) and of a 40-step SOP.

Run: .venv/bin/python tests/bench/bench_sop_pdf.py [runs]
Uses a throwaway SQLite database in a temporary directory.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-sop-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def timed(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return times, size


def main(runs: int = 5) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from sop.models import Lane, Sop, SopRevision, Step
    from sop.pdf import render_revision_pdf

    largest = SopRevision.objects.get(nomor="067/001/KEC.BTM/BLG/2024")
    long_sop = SopRevision.objects.create(
        sop=Sop.objects.create(kecamatan=largest.sop.kecamatan), nama="SOP 40 langkah"
    )
    lanes = [
        Lane.objects.create(revision=long_sop, urutan=i, label=r, role=r)
        for i, r in enumerate(["CAMAT", "SEKRETARIS", "PELAKSANA"], 1)
    ]
    for n in range(1, 41):
        Step.objects.create(
            revision=long_sop,
            no=n,
            uraian=f"Langkah {n} " + "uraian kegiatan " * 6,
            lane=lanes[n % 3],
            kind="mulai" if n == 1 else "selesai" if n == 40 else "proses",
            waktu_cetak="1 Jam",
        )
    for label, revision in (("Batumandi, 12 langkah", largest), ("uji, 40 langkah", long_sop)):
        render_revision_pdf(revision)  # warm fonts and templates
        times, size = timed(lambda r=revision: render_revision_pdf(r), runs)
        print(
            f"SOP PDF ({label}): {size / 1024:.0f} KiB, mean {statistics.mean(times) * 1000:.0f} ms, "
            f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {runs} runs"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
