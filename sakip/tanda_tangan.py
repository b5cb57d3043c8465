"""The signer's secret, checked in one place for every signed document (issue 25).

Signing a report, establishing a PK or a Renstra, signing the Inspektorat's review statement or an LHE all ask
the signer to type their password again. That check is `periksa_kata_sandi`, and nowhere else:

* throttled per person: after `TANDA_TANGAN_BATAS` wrong passwords within `TANDA_TANGAN_JENDELA` seconds the
  next attempt is refused without hashing it (a stolen session cannot try passwords against the signing form);
  counted in the shared cache (sakip.counters), so every worker process sees the same count;
* audited: every refusal is logged with the person and the document, never the password.

Call it before the signing transaction opens: a refusal raised inside an atomic block would roll the count
back with the database cache. The certified signer's passphrase (BSrE) is the signer backend's to check.
"""

import logging

from django.conf import settings

from sakip import counters
from sakip.errors import Penolakan

logger = logging.getLogger("sakip.tanda_tangan")


class KataSandiDitolak(Penolakan):
    """A wrong signing password, or too many of them."""


def _batas() -> int:
    return getattr(settings, "TANDA_TANGAN_BATAS", 10)


def _jendela() -> int:
    return getattr(settings, "TANDA_TANGAN_JENDELA", 60)


def _kunci(user) -> str:
    return f"tanda-tangan:{user.pk}"


def periksa_kata_sandi(user, password: str, *, dokumen: str = "") -> None:
    """Refuse unless `password` is the signer's own (compared exactly as typed)."""
    kunci = _kunci(user)
    if counters.current(kunci) >= _batas():
        logger.warning("signing refused unchecked: too many wrong passwords (user %s, %s)", user.pk, dokumen)
        message = f"Terlalu banyak kata sandi salah. Tunggu {_jendela()} detik sebelum mencoba menandatangani lagi."
        raise KataSandiDitolak(message, {"password": message})
    if password and user.check_password(password):
        return
    counters.count(kunci, window=_jendela())
    logger.warning("signing password refused (user %s, %s)", user.pk, dokumen)
    message = "Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda."
    raise KataSandiDitolak(message, {"password": message})
