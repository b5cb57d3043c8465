"""The national nomenclature as the Renstra sees it: programme and kegiatan codes of BAB VI are checked with the
one rule of kinerja/nomenklatur.py (`Nomenklatur.periksa`).

The nomenclature (its versions, the rule) is kinerja's and renstra sits below kinerja, so renstra never imports
it: kinerja registers its checker here in its AppConfig.ready() (`daftarkan`, as for the scales in
renstra/skala.py). A Renstra spans five years and the nomenclature may change within them (Kepmendagri
050-5889/2021, then 900.1.15.5-1317/2023 from 2024), so a code is accepted when it is in force, at its level and
under its parent, in at least one year of the period; otherwise the message is the one for the first year.
"""

from collections.abc import Callable, Iterable

# (kode, tingkat, tahun, induk_kode, kecamatan_id) -> why not (a message), or None
Pemeriksa = Callable[[str, str, int, str | None, int | None], str | None]

_pemeriksa: Pemeriksa | None = None


def daftarkan(pemeriksa: Pemeriksa) -> None:
    """kinerja registers the check of a code for a year (kinerja/nomenklatur.py `periksa_untuk`)."""
    global _pemeriksa
    _pemeriksa = pemeriksa


def periksa(
    kode: str, tingkat: str, tahun_list: Iterable[int], *, induk_kode: str | None = None, kecamatan_id=None
) -> str | None:
    """Why `kode` may not be a `tingkat` ("program", "kegiatan") of a Renstra of these years, or None."""
    if _pemeriksa is None:
        return None
    pertama = None
    for tahun in tahun_list:
        pesan = _pemeriksa(kode, tingkat, tahun, induk_kode, kecamatan_id)
        if pesan is None:
            return None
        pertama = pertama or pesan
    return pertama
