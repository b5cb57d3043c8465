"""Rendering a submitted report's file in the background (issue 25, "rendering off the request").

Submitting (laporan/services.py `ajukan`) queues the render with `antrekan` inside its own transaction: the
task row of Django's task API (django-tasks, database backend django-tasks-db) is written with the
submission, so a submission rolled back leaves no task, and the worker (`manage.py db_worker`) sees it only
once committed. The worker runs `susun_naskah`: the render (seconds: the LKIP about 1 s plus 73 ms per
indicator, nearly all in WeasyPrint's layout) runs outside any transaction, so the office's other writes are
not held up; its result is stored as the NaskahDiajukan the Camat reads and signs only if the report is still
submitted and the attempt is still the current one (`PenyusunanNaskah.percobaan`). A failure is recorded with
its reason and announced (laporan/events.py `naskah_disusun`); the submission stands and the submitter may
queue it again (services.susun_ulang). The report page follows the state (`keadaan`).
"""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from laporan import events, pdf, signing
from laporan.documents import penanda_tangan
from laporan.models import NaskahDiajukan, PenyusunanNaskah, Report, new_kode

logger = logging.getLogger(__name__)


def jabatan_penanda_tangan(report: Report, sebutan: str) -> str:
    """The position printed above the signature: the acting title given, else the signing position's own
    (the Camat of the kecamatan; for a position's PK its superior)."""
    return sebutan or penanda_tangan(report)[1]


def antrekan(report: Report, *, user) -> PenyusunanNaskah:
    """Queue the rendering of the submitted file, inside the caller's transaction (see the module)."""
    NaskahDiajukan.objects.filter(report=report).delete()
    sebelumnya = PenyusunanNaskah.objects.filter(report=report).first()
    penyusunan, _ = PenyusunanNaskah.objects.update_or_create(
        report=report,
        defaults={
            "status": PenyusunanNaskah.Status.ANTRI,
            "percobaan": sebelumnya.percobaan + 1 if sebelumnya else 1,
            "pesan": "",
            "diminta_oleh": user,
            "diminta_pada": timezone.now(),
            "mulai_pada": None,
            "selesai_pada": None,
        },
    )
    tugas_susun_naskah.enqueue(report_id=report.pk, percobaan=penyusunan.percobaan)
    return penyusunan


@task()
def tugas_susun_naskah(report_id: int, percobaan: int) -> str:
    return susun_naskah(report_id=report_id, percobaan=percobaan)


def susun_naskah(*, report_id: int, percobaan: int) -> str:
    """The worker's job: render and store the submitted file. Returns what happened: "selesai", "gagal" or
    "usang" (a stale attempt: the report was returned, signed or queued again meanwhile; nothing done)."""
    with transaction.atomic():
        penyusunan = PenyusunanNaskah.objects.select_for_update().filter(report_id=report_id).first()
        if not _berlaku(penyusunan, percobaan, PenyusunanNaskah.Status.ANTRI):
            return "usang"
        penyusunan.status = PenyusunanNaskah.Status.BERJALAN
        penyusunan.mulai_pada = timezone.now()
        penyusunan.save(update_fields=["status", "mulai_pada"])
    try:
        siap = _render(Report.objects.select_related("kecamatan").get(pk=report_id))
    except Exception as error:  # whatever broke the render is the document's failure, told to the office
        logger.exception("Penyusunan naskah laporan %s gagal", report_id)
        return _akhiri(report_id, percobaan, siap=None, gagal=f"{type(error).__name__}: {error}"[:500])
    return _akhiri(report_id, percobaan, siap=siap, gagal="")


def _berlaku(penyusunan: PenyusunanNaskah | None, percobaan: int, status: str) -> bool:
    return (
        penyusunan is not None
        and penyusunan.percobaan == percobaan
        and penyusunan.status == status
        and Report.objects.filter(pk=penyusunan.report_id, status=Report.Status.DIAJUKAN).exists()
    )


@transaction.atomic
def _akhiri(report_id: int, percobaan: int, *, siap: dict | None, gagal: str) -> str:
    report = Report.objects.select_for_update().select_related("kecamatan").get(pk=report_id)
    penyusunan = PenyusunanNaskah.objects.select_for_update().filter(report=report).first()
    if not _berlaku(penyusunan, percobaan, PenyusunanNaskah.Status.BERJALAN):
        return "usang"
    NaskahDiajukan.objects.filter(report=report).delete()
    if siap is not None:
        NaskahDiajukan.objects.create(report=report, **siap)
    penyusunan.status = PenyusunanNaskah.Status.GAGAL if gagal else PenyusunanNaskah.Status.SELESAI
    penyusunan.pesan = gagal
    penyusunan.selesai_pada = timezone.now()
    penyusunan.save(update_fields=["status", "pesan", "selesai_pada"])
    events.naskah_disusun.send(sender=Report, report=report, penyusunan=penyusunan)
    return "gagal" if gagal else "selesai"


def _render(report: Report) -> dict | None:
    """The fields of the NaskahDiajukan the signer will read and sign: the holder of the signing position
    (the Camat; for a position's PK its superior), the verification code and its QR, empty boxes for the
    signing date. With nobody in post there is nobody to print: None, and signing renders with the actual
    signer (the slow path)."""
    orang, jabatan = penanda_tangan(report)
    if orang is None:
        return None
    kode = new_kode()
    url = signing.verification_url(reverse("laporan:verifikasi", args=[kode]))
    ttd = {
        "tempat": report.kecamatan.nama,
        "tanggal": None,
        "jabatan": jabatan,
        "nama": orang.nama,
        "pangkat": orang.pangkat_golongan,
        "nip": orang.nip_cetak,
        "url": url,
        "draft": False,
    }
    content, boxes, digest = pdf.render_naskah(report, ttd=ttd)
    return {
        "pdf": content,
        "sha256": hashlib.sha256(content).hexdigest(),
        "versi": report.versi,
        "penandatangan": orang,
        "jabatan": jabatan,
        "kode_verifikasi": kode,
        "kotak_tanggal": [[b.halaman, b.x, b.y, b.lebar, b.tinggi] for b in boxes],
        "ttd": ttd,
        "html_sha256": digest,
    }


def keadaan(report: Report) -> PenyusunanNaskah | None:
    """The rendering state the report page shows while the report is submitted (None otherwise)."""
    if report.status != Report.Status.DIAJUKAN:
        return None
    return PenyusunanNaskah.objects.filter(report=report).first()
