"""The eight seed SOPs (fixtures/sop/*.json), transcribed from the original documents.

Each is loaded as an SOP with one EFFECTIVE revision. Loading is idempotent: an
SOP whose kecamatan, nomor and nama already exist is left as it is (people may
have revised it since).
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sakip.models import Unit
from sop.models import Keterkaitan, Lane, Sop, SopRevision, Step
from sop.waktu import parse_waktu

SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "sop"
REVISION_FIELDS = [
    "pemerintah",
    "unit_penerbit",
    "alamat",
    "telepon",
    "email",
    "website",
    "nomor",
    "nama",
    "tanggal_pembuatan_cetak",
    "tanggal_revisi_cetak",
    "tanggal_efektif_cetak",
    "disahkan_jabatan",
    "disahkan_nama",
    "disahkan_nip",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "peralatan",
    "peringatan",
    "pencatatan",
    "catatan_transkripsi",
]


def seed_files() -> list[Path]:
    return sorted(SEED_DIR.glob("*.json"))


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load_seed(path: Path) -> tuple[SopRevision, bool]:
    data = json.loads(path.read_text(encoding="utf-8"))
    kecamatan = Unit.objects.get(kode=data["kecamatan"]) if data["kecamatan"] else None
    existing = (
        SopRevision.objects.filter(sop__kecamatan=kecamatan, nomor=data["nomor"], nama=data["nama"])
        .order_by("-nomor_revisi")
        .first()
    )
    if existing:
        return existing, False
    sop = Sop.objects.create(kecamatan=kecamatan, catatan_asal=f"Transkripsi dokumen asli ({path.name}).")
    revision = SopRevision.objects.create(
        sop=sop,
        nomor_revisi=0,
        status=SopRevision.Status.EFFECTIVE,
        tanggal_pembuatan=_date(data["tanggal_pembuatan"]),
        tanggal_revisi=_date(data["tanggal_revisi"]),
        tanggal_efektif=_date(data["tanggal_efektif"]),
        **{name: data[name] for name in REVISION_FIELDS},
    )
    for order, text in enumerate(data["keterkaitan"], start=1):
        Keterkaitan.objects.create(revision=revision, urutan=order, teks=text)
    lanes = {}
    for order, (label, role) in enumerate(data["lanes"], start=1):
        lanes[label] = Lane.objects.create(revision=revision, urutan=order, label=label, role=role)
    for row in data["steps"]:
        parsed = parse_waktu(row["waktu"])
        Step.objects.create(
            revision=revision,
            no=row["no"],
            uraian=row["uraian"],
            lane=lanes[row["lane"]],
            lane_inferred=row["lane_inferred"],
            kind=row["kind"],
            ya_ke=row["ya_ke"],
            tidak_ke=row["tidak_ke"],
            kelengkapan=row["kelengkapan"],
            waktu_cetak=row["waktu"],
            waktu_nilai=parsed[0] if parsed else None,
            waktu_satuan=parsed[1] if parsed else "",
            output=row["output"],
            keterangan=row["keterangan"],
            aksi=row["aksi"],
        )
    return revision, True


def load_seed_sops() -> str:
    created = sum(1 for path in seed_files() if load_seed(path)[1])
    return f"{len(seed_files())} SOP ({created} baru)"
