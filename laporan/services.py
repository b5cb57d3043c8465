"""State changes of reports: create, edit the narrative, submit, return, sign, revise.

Each operation is one transaction, checked with sakip.permissions. Signing
renders the PDF once, PAdES-signs it and stores the signed bytes with their
SHA-256; nothing ever regenerates it.

Decision on quarters: a report resting on quarterly data (triwulan, semester,
LKIP) may be signed only when every quarter it covers is `disetujui` (locked
by kinerja). While a signed report covers a quarter, laporan.locks refuses any
change to that quarter's data or status; a correction starts with
`buat_perubahan`, which marks the signed revision `digantikan` (it stays
verifiable) and opens a new draft revision.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.models import Triwulan
from kinerja.services import KinerjaError, perencanaan
from laporan import pdf, signing
from laporan.documents import section_keys
from laporan.models import Report, SignedDocument, new_kode
from sakip.errors import Penolakan
from sakip.models import Unit
from sakip.permissions import acting_title, check_user_can
from sakip.roles import Role

MAX_NARASI = 20000
PERIODE_MAX = {Report.Kind.TRIWULAN: 4, Report.Kind.SEMESTER: 2}


class LaporanError(Penolakan, ValidationError):
    """A refused operation on a report (see sakip.errors); still a ValidationError for forms and views."""

    def __init__(self, message: str | dict):
        errors = message if isinstance(message, dict) else {}
        text = "; ".join(errors.values()) if errors else message
        ValidationError.__init__(self, errors or text)
        Penolakan.__init__(self, text, errors)


def _lock(report_id: int) -> Report:
    return Report.objects.select_for_update().select_related("kecamatan").get(pk=report_id)


@transaction.atomic
def buat_laporan(*, user, kecamatan: Unit, kind: str, tahun: int, periode: int = 0) -> Report:
    check_user_can(user, "laporan.edit", kecamatan)
    if kind not in Report.Kind.values:
        raise LaporanError({"kind": "Jenis laporan tidak dikenal."})
    maximum = PERIODE_MAX.get(kind)
    if maximum and not 1 <= periode <= maximum:
        raise LaporanError({"periode": f"Periode harus 1 sampai {maximum}."})
    if not maximum:
        periode = 0
    if not 2000 <= tahun <= 2100:
        raise LaporanError({"tahun": "Tahun tidak valid."})
    if (
        Report.objects.filter(kecamatan=kecamatan, kind=kind, tahun=tahun, periode=periode)
        .exclude(status=Report.Status.DIGANTIKAN)
        .exists()
    ):
        raise LaporanError("Laporan untuk periode ini sudah ada; buka laporan tersebut.")
    return Report.objects.create(kecamatan=kecamatan, kind=kind, tahun=tahun, periode=periode, dibuat_oleh=user)


@transaction.atomic
def simpan_narasi(*, user, report_id: int, narasi: dict[str, str], versi: int) -> Report:
    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if report.status != Report.Status.DRAFT:
        raise LaporanError("Laporan yang telah diajukan atau ditandatangani tidak dapat diubah.")
    if report.versi != versi:
        raise LaporanError("Laporan telah diubah oleh pengguna lain. Muat ulang halaman lalu ulangi perubahan.")
    allowed = {key for key, _ in section_keys(report, _sasaran_urutan(report))}
    errors = {}
    cleaned = dict(report.narasi or {})
    for key, text in narasi.items():
        if key not in allowed:
            continue
        if len(text) > MAX_NARASI:
            errors[key] = f"Teks terlalu panjang (maksimal {MAX_NARASI} karakter)."
        cleaned[key] = text.strip()
    if errors:
        raise LaporanError(errors)
    report.narasi = cleaned
    report.versi += 1
    report.save(update_fields=["narasi", "versi", "diubah_pada"])
    return report


def _sasaran_urutan(report: Report) -> list[int]:
    from laporan.documents import current_pk

    pk = current_pk(report.kecamatan_id, report.tahun)
    return list(pk.sasaran.values_list("urutan", flat=True)) if pk else []


@transaction.atomic
def ajukan(*, user, report_id: int) -> Report:
    report = _lock(report_id)
    check_user_can(user, "laporan.submit", report)
    if report.status != Report.Status.DRAFT:
        raise LaporanError("Hanya laporan berstatus draf yang dapat diajukan.")
    report.status = Report.Status.DIAJUKAN
    report.diajukan_pada = timezone.now()
    report.save(update_fields=["status", "diajukan_pada", "diubah_pada"])
    return report


@transaction.atomic
def kembalikan(*, user, report_id: int) -> Report:
    """The Camat sends a submitted report back to draft for changes."""
    report = _lock(report_id)
    check_user_can(user, "laporan.sign", report)
    if report.status != Report.Status.DIAJUKAN:
        raise LaporanError("Hanya laporan yang diajukan yang dapat dikembalikan.")
    report.status = Report.Status.DRAFT
    report.save(update_fields=["status", "diubah_pada"])
    return report


def quarters_not_approved(report: Report) -> list[int]:
    covered = report.triwulan_tercakup
    if not covered:
        return []
    approved = set(
        Triwulan.objects.filter(
            kecamatan_id=report.kecamatan_id,
            tahun=report.tahun,
            triwulan__in=covered,
            status=Triwulan.Status.DISETUJUI,
        ).values_list("triwulan", flat=True)
    )
    return [t for t in covered if t not in approved]


def _jabatan(report: Report, sebutan: str) -> str:
    return sebutan or f"CAMAT {report.kecamatan.nama.upper()}"


@transaction.atomic
def tandatangani(*, user, report_id: int, password: str) -> SignedDocument:
    report = _lock(report_id)
    check_user_can(user, "laporan.sign", report)
    if not password or not user.check_password(password):
        raise LaporanError({"password": "Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda."})
    if report.status != Report.Status.DIAJUKAN:
        raise LaporanError("Hanya laporan yang telah diajukan yang dapat ditandatangani.")
    pending = quarters_not_approved(report)
    if pending:
        names = ", ".join(f"TW {['I', 'II', 'III', 'IV'][t - 1]}" for t in pending)
        raise LaporanError(f"Data kinerja {names} {report.tahun} belum disetujui Camat; setujui dahulu datanya.")
    try:
        signing.ensure_available()
    except ImproperlyConfigured as error:
        raise LaporanError(str(error)) from None
    sebutan = acting_title(user, report, Role.CAMAT)
    now = timezone.now()
    kode = new_kode()
    from django.urls import reverse

    url = signing.verification_url(reverse("laporan:verifikasi", args=[kode]))
    ttd = {
        "tempat": report.kecamatan.nama,
        "tanggal": now,
        "jabatan": _jabatan(report, sebutan),
        "nama": user.nama,
        "pangkat": user.pangkat_golongan,
        "nip": user.nip_cetak,
        "qr": signing.qr_svg_data_uri(url),
        "url": url,
        "draft": False,
    }
    rendered = pdf.render_pdf(report, ttd=ttd)
    signed = signing.sign_pdf(
        rendered,
        reason=f"Pengesahan {report.judul}",
        name=f"{ttd['jabatan']} — {user.nama}",
        location=f"{report.kecamatan}",
    )
    document = SignedDocument.objects.create(
        report=report,
        pdf=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        ukuran=len(signed),
        penandatangan=user,
        nama_penandatangan=user.nama,
        nip_penandatangan=user.nip_cetak,
        jabatan_penandatangan=ttd["jabatan"],
        sebutan=sebutan,
        ditandatangani_pada=now,
        kode_verifikasi=kode,
    )
    report.status = Report.Status.DITANDATANGANI
    report.save(update_fields=["status", "diubah_pada"])
    if report.kind == Report.Kind.PK:
        _establish_pk(report, user, timezone.localdate(now))
    return document


def _establish_pk(report: Report, user, tanggal) -> None:
    """Signing the PK document establishes the PK (kinerja's rule); one transaction with the signature."""
    pk = perencanaan.current_pk(report.kecamatan, report.tahun)
    if pk is None or pk.status != pk.Status.DRAFT:
        return
    try:
        perencanaan.pk_tetapkan(user=user, pk=pk, tanggal=tanggal)
    except KinerjaError as error:
        raise LaporanError(error.message) from None


@transaction.atomic
def buat_perubahan(*, user, report_id: int, alasan: str) -> Report:
    """Start a correction: the signed revision becomes `digantikan`; a new draft revision copies its narrative."""
    report = _lock(report_id)
    check_user_can(user, "laporan.edit", report)
    if report.status != Report.Status.DITANDATANGANI:
        raise LaporanError("Perubahan hanya dapat dibuat dari laporan yang telah ditandatangani.")
    if not alasan.strip():
        raise LaporanError({"alasan": "Alasan perubahan wajib diisi."})
    report.status = Report.Status.DIGANTIKAN
    report.save(update_fields=["status", "diubah_pada"])
    return Report.objects.create(
        kecamatan=report.kecamatan,
        kind=report.kind,
        tahun=report.tahun,
        periode=report.periode,
        revisi=report.revisi + 1,
        narasi=dict(report.narasi or {}),
        alasan_perubahan=alasan.strip(),
        dibuat_oleh=user,
    )
