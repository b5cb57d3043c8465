"""The kabupaten's Inspektur: the EVALUATOR position marked `Position.inspektur`.

The Laporan Hasil Evaluasi AKIP is a letter of the Inspektorat signed by its head, the Inspektur (PermenPAN-RB
88/2021, Bab IV: the evaluation's result is reported by the head of the APIP to the head of the unit evaluated),
and the "Pernyataan Telah Direviu" of an LKIP is given under the Inspektur's title (PermenPAN-RB 53/2014, the
LKIP's annex). An auditor (any EVALUATOR) composes; only the holder of this position, or its Plt./Plh. on the
day, signs. Used by evaluasi (the LHE) and laporan (the reviu statement); it reads only sakip.
"""

from __future__ import annotations

from sakip import permissions
from sakip.models import Position, Unit


def jabatan(kabupaten: Unit | None) -> Position | None:
    """The kabupaten's Inspektur position, or None while the kabupaten has not marked one."""
    if kabupaten is None:
        return None
    return Position.objects.filter(kabupaten=kabupaten, inspektur=True).select_related("unit").first()


def judul(position: Position, kabupaten: Unit) -> str:
    """The position's printed title, naming the kabupaten once: "INSPEKTUR KABUPATEN BALANGAN"."""
    title = position.nama.upper()
    nama = kabupaten.nama.upper()
    return title if nama in title else f"{title} KABUPATEN {nama}"


def pemegang(user, kabupaten: Unit | None) -> permissions.Holding | None:
    """The holding through which `user` is the Inspektur of `kabupaten` today (own position first), or None."""
    position = jabatan(kabupaten)
    if position is None:
        return None
    held = [h for h in permissions.holdings(user) if h.position_id == position.pk]
    held.sort(key=lambda h: bool(h.acting_title))
    return held[0] if held else None


def judul_untuk(user, kabupaten: Unit) -> str:
    """The title `user` signs under as the Inspektur: the acting title ("Plt. INSPEKTUR …") when acting."""
    holding = pemegang(user, kabupaten)
    position = jabatan(kabupaten)
    if holding is not None and holding.acting_title:
        return holding.acting_title
    return judul(position, kabupaten) if position is not None else ""


def alasan_bukan_inspektur(user, kabupaten: Unit | None) -> str:
    """Why `user` may not sign as the Inspektur of `kabupaten` ("" when they may)."""
    position = jabatan(kabupaten)
    nama = kabupaten.nama if kabupaten is not None else ""
    if position is None:
        return (
            f"Jabatan Inspektur Kabupaten {nama} belum ditetapkan; LHE hanya ditandatangani oleh Inspektur "
            "(atau Plt./Plh. Inspektur)."
        )
    if pemegang(user, kabupaten) is None:
        return (
            f"LHE hanya dapat ditandatangani oleh {position.nama} (atau Plt./Plh. {position.nama}); "
            "auditor menyusun naskah, Inspektur menandatanganinya."
        )
    return ""


def penanda_tangan(kabupaten: Unit | None, on=None):
    """Who signs as the Inspektur on `on` (default today) and under which title: the Plt./Plh. while one is
    appointed (the holder is away), else the active holder; (pegawai, title, acting) or None."""
    from sakip.models import Delegation, Pegawai

    position = jabatan(kabupaten)
    if position is None:
        return None
    day = on or permissions._today()
    delegation = Delegation.objects.active_on(day).filter(position=position).select_related("pegawai").first()
    if delegation is not None and delegation.pegawai.is_active:
        return delegation.pegawai, delegation.gelar_tanda_tangan, True
    holder = Pegawai.objects.filter(jabatan=position, is_active=True).order_by("pk").first()
    if holder is None:
        return None
    return holder, judul(position, kabupaten), False
