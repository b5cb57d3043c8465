"""The SOP runtime: runs of an SOP revision, tasks per step reached, the working calendar.

A Run executes one SopRevision (bound to it even when the SOP is revised later)
for a kecamatan and a period. Each step reached becomes a Task, assigned to the
position holding the step's lane role in that kecamatan (or waiting in a shared
queue when several people hold it). A decision answered "Tidak" creates a new
Task instance of the target step (`putaran` counts the rounds). `due_at` is
stored so that "overdue" is one indexed query (healthchecks' alert_after).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip import periode as nama_periode
from sakip.models import Pegawai, Position, Unit
from sop.models import Sop, SopRevision, Step


def default_office_hours() -> dict:
    # Monday=0 … Sunday=6. A common local rule: Friday ends at 11:00.
    day = ["07:30", "16:00"]
    return {"0": day, "1": day, "2": day, "3": day, "4": ["07:30", "11:00"]}


class WorkingCalendar(models.Model):
    """Office days and hours of a kabupaten; national holidays come from the `holidays` package."""

    kabupaten = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="kalender_kerja")
    jam_kerja = models.JSONField(
        "jam kerja per hari",
        default=default_office_hours,
        help_text='{"0": ["07:30", "16:00"], …} — 0 = Senin; hari tanpa entri adalah hari libur.',
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kalender kerja"
        verbose_name_plural = "kalender kerja"

    def __str__(self):
        return f"Kalender kerja {self.kabupaten}"


class HariLibur(models.Model):
    """Local extra days off (cuti bersama, local holidays) on top of the national holidays."""

    kalender = models.ForeignKey(WorkingCalendar, on_delete=models.CASCADE, related_name="hari_libur")
    tanggal = models.DateField("tanggal")
    nama = models.CharField("keterangan", max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hari libur lokal / cuti bersama"
        verbose_name_plural = "hari libur lokal / cuti bersama"
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["kalender", "tanggal"], name="hari_libur_unique")]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class Run(models.Model):
    class Status(models.TextChoices):
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    class Jenis(models.TextChoices):
        # One run per SOP and period (quarterly data, the LKIP).
        BERKALA = "berkala", "Berkala"
        # One run per applicant at the counter (loket): many open at once for the same SOP.
        LAYANAN = "layanan", "Layanan (per permohonan)"

    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="runs")
    revision = models.ForeignKey(SopRevision, on_delete=models.PROTECT, related_name="runs")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="runs")
    tahun = models.PositiveIntegerField("tahun")
    # 1..4 for a quarter; 0 for an annual run (e.g. Penyusunan LKIP).
    triwulan = models.PositiveSmallIntegerField("triwulan (0 = tahunan)", default=0)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.BERJALAN)
    dimulai_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    dimulai_pada = models.DateTimeField("dimulai pada")
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)
    alasan_batal = models.TextField("alasan dibatalkan", blank=True)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.BERKALA)
    # When the whole run is due: the Mutu Baku of the steps on its main path, walked forward from its
    # start on the working calendar (workflow.timing); null when no step states a time.
    batas_selesai = models.DateTimeField("batas selesai (Mutu Baku)", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pelaksanaan SOP"
        verbose_name_plural = "pelaksanaan SOP"
        ordering = ["-dimulai_pada"]
        indexes = [models.Index(fields=["kecamatan", "jenis", "dimulai_pada"], name="run_kecamatan_jenis_mulai")]
        constraints = [
            models.UniqueConstraint(
                fields=["sop", "kecamatan", "tahun", "triwulan"],
                condition=Q(status="berjalan", jenis="berkala"),
                name="run_one_open_per_sop_and_period",
            ),
            models.CheckConstraint(condition=Q(triwulan__lte=4), name="run_triwulan_0_to_4"),
        ]

    def __str__(self):
        return f"{self.revision.nama} — {self.periode}"

    @property
    def periode(self) -> str:
        return nama_periode.triwulan(self.triwulan, self.tahun) if self.triwulan else f"Tahun {self.tahun}"


class Task(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        AKTIF = "aktif", "Aktif"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    class Keputusan(models.TextChoices):
        YA = "ya", "Ya"
        TIDAK = "tidak", "Tidak"

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    putaran = models.PositiveIntegerField("putaran ke-", default=1)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    role = models.CharField("peran lajur", max_length=30)
    # For a step of an outside actor's lane (Pemohon, Desa …): the office role that records it ("diterima
    # dari pemohon"); such a task has no position or assignee and is in nobody's inbox. "" otherwise.
    peran_pencatat = models.CharField("peran pencatat", max_length=30, blank=True)
    # The position holding the lane role; null when several positions share the queue.
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Who works on it: named at activation, by a disposition, or by taking it from the shared queue.
    assignee = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="tugas")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    keputusan = models.CharField("keputusan", max_length=5, choices=Keputusan.choices, blank=True)
    catatan = models.TextField("catatan", blank=True)
    alasan = models.TextField("alasan (Tidak / pengalihan)", blank=True)
    kelengkapan_cek = models.JSONField("kelengkapan yang diperiksa", default=list, blank=True)
    selesai_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sebutan = models.CharField("bertindak sebagai", max_length=200, blank=True)
    menit_kerja = models.PositiveIntegerField("durasi kerja (menit)", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tugas"
        verbose_name_plural = "tugas"
        ordering = ["run_id", "created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["kecamatan", "status", "role"]),
            models.Index(fields=["assignee", "status"]),
        ]

    def __str__(self):
        return f"Langkah {self.step.no} — {self.run}"

    @property
    def terlambat(self) -> bool:
        from django.utils import timezone

        reference = self.finished_at or timezone.now()
        return bool(self.due_at and reference > self.due_at)


def lampiran_upload_to(instance, filename):
    return f"lampiran/{instance.task.kecamatan_id}/{instance.task.run_id}/{filename}"


class Lampiran(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="lampiran")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(upload_to=lampiran_upload_to, max_length=300)
    nama_asli = models.CharField(max_length=255)
    jenis_isi = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField()
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lampiran tugas"
        verbose_name_plural = "lampiran tugas"

    def __str__(self):
        return self.nama_asli


class Disposisi(models.Model):
    """The disposition sheet recorded when the Camat completes the first step."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="disposisi")
    dari = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    kepada = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    instruksi = models.TextField("instruksi")
    catatan = models.TextField("catatan", blank=True)
    tanggal = models.DateField("tanggal", default=datetime.date.today)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lembar disposisi"
        verbose_name_plural = "lembar disposisi"

    def __str__(self):
        return f"Disposisi {self.dari} → {self.kepada}"
