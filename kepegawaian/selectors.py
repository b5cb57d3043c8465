"""Read side of the staff import: the kabupaten's mapping, waiting import and history, and the positions held
by nobody (the administrator's Beranda panel). A constant number of queries each."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from kepegawaian.models import ImporPegawai, PemetaanKolom
from sakip import permissions
from sakip.models import Delegation, Position, Unit

PANEL_BARIS = 10


def pemetaan_of(kabupaten: Unit) -> PemetaanKolom | None:
    return PemetaanKolom.objects.filter(kabupaten=kabupaten).first()


def riwayat_of(kabupaten: Unit, limit: int = 20) -> list[ImporPegawai]:
    return list(
        ImporPegawai.objects.filter(kabupaten=kabupaten)
        .defer("isi", "pratinjau")
        .select_related("diunggah_oleh", "diputus_oleh")
        .order_by("-pk")[:limit]
    )


def jabatan_kosong(kabupaten_ids) -> tuple[list[Position], int]:
    """Positions of the kabupaten held by no active person and by no Plt./Plh. today (at most PANEL_BARIS, and
    how many in all): two queries."""
    today = timezone.localdate()
    acting = Delegation.objects.filter(position=OuterRef("pk"), mulai__lte=today, selesai__gte=today)
    qs = (
        Position.objects.filter(kabupaten_id__in=kabupaten_ids)
        .annotate(aktif=Count("holders", filter=Q(holders__is_active=True)))
        .filter(aktif=0)
        .exclude(Exists(acting))
    )
    rows = list(qs.select_related("unit", "kecamatan").order_by("kecamatan__nama", "unit__nama", "nama")[:PANEL_BARIS])
    total = len(rows) if len(rows) < PANEL_BARIS else qs.count()
    return rows, total


def beranda_panel(user) -> dict | None:
    """The administrator's Beranda panel: positions held by nobody (after an import, or ever since)."""
    kabupaten_ids = permissions.administered_kabupaten_ids(user)
    if not kabupaten_ids:
        return None
    rows, total = jabatan_kosong(kabupaten_ids)
    if not rows:
        return None
    return {"jabatan_kosong": rows, "jumlah": total}
