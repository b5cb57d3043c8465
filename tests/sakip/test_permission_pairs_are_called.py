"""Every named permission pair of sakip/permissions.py is called by the application (issue 27: eight of
fourteen pairs were never called, so a reader could not tell which rule a page actually asked)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "node_modules", "migrations"}


def _sources():
    for path in ROOT.rglob("*"):
        if path.suffix in (".py", ".html") and not SKIP & set(path.relative_to(ROOT).parts):
            yield path


def test_every_named_permission_function_is_called_outside_the_module():
    module = ROOT / "sakip" / "permissions.py"
    names = re.findall(r"^def ((?:check_)?user_can_\w+)\(", module.read_text(), flags=re.M)
    assert names, "the permission module defines named pairs"
    text = "\n".join(p.read_text(errors="ignore") for p in _sources() if p != module)
    uncalled = [name for name in names if not re.search(rf"\b{name}\b", text)]
    assert uncalled == []
