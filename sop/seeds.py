"""The eight seed SOPs (fixtures/sop/*.json), transcribed from the original documents.

The lane marks of the originals were lost in PDF text extraction, so the lane of
(nearly) every step is an inference (`Step.lane_inferred`) and two SOPs have a
lane without a step. `load_seeds` (production) therefore loads each as an SOP
with one DRAFT revision whose lanes need the review of its kecamatan's Camat
("lajur perlu diperiksa terhadap dokumen asli", sop.services.sop_lajur_konfirmasi)
before it can be made effective. The template of unknown origin (no kecamatan)
stays a library template: read and copied, never effective, never run.

`load_seed_sops` is the demo loader (sakip.demo, `manage.py load_demo`): the same
drafts, then a demo shortcut confirms the lanes of each kecamatan's seeds as that
kecamatan's Camat and makes them effective, so the demo can start runs at once.

Loading is idempotent: an SOP whose kecamatan, nomor and nama already exist is
left as it is (people may have revised it since).
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sakip.models import Pegawai, Unit
from sakip.roles import Role
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
    """One seed as a draft revision awaiting the lane review; (revision, created)."""
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
        status=SopRevision.Status.DRAFT,
        tanggal_pembuatan=_date(data["tanggal_pembuatan"]),
        tanggal_revisi=_date(data["tanggal_revisi"]),
        tanggal_efektif=_date(data["tanggal_efektif"]),
        **{name: data[name] for name in REVISION_FIELDS},
        # The known errors of the source document (sop/galat.py); none for documents written for the app.
        galat_sumber=data.get("galat_sumber", []),
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


def load_seeds() -> tuple[list[SopRevision], int]:
    """Production: every seed as a draft whose lanes await the Camat's review; (revisions, number created)."""
    loaded = [load_seed(path) for path in seed_files()]
    return [revision for revision, _ in loaded], sum(1 for _, created in loaded if created)


def _camat_of(kecamatan: Unit) -> Pegawai | None:
    return (
        Pegawai.objects.filter(jabatan__kecamatan=kecamatan, jabatan__role=Role.CAMAT, is_active=True)
        .order_by("pk")
        .first()
    )


def _demo_confirm_and_make_effective(revision: SopRevision) -> bool:
    """DEMO SHORTCUT, never for production data: the kecamatan's Camat confirms the inferred lanes without
    having compared them with the original document, and makes the seed effective (through the services,
    so their rules still hold). Only an untouched seed: the SOP's only revision, still a draft."""
    from sop import services

    sop = revision.sop
    if sop.templat_pustaka or sop.revisions.count() != 1 or revision.status != SopRevision.Status.DRAFT:
        return False
    camat = _camat_of(sop.kecamatan)
    if camat is None:
        return False
    if revision.lajur_perlu_diperiksa:
        services.sop_lajur_konfirmasi(user=camat, revision=revision)
    services.sop_revision_make_effective(user=camat, revision=revision)
    return True


def load_seed_sops() -> str:
    """The demo loader (registered in sop/apps.py): the seeds as drafts, then the demo shortcut above."""
    revisions, created = load_seeds()
    effective = sum(1 for revision in revisions if _demo_confirm_and_make_effective(revision))
    summary = f"{len(revisions)} SOP ({created} baru)"
    return summary + (f", {effective} dijadikan efektif untuk demo" if effective else "")
