"""Issuing and revoking API tokens, and recording each call (one transaction each).

Issuing and revoking are the kabupaten administrator's (sakip.permissions.check_user_can_administer_kabupaten),
audited by django-simple-history. The value of a new token is returned once and never stored: only its
SHA-256 is (api.models.hash_token).
"""

import secrets

from django.db import transaction
from django.utils import timezone

from api.models import PanggilanApi, TokenApi, hash_token
from sakip import permissions
from sakip.errors import Penolakan
from sakip.models import Unit
from sakip.validators import pesan_karakter_kontrol

AWALAN = "sakip_"
PANJANG_AWALAN = 12  # "sakip_" and six characters of the random part


class TokenError(Penolakan):
    """A refused change of the API tokens (see sakip.errors)."""


def _nilai_baru() -> str:
    return AWALAN + secrets.token_urlsafe(32)


@transaction.atomic
def token_buat(*, user, kabupaten: Unit, nama: str) -> tuple[TokenApi, str]:
    """A new token of `kabupaten` named `nama`; returns the row and the value (shown once, never stored)."""
    permissions.check_user_can_administer_kabupaten(user, kabupaten)
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise TokenError("Token API diterbitkan per kabupaten.")
    nama = (nama or "").strip()
    if not nama:
        raise TokenError("Nama token wajib diisi.", {"nama": "Nama token wajib diisi."})
    salah = pesan_karakter_kontrol(nama, "Nama token")
    if salah:
        raise TokenError(salah, {"nama": salah})
    if TokenApi.objects.filter(kabupaten=kabupaten, nama__iexact=nama, dicabut_pada__isnull=True).exists():
        pesan = f"Sudah ada token aktif bernama {nama}. Pakai nama lain, atau cabut token itu lebih dahulu."
        raise TokenError(pesan, {"nama": pesan})
    nilai = _nilai_baru()
    token = TokenApi(kabupaten=kabupaten, nama=nama, awalan=nilai[:PANJANG_AWALAN], hash=hash_token(nilai))
    token.dibuat_oleh = user
    token._change_reason = "Token API diterbitkan oleh administrator kabupaten"
    token.save()
    return token, nilai


@transaction.atomic
def token_cabut(*, user, token: TokenApi) -> TokenApi:
    """Revoke `token` for good: every later call with it is refused (401). Revoking twice is refused."""
    permissions.check_user_can_administer_kabupaten(user, token.kabupaten)
    token = TokenApi.objects.select_for_update().get(pk=token.pk)
    if token.dicabut_pada is not None:
        raise TokenError(f"Token {token.nama} sudah dicabut.")
    token.dicabut_pada = timezone.now()
    token.dicabut_oleh = user
    token._change_reason = "Token API dicabut oleh administrator kabupaten"
    token.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    return token


@transaction.atomic
def panggilan_catat(*, token: TokenApi, metode: str, path: str, status: int, alamat_ip: str | None) -> PanggilanApi:
    """Record one call made with `token` and when it was last used (the API's own audit, not a user's act)."""
    now = timezone.now()
    TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
    return PanggilanApi.objects.create(
        token=token, pada=now, metode=metode[:8], path=path[:500], status=status, alamat_ip=alamat_ip
    )
