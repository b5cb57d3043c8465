"""Operations on the SOP library: revisions and copying templates.

* Editing an effective SOP never touches it: `sop_revision_start_edit` makes (or
  returns the existing) draft revision, a deep copy with the next number.
* `sop_revision_make_effective` (the Camat; ADMIN for templates without a
  kecamatan) supersedes the old effective revision and makes the draft
  effective; the old one stays readable. Refused while the draft has errors.
* `sop_copy_as_template` ("Gunakan sebagai templat") copies any effective SOP
  or library template into the user's own kecamatan as a new draft, noting
  where it came from.

One transaction each, permission-checked, and race-safe: the SOP row is locked
(select_for_update) so two Camat tabs cannot both make a revision effective.
"""

from django.db import transaction
from django.utils import timezone

from sakip import permissions
from sop.models import Keterkaitan, Lane, Sop, SopRevision, Step

S = SopRevision.Status


class SopError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _copy_content(source: SopRevision, target: SopRevision) -> None:
    lanes = {}
    for lane in source.lanes.all():
        lanes[lane.pk] = Lane.objects.create(revision=target, urutan=lane.urutan, label=lane.label, role=lane.role)
    Step.objects.bulk_create(
        Step(
            revision=target,
            no=s.no,
            uraian=s.uraian,
            lane=lanes[s.lane_id],
            lane_inferred=s.lane_inferred,
            kind=s.kind,
            ya_ke=s.ya_ke,
            tidak_ke=s.tidak_ke,
            kelengkapan=s.kelengkapan,
            waktu_cetak=s.waktu_cetak,
            waktu_nilai=s.waktu_nilai,
            waktu_satuan=s.waktu_satuan,
            output=s.output,
            keterangan=s.keterangan,
            aksi=s.aksi,
        )
        for s in source.steps.all()
    )
    Keterkaitan.objects.bulk_create(
        Keterkaitan(revision=target, urutan=k.urutan, teks=k.teks, sop_terkait_id=k.sop_terkait_id)
        for k in source.keterkaitan.all()
    )


def _clone(source: SopRevision, *, sop: Sop, nomor_revisi: int, user) -> SopRevision:
    fields = {
        f.name: getattr(source, f.name)
        for f in SopRevision._meta.concrete_fields
        if f.name
        not in {
            "id",
            "sop",
            "nomor_revisi",
            "status",
            "dibuat_oleh",
            "dibuat_pada",
            "diefektifkan_oleh",
            "diefektifkan_pada",
        }
    }
    target = SopRevision.objects.create(sop=sop, nomor_revisi=nomor_revisi, status=S.DRAFT, dibuat_oleh=user, **fields)
    _copy_content(source, target)
    return target


@transaction.atomic
def sop_revision_start_edit(*, user, revision: SopRevision) -> SopRevision:
    """The draft to edit: the existing draft of the SOP, or a new copy of the effective revision."""
    sop = Sop.objects.select_for_update().get(pk=revision.sop_id)
    permissions.check_user_can(user, "sop.edit", sop)
    draft = sop.revisions.filter(status=S.DRAFT).first()
    if draft:
        return draft
    latest = sop.revisions.order_by("-nomor_revisi").first()
    return _clone(revision, sop=sop, nomor_revisi=latest.nomor_revisi + 1, user=user)


@transaction.atomic
def sop_revision_make_effective(*, user, revision: SopRevision) -> SopRevision:
    sop = Sop.objects.select_for_update().get(pk=revision.sop_id)
    permissions.check_user_can(user, "sop.make_effective", sop)
    revision = SopRevision.objects.get(pk=revision.pk)
    if revision.status != S.DRAFT:
        raise SopError("Hanya revisi berstatus draf yang dapat dijadikan efektif; revisi ini sudah diproses.")
    steps = list(revision.steps.order_by("no"))
    if not steps:
        raise SopError("Revisi belum memiliki langkah.")
    numbers = {s.no for s in steps}
    for s in steps:
        if s.kind == Step.Kind.DECISION and (s.ya_ke not in numbers or s.tidak_ke not in numbers):
            raise SopError(f"Langkah {s.no}, kolom Ya/Tidak: kedua cabang keputusan harus menunjuk langkah yang ada.")
    now = timezone.now()
    sop.revisions.filter(status=S.EFFECTIVE).update(status=S.SUPERSEDED)
    revision.status = S.EFFECTIVE
    revision.diefektifkan_oleh = user
    revision.diefektifkan_pada = now
    if revision.tanggal_efektif is None:
        revision.tanggal_efektif = timezone.localdate(now)
    revision.save()
    return revision


@transaction.atomic
def sop_copy_as_template(*, user, revision: SopRevision, kecamatan) -> SopRevision:
    """Copy an effective SOP or a library template into `kecamatan` as a new draft SOP."""
    permissions.check_user_can(user, "sop.copy_as_template", kecamatan)
    if revision.status != S.EFFECTIVE:
        raise SopError("Hanya SOP yang efektif (atau templat pustaka) yang dapat digunakan sebagai templat.")
    origin = (
        revision.sop.kecamatan.nama if revision.sop.kecamatan else "templat pustaka (unit penerbit tidak diketahui)"
    )
    sop = Sop.objects.create(
        kecamatan=kecamatan,
        disalin_dari=revision,
        catatan_asal=f"Disalin dari {revision.nama} ({revision.nomor or 'tanpa nomor'}, revisi {revision.nomor_revisi}), "
        f"{origin}, oleh {user.nama} pada {timezone.localdate():%d-%m-%Y}.",
    )
    return _clone(revision, sop=sop, nomor_revisi=0, user=user)
