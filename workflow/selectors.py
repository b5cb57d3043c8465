"""Read-side queries of the SOP runtime; constant query counts."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sakip import permissions
from sop.models import PERAN_LAJUR
from workflow import keterangan
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
    return keterangan.pasang(tasks)  # counter work names its request (workflow/keterangan.py)


def waiting_tasks(user) -> list[Task]:
    """Tasks waiting because nobody holds their lane role, in kecamatan where the user may reassign work."""
    allowed = permissions.ACTION_ROLES["workflow.reassign_task"]
    kecamatan_ids = {h.kecamatan_id for h in permissions.holdings(user) if h.role in allowed and h.kecamatan_id}
    if not kecamatan_ids:
        return []
    return keterangan.pasang(
        list(
            Task.objects.filter(
                status=Task.Status.MENUNGGU, run__status=Run.Status.BERJALAN, kecamatan_id__in=kecamatan_ids
            )
            .select_related("run__revision", "step__lane")
            .order_by("created_at", "pk")
        )
    )


def task_for_user(user, pk: int) -> Task:
    return permissions.get_visible_or_404(
        user,
        Task.objects.select_related("run__revision", "run__kecamatan", "step__lane", "assignee", "position"),
        pk=pk,
    )


def runs_of(user) -> QuerySet:
    return (
        permissions.scope(user, Run.objects.select_related("revision", "kecamatan", "dimulai_oleh"))
        .annotate(menunggu=Count("tasks", filter=Q(tasks__status=Task.Status.MENUNGGU)))
        .order_by("-dimulai_pada")
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
                "pelaksana": _pelaksana(t),
                "durasi": format_minutes(minutes),
                "standar": t.step.waktu_cetak or "—",
                "dalam_standar": None if minutes is None or standard is None else minutes <= standard,
                "terlambat": t.terlambat,
            }
        )
    return rows


def _pelaksana(t: Task) -> str:
    """Who did a task; an outside actor's step names the actor and the staff who recorded it."""
    person = t.selesai_oleh or t.assignee
    if t.peran_pencatat:
        return f"{t.step.lane.label} (dicatat oleh {person.nama})" if person else f"{t.step.lane.label} (belum dicatat)"
    return person.nama if person else f"{t.step.lane.label} (belum diambil)"


def active_task_counts(user) -> int:
    return Task.objects.filter(status=Task.Status.AKTIF).filter(_my_tasks_filter(user)).count()


@dataclass
class Ukuran:
    """Compliance figures of one group of finished tasks (a SOP, a step, a role)."""

    label: str
    selesai: int = 0
    dalam_baku: int = 0
    dengan_baku: int = 0  # tasks whose step has a measurable Mutu Baku
    pengulangan: int = 0  # task instances of a second or later round (a "Tidak" sent the work back)
    durations: list = field(default_factory=list, repr=False)
    waktu_baku: str = ""
    no: int | None = None  # the step's number, for a step's figures

    def add(self, minutes: int, standard: int | None, putaran: int) -> None:
        self.selesai += 1
        self.durations.append(minutes)
        if standard is not None:
            self.dengan_baku += 1
            self.dalam_baku += 1 if minutes <= standard else 0
        self.pengulangan += 1 if putaran > 1 else 0

    @property
    def persen_dalam_baku(self) -> Decimal | None:
        if not self.dengan_baku:
            return None
        return (Decimal(100) * self.dalam_baku / self.dengan_baku).quantize(Decimal("0.1"))

    @property
    def median_menit(self) -> int | None:
        return int(median(self.durations)) if self.durations else None

    @property
    def terlama_menit(self) -> int | None:
        return max(self.durations) if self.durations else None

    @property
    def median(self) -> str:
        return format_minutes(self.median_menit)

    @property
    def terlama(self) -> str:
        return format_minutes(self.terlama_menit)


@dataclass
class KepatuhanSop:
    nama: str
    nomor: str
    ringkasan: Ukuran
    langkah: list[Ukuran]
    peran: list[Ukuran]
    sop_id: int = 0
    revision_ids: list[int] = field(default_factory=list)


@dataclass
class Kepatuhan:
    """ "Monitoring dan Evaluasi Penerapan SOP" over a period (PermenPAN-RB 35/2012, monitoring of SOP use)."""

    mulai: datetime.date
    sampai: datetime.date
    wilayah: str
    sop: list[KepatuhanSop]
    peran: list[Ukuran]

    @property
    def kosong(self) -> bool:
        return not self.sop


def compliance(user, *, mulai: datetime.date, sampai: datetime.date, kecamatan=None) -> Kepatuhan:
    """Finished tasks between two dates (by finishing date, WITA) that `user` may see, per SOP, step and role."""
    tasks = permissions.scope(user, Task.objects.all())
    if kecamatan is not None:
        tasks = tasks.filter(kecamatan=kecamatan)
    wilayah = str(kecamatan) if kecamatan is not None else "Semua kecamatan yang dapat Anda lihat"
    return _kepatuhan(tasks, mulai=mulai, sampai=sampai, wilayah=wilayah)


def compliance_of_kecamatan(kecamatan, *, mulai: datetime.date, sampai: datetime.date) -> Kepatuhan:
    """The same figures for one kecamatan, for a document whose reader was already checked (laporan)."""
    return _kepatuhan(Task.objects.filter(kecamatan=kecamatan), mulai=mulai, sampai=sampai, wilayah=str(kecamatan))


def _kepatuhan(tasks: QuerySet, *, mulai: datetime.date, sampai: datetime.date, wilayah: str) -> Kepatuhan:
    """Per SOP, per step and per role (the role of the lane: "Pelaksana" and the labels its lanes print
    count together, the printed labels named beside it).

    Task durations are working minutes on the kabupaten calendar; the share within the Mutu Baku
    counts only steps whose Mutu Baku is measurable. Queries: one for the tasks plus one calendar
    per kabupaten involved — constant in the number of tasks.
    """
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(mulai, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(sampai + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    tasks = (
        tasks.filter(status=Task.Status.SELESAI, finished_at__gte=start, finished_at__lt=end)
        .select_related("run__revision", "run__kecamatan", "step__lane")
        .order_by("run__revision__nama", "step__no", "pk")
    )
    calendars: dict[int, Calendar] = {}
    sops: dict[int, dict] = {}
    per_role: dict[str, Ukuran] = {}
    printed: dict[str, set] = {}
    for t in tasks:
        kabupaten_id = t.run.kecamatan.kabupaten_id
        calendar = calendars.get(kabupaten_id) or calendars.setdefault(
            kabupaten_id, Calendar.for_kabupaten(kabupaten_id)
        )
        standard = calendar.standard_minutes(t.step.waktu_nilai, t.step.waktu_satuan, timezone.localdate(t.finished_at))
        minutes = t.menit_kerja or 0
        revision = t.run.revision
        entry = sops.setdefault(
            revision.sop_id,
            {
                "nama": revision.nama,
                "nomor": revision.nomor,
                "revision_ids": set(),
                "all": Ukuran(revision.nama),
                "steps": {},
                "roles": {},
            },
        )
        entry["revision_ids"].add(revision.pk)
        step_key = (t.step.no, t.step.uraian)
        step = entry["steps"].setdefault(
            step_key, Ukuran(f"{t.step.no}. {t.step.uraian}", waktu_baku=t.step.waktu_cetak or "—", no=t.step.no)
        )
        role = t.step.lane.role if t.step.lane_id else t.role
        if t.step.lane_id:
            printed.setdefault(role, set()).add(t.step.lane.label)
        for group in (
            entry["all"],
            step,
            entry["roles"].setdefault(role, Ukuran(role)),
            per_role.setdefault(role, Ukuran(role)),
        ):
            group.add(minutes, standard, t.putaran)
    for groups in [per_role, *(e["roles"] for e in sops.values())]:
        for role, ukuran in groups.items():
            ukuran.label = _role_label(role, printed.get(role, set()))
    return Kepatuhan(
        mulai=mulai,
        sampai=sampai,
        wilayah=wilayah,
        sop=[
            KepatuhanSop(
                nama=e["nama"],
                nomor=e["nomor"],
                ringkasan=e["all"],
                langkah=[e["steps"][k] for k in sorted(e["steps"])],
                peran=sorted(e["roles"].values(), key=lambda u: u.label),
                sop_id=sop_id,
                revision_ids=sorted(e["revision_ids"]),
            )
            for sop_id, e in sorted(sops.items(), key=lambda item: item[1]["nama"])
        ],
        peran=sorted(per_role.values(), key=lambda u: u.label),
    )


def _role_label(role: str, labels: set) -> str:
    """ "Kepala Seksi (lajur SOP: Kasi, Kasi Pemerintahan)": the role, with the lane labels the SOPs print
    for it where they say something else (worded for the signed monitoring form as much as for the page)."""
    name = dict(PERAN_LAJUR).get(role, role)  # an office role or an outside actor (Pemohon, Desa …)
    others = sorted(label for label in labels if label.strip().lower() != name.lower())
    return f"{name} (lajur SOP: {', '.join(others)})" if others else name
