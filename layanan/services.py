"""Business operations of the SKM: managing services (staff) and saving an answer (public)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from layanan import tanda_terima
from layanan.ikm import NILAI_MAKS, NILAI_MIN, UMUR_MAKS, UMUR_MIN, UNSUR, JenisKelamin, Pekerjaan, Pendidikan
from layanan.models import UNSUR_FIELDS, WITA, JenisLayanan, ResponSkm
from sakip import permissions
from sakip.errors import Penolakan
from sakip.models import Unit
from sakip.validators import pesan_karakter_kontrol

SARAN_MAKS = 2000
KODE_MAKS = 64


def periode_dari(waktu: datetime.datetime) -> tuple[int, int]:
    """(tahun, triwulan) of a moment, in Asia/Makassar (WITA)."""
    lokal = waktu.astimezone(WITA)
    return lokal.year, (lokal.month - 1) // 3 + 1


def hash_tanda_terima(layanan: JenisLayanan, kode: str) -> str:
    """HMAC of a receipt code, so that the database never holds the code itself."""
    # Letters and digits only: "7KQ4M-9XD2A", "7kq4m 9xd2a" and "7KQ4M9XD2A" are one receipt (loket).
    normal = "".join(ch for ch in kode.upper() if ch.isalnum())
    pesan = f"{layanan.pk}:{normal}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), pesan, hashlib.sha256).hexdigest()


@transaction.atomic
def layanan_tambah(*, user, kecamatan: Unit, nama: str) -> JenisLayanan:
    permissions.check_user_can(user, "layanan.kelola", kecamatan)
    nama = " ".join((nama or "").split())
    if not nama:
        raise Penolakan("Nama layanan wajib diisi.", {"nama": ["Nama layanan wajib diisi."]})
    if pesan := pesan_karakter_kontrol(nama, "Nama layanan"):
        raise Penolakan(pesan, {"nama": [pesan]})
    if JenisLayanan.objects.filter(kecamatan=kecamatan, nama__iexact=nama).exists():
        pesan = f"Layanan \u201c{nama}\u201d sudah ada di kecamatan ini."
        raise Penolakan(pesan, {"nama": [pesan]})
    layanan = JenisLayanan(kecamatan=kecamatan, nama=nama)
    layanan._change_reason = "Layanan ditambahkan"
    layanan.save()
    return layanan


@transaction.atomic
def layanan_atur_aktif(*, user, layanan: JenisLayanan, aktif: bool) -> JenisLayanan:
    permissions.check_user_can(user, "layanan.kelola", layanan)
    layanan = JenisLayanan.objects.select_for_update().get(pk=layanan.pk)
    if layanan.aktif != aktif:
        layanan.aktif = aktif
        layanan._change_reason = "Layanan diaktifkan" if aktif else "Layanan dinonaktifkan"
        layanan.save(update_fields=["aktif"])
    return layanan


# The refusals of the respondent's profile, one per question, naming it (the survey form uses them too).
PESAN_PROFIL = {
    "umur": f"Umur: isi umur Anda dalam tahun (angka {UMUR_MIN} sampai {UMUR_MAKS}).",
    "jenis_kelamin": "Jenis kelamin: pilih Laki-laki atau Perempuan.",
    "pendidikan": "Pendidikan: pilih pendidikan terakhir Anda.",
    "pekerjaan": "Pekerjaan: pilih pekerjaan Anda (pilih Lainnya bila tidak ada yang sesuai).",
}


@dataclass(frozen=True)
class Profil:
    """The respondent's profile the questionnaire asks before the nine unsur (layanan.ikm)."""

    umur: int | None
    jenis_kelamin: str
    pendidikan: str
    pekerjaan: str


def _kesalahan_profil(profil: Profil) -> dict[str, list[str]]:
    errors = {}
    umur = profil.umur
    if not isinstance(umur, int) or isinstance(umur, bool) or not UMUR_MIN <= umur <= UMUR_MAKS:
        errors["umur"] = [PESAN_PROFIL["umur"]]
    for field, choices in (
        ("jenis_kelamin", JenisKelamin),
        ("pendidikan", Pendidikan),
        ("pekerjaan", Pekerjaan),
    ):
        if getattr(profil, field) not in choices.values:
            errors[field] = [PESAN_PROFIL[field]]
    return errors


TERPAKAI = "Kode tanda terima ini sudah dipakai untuk mengisi survei layanan ini. Terima kasih atas penilaian Anda."


def pesan_tanda_terima_terpakai(layanan, kode: str) -> str:
    """The refusal when a receipt code already answered this service's survey ("" when it has not): asked when the
    survey link opens, so the respondent is told before answering, and again when the answer is saved."""
    kode = (kode or "").strip()
    if not kode or len(kode) > KODE_MAKS:
        return ""
    tanda = hash_tanda_terima(layanan, kode)
    return TERPAKAI if ResponSkm.objects.filter(layanan=layanan, tanda_terima_hash=tanda).exists() else ""


@transaction.atomic
def respon_simpan(
    *,
    layanan: JenisLayanan,
    jawaban: dict[int, int],
    saran: str = "",
    kode_tanda_terima: str = "",
    pada: datetime.datetime | None = None,
    profil: Profil | None = None,
) -> ResponSkm:
    """Save one anonymous answer: the profile (all four questions, when given) and all nine unsur 1..4, or
    nothing (the refusal names the question). The public survey always gives the profile; an answer saved
    without one (an import, a test's shortcut) is counted as "Tidak diisi" in the report's profile."""
    if not layanan.aktif:
        raise Penolakan("Survei layanan ini sudah ditutup.")
    errors: dict[str, list[str]] = _kesalahan_profil(profil) if profil is not None else {}
    for unsur in UNSUR:
        nilai = jawaban.get(unsur.nomor)
        if not isinstance(nilai, int) or isinstance(nilai, bool) or not NILAI_MIN <= nilai <= NILAI_MAKS:
            errors[f"u{unsur.nomor}"] = [f"Unsur {unsur.nomor} ({unsur.nama}): pilih salah satu jawaban."]
    saran = (saran or "").strip()
    if len(saran) > SARAN_MAKS:
        errors["saran"] = [f"Saran dan masukan paling banyak {SARAN_MAKS} karakter."]
    elif pesan := pesan_karakter_kontrol(saran, "Saran dan masukan"):
        errors["saran"] = [pesan]
    kode = (kode_tanda_terima or "").strip()
    if len(kode) > KODE_MAKS:
        errors["kode_tanda_terima"] = [f"Kode tanda terima paling banyak {KODE_MAKS} karakter."]
    if errors:
        first = next(iter(errors.values()))[0]
        raise Penolakan(first if len(errors) == 1 else f"{first} (dan {len(errors) - 1} isian lain)", errors)
    tanda = hash_tanda_terima(layanan, kode) if kode else ""
    if sudah := pesan_tanda_terima_terpakai(layanan, kode):
        raise Penolakan(sudah, {"kode_tanda_terima": [sudah]})
    if kode and not tanda_terima.sah(layanan, kode):
        # A made-up code, another service's receipt, or a request not yet finished proves nothing.
        salah = (
            "Kode tanda terima tidak dikenal untuk layanan ini, atau permohonannya belum selesai. Periksa kode "
            "pada tanda terima Anda, atau kosongkan isian ini."
        )
        raise Penolakan(salah, {"kode_tanda_terima": [salah]})
    waktu = pada or timezone.now()
    tahun, triwulan = periode_dari(waktu)
    respon = ResponSkm(
        layanan=layanan,
        tahun=tahun,
        triwulan=triwulan,
        saran=saran,
        umur=profil.umur if profil else None,
        jenis_kelamin=profil.jenis_kelamin if profil else "",
        pendidikan=profil.pendidikan if profil else "",
        pekerjaan=profil.pekerjaan if profil else "",
        tanda_terima_hash=tanda,
        tanda_terima_sah=bool(tanda),
        dibuat_pada=waktu,
        **{f: jawaban[i] for i, f in enumerate(UNSUR_FIELDS, start=1)},
    )
    try:
        with transaction.atomic():
            respon.save()
    except IntegrityError:  # the same receipt code posted twice at once: one wins
        raise Penolakan(sudah, {"kode_tanda_terima": [sudah]}) from None
    return respon
