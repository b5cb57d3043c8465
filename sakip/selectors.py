"""Read-side queries of the organisation shared by several views."""

from django.utils import timezone

from sakip import permissions
from sakip.models import Delegation, Pegawai


def profile_of(user) -> dict:
    """Who the user is, for the Beranda: position, unit, kecamatan, acting positions, capabilities."""
    pegawai = Pegawai.objects.select_related("jabatan__unit", "jabatan__kecamatan", "jabatan__kabupaten").get(
        pk=user.pk
    )
    acting = list(
        Delegation.objects.active_on(timezone.localdate())
        .filter(pegawai=user)
        .select_related("position__unit", "position__kecamatan")
    )
    roles = permissions.all_roles(user)
    capabilities = []
    for role in sorted(roles):
        for text in permissions.ROLE_CAPABILITIES.get(role, []):
            if text not in capabilities:
                capabilities.append(text)
    jabatan = pegawai.jabatan
    wilayah = None
    if jabatan is not None:
        wilayah = jabatan.kecamatan or jabatan.kabupaten
    return {
        "pegawai": pegawai,
        "jabatan": jabatan,
        "wilayah": wilayah,
        "acting": acting,
        "capabilities": capabilities,
    }
