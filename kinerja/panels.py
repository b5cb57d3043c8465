"""Beranda panel: quarters waiting for the user's role."""

from django.db.models import Q

from kinerja.models import Triwulan
from sakip import permissions
from sakip.roles import Role

S = Triwulan.Status
WAITING_FOR = {Role.KASUBBAG_PERENCANAAN: S.DRAFT, Role.SEKRETARIS: S.DIAJUKAN, Role.CAMAT: S.DIVERIFIKASI}


def quarters_waiting(user) -> dict | None:
    condition = Q()
    for h in permissions.holdings(user):
        status = WAITING_FOR.get(h.role)
        if status and h.kecamatan_id:
            condition |= Q(kecamatan_id=h.kecamatan_id, status=status)
    if not condition:
        return None
    quarters = list(
        permissions.scope(user, Triwulan.objects.filter(condition))
        .select_related("kecamatan")
        .order_by("tahun", "triwulan")
    )
    return {"quarters": quarters}
