"""Quarters are named in one place (sakip/periode.py): "TW III 2025" and "Triwulan III 2025", Roman numerals
both ways; no app spells the numerals or the "TW"/"Triwulan" label itself."""

import re
from pathlib import Path

import pytest

from sakip import periode

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "sakip",
    "sop",
    "workflow",
    "kinerja",
    "laporan",
    "notifikasi",
    "pengaturan",
    "layanan",
    "loket",
    "renstra",
    "evaluasi",
    "publikasi",
]
SPELLED = re.compile(r"""["']I["'],\s*["']II["'],\s*["']III["']|(TW|Triwulan) \{[^}]*(ROMAWI|\[)""")


@pytest.mark.parametrize(("t", "tw", "triwulan"), [(1, "TW I", "Triwulan I"), (4, "TW IV", "Triwulan IV")])
def test_a_quarter_is_named_the_same_way_everywhere(t, tw, triwulan):
    assert periode.tw(t) == tw and periode.tw(t, 2025) == f"{tw} 2025"
    assert periode.triwulan(t) == triwulan and periode.triwulan(t, 2025) == f"{triwulan} 2025"
    assert periode.dari_romawi(periode.romawi(t)) == t


def test_an_unknown_numeral_is_no_quarter():
    assert periode.dari_romawi("V") is None and periode.dari_romawi("") is None


def test_no_app_spells_the_quarter_numerals_itself():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "periode.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SPELLED.search(line)
    ]
    assert found == [], "name quarters through sakip/periode.py: " + ", ".join(found)
