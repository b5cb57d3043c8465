"""`make bench`: run every benchmark script and print its figures (no pass/fail: figures for people)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_sop_pdf.py", "bench_lkip.py"]


def main() -> int:
    failed = 0
    for name in BENCHES:
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / name)], cwd=HERE.parents[1])
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
