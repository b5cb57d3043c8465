from api import services
from sakip.models import Position, Unit
from sakip.roles import Role
from tests.factories import make_kecamatan, make_person, make_unit


def issue(admin, kabupaten, nama="e-Monev Bappeda"):
    """A token of `kabupaten` issued by its administrator through the service: (row, value)."""
    return services.token_buat(user=admin, kabupaten=kabupaten, nama=nama)


def bearer(value: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


def other_kabupaten():
    """Kabupaten Tabalong with one kecamatan and its own administrator: (kabupaten, admin)."""
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    make_kecamatan(tabalong, "Muara Uya", "muara")
    position = Position.objects.create(unit=tabalong, nama="Administrator Kabupaten Tabalong", role=Role.ADMIN)
    return tabalong, make_person("admin.tabalong", position)
