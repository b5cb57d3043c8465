"""Demo data: Kabupaten Balangan with its eight kecamatan, positions and one login per role.

`load_demo` runs the organisation loader here, then every loader other apps
register (SOP library, performance data), in order. Every loader is idempotent:
it keys rows on natural keys (unit kode, position name in unit, username) and
updates them in place, so loading twice creates no duplicates.
"""

import json
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

DEMO_PASSWORD = "Sakip#2026"
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"

_loaders: list[tuple[int, str, Callable[[], str]]] = []


def register_loader(order: int, name: str, loader: Callable[[], str]) -> None:
    """Apps call this from AppConfig.ready(); the loader returns a one-line summary."""
    if all(existing != name for _, existing, _ in _loaders):
        _loaders.append((order, name, loader))


def loaders() -> list[tuple[int, str, Callable[[], str]]]:
    return sorted([(0, "organisasi", load_organisation), *_loaders])


@transaction.atomic
def load_organisation() -> str:
    from sakip.models import Delegation, Pegawai, Position, Unit

    data = json.loads((FIXTURES / "organisasi.json").read_text(encoding="utf-8"))
    units: dict[str, Unit] = {}
    for row in data["units"]:
        fields = {k: v for k, v in row.items() if k not in ("kode", "parent")}
        fields["parent"] = units[row["parent"]] if row["parent"] else None
        units[row["kode"]], _ = Unit.objects.update_or_create(kode=row["kode"], defaults=fields)
    positions: dict[tuple[str, str], Position] = {}
    for row in data["positions"]:
        unit = units[row["unit"]]
        positions[(row["unit"], row["nama"])], _ = Position.objects.update_or_create(
            unit=unit, nama=row["nama"], defaults={"role": row["role"], "inspektur": row.get("inspektur", False)}
        )
    created = 0
    # Hash once: PBKDF2 is deliberately slow, and every demo account shares the password.
    demo_hash = make_password(DEMO_PASSWORD)
    for row in data["people"]:
        defaults = {
            "nama": row["nama"],
            "nip": row["nip"],
            "pangkat_golongan": row.get("pangkat_golongan", ""),
            "jabatan": positions[tuple(row["jabatan"])],
            "email": f"{row['username']}@demo.sakip.local",
        }
        person, was_created = Pegawai.objects.update_or_create(username=row["username"], defaults=defaults)
        if was_created:
            person.password = demo_hash
            person.save(update_fields=["password"])
            created += 1
    for row in data["delegations"]:
        Delegation.objects.update_or_create(
            position=positions[tuple(row["position"])],
            pegawai=Pegawai.objects.get(username=row["pegawai"]),
            mulai=row["mulai"],
            defaults={"jenis": row["jenis"], "selesai": row["selesai"], "dasar": row.get("dasar", "")},
        )
    return f"{len(units)} unit, {len(positions)} jabatan, {len(data['people'])} pegawai ({created} baru)"
