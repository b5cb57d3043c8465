"""One URL and one view per action (issue 27): no view reads an `op`/`aksi` field of a POST to choose what to do,
so the permission matrix (tests/security) posts to every action for every role.

A grep over the apps' views modules. PENDING (views allowed to switch, as debt) is empty since every view was
split; it stays so that a new exception is a visible, reviewed change, and a listed view that no longer
switches fails too.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("sakip", "sop", "workflow", "kinerja", "laporan", "notifikasi", "pengaturan", "layanan", "loket", "renstra")
APPS += ("evaluasi", "publikasi", "kepegawaian", "api")
# request.POST.get("op"), request.POST["aksi"], POST.get('op', ...), "op" in request.POST, ...
DISPATCH = re.compile(r"""POST(\.get\(|\[)\s*["'](op|aksi)["']|["'](op|aksi)["']\s+in\s+request\.POST""")

PENDING: set[tuple[str, str]] = set()


def _views_modules():
    for app in APPS:
        yield from sorted((ROOT / app).glob("views*.py"))


def _dispatching_views() -> set[tuple[str, str]]:
    found = set()
    for path in _views_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.col_offset == 0:
                body = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                if DISPATCH.search(body):
                    found.add((str(path.relative_to(ROOT)), node.name))
    return found


def test_the_pattern_catches_a_dispatch():
    assert DISPATCH.search('op = request.POST.get("op", "")')
    assert DISPATCH.search("if request.POST['aksi'] == 'hapus':")
    assert DISPATCH.search('if "op" in request.POST:')
    assert not DISPATCH.search('request.POST.get("alasan", "")')


def test_no_view_switches_on_an_op_or_aksi_field():
    found = _dispatching_views()
    new = sorted(found - PENDING)
    assert not new, f"One URL and one view per action (docs/ARCHITECTURE.md); these views switch on op/aksi: {new}"
    split = sorted(PENDING - found)
    assert not split, f"These views no longer switch on op/aksi: strike them off PENDING: {split}"
