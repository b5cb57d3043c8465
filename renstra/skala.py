"""The kabupaten's qualitative scales, as the Renstra sees them (issue 14: qualitative Renstra targets).

A Renstra indicator may be measured on one of the kabupaten's scales (e.g. opini BPK: TMP < TW < WDP < WTP;
DESIGN.md: "an indicator may carry an ordered scale of levels"). The scales are kinerja's (kinerja.Skala,
kinerja.SkalaLevel) and renstra sits below kinerja, so renstra never imports them: kinerja registers a
reader here in its AppConfig.ready() (`daftarkan`, the way higher apps register Beranda panels into sakip),
and renstra keeps the scale's id and name and its targets as level labels, checked against the scale read
through that reader when they are saved.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Skala:
    id: int
    nama: str
    levels: tuple[str, ...]  # labels, lowest (worst) first

    def cocok(self, label: str) -> str | None:
        """The scale's own spelling of a typed label (case-insensitive), or None when it is not a level."""
        wanted = (label or "").strip().lower()
        return next((level for level in self.levels if level.lower() == wanted), None)

    @property
    def pilihan_teks(self) -> str:
        return ", ".join(self.levels)


_pembaca: Callable[[int], list[Skala]] | None = None


def daftarkan(pembaca: Callable[[int], list[Skala]]) -> None:
    """kinerja registers the reader of a kabupaten's scales (kabupaten id -> scales with their levels)."""
    global _pembaca
    _pembaca = pembaca


def skala_kabupaten(kabupaten_id: int | None) -> list[Skala]:
    """The kabupaten's scales (none when no reader is registered or the kecamatan has no kabupaten)."""
    if _pembaca is None or kabupaten_id is None:
        return []
    return _pembaca(kabupaten_id)


def cari(kabupaten_id: int | None, skala_id: int | None) -> Skala | None:
    return next((s for s in skala_kabupaten(kabupaten_id) if s.id == skala_id), None)
