"""Read-side queries of the SOP runtime; constant query counts."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from sakip import permissions
from workflow.calendar import Calendar, format_minutes
from workflow.models import Run, Task


def _my_tasks_filter(user) -> Q:
    condition = Q(assignee=user)
    for h in permissions.holdings(user):
        if not h.kecamatan_id:
            continue
        # Waiting in a shared queue of my position or of my role in the kecamatan.
        condition |= Q(assignee__isnull=True, position_id=h.position_id)
        condition |= Q(assignee__isnull=True, position__isnull=True, role=h.role, kecamatan_id=h.kecamatan_id)
        if h.acting_title:
            condition |= Q(position_id=h.position_id)  # acting for the assignee's position
    return condition


def inbox(user) -> list[Task]:
    """Active tasks for the user, overdue first, then by due time."""
    now = timezone.now()
    tasks = list(
        Task.objects.filter(status=Task.Status.AKTIF, run__status=Run.Status.BERJALAN)
        .filter(_my_tasks_filter(user))
        .select_related("run__revision", "step__lane", "assignee", "kecamatan")
        .order_by("due_at", "activated_at")
    )
    for t in tasks:
        t.is_overdue = bool(t.due_at and t.due_at < now)
    tasks.sort(key=lambda t: (not t.is_overdue, t.due_at or now))
    return tasks


def task_for_user(user, pk: int) -> Task:
    return permissions.get_visible_or_404(
        user,
        Task.objects.select_related("run__revision", "run__kecamatan", "step__lane", "assignee", "position"),
        pk=pk,
    )


def runs_of(user) -> QuerySet:
    return permissions.scope(user, Run.objects.select_related("revision", "kecamatan", "dimulai_oleh")).order_by(
        "-dimulai_pada"
    )


def timeline(run: Run) -> list[dict]:
    """Every task of the run in order: who, when, working duration vs standard, decision, round."""
    calendar = Calendar.for_kabupaten(run.kecamatan.kabupaten_id)
    now = timezone.now()
    rows = []
    tasks = (
        Task.objects.filter(run=run)
        .select_related("step__lane", "assignee", "selesai_oleh")
        .prefetch_related("lampiran")
        .order_by("created_at", "pk")
    )
    for t in tasks:
        minutes = t.menit_kerja
        if minutes is None and t.activated_at and t.status == Task.Status.AKTIF:
            minutes = calendar.working_minutes(t.activated_at, now)
        standard = calendar.standard_minutes(t.step.waktu_nilai, t.step.waktu_satuan, (t.activated_at or now).date())
        rows.append(
            {
                "task": t,
                "durasi": format_minutes(minutes),
                "standar": t.step.waktu_cetak or "—",
                "dalam_standar": None if minutes is None or standard is None else minutes <= standard,
                "terlambat": t.terlambat,
            }
        )
    return rows


def active_task_counts(user) -> int:
    return Task.objects.filter(status=Task.Status.AKTIF).filter(_my_tasks_filter(user)).count()


def compliance(user, tahun: int) -> list[dict]:
    """ "Monitoring dan Evaluasi Penerapan SOP": per SOP and step — tasks done, share within the
    Mutu Baku, median and worst working duration, loops. One query for the tasks."""
    from statistics import median

    tasks = (
        permissions.scope(user, Task.objects.filter(run__tahun=tahun, status=Task.Status.SELESAI))
        .select_related("run__revision", "run__kecamatan", "step__lane")
        .order_by("run__revision__nama", "step__no")
    )
    calendars: dict[int, Calendar] = {}
    groups: dict[tuple, dict] = {}
    for t in tasks:
        key = (t.run.revision.sop_id, t.run.kecamatan_id, t.step.no)
        calendar = calendars.setdefault(
            t.run.kecamatan.kabupaten_id, Calendar.for_kabupaten(t.run.kecamatan.kabupaten_id)
        )
        standard = calendar.standard_minutes(t.step.waktu_nilai, t.step.waktu_satuan, t.finished_at.date())
        g = groups.setdefault(
            key,
            {
                "sop": t.run.revision.nama,
                "kecamatan": t.run.kecamatan.nama,
                "step": t.step,
                "role": t.step.lane.label,
                "durations": [],
                "within": 0,
                "loops": 0,
            },
        )
        g["durations"].append(t.menit_kerja or 0)
        g["within"] += 1 if standard is not None and (t.menit_kerja or 0) <= standard else 0
        g["loops"] += 1 if t.putaran > 1 else 0
    rows = []
    for g in groups.values():
        done = len(g["durations"])
        rows.append(
            {
                **g,
                "selesai": done,
                "persen_dalam_baku": round(100 * g["within"] / done, 1) if done else None,
                "median": format_minutes(int(median(g["durations"]))),
                "terburuk": format_minutes(max(g["durations"])),
            }
        )
    return rows
