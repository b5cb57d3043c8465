"""Operations of the SOP runtime: start a run, take, complete (with decisions and actions), reassign, cancel.

Each is one transaction, permission-checked through sakip.permissions, and
guarded against races: the task row is locked (select_for_update) and its
status re-checked, so two people completing the same task, or the Camat
approving twice in two tabs, end with exactly one success.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from sakip import permissions, uploads
from sakip.errors import Penolakan
from sakip.limits import alasan_riwayat
from sakip.models import Delegation, Pegawai, Position
from sakip.validators import pesan_karakter_kontrol
from sop.models import SopRevision, Step, peran_pencatat
from workflow import actions, events, timing
from workflow.calendar import Calendar
from workflow.models import Disposisi, Lampiran, Run, Task


class WorkflowError(Penolakan):
    """A refused operation of the SOP runtime (see sakip.errors)."""


def _tolak_karakter_kontrol(**texts: tuple[str, str]) -> None:
    """Refuse typed text holding control characters (sakip.validators): field -> (label, value)."""
    for field, (label, value) in texts.items():
        if message := pesan_karakter_kontrol(value, label):
            raise WorkflowError(message, {field: message})


@dataclass(frozen=True)
class DisposisiData:
    kepada_id: int
    instruksi: str
    catatan: str = ""


def _context(task: Task, user, alasan: str = "") -> actions.ActionContext:
    run = task.run
    return actions.ActionContext(
        kecamatan_id=run.kecamatan_id,
        tahun=run.tahun,
        triwulan=run.triwulan or None,
        user=user,
        task=task,
        alasan=alasan.strip(),
    )


def _assignment(run: Run, step: Step, disposed_to: Pegawai | None):
    """(position, assignee, vacant) for a step's lane role in the run's kecamatan at activation time.

    `vacant`: nobody holds the role in the kecamatan (no active holder, no acting official): the
    task waits ("menunggu") until the Camat or Sekretaris assigns it to someone.
    """
    role = step.lane.role
    positions = list(Position.objects.filter(kecamatan_id=run.kecamatan_id, role=role).order_by("pk"))
    if disposed_to is not None and any(p.pk == disposed_to.jabatan_id for p in positions):
        return Position.objects.get(pk=disposed_to.jabatan_id), disposed_to, False
    acting = list(
        Delegation.objects.active_now().filter(position__in=positions).select_related("pegawai").order_by("pk")
    )
    holders = list(Pegawai.objects.filter(jabatan__in=positions, is_active=True).order_by("pk")[:2])
    if not acting and not holders:
        return (positions[0] if len(positions) == 1 else None), None, True
    if len(positions) != 1:
        return None, None, False  # shared queue across positions (several Kasi, several Pelaksana units)
    if acting:
        return positions[0], acting[0].pegawai, False
    return positions[0], holders[0] if len(holders) == 1 else None, False


def _activate(run: Run, step: Step, previous: Task | None, disposed_to: Pegawai | None = None) -> Task:
    now = timezone.now()
    putaran = (Task.objects.filter(run=run, step=step).aggregate(m=Max("putaran"))["m"] or 0) + 1
    if step.lane.eksternal:
        return _activate_external(run, step, previous, putaran, now)
    position, assignee, vacant = _assignment(run, step, disposed_to)
    task = Task(
        run=run,
        step=step,
        kecamatan_id=run.kecamatan_id,
        putaran=putaran,
        role=step.lane.role,
        position=position,
        previous=previous,
    )
    if vacant:
        # Nobody to work on it: the Mutu Baku clock does not run until someone is assigned.
        task.status = Task.Status.MENUNGGU
    else:
        calendar = Calendar.for_kabupaten(run.kecamatan.kabupaten_id)
        task.status, task.assignee = Task.Status.AKTIF, assignee
        task.activated_at, task.taken_at = now, (now if assignee else None)
        task.due_at = calendar.add(now, step.waktu_nilai, step.waktu_satuan)
    task.save()
    if task.status == Task.Status.AKTIF:
        events.tugas_ditugaskan.send(
            sender=Task, task=task, oleh=previous.selesai_oleh if previous else run.dimulai_oleh
        )
    return task


def _activate_external(run: Run, step: Step, previous: Task | None, putaran: int, now) -> Task:
    """A step of an outside actor (Pemohon, Desa …): active at once, its clock running, in nobody's inbox
    (no position, no assignee, a role nobody holds); the receiving staff record it (`peran_pencatat`)."""
    steps = list(run.revision.steps.select_related("lane"))
    calendar = Calendar.for_kabupaten(run.kecamatan.kabupaten_id)
    return Task.objects.create(
        run=run,
        step=step,
        kecamatan_id=run.kecamatan_id,
        putaran=putaran,
        role=step.lane.role,
        peran_pencatat=peran_pencatat(step, steps),
        previous=previous,
        status=Task.Status.AKTIF,
        activated_at=now,
        due_at=calendar.add(now, step.waktu_nilai, step.waktu_satuan),
    )


def _check_runnable(sop, revision: SopRevision) -> list[Step]:
    if sop.templat_pustaka:
        raise WorkflowError(
            "Templat pustaka dari unit yang tidak diketahui tidak dapat dijalankan. Salin ke kecamatan Anda untuk digunakan."
        )
    if revision.status != SopRevision.Status.EFFECTIVE:
        raise WorkflowError("Hanya revisi SOP yang berstatus efektif yang dapat dijalankan.")
    steps = list(revision.steps.select_related("lane").order_by("no"))
    if not steps:
        raise WorkflowError("SOP ini belum memiliki langkah.")
    return steps


@transaction.atomic
def run_start_layanan(*, user, revision: SopRevision, catatan: str = "") -> Run:
    """Start a service run for one applicant at the counter: many may be open at once for the same SOP.

    The period is today's quarter (WITA). When the first step is the applicant's ("Pemohon menyerahkan
    berkas"), the person at the counter records it at once as received; its time counts in the run's.
    """
    sop = revision.sop
    permissions.check_user_can(user, "workflow.start_service_run", sop)
    steps = _check_runnable(sop, revision)
    if not any(s.lane.eksternal for s in steps):
        raise WorkflowError(
            "SOP ini tidak memiliki lajur pelaksana luar (misalnya Pemohon), sehingga bukan SOP pelayanan loket."
        )
    _tolak_karakter_kontrol(catatan=("Catatan", catatan))
    now = timezone.now()
    today = timezone.localdate(now)
    calendar = Calendar.for_kabupaten(sop.kecamatan.kabupaten_id)
    run = Run.objects.create(
        sop=sop,
        revision=revision,
        kecamatan_id=sop.kecamatan_id,
        tahun=today.year,
        triwulan=(today.month - 1) // 3 + 1,
        jenis=Run.Jenis.LAYANAN,
        dimulai_oleh=user,
        dimulai_pada=now,
        batas_selesai=timing.batas_selesai(steps, now, calendar),
    )
    first = _activate(run, steps[0], None)
    if first.peran_pencatat:
        _record(user, first, catatan=catatan or f"Diterima dari {steps[0].lane.label.lower()} di loket.")
    return run


@transaction.atomic
def run_start(*, user, revision: SopRevision, tahun: int, triwulan: int) -> Run:
    sop = revision.sop
    permissions.check_user_can(user, "workflow.start_run", sop)
    steps = _check_runnable(sop, revision)
    if not 0 <= triwulan <= 4:
        raise WorkflowError("Triwulan harus 1 sampai 4, atau 0 untuk pelaksanaan tahunan.")
    now = timezone.now()
    try:
        with transaction.atomic():
            run = Run.objects.create(
                sop=sop,
                revision=revision,
                kecamatan_id=sop.kecamatan_id,
                tahun=tahun,
                triwulan=triwulan,
                dimulai_oleh=user,
                dimulai_pada=now,
                batas_selesai=timing.batas_selesai(steps, now, Calendar.for_kabupaten(sop.kecamatan.kabupaten_id)),
            )
    except IntegrityError:
        raise WorkflowError("SOP ini sudah berjalan untuk periode tersebut.") from None
    _activate(run, steps[0], None)
    return run


def _locked_task(task: Task, *, waiting_ok: bool = False) -> Task:
    locked = Task.objects.select_for_update(of=("self",)).select_related("run__kecamatan", "step__lane").get(pk=task.pk)
    if locked.status == Task.Status.MENUNGGU and locked.run.status == Run.Status.BERJALAN and not waiting_ok:
        raise WorkflowError(
            f"Tugas ini menunggu: tidak ada pegawai yang memegang peran {locked.step.lane.label} di kecamatan ini. "
            "Camat atau Sekretaris dapat mengalihkannya kepada pegawai."
        )
    allowed = (Task.Status.AKTIF, Task.Status.MENUNGGU) if waiting_ok else (Task.Status.AKTIF,)
    if locked.status not in allowed or locked.run.status != Run.Status.BERJALAN:
        raise WorkflowError("Tugas ini sudah diselesaikan atau tidak aktif lagi. Muat ulang halaman.")
    return locked


@transaction.atomic
def task_take(*, user, task: Task) -> Task:
    task = _locked_task(task)
    if task.assignee_id is not None:
        raise WorkflowError("Tugas ini sudah diambil oleh pegawai lain.")
    if not permissions.user_can_work_task(user, task):
        raise PermissionDenied("Tugas ini bukan untuk peran Anda.")
    task.assignee = user
    task.taken_at = timezone.now()
    task.save(update_fields=["assignee", "taken_at"])
    return task


def _next_step(task: Task, keputusan: str) -> Step | None:
    steps = {s.no: s for s in task.run.revision.steps.select_related("lane")}
    step = task.step
    if step.kind == Step.Kind.DECISION:
        target = step.tidak_ke if keputusan == Task.Keputusan.TIDAK else (step.ya_ke or step.no + 1)
        return steps.get(target)
    if step.kind == Step.Kind.END:
        return None
    later = sorted(n for n in steps if n > step.no)
    return steps[later[0]] if later else None


@transaction.atomic
def task_complete(
    *,
    user,
    task: Task,
    catatan: str = "",
    keputusan: str = "",
    alasan: str = "",
    kelengkapan_cek: list[str] | None = None,
    disposisi: DisposisiData | None = None,
    lampiran: list | None = None,
) -> Task | None:
    """Complete the task; returns the next task activated (None when the run ends)."""
    task = _locked_task(task)
    if not permissions.user_can_work_task(user, task):
        raise PermissionDenied(
            "Hanya pegawai yang ditugaskan (atau pelaksana tugas/hariannya) yang dapat menyelesaikan tugas ini."
        )
    _tolak_karakter_kontrol(
        catatan=("Catatan", catatan),
        alasan=("Alasan", alasan),
        disposisi_instruksi=("Instruksi disposisi", disposisi.instruksi if disposisi else ""),
        disposisi_catatan=("Catatan disposisi", disposisi.catatan if disposisi else ""),
    )
    step = task.step
    if step.kind == Step.Kind.DECISION:
        if keputusan not in (Task.Keputusan.YA, Task.Keputusan.TIDAK):
            raise WorkflowError("Pilih keputusan: Ya atau Tidak.")
        if keputusan == Task.Keputusan.TIDAK and not alasan.strip():
            raise WorkflowError("Alasan wajib diisi untuk keputusan Tidak.")
    else:
        keputusan = ""
    action = actions.get(step.aksi) if step.aksi else None
    ctx = _context(task, user, alasan)
    if action is not None and keputusan != Task.Keputusan.TIDAK:
        blocker = actions.blocker_for(action, ctx)
        if blocker:
            raise WorkflowError(f"Langkah ini belum dapat diselesaikan: {blocker}")
        if action.perform is not None:
            action.perform(ctx)
    disposed_to = None
    if disposisi is not None:
        disposed_to = Pegawai.objects.filter(pk=disposisi.kepada_id, jabatan__kecamatan_id=task.kecamatan_id).first()
        if disposed_to is None or not disposisi.instruksi.strip():
            raise WorkflowError("Disposisi memerlukan penerima di kecamatan ini dan isi instruksi.")
        Disposisi.objects.create(
            task=task,
            dari=user,
            kepada=disposed_to,
            instruksi=disposisi.instruksi.strip(),
            catatan=disposisi.catatan.strip(),
            tanggal=timezone.localdate(),
        )
    now = timezone.now()
    calendar = Calendar.for_kabupaten(task.run.kecamatan.kabupaten_id)
    task.status = Task.Status.SELESAI
    task.finished_at = now
    task.selesai_oleh = user
    task.assignee = task.assignee or user
    task.keputusan = keputusan
    task.catatan = catatan.strip()
    task.alasan = alasan.strip()
    task.kelengkapan_cek = kelengkapan_cek or []
    task.sebutan = permissions.acting_title(user, task, task.role)
    task.menit_kerja = calendar.working_minutes(task.activated_at, now)
    task.save()
    for upload in lampiran or []:
        _attach(task, user, upload)
    following = _next_step(task, keputusan)
    if following is None:
        run = task.run
        run.status, run.selesai_pada = Run.Status.SELESAI, now
        run._change_reason = alasan_riwayat(f"Langkah terakhir selesai: {task}")
        run.save(update_fields=["status", "selesai_pada"])
        return None
    return _activate(task.run, following, task, disposed_to)


def _record(user, task: Task, *, catatan: str) -> Task | None:
    """Record an outside actor's step as received (the same completion as any task)."""
    return task_complete(user=user, task=task, catatan=catatan)


def _attach(task: Task, user, upload) -> Lampiran:
    try:
        content, extension = uploads.check(upload, must_match_name=False)
    except uploads.UploadRefused as error:
        raise WorkflowError(error.message) from None
    item = Lampiran(
        task=task,
        kecamatan_id=task.kecamatan_id,
        nama_asli=upload.name[:255],
        jenis_isi=uploads.ALLOWED[extension],
        ukuran=len(content),
        diunggah_oleh=user,
    )
    item.berkas.save(f"{hashlib.sha256(content).hexdigest()[:16]}.{extension}", upload, save=False)
    item.save()
    return item


@transaction.atomic
def task_reassign(*, user, task: Task, kepada: Pegawai, alasan: str) -> Task:
    """Give the task to another person of the kecamatan; a waiting task becomes active from now."""
    task = _locked_task(task, waiting_ok=True)
    permissions.check_user_can(user, "workflow.reassign_task", task)
    if not alasan.strip():
        raise WorkflowError("Alasan pengalihan wajib diisi.")
    _tolak_karakter_kontrol(alasan_alih=("Alasan pengalihan", alasan))
    if kepada.jabatan is None or kepada.jabatan.kecamatan_id != task.kecamatan_id:
        raise WorkflowError("Penerima harus pegawai kecamatan ini.")
    action = actions.get(task.step.aksi) if task.step.aksi else None
    if not actions.may_do(action, kepada, task):
        raise WorkflowError(f"{kepada.nama} tidak berwenang melakukan pekerjaan langkah ini ({action.label}).")
    task.assignee = kepada
    task.position = kepada.jabatan
    task.taken_at = timezone.now()
    task.alasan = f"Dialihkan oleh {user.nama}: {alasan.strip()}"
    fields = ["assignee", "position", "taken_at", "alasan"]
    if task.status == Task.Status.MENUNGGU:
        calendar = Calendar.for_kabupaten(task.run.kecamatan.kabupaten_id)
        task.status = Task.Status.AKTIF
        task.activated_at = task.taken_at
        task.due_at = calendar.add(task.activated_at, task.step.waktu_nilai, task.step.waktu_satuan)
        fields += ["status", "activated_at", "due_at"]
    task.save(update_fields=fields)
    events.tugas_ditugaskan.send(sender=Task, task=task, oleh=user)
    return task


@transaction.atomic
def run_cancel(*, user, run: Run, alasan: str) -> Run:
    permissions.check_user_can(user, "workflow.cancel_run", run)
    if not alasan.strip():
        raise WorkflowError("Alasan pembatalan wajib diisi.")
    _tolak_karakter_kontrol(alasan=("Alasan pembatalan", alasan))
    changed = Run.objects.filter(pk=run.pk, status=Run.Status.BERJALAN).update(
        status=Run.Status.DIBATALKAN, alasan_batal=alasan.strip(), selesai_pada=timezone.now()
    )
    if changed != 1:
        raise WorkflowError("Pelaksanaan ini sudah selesai atau dibatalkan.")
    # The conditional update keeps two cancellations from racing; it bypasses save(), so the history rows of
    # the run and of each open task are written here, with the reason.
    run.refresh_from_db()
    run._change_reason = alasan_riwayat(f"Dibatalkan: {run.alasan_batal}")
    run.save(update_fields=["status"])
    for open_task in Task.objects.select_for_update().filter(
        run=run, status__in=[Task.Status.AKTIF, Task.Status.MENUNGGU]
    ):
        open_task.status = Task.Status.DIBATALKAN
        open_task._change_reason = alasan_riwayat(f"Pelaksanaan dibatalkan: {run.alasan_batal}")
        open_task.save(update_fields=["status"])
    return run
