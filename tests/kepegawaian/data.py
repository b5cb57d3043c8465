"""Staff exports for the import tests: the Balangan organisation of tests.factories written out as SIMPEG
would export it (one row per active person of the kecamatan), as XLSX or CSV, and Kecamatan Halong with an
empty Kasi position to move someone into."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role
from tests.factories import make_unit

HEADER = [
    "No",
    "NIP Baru",
    "Nama Pegawai",
    "Gelar Depan",
    "Gelar Belakang",
    "Jabatan",
    "Unit Kerja",
    "Golongan",
    "TMT Jabatan",
]
MAPPING = {
    "nip": "NIP Baru",
    "nama": "Nama Pegawai",
    "gelar_depan": "Gelar Depan",
    "gelar_belakang": "Gelar Belakang",
    "jabatan": "Jabatan",
    "unit": "Unit Kerja",
    "golongan": "Golongan",
    "tmt": "TMT Jabatan",
}


def halong(org) -> Position:
    """Kecamatan Halong with a Seksi Pemerintahan whose Kepala Seksi position nobody holds."""
    unit = make_unit("Halong", Unit.Kind.KECAMATAN, org.kabupaten)
    seksi = make_unit("Seksi Pemerintahan", Unit.Kind.SEKSI, unit)
    return Position.objects.create(unit=seksi, nama="Kepala Seksi Halong", role=Role.KASI)


def unit_text(position: Position) -> str:
    unit = position.unit
    return str(unit) if unit.jenis == Unit.Kind.KECAMATAN else f"{unit.nama} {unit.kecamatan.nama}"


def row(person: Pegawai, position: Position | None = None, **over) -> dict:
    position = position or person.jabatan
    values = {
        "nip": person.nip,
        "nama": person.nama,
        "gelar_depan": "",
        "gelar_belakang": "",
        "jabatan": position.nama,
        "unit": unit_text(position),
        "golongan": person.pangkat_golongan,
        "tmt": "",
    }
    values.update(over)
    return values


def rows_of(org) -> list[dict]:
    """Every active person of the kabupaten's kecamatan, in their current position."""
    people = Pegawai.objects.filter(
        jabatan__kabupaten=org.kabupaten, jabatan__kecamatan__isnull=False, is_active=True
    ).select_related("jabatan__unit__kecamatan")
    return [row(p) for p in people.order_by("pk")]


def _cells(rows):
    yield HEADER
    for i, r in enumerate(rows, start=1):
        yield [
            i,
            r["nip"],
            r["nama"],
            r["gelar_depan"],
            r["gelar_belakang"],
            r["jabatan"],
            r["unit"],
            r["golongan"],
            r["tmt"],
        ]


def xlsx(rows, name="ekspor-simpeg.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    for cells in _cells(rows):
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def csv_file(rows, name="ekspor-simpeg.csv") -> SimpleUploadedFile:
    lines = [";".join(str(c) for c in cells) for cells in _cells(rows)]
    return SimpleUploadedFile(name, ("\ufeff" + "\r\n".join(lines)).encode(), content_type="text/csv")
