"""Reads of the front desk: the service SOPs of a kecamatan, a receipt, the register, the public status.

Every read of tenant data goes through sakip.permissions (scope / get_visible_or_404); each page costs a
constant number of queries. The public status is looked up by its code alone and tells only the status
and the next step of that one run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone

from loket.models import Permohonan, SurveiLayanan, cetak_kode, normal_kode, samarkan_nama
from sakip import periode, permissions
from sakip.models import Unit
from sop.models import Lane, PelaksanaLuar, SopRevision
from workflow import timing
from workflow.calendar import Calendar, format_minutes
from workflow.models import Run, Task


def kecamatan_loket(user) -> Unit | None:
    """The kecamatan whose counter the user works at: the first kecamatan they hold a position in."""
    ids = [h.kecamatan_id for h in permissions.holdings(user) if h.kecamatan_id]
    if not ids:
        return None
    return Unit.objects.filter(pk=ids[0]).first()


def kecamatan_or_404(user, kecamatan_id: int) -> Unit:
    unit = permissions.visible_kecamatan(user).select_related("kabupaten").filter(pk=kecamatan_id).first()
    if unit is None:
        raise Http404("Data tidak ditemukan.")
    return unit


def sop_layanan(user, kecamatan: Unit):
    """Effective SOPs of the kecamatan with a lane of an outside actor (the service SOPs), by name."""
    luar = Lane.objects.filter(revision=OuterRef("pk"), role__in=PelaksanaLuar.values)
    qs = SopRevision.objects.filter(sop__kecamatan=kecamatan, status=SopRevision.Status.EFFECTIVE).filter(Exists(luar))
    return permissions.scope(user, qs.select_related("sop"), "sop__kecamatan").order_by("nama", "pk")


def tautan_survei(sop_ids) -> dict[int, SurveiLayanan]:
    return {t.sop_id: t for t in SurveiLayanan.objects.filter(sop_id__in=sop_ids).select_related("layanan")}


def permohonan_or_404(user, pk: int) -> Permohonan:
    return permissions.get_visible_or_404(
        user,
        Permohonan.objects.select_related("run__revision", "kecamatan__kabupaten", "layanan", "dicatat_oleh"),
        pk=pk,
    )


def terbaru(user, kecamatan: Unit, limit: int = 15) -> list[Permohonan]:
    """Today's latest applicants at the kecamatan's counter."""
    today = timezone.localdate()
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=timezone.get_current_timezone())
    qs = Permohonan.objects.filter(kecamatan=kecamatan, dibuat_pada__gte=start).select_related("run__revision")
    return list(permissions.scope(user, qs)[:limit])


def _aktif():
    return Prefetch(
        "run__tasks",
        queryset=Task.objects.filter(status__in=[Task.Status.AKTIF, Task.Status.MENUNGGU])
        .select_related("step__lane")
        .order_by("created_at", "pk"),
        to_attr="aktif",
    )


@dataclass(frozen=True)
class BarisRegister:
    no: int
    permohonan: Permohonan
    status: str
    langkah: str  # the step at hand ("" once finished)
    waktu: timing.WaktuRun

    @property
    def durasi(self) -> str:
        return format_minutes(self.waktu.menit_kerja)

    @property
    def badge(self) -> str:
        """One colour per meaning: finished green, late red, running blue, cancelled grey."""
        if self.waktu.terlambat:
            return "text-bg-danger"
        return BADGE[self.permohonan.run.status]

    @property
    def tepat_waktu(self) -> str:
        if self.waktu.tepat_waktu is True:
            return "Ya"
        if self.waktu.tepat_waktu is False:
            return "Tidak"
        return "Terlambat" if self.waktu.terlambat else "—"


@dataclass(frozen=True)
class Register:
    kecamatan: Unit
    tahun: int
    triwulan: int
    baris: list[BarisRegister]
    ringkasan: timing.RingkasanTepatWaktu

    @property
    def periode(self) -> str:
        return periode.triwulan(self.triwulan, self.tahun)


BADGE = {
    Run.Status.BERJALAN: "text-bg-primary",
    Run.Status.SELESAI: "text-bg-success",
    Run.Status.DIBATALKAN: "text-bg-secondary",
}
STATUS = {
    Run.Status.BERJALAN: "Sedang diproses",
    Run.Status.SELESAI: "Selesai",
    Run.Status.DIBATALKAN: "Dibatalkan",
}


def _langkah(run: Run) -> str:
    aktif = getattr(run, "aktif", [])
    return "; ".join(f"{t.step.no}. {t.step.uraian} ({t.step.lane.label})" for t in aktif)


def register(user, kecamatan: Unit, *, tahun: int, triwulan: int) -> Register:
    """The buku register pelayanan of a quarter (by the day the applicant came, WITA), each run timed
    against its SOP's Mutu Baku on the working calendar: three queries and the calendar's."""
    qs = (
        Permohonan.objects.filter(kecamatan=kecamatan, run__tahun=tahun, run__triwulan=triwulan)
        .select_related("run__revision", "dicatat_oleh")
        .prefetch_related(_aktif())
        .order_by("dibuat_pada", "pk")
    )
    items = list(permissions.scope(user, qs))
    calendar = Calendar.for_kabupaten(kecamatan.kabupaten_id)
    now = timezone.now()
    baris = [
        BarisRegister(
            no=k,
            permohonan=p,
            status=STATUS[p.run.status],
            langkah=_langkah(p.run) if p.run.status == Run.Status.BERJALAN else "",
            waktu=timing.waktu_run(p.run, calendar, now),
        )
        for k, p in enumerate(items, start=1)
    ]
    return Register(kecamatan, tahun, triwulan, baris, timing.ringkasan([p.run for p in items]))


@dataclass(frozen=True)
class StatusPublik:
    """All the public status page shows: the service, the status, the next step."""

    kode: str  # as printed on the receipt
    layanan: str
    status: str
    badge: str
    langkah: str


def status_publik(kode: str) -> StatusPublik | None:
    """The one run a tracking code names, as the applicant may see it (no names, no NIK, no staff)."""
    kode = normal_kode(kode)
    if not kode:
        return None
    permohonan = Permohonan.objects.filter(kode=kode).select_related("run__revision").prefetch_related(_aktif()).first()
    if permohonan is None:
        return None
    run = permohonan.run
    if run.status == Run.Status.SELESAI:
        langkah = "Layanan telah selesai."
    elif run.status == Run.Status.DIBATALKAN:
        langkah = "Permohonan tidak dilanjutkan. Silakan hubungi loket pelayanan."
    else:
        aktif = run.aktif[0] if run.aktif else None
        langkah = f"{aktif.step.uraian} ({aktif.step.lane.label})" if aktif else "Sedang diproses."
    return StatusPublik(
        kode=permohonan.kode_cetak,
        layanan=run.revision.nama,
        status=STATUS[run.status],
        badge=BADGE[run.status],
        langkah=langkah,
    )


def tanda_terima_sah(layanan, kode: str) -> bool:
    """Is `kode` the receipt of a finished request of this SKM service? (registered with layanan.tanda_terima:
    the proof an SKM answer needs to count in the IKM)."""
    kode = normal_kode(kode)
    if not kode:
        return False
    return Permohonan.objects.filter(kode=kode, layanan=layanan, run__status=Run.Status.SELESAI).exists()


def keterangan_run(run_ids: list[int]) -> dict[int, str]:
    """The request a service run serves, as workflow's pages name it (registered with workflow.keterangan):
    "Permohonan 7KQ2M-X4P9A · Siti A." — the receipt code and the masked applicant; one query."""
    rows = Permohonan.objects.filter(run_id__in=run_ids).values_list("run_id", "kode", "nama_pemohon")
    return {run_id: f"Permohonan {cetak_kode(kode)} · {samarkan_nama(nama)}" for run_id, kode, nama in rows}


PANEL_BATAS = 8


def panel_loket(user) -> dict | None:
    """The front desk's Beranda panel: today's requests at the kecamatan's counter and the requests still in
    process (the ones this person registered marked), each with its service, step at hand and receipt; for
    people who serve the counter. Three queries."""
    kecamatan = kecamatan_loket(user)
    if kecamatan is None or not permissions.user_can(user, "workflow.start_service_run", kecamatan):
        return None
    start = datetime.datetime.combine(timezone.localdate(), datetime.time.min, tzinfo=timezone.get_current_timezone())
    semua = permissions.scope(user, Permohonan.objects.filter(kecamatan=kecamatan))
    hari_ini = semua.filter(dibuat_pada__gte=start).count()
    berjalan = list(
        semua.filter(run__status=Run.Status.BERJALAN)
        .select_related("run__revision")
        .prefetch_related(_aktif())
        .order_by("-dibuat_pada", "-pk")[:PANEL_BATAS]
    )
    return {
        "kecamatan": kecamatan,
        "hari_ini": hari_ini,
        "berjalan": [
            {"permohonan": p, "langkah": _langkah(p.run), "milik_saya": p.dicatat_oleh_id == user.pk} for p in berjalan
        ],
        "lebih": len(berjalan) == PANEL_BATAS,
    }
