"""Which receipt codes prove an SKM answer (issue 29: "counts come from records that prove themselves").

A respondent's answer counts in the IKM when it carries the receipt code of a finished request of that same
service, once. The requests live in `loket`, above this app: loket registers the check in its
AppConfig.ready() (a higher app registers into a lower one; layanan never imports loket). Without a
registered check no code can be proven, and every answer goes to the "tanpa tanda terima" pool.
"""

from collections.abc import Callable

_pemeriksa: list[Callable[[object, str], bool]] = []


def register(pemeriksa: Callable[[object, str], bool]) -> None:
    """`pemeriksa(layanan, kode) -> bool`: the code is the receipt of a finished request of `layanan`."""
    if pemeriksa not in _pemeriksa:
        _pemeriksa.append(pemeriksa)


def sah(layanan, kode: str) -> bool:
    return any(pemeriksa(layanan, kode) for pemeriksa in _pemeriksa)
