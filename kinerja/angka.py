"""The number parser lives in sakip/angka.py (the core every app uses, renstra included); this name stays
for kinerja's modules and the tests that import it from here."""

from sakip.angka import LIMIT, SIGNIFICANT, AngkaError, parse_angka, parse_angka_tepat  # noqa: F401
