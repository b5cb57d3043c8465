"""Business operations of the front desk: register an applicant (starting a service run), link an SOP to
its SKM survey. One transaction each, checked by sakip.permissions."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from layanan.models import JenisLayanan
from loket.models import Permohonan, SurveiLayanan, kode_baru
from sakip import nik as nik_rules
from sakip import permissions
from sakip.errors import Penolakan
from sakip.limits import too_long
from sakip.validators import pesan_karakter_kontrol
from sop.models import Sop, SopRevision
from workflow import services as workflow_services

PANJANG_NIK = 16


def samarkan_nik(nik: str) -> str:
    """A NIK as it may be kept and shown: the first and last four digits ("6308********0003"); the one rule
    for every NIK on screen is sakip/nik.py's."""
    return nik_rules.samarkan(nik)


def _tolak(field: str, pesan: str):
    raise Penolakan(pesan, {field: [pesan]})


def _bersihkan(*, nama_pemohon: str, nik: str, kontak: str) -> tuple[str, str, str]:
    nama = " ".join((nama_pemohon or "").split())
    if not nama:
        _tolak("nama_pemohon", "Nama pemohon wajib diisi.")
    kontak = (kontak or "").strip()
    for field, label, value in (("nama_pemohon", "Nama pemohon", nama), ("kontak", "Kontak", kontak)):
        if pesan := pesan_karakter_kontrol(value, label):
            _tolak(field, pesan)
        if pesan := too_long(Permohonan, field, value):
            _tolak(field, f"{label} {pesan}")
    nik = "".join((nik or "").split())
    if nik and not (nik.isascii() and nik.isdigit() and len(nik) == PANJANG_NIK):
        _tolak("nik", f"NIK harus {PANJANG_NIK} angka (atau dikosongkan).")
    return nama, (samarkan_nik(nik) if nik else ""), kontak


@transaction.atomic
def permohonan_daftar(*, user, revision: SopRevision, nama_pemohon: str, nik: str = "", kontak: str = "") -> Permohonan:
    """Register one applicant at the counter: start a service run of the effective SOP (its applicant's
    first step recorded as received now) and issue the receipt's tracking code. The NIK is masked here,
    before anything is stored."""
    permissions.check_user_can(user, "workflow.start_service_run", revision.sop)
    nama, nik_tersamar, kontak = _bersihkan(nama_pemohon=nama_pemohon, nik=nik, kontak=kontak)
    run = workflow_services.run_start_layanan(user=user, revision=revision)
    tautan = SurveiLayanan.objects.filter(sop_id=revision.sop_id, layanan__aktif=True).first()
    for _ in range(5):
        permohonan = Permohonan(
            run=run,
            kecamatan_id=run.kecamatan_id,
            kode=kode_baru(),
            nama_pemohon=nama,
            nik_tersamar=nik_tersamar,
            kontak=kontak,
            layanan_id=tautan.layanan_id if tautan else None,
            dicatat_oleh=user,
            dibuat_pada=run.dimulai_pada or timezone.now(),
        )
        try:
            with transaction.atomic():
                permohonan.save()
        except IntegrityError:  # the same code drawn twice (about one in 10^14): draw again
            continue
        return permohonan
    raise Penolakan("Kode tanda terima tidak dapat dibuat. Silakan ulangi.")


@transaction.atomic
def survei_tautkan(*, user, sop: Sop, layanan: JenisLayanan | None) -> SurveiLayanan | None:
    """Link a service SOP to the SKM service its receipts point to (None: unlink)."""
    permissions.check_user_can(user, "layanan.kelola", sop)
    if layanan is not None and layanan.kecamatan_id != sop.kecamatan_id:
        _tolak("layanan", "Layanan SKM harus milik kecamatan yang sama dengan SOP.")
    if layanan is None:
        SurveiLayanan.objects.filter(sop=sop).delete()
        return None
    tautan, _ = SurveiLayanan.objects.update_or_create(sop=sop, defaults={"layanan": layanan})
    return tautan
