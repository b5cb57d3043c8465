"""Builders of test data through the real models (no mocks of our own code).

`build_org()` creates Kabupaten Balangan with two kecamatan — Awayan and
Tebing Tinggi — each with one person in every kecamatan role, plus the
kabupaten's ADMIN and EVALUATOR, in the healthchecks manner of a shared base.
"""

from dataclasses import dataclass, field

from sakip.models import Delegation, Pegawai, Position, Unit
from sakip.roles import Role

PASSWORD = "kata-sandi-uji-123"
# The reason typed when a test signs a document of a period long past (laporan/batas.py: signed late).
LAMPAU = "Data uji untuk periode yang telah lewat."

KECAMATAN_ROLE_UNITS = {
    Role.CAMAT: None,
    Role.SEKRETARIS: "Sekretariat",
    Role.KASUBBAG_PERENCANAAN: "Subbagian Perencanaan dan Keuangan",
    Role.KASUBBAG_UMUM: "Subbagian Umum dan Kepegawaian",
    Role.KASI: "Seksi Pemerintahan",
    Role.KABID: "Seksi Pelayanan Umum",
    Role.PELAKSANA: "Subbagian Perencanaan dan Keuangan",
}

_nip_counter = [0]


def next_nip(sex: int = 1) -> str:
    _nip_counter[0] += 1
    return f"19800101200501{sex}{_nip_counter[0] % 1000:03d}"


def make_unit(nama, jenis, parent=None, **extra) -> Unit:
    kode = f"{parent.kode}-{nama}".lower().replace(" ", "-") if parent else nama.lower().replace(" ", "-")
    return Unit.objects.create(kode=kode[:80], nama=nama, jenis=jenis, parent=parent, **extra)


def make_person(username, position, nama=None, **extra) -> Pegawai:
    person = Pegawai(username=username, nama=nama or username.replace(".", " ").title(), jabatan=position, **extra)
    person.nip = extra.pop("nip", None) or next_nip()
    person.set_password(PASSWORD)
    person.save()
    return person


@dataclass
class Kecamatan:
    unit: Unit
    units: dict = field(default_factory=dict)  # nama -> Unit
    positions: dict = field(default_factory=dict)  # role -> Position
    people: dict = field(default_factory=dict)  # role -> Pegawai


@dataclass
class Org:
    kabupaten: Unit
    awayan: Kecamatan
    tebing: Kecamatan
    admin: Pegawai
    evaluator: Pegawai

    def person(self, kecamatan: str, role: str) -> Pegawai:
        return getattr(self, kecamatan).people[role]


def make_kecamatan(kabupaten: Unit, nama: str, slug: str) -> Kecamatan:
    unit = make_unit(nama, Unit.Kind.KECAMATAN, kabupaten)
    kec = Kecamatan(unit=unit)
    for sub in sorted({u for u in KECAMATAN_ROLE_UNITS.values() if u}):
        jenis = (
            Unit.Kind.SEKRETARIAT
            if sub == "Sekretariat"
            else (Unit.Kind.SUBBAGIAN if sub.startswith("Subbagian") else Unit.Kind.SEKSI)
        )
        kec.units[sub] = make_unit(sub, jenis, unit)
    for role, sub in KECAMATAN_ROLE_UNITS.items():
        pos_unit = kec.units[sub] if sub else unit
        kec.positions[role] = Position.objects.create(unit=pos_unit, nama=f"{Role(role).label} {nama}", role=role)
        kec.people[role] = make_person(f"{role.lower()}.{slug}", kec.positions[role])
    return kec


def build_org() -> Org:
    kabupaten = make_unit("Balangan", Unit.Kind.KABUPATEN)
    awayan = make_kecamatan(kabupaten, "Awayan", "awayan")
    tebing = make_kecamatan(kabupaten, "Tebing Tinggi", "tebing")
    admin_pos = Position.objects.create(unit=kabupaten, nama="Administrator Kabupaten", role=Role.ADMIN)
    eval_pos = Position.objects.create(unit=kabupaten, nama="Evaluator Inspektorat", role=Role.EVALUATOR)
    admin = make_person("admin.balangan", admin_pos)
    evaluator = make_person("evaluator.balangan", eval_pos)
    return Org(kabupaten=kabupaten, awayan=awayan, tebing=tebing, admin=admin, evaluator=evaluator)


def make_delegation(position, pegawai, mulai, selesai, jenis=Delegation.Kind.PLH) -> Delegation:
    return Delegation.objects.create(position=position, pegawai=pegawai, mulai=mulai, selesai=selesai, jenis=jenis)
