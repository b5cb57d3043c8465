"""Read-side queries of the organisation shared by several views."""

from sakip import permissions
from sakip.models import Position


def profile_of(user) -> dict:
    """Who the user is, for the Beranda: position, unit, kecamatan, acting positions, capabilities.

    One query (the own position with its unit and region): the person is the signed-in user already read,
    and the acting positions come with `permissions.holdings`, read once per request."""
    jabatan = (
        Position.objects.select_related("unit", "kecamatan", "kabupaten").filter(pk=user.jabatan_id).first()
        if user.jabatan_id
        else None
    )
    acting = [h for h in permissions.holdings(user) if h.acting_title]
    roles = permissions.all_roles(user)
    capabilities = []
    for role in sorted(roles):
        for text in permissions.ROLE_CAPABILITIES.get(role, []):
            if text not in capabilities:
                capabilities.append(text)
    wilayah = None
    if jabatan is not None:
        wilayah = jabatan.kecamatan or jabatan.kabupaten
    return {
        "pegawai": user,
        "jabatan": jabatan,
        "wilayah": wilayah,
        "acting": acting,
        "capabilities": capabilities,
    }
