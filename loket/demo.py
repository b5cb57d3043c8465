"""Demo data of the front desk (registered in loket/apps.py, run by `manage.py load_demo`).

Two service SOPs of Awayan with a Pemohon lane (fixtures/loket/*.json: a surat keterangan and a
rekomendasi), made effective by the Camat through the services, each linked to an SKM service of the
same name; and one quarter of counter runs — the last quarter that has ended — timed on the working
calendar, most within their Mutu Baku and some late.

The historical runs are written in bulk (a run per applicant with its finished tasks), not walked
through the services step by step: the services stamp "now", and the demo needs the past; the timing
rules are still workflow's own (`workflow.timing.batas_selesai`, `Calendar`). Idempotent: a quarter
that already has counter runs for these SOPs is left as it is.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from layanan.models import JenisLayanan
from layanan.services import layanan_tambah
from loket.models import Permohonan, SurveiLayanan, kode_baru
from loket.services import samarkan_nik, survei_tautkan
from sakip.models import Pegawai, Unit
from sop import seeds
from sop.models import Sop, SopRevision, peran_pencatat
from workflow import timing
from workflow.calendar import Calendar
from workflow.models import Run, Task

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "loket"
KECAMATAN = "awayan"
ASAL = "Contoh SOP pelayanan untuk demo Loket Pelayanan (fixtures/loket), bukan transkripsi dokumen asli."
PER_SOP = 18  # applicants per SOP in the quarter
TERLAMBAT = 0.25  # share of late runs
NAMA = [
    "Ahmad Fauzi",
    "Siti Rahmah",
    "Muhammad Rizki",
    "Nur Hidayah",
    "Abdul Karim",
    "Rusdiana",
    "H. Syahrani",
    "Fitriani",
    "Hairul Anwar",
    "Mahmudah",
    "Saipul Bahri",
    "Norlaila",
]


def _kuartal_lalu(today: datetime.date) -> tuple[int, int, datetime.date, datetime.date]:
    triwulan = (today.month - 1) // 3 + 1
    tahun, triwulan = (today.year, triwulan - 1) if triwulan > 1 else (today.year - 1, 4)
    mulai = datetime.date(tahun, 3 * triwulan - 2, 1)
    akhir = datetime.date(tahun + (triwulan == 4), (3 * triwulan) % 12 + 1, 1) - datetime.timedelta(days=1)
    return tahun, triwulan, mulai, akhir


def _pemegang(kecamatan: Unit) -> dict[str, Pegawai]:
    out: dict[str, Pegawai] = {}
    for p in Pegawai.objects.filter(jabatan__kecamatan=kecamatan, is_active=True).select_related("jabatan"):
        out.setdefault(p.jabatan.role, p)
    return out


def _menit(step, faktor: float) -> Decimal:
    per = {"menit": 1, "jam": 60, "hari": 480}[step.waktu_satuan]
    return Decimal(str(round(float(step.waktu_nilai) * per * faktor, 1)))


def _runs(revision: SopRevision, kecamatan: Unit, tahun: int, triwulan: int, days, calendar, rng, layanan) -> int:
    steps = list(revision.steps.select_related("lane").order_by("no"))
    path = timing.main_path(steps)
    holders = _pemegang(kecamatan)
    petugas = holders["PELAKSANA"]
    count = 0
    for k in range(PER_SOP):
        day = days[min(len(days) - 1, (k * len(days)) // PER_SOP + rng.randrange(max(1, len(days) // PER_SOP)))]
        hours = calendar.office_hours(day)
        start = hours[0] + datetime.timedelta(minutes=30 + rng.randrange(180))
        late = rng.random() < TERLAMBAT
        slow = rng.randrange(1, len(path)) if late else None
        run = Run.objects.create(
            sop=revision.sop,
            revision=revision,
            kecamatan=kecamatan,
            tahun=tahun,
            triwulan=triwulan,
            jenis=Run.Jenis.LAYANAN,
            status=Run.Status.SELESAI,
            dimulai_oleh=petugas,
            dimulai_pada=start,
            batas_selesai=timing.batas_selesai(steps, start, calendar),
        )
        moment, tasks = start, []
        for index, step in enumerate(path):
            faktor = 4.0 if index == slow else 0.3 + rng.random() * 0.5
            finished = calendar.add(moment, _menit(step, faktor), "menit")
            luar = step.lane.eksternal
            worker = petugas if luar else holders.get(step.lane.role, petugas)
            tasks.append(
                Task(
                    run=run,
                    step=step,
                    kecamatan=kecamatan,
                    status=Task.Status.SELESAI,
                    role=step.lane.role,
                    peran_pencatat=peran_pencatat(step, steps) if luar else "",
                    position=None if luar else worker.jabatan,
                    assignee=worker,
                    selesai_oleh=worker,
                    activated_at=moment,
                    taken_at=moment,
                    finished_at=finished,
                    due_at=calendar.add(moment, step.waktu_nilai, step.waktu_satuan),
                    keputusan=Task.Keputusan.YA if step.kind == step.Kind.DECISION else "",
                    catatan="Diterima dari pemohon di loket." if luar else "",
                    menit_kerja=calendar.working_minutes(moment, finished),
                )
            )
            moment = finished
        Task.objects.bulk_create(tasks)
        Run.objects.filter(pk=run.pk).update(selesai_pada=moment)
        nik = f"6308{rng.randrange(10**11, 10**12)}"
        Permohonan.objects.create(
            run=run,
            kecamatan=kecamatan,
            kode=kode_baru(),
            nama_pemohon=rng.choice(NAMA),
            nik_tersamar=samarkan_nik(nik) if k % 3 else "",
            kontak=f"0812{rng.randrange(10**7, 10**8)}",
            layanan=layanan,
            dicatat_oleh=petugas,
            dibuat_pada=start,
        )
        count += 1
    return count


@transaction.atomic
def load_demo_loket() -> str:
    kecamatan = Unit.objects.filter(kode=KECAMATAN).first()
    if kecamatan is None:
        return "lewati (Awayan tidak ada)"
    camat = seeds._camat_of(kecamatan)
    revisions = []
    for path in sorted(FIXTURES.glob("*.json")):
        revision, _ = seeds.load_seed(path)
        # Written for the demo, not transcribed from an original document: say so where the library shows it.
        Sop.objects.filter(pk=revision.sop_id, catatan_asal__startswith="Transkripsi").update(catatan_asal=ASAL)
        seeds._demo_confirm_and_make_effective(revision)
        revision.refresh_from_db()
        revisions.append(revision)
    tahun, triwulan, mulai, akhir = _kuartal_lalu(timezone.localdate())
    calendar = Calendar.for_kabupaten(kecamatan.kabupaten_id)
    days = [
        mulai + datetime.timedelta(days=d)
        for d in range((akhir - mulai).days + 1)
        if calendar.is_working_day(mulai + datetime.timedelta(days=d))
    ]
    rng = random.Random(17)
    dibuat = 0
    for revision in revisions:
        if revision.status != SopRevision.Status.EFFECTIVE:
            continue
        layanan = JenisLayanan.objects.filter(kecamatan=kecamatan, nama__iexact=revision.nama).first()
        if layanan is None and camat is not None:
            layanan = layanan_tambah(user=camat, kecamatan=kecamatan, nama=revision.nama)
        if layanan is not None and camat is not None and not SurveiLayanan.objects.filter(sop=revision.sop).exists():
            survei_tautkan(user=camat, sop=revision.sop, layanan=layanan)
        if Run.objects.filter(sop=revision.sop, jenis=Run.Jenis.LAYANAN, tahun=tahun, triwulan=triwulan).exists():
            continue
        dibuat += _runs(revision, kecamatan, tahun, triwulan, days, calendar, rng, layanan)
    return f"{len(revisions)} SOP pelayanan, {dibuat} permohonan loket baru (triwulan {triwulan} {tahun})"
