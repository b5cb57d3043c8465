"""The one navigation, by role. Each entry is shown only to roles that can use it.

Apps add their entries here as they gain pages (url name, label, roles).
"""

from dataclasses import dataclass

from django.urls import reverse

from sakip import permissions
from sakip.roles import KECAMATAN_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset  # roles that see it; empty = everyone logged in
    section: str  # url prefix that marks the item active
    order: int = 50  # Beranda 0, Tugas 10, Data Kinerja 20, SOP 30, Laporan 40, Rekap 50


ITEMS: list[NavItem] = [
    NavItem("Beranda", "beranda", frozenset(), "/beranda", order=0),
]


def items_for(user, current_path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    roles = permissions.all_roles(user)
    shown = []
    for item in sorted(ITEMS, key=lambda i: i.order):
        if item.roles and not (roles & item.roles):
            continue
        url = reverse(item.url_name)
        shown.append({"label": item.label, "url": url, "active": current_path.startswith(item.section)})
    return shown


ALL_KECAMATAN_ROLES = frozenset(KECAMATAN_ROLES)
KABUPATEN_READERS = frozenset({Role.ADMIN, Role.EVALUATOR})
ITEMS.append(NavItem("Laporan", "laporan:index", ALL_KECAMATAN_ROLES | KABUPATEN_READERS, "/laporan", order=40))
ITEMS.append(NavItem("Data Kinerja", "kinerja:index", ALL_KECAMATAN_ROLES | KABUPATEN_READERS, "/kinerja", order=20))
ITEMS.append(NavItem("SOP", "sop:list", frozenset(), "/sop", order=30))
ITEMS.append(NavItem("Tugas", "workflow:inbox", ALL_KECAMATAN_ROLES, "/tugas", order=10))
ITEMS.append(NavItem("Rekap", "kinerja:rekap", KABUPATEN_READERS, "/kinerja/rekap", order=50))
ITEMS.append(NavItem("Pengaturan", "pengaturan:index", frozenset({Role.ADMIN}), "/pengaturan", order=60))
ITEMS.append(NavItem("Loket", "loket:index", ALL_KECAMATAN_ROLES, "/loket", order=35))
ITEMS.append(NavItem("Renstra", "renstra:pilih", ALL_KECAMATAN_ROLES | KABUPATEN_READERS, "/renstra", order=25))
ITEMS.append(
    NavItem(
        "Evaluasi",
        "evaluasi:index",
        frozenset({Role.EVALUATOR, Role.ADMIN, Role.CAMAT, Role.SEKRETARIS, Role.KASUBBAG_PERENCANAAN}),
        "/evaluasi",
        order=45,
    )
)
