"""kinerja's side of qualitative Renstra targets (renstra/skala.py): the reader of a kabupaten's scales that
renstra validates level labels against, and what a PK indicator pre-filled from a qualitative Renstra
indicator takes (the scale and the level of the year's target)."""

from kinerja.models import Skala, SkalaLevel
from renstra import skala as renstra_skala
from renstra.services import target_tahun


def skala_kabupaten(kabupaten_id: int) -> list[renstra_skala.Skala]:
    """The kabupaten's scales with their level labels, lowest first (two queries)."""
    return [
        renstra_skala.Skala(id=s.pk, nama=s.nama, levels=tuple(level.label for level in s.levels.all()))
        for s in Skala.objects.filter(kabupaten_id=kabupaten_id).order_by("nama").prefetch_related("levels")
    ]


def daftarkan() -> None:
    renstra_skala.daftarkan(skala_kabupaten)


def isian_pk(indikator_renstra, tahun: int) -> dict:
    """The fields of a PK indicator pre-filled from a Renstra indicator that depend on its kind: for a
    qualitative one its scale, the year's target level and no number; for a numeric one the year's target
    number and the end target. kinerja.services.perencanaan `_isi_dari_renstra` builds the Indikator with
    these (`Indikator.objects.create(..., **isian_pk(ind, pk.tahun))`)."""
    target = target_tahun(indikator_renstra, tahun)
    if not indikator_renstra.kualitatif:
        return {
            "skala_id": None,
            "target_level": None,
            "target_tahunan": target,
            "target_renstra": indikator_renstra.target_akhir,
        }
    level = (
        SkalaLevel.objects.filter(skala_id=indikator_renstra.skala, label__iexact=target).first() if target else None
    )
    return {"skala_id": indikator_renstra.skala, "target_level": level, "target_tahunan": None, "target_renstra": None}


def target_level_renstra(indikator) -> str | None:
    """The level label of the linked Renstra indicator's target for the PK indicator's year (None: not linked,
    numeric, or no target): what `alasan_beda_renstra_kurang` compares `Indikator.target_level.label` with for a
    qualitative indicator."""
    if indikator.indikator_renstra_id is None:
        return None
    value = target_tahun(indikator.indikator_renstra, indikator.tahun)
    return value if isinstance(value, str) else None
