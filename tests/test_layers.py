"""Layers are lint (issue 27): the import contracts in pyproject.toml ([tool.importlinter], run by `make lint`) fail
on an upward import, including one hidden inside a function.

The contracts run on a copy of the apps in a temporary directory (never the shared working tree, which `make lint`
may be reading at the same moment): kept as they are, broken by a probe module importing upwards, kept again
without it.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"


def _apps() -> list[str]:
    return tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["root_packages"]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    command = str(exe) if exe.exists() else shutil.which("lint-imports")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [command, "--no-cache", "--no-logo"], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_an_upward_import_breaks_the_contracts_and_names_itself(tmp_path):
    for app in _apps():
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(CONFIG, tmp_path / "pyproject.toml")

    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "0 broken" in kept.stdout

    # sop (the library) reaching up to kinerja inside a function; workflow (the runtime) reaching notifikasi.
    (tmp_path / "sop" / "_layer_probe.py").write_text("def probe():\n    import kinerja.models  # noqa: F401\n")
    (tmp_path / "workflow" / "_layer_probe.py").write_text("from notifikasi import selectors  # noqa: F401\n")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0, broken.stdout
    assert "sop._layer_probe -> kinerja.models" in broken.stdout
    assert "workflow._layer_probe -> notifikasi.selectors" in broken.stdout
    assert "Apps layered: a lower app never imports a higher one BROKEN" in broken.stdout
    assert "Nothing imports notifikasi, pengaturan or evaluasi but themselves BROKEN" in broken.stdout

    (tmp_path / "sop" / "_layer_probe.py").unlink()
    (tmp_path / "workflow" / "_layer_probe.py").unlink()
    again = _lint_imports(tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
