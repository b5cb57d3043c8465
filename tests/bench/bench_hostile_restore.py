"""Benchmark: hostile backup archives given to `pulihkan` (issue 12) — time to refusal and memory.

Run: .venv/bin/python tests/bench/bench_hostile_restore.py [runs]
Builds each hostile archive of tests/sakip/test_backup_hostile.py (climbing '..', absolute path,
symbolic link, hard link, device file, a manifest that lies) plus a large one (a 200 MB member whose
SHA-256 the manifest misstates), in a temporary directory with a throwaway SQLite database, and
times `restore_backup` until it refuses. Memory is the peak of Python allocations during one call
(tracemalloc). The issue asks for each within 2 s and 50 MB.
"""

import hashlib
import json
import os
import statistics
import sys
import tarfile
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-restore-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from sakip.backup import BackupError, restore_backup  # noqa: E402

MB = 1024 * 1024
CONTENT = b"kunci rahasia"


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def archive(name: str, members: list[tuple], files: dict, data: bytes = b"[]") -> Path:
    path = WORKDIR / f"{name}.tar.gz"
    manifest = {"rows": {}, "data": {"name": "data.json", "sha256": sha(data)}, "files": files}
    with tarfile.open(path, "w:gz") as tar:
        for member_name, content in (("data.json", data), ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(member_name)
            info.size = len(content)
            tar.addfile(info, __import__("io").BytesIO(content))
        for info, content in members:
            tar.addfile(info, content if info.isreg() else None)
    return path


def member(name: str, content: bytes = b"", kind=tarfile.REGTYPE, linkname: str = ""):
    import io

    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    info.size = len(content) if kind == tarfile.REGTYPE else 0
    if kind == tarfile.CHRTYPE:
        info.devmajor, info.devminor = 1, 3
    return info, io.BytesIO(content)


class Zeros:
    """A file-like stream of `size` zero bytes (the big member is never held in memory here either)."""

    def __init__(self, size):
        self.left = size

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"\0" * n


def big_archive() -> Path:
    info = tarfile.TarInfo("media/bukti/besar.pdf")
    info.size = 200 * MB
    path = WORKDIR / "besar.tar.gz"
    manifest = {"rows": {}, "data": {"name": "data.json", "sha256": sha(b"[]")}, "files": {"bukti/besar.pdf": "0" * 64}}
    import io

    with tarfile.open(path, "w:gz") as tar:
        for member_name, content in (("data.json", b"[]"), ("manifest.json", json.dumps(manifest).encode())):
            head = tarfile.TarInfo(member_name)
            head.size = len(content)
            tar.addfile(head, io.BytesIO(content))
        tar.addfile(info, Zeros(info.size))
    return path


def cases() -> dict[str, Path]:
    return {
        "'..' in a member name": archive(
            "dotdot", [member("media/../../evil.txt", CONTENT)], {"../../evil.txt": sha(CONTENT)}
        ),
        "'..' only in manifest.json": archive(
            "manifest-dotdot", [member("evil.txt", CONTENT)], {"../evil.txt": sha(CONTENT)}
        ),
        "absolute path": archive("absolute", [member("/tmp/signing-key.pem", CONTENT)], {}),
        "symbolic link": archive(
            "symlink", [member("media/kunci", kind=tarfile.SYMTYPE, linkname="/etc/passwd")], {"kunci": sha(b"")}
        ),
        "hard link": archive(
            "hardlink", [member("media/kunci", kind=tarfile.LNKTYPE, linkname="data.json")], {"kunci": sha(b"")}
        ),
        "device file": archive("device", [member("media/null", kind=tarfile.CHRTYPE)], {"null": sha(b"")}),
        "manifest that lies (SHA-256)": archive(
            "lies", [member("media/bukti/a.pdf", CONTENT)], {"bukti/a.pdf": "0" * 64}
        ),
        "200 MB member, wrong SHA-256": big_archive(),
    }


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    call_command("migrate", verbosity=0, interactive=False)
    (WORKDIR / "media").mkdir(exist_ok=True)
    print(f"{'hostile archive':<34} {'median s':>9} {'peak MB':>8}  verdict")
    worst_ok = True
    for label, path in cases().items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            try:
                restore_backup(path, force=True)
                refused = False
            except BackupError:
                refused = True
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        try:
            restore_backup(path, force=True)
        except BackupError:
            pass
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
        ok = refused and statistics.median(times) <= 2 and peak <= 50
        worst_ok &= ok
        print(
            f"{label:<34} {statistics.median(times):>9.3f} {peak:>8.2f}  {'refused' if refused else 'ACCEPTED'}{'' if ok else '  (over the bar)'}"
        )
    written = [str(p.relative_to(WORKDIR)) for p in (WORKDIR / "media").rglob("*")]
    print(
        f"files written under MEDIA_ROOT: {len(written)}; bar (refused, ≤ 2 s, ≤ 50 MB): {'ok' if worst_ok else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
