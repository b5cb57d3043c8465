"""Two-step sign-in (TOTP) for the people who sign or administer, when their kabupaten requires it.

Rules (one place):
* Who: a person holding (own or acting, `permissions.holdings`) a CAMAT, ADMIN or EVALUATOR position in a
  kabupaten whose `Unit.wajib_dua_langkah` is on (set by the kabupaten administrator in Pengaturan
  Kabupaten, `pengaturan.services.dua_langkah_atur`). Operators (superusers without a position) are not
  asked.
* When: after the password, before any other page (`sakip.account.AccountGateMiddleware`): without a
  confirmed authenticator the person enrols (secret shown as a QR code and as text, confirmed by a code,
  then 10 recovery codes shown once); with one, they type the 6-digit code or a recovery code (each
  recovery code works once).
* Wrong codes: DUA_LANGKAH_MAKS_GAGAL tries, then a wait of DUA_LANGKAH_JEDA_MENIT minutes (counted in
  the shared cache per person, as the verification page's rate limit is; every attempt is counted, atomically,
  before its code is checked, and a right code clears the count); passwords stay with django-axes.
* The secret of an enrolment in progress lives in the session only: opening the page writes no row.
Devices are django-otp's TOTPDevice and StaticDevice (recovery codes).
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from sakip import counters, permissions
from sakip.errors import Penolakan
from sakip.roles import Role

PERAN_DUA_LANGKAH = frozenset({Role.CAMAT, Role.ADMIN, Role.EVALUATOR})
JUMLAH_KODE_PEMULIHAN = 10
SESSION_KUNCI = "dua_langkah_kunci"  # hex secret of an enrolment in progress
NAMA_PERANGKAT = "Aplikasi autentikator"
NAMA_PEMULIHAN = "Kode pemulihan"


class DuaLangkahError(Penolakan):
    """A refused code (see sakip.errors)."""


def wajib(user) -> bool:
    """Must this person pass the TOTP step? (from the holdings cached on the user object for the request)"""
    if user is None or not user.is_authenticated:
        return False
    return any(h.kabupaten_wajib_dua_langkah for h in permissions.holdings(user) if h.role in PERAN_DUA_LANGKAH)


def perangkat(user) -> TOTPDevice | None:
    """The person's confirmed authenticator, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def terdaftar(user) -> bool:
    return perangkat(user) is not None


# --- wrong codes ------------------------------------------------------------------------------------


def _kunci_gagal(user) -> str:
    return f"dua_langkah_gagal:{user.pk}"


def _jeda_detik() -> int:
    return settings.DUA_LANGKAH_JEDA_MENIT * 60


def _pesan_jeda() -> DuaLangkahError:
    return DuaLangkahError(
        f"Terlalu banyak kode yang salah. Demi keamanan, coba lagi setelah {settings.DUA_LANGKAH_JEDA_MENIT} menit."
    )


def _hitung_percobaan(user) -> int:
    """Count this attempt before its code is checked (atomically: `sakip.counters`) and refuse it unchecked
    once the person is over the limit — forty codes sent in parallel are forty counts, not forty checks."""
    percobaan = counters.count(_kunci_gagal(user), window=_jeda_detik())
    if percobaan > settings.DUA_LANGKAH_MAKS_GAGAL:
        raise _pesan_jeda()
    return percobaan


def _tolak_kode(percobaan: int) -> None:
    left = settings.DUA_LANGKAH_MAKS_GAGAL - percobaan
    if left <= 0:
        raise _pesan_jeda()
    raise DuaLangkahError(f"Kode tidak sesuai. Sisa percobaan: {left}.", {"kode": "Kode tidak sesuai."})


def _bersihkan_gagal(user) -> None:
    counters.reset(_kunci_gagal(user))


# --- enrolment --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pendaftaran:
    """What the enrolment page shows: the otpauth:// URI (as a QR code) and the secret as text."""

    uri: str
    rahasia: str  # base32, as authenticator apps take it when typed

    @property
    def rahasia_berkelompok(self) -> str:
        return " ".join(self.rahasia[i : i + 4] for i in range(0, len(self.rahasia), 4))

    def qr_svg(self) -> str:
        import segno

        return segno.make(self.uri, error="m").svg_inline(scale=5, title="Kode QR aplikasi autentikator")


def _device_for(user, key_hex: str) -> TOTPDevice:
    return TOTPDevice(user=user, name=NAMA_PERANGKAT, key=key_hex, confirmed=False)


def pendaftaran(request) -> Pendaftaran:
    """The secret of the enrolment in progress (made once per session; no row is written)."""
    key_hex = request.session.get(SESSION_KUNCI)
    if not key_hex:
        key_hex = default_key()
        request.session[SESSION_KUNCI] = key_hex
    device = _device_for(request.user, key_hex)
    return Pendaftaran(uri=device.config_url, rahasia=base64.b32encode(device.bin_key).decode())


def daftar(request, *, kode: str) -> list[str]:
    """Confirm the enrolment with a code from the app; returns the recovery codes (shown once).

    Replaces any earlier device of the person; the session counts as verified from now on. (The count of
    wrong codes is written outside any transaction: a refusal must not roll it back with the database cache.)
    """
    user = request.user
    key_hex = request.session.get(SESSION_KUNCI)
    if not key_hex:
        raise DuaLangkahError("Sesi pendaftaran berakhir. Muat ulang halaman dan pindai kode QR yang baru.")
    percobaan = _hitung_percobaan(user)
    device = _device_for(user, key_hex)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    kode = (kode or "").strip().replace(" ", "")
    if not (kode.isascii() and kode.isdecimal() and totp.verify(int(kode), device.tolerance)):
        _tolak_kode(percobaan)
    _bersihkan_gagal(user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.last_t = totp.t()  # the code just typed cannot be used again
        device.save()
        recovery = StaticDevice.objects.create(user=user, name=NAMA_PEMULIHAN, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(JUMLAH_KODE_PEMULIHAN)]
        StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    del request.session[SESSION_KUNCI]
    otp_login(request, device)
    return codes


# --- sign-in ----------------------------------------------------------------------------------------


def _cocokkan(user, kode: str):
    """The device that accepts `kode` (TOTP first, then a recovery code, which is deleted as it is used)."""
    with transaction.atomic():
        if kode.isdigit():
            for device in TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update():
                if device.verify_token(kode):
                    return device
        for device in StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(kode):
                return device
    return None


def verifikasi(request, *, kode: str) -> bool:
    """Check a 6-digit code or a recovery code; the session counts as verified. Returns True when a
    recovery code was used (it is gone now)."""
    user = request.user
    percobaan = _hitung_percobaan(user)
    kode = (kode or "").strip().replace(" ", "").replace("-", "").lower()
    device = _cocokkan(user, kode) if kode else None
    if device is None:
        _tolak_kode(percobaan)
    _bersihkan_gagal(user)
    otp_login(request, device)
    return isinstance(device, StaticDevice)


def sisa_kode_pemulihan(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
