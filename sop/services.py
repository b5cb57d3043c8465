"""Operations on the SOP library: revisions and copying templates.

* Editing an effective SOP never touches it: `sop_revision_start_edit` makes (or
  returns the existing) draft revision, a deep copy with the next number.
* `sop_revision_make_effective` (the Camat) supersedes the old effective
  revision and makes the draft effective; the old one stays readable. Refused
  while the draft has errors, while its lanes await the Camat's review, and
  always for a library template (no kecamatan: nothing to run it).
* `sop_lajur_konfirmasi` (the Camat of the SOP's kecamatan) records that the
  lanes inferred during transcription were checked against the original
  document. The steps keep `lane_inferred` (what was inferred stays known);
  the review recorded on the revision is what counts. A new revision of the
  same SOP keeps the review; a copy into another kecamatan needs its own.
* `sop_copy_as_template` ("Gunakan sebagai templat") copies any effective SOP
  or library template (in any status but superseded) into the user's own
  kecamatan as a new draft, noting where it came from.

One transaction each, permission-checked, and race-safe: the SOP row is locked
(select_for_update) so two Camat tabs cannot both make a revision effective.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sakip import params, permissions
from sakip.errors import Penolakan
from sakip.limits import too_long
from sakip.validators import pesan_karakter_kontrol
from sop.aksi import pesan_aksi
from sop.models import Keterkaitan, Lane, Sop, SopRevision, Step
from sop.validation import MAX_STEPS, lajur_tertunda, too_many_steps

S = SopRevision.Status
TEMPLATE_NOT_EFFECTIVE = (
    "Templat pustaka dari unit yang tidak diketahui tidak dapat dijadikan efektif dan tidak dapat dijalankan. "
    "Salin ke kecamatan Anda untuk digunakan."
)


class SopError(Penolakan):
    """A refused operation on the SOP library (see sakip.errors)."""


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


def _clone(source: SopRevision, *, sop: Sop, nomor_revisi: int, user, keep_lane_review: bool) -> SopRevision:
    """A draft copy of `source`; its lane review travels only within the same SOP (`keep_lane_review`)."""
    skipped = {
        "id",
        "sop",
        "nomor_revisi",
        "status",
        "dibuat_oleh",
        "dibuat_pada",
        "diefektifkan_oleh",
        "diefektifkan_pada",
    }
    if not keep_lane_review:
        skipped |= {"lajur_diperiksa_oleh", "lajur_diperiksa_pada"}
    fields = {f.attname: getattr(source, f.attname) for f in SopRevision._meta.concrete_fields if f.name not in skipped}
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
    return _clone(revision, sop=sop, nomor_revisi=latest.nomor_revisi + 1, user=user, keep_lane_review=True)


@transaction.atomic
def sop_revision_make_effective(*, user, revision: SopRevision) -> SopRevision:
    sop = Sop.objects.select_for_update().get(pk=revision.sop_id)
    permissions.check_user_can(user, "sop.make_effective", sop)
    revision = SopRevision.objects.get(pk=revision.pk)
    if sop.templat_pustaka:
        raise SopError(TEMPLATE_NOT_EFFECTIVE)
    if revision.status != S.DRAFT:
        raise SopError("Hanya revisi berstatus draf yang dapat dijadikan efektif; revisi ini sudah diproses.")
    from sop.validation import errors

    problems = errors(revision)
    if pending := lajur_tertunda(revision):
        problems.append(pending)
    if problems:
        raise SopError("Revisi belum dapat dijadikan efektif: " + " ".join(problems))
    now = timezone.now()
    # Row by row, so each superseded revision keeps a history row saying why (not a bare queryset update).
    for earlier in sop.revisions.select_for_update().filter(status=S.EFFECTIVE):
        earlier.status = S.SUPERSEDED
        earlier._change_reason = f"Digantikan oleh revisi {revision.nomor_revisi}"
        earlier.save(update_fields=["status"])
    revision.status = S.EFFECTIVE
    revision.diefektifkan_oleh = user
    revision.diefektifkan_pada = now
    if revision.tanggal_efektif is None:
        revision.tanggal_efektif = timezone.localdate(now)
    revision.save()
    return revision


@transaction.atomic
def sop_copy_as_template(*, user, revision: SopRevision, kecamatan) -> SopRevision:
    """Copy an effective SOP or a library template into `kecamatan` as a new draft SOP.

    A library template is never effective, so its current (draft) revision is copied. The copy's lanes
    need the review of `kecamatan`'s Camat when any of them is an inference.
    """
    permissions.check_user_can(user, "sop.copy_as_template", kecamatan)
    revision = SopRevision.objects.select_related("sop__kecamatan").get(pk=revision.pk)
    usable = revision.status != S.SUPERSEDED if revision.sop.templat_pustaka else revision.status == S.EFFECTIVE
    if not usable:
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
    return _clone(revision, sop=sop, nomor_revisi=0, user=user, keep_lane_review=False)


@transaction.atomic
def sop_lajur_konfirmasi(*, user, revision: SopRevision) -> SopRevision:
    """The Camat records that the lanes of `revision` were checked against the original document.

    Lanes are corrected beforehand in the draft editor (a step saved there is no longer an inference).
    Allowed on a draft, and on an effective revision made effective before the review existed.
    """
    sop = Sop.objects.select_for_update().get(pk=revision.sop_id)
    permissions.check_user_can(user, "sop.confirm_lanes", sop)
    revision = SopRevision.objects.get(pk=revision.pk)
    if sop.templat_pustaka:
        raise SopError(
            "Templat pustaka tidak memiliki Camat yang memeriksa lajurnya. "
            "Salin ke kecamatan Anda; lajur salinan diperiksa oleh Camat kecamatan tersebut."
        )
    if revision.status == S.SUPERSEDED:
        raise SopError("Revisi yang sudah digantikan tidak dapat diperiksa lagi.")
    if not revision.lajur_perlu_diperiksa:
        raise SopError(
            "Lajur revisi ini tidak perlu diperiksa: pemeriksaan sudah dicatat atau tidak ada lajur yang disimpulkan."
        )
    revision.lajur_diperiksa_oleh = user
    revision.lajur_diperiksa_pada = timezone.now()
    revision.save(update_fields=["lajur_diperiksa_oleh", "lajur_diperiksa_pada"])
    return revision


# Authoring a draft revision: identity fields, lists and steps.
IDENTITY_FIELDS = [
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
]
LIST_FIELDS = ["dasar_hukum", "kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"]


def _tolak_karakter_kontrol(model, data: dict, fields, prefix: str) -> None:
    """Typed text refuses control characters (sakip.validators); the message names the step and field."""
    for field in fields:
        label = f"{prefix} {model._meta.get_field(field).verbose_name}".strip()
        if message := pesan_karakter_kontrol(data.get(field), label[0].upper() + label[1:]):
            raise SopError(message)


def _draft_for_edit(user, revision: SopRevision) -> SopRevision:
    sop = Sop.objects.select_for_update().get(pk=revision.sop_id)
    permissions.check_user_can(user, "sop.edit", sop)
    revision = SopRevision.objects.get(pk=revision.pk)
    if revision.status != S.DRAFT:
        raise SopError("Hanya revisi draf yang dapat disunting. Buat revisi baru dari SOP yang efektif.")
    return revision


@transaction.atomic
def sop_revision_update_identity(*, user, revision: SopRevision, data: dict) -> SopRevision:
    revision = _draft_for_edit(user, revision)
    _tolak_karakter_kontrol(SopRevision, data, IDENTITY_FIELDS + LIST_FIELDS, "Kolom")
    if not (data.get("nama") or "").strip():
        raise SopError("Kolom Nama SOP wajib diisi.")
    for field in IDENTITY_FIELDS:
        value = (data.get(field) or "").strip()
        if message := too_long(SopRevision, field, value):
            raise SopError(f"Kolom {SopRevision._meta.get_field(field).verbose_name}: {message}")
        setattr(revision, field, value)
    for field in LIST_FIELDS:
        setattr(revision, field, [line.strip() for line in (data.get(field) or "").splitlines() if line.strip()])
    revision.save()
    return revision


def _renumber(revision: SopRevision, ordered: list[Step]) -> None:
    """Give `ordered` the numbers 1..n and remap Ya/Tidak targets so branches keep pointing at the same steps."""
    mapping = {s.no: n for n, s in enumerate(ordered, start=1)}
    Step.objects.filter(revision=revision).update(no=F("no") + 10000)  # free the unique numbers first
    for n, step in enumerate(ordered, start=1):
        step.no = n
        step.ya_ke = mapping.get(step.ya_ke) if step.ya_ke else None
        step.tidak_ke = mapping.get(step.tidak_ke) if step.tidak_ke else None
        step.save(update_fields=["no", "ya_ke", "tidak_ke"])


@transaction.atomic
def sop_step_save(*, user, revision: SopRevision, no: int | None, data: dict) -> Step:
    """Add a step at the end (no=None) or update step `no` of a draft; errors name the step and field."""
    revision = _draft_for_edit(user, revision)
    label = f"Langkah {no}" if no else "Langkah baru"
    _tolak_karakter_kontrol(
        Step, data, ("uraian", "waktu_cetak", "kelengkapan", "output", "keterangan", "aksi"), f"{label}, kolom"
    )
    lane = revision.lanes.filter(pk=data.get("lane") or 0).first()
    if lane is None:
        raise SopError(f"{label}, kolom Pelaksana: pilih lajur yang ada pada SOP ini.")
    uraian = (data.get("uraian") or "").strip()
    if not uraian:
        raise SopError(f"{label}, kolom Uraian Kegiatan: wajib diisi.")
    kind = data.get("kind") or Step.Kind.PROCESS
    if kind not in Step.Kind.values:
        raise SopError(f"{label}, kolom Simbol: pilihan tidak dikenal.")
    waktu = (data.get("waktu_cetak") or "").strip()
    from sop.waktu import parse_waktu

    parsed = parse_waktu(waktu) if waktu else None
    if waktu and parsed is None:
        raise SopError(f'{label}, kolom Waktu: "{waktu}" tidak dapat dibaca (contoh: 10 Menit, 2 Jam, 1 Hari).')
    numbers = set(revision.steps.values_list("no", flat=True)) | ({no} if no else set())
    branches = {}
    for key, title in (("ya_ke", "Ya"), ("tidak_ke", "Tidak")):
        raw = str(data.get(key) or "").strip()
        branches[key] = params.id_or_none(raw, maximum=params.INT_MAX)
        if raw and (branches[key] is None or branches[key] not in numbers):
            raise SopError(f"{label}, kolom {title}: harus nomor langkah yang ada.")
    if kind == Step.Kind.DECISION and not (branches["ya_ke"] and branches["tidak_ke"]):
        raise SopError(f"{label}, kolom Ya/Tidak: keputusan harus memiliki kedua cabang.")
    if kind != Step.Kind.DECISION:
        branches = {"ya_ke": None, "tidak_ke": None}
    if message := pesan_aksi(data.get("aksi") or ""):
        raise SopError(f"{label}, kolom Aksi: {message}")
    step = revision.steps.filter(no=no).first() if no else None
    if no and step is None:
        raise SopError(f"{label} tidak ditemukan.")
    if step is None:
        if len(numbers) >= MAX_STEPS:
            raise SopError(too_many_steps(len(numbers) + 1))
        step = Step(revision=revision, no=(max(numbers) if numbers else 0) + 1)
    step.uraian, step.lane, step.lane_inferred, step.kind = uraian, lane, False, kind
    step.ya_ke, step.tidak_ke = branches["ya_ke"], branches["tidak_ke"]
    for field in ("kelengkapan", "output", "keterangan", "aksi"):
        value = (data.get(field) or "").strip()
        if message := too_long(Step, field, value):
            raise SopError(f"{label}, kolom {Step._meta.get_field(field).verbose_name}: {message}")
        setattr(step, field, value)
    step.waktu_cetak = waktu
    step.waktu_nilai, step.waktu_satuan = (parsed[0], parsed[1]) if parsed else (None, "")
    step.save()
    return step


@transaction.atomic
def sop_step_delete(*, user, revision: SopRevision, no: int) -> None:
    revision = _draft_for_edit(user, revision)
    steps = list(revision.steps.order_by("no"))
    if not any(s.no == no for s in steps):
        raise SopError(f"Langkah {no} tidak ditemukan.")
    Step.objects.filter(revision=revision, no=no).delete()
    _renumber(revision, [s for s in steps if s.no != no])


@transaction.atomic
def sop_step_move(*, user, revision: SopRevision, no: int, direction: int) -> None:
    """Move step `no` up (-1) or down (+1); branches keep pointing at the same steps."""
    revision = _draft_for_edit(user, revision)
    steps = list(revision.steps.order_by("no"))
    index = next((i for i, s in enumerate(steps) if s.no == no), None)
    target = None if index is None else index + direction
    if index is None or not 0 <= target < len(steps):
        raise SopError(f"Langkah {no} tidak dapat dipindahkan ke arah itu.")
    steps[index], steps[target] = steps[target], steps[index]
    _renumber(revision, steps)
