"""Validators shared by every app's input."""

import re

from django.core.exceptions import ValidationError

# C0 control characters and DEL, except tab (\x09), newline (\x0a) and carriage return (\x0d): they
# cannot be written to XML (workbooks, backups of old) and nobody types them on purpose.
KARAKTER_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def tolak_karakter_kontrol(value, nama_isian: str = "Isian"):
    """Refuse text holding control characters other than newline, carriage return and tab."""
    if isinstance(value, str) and KARAKTER_KONTROL.search(value):
        raise ValidationError(
            f"{nama_isian} memuat karakter kontrol yang tidak diizinkan (selain baris baru dan tab). "
            "Hapus karakter tersebut, misalnya dengan mengetik ulang teks yang disalin, lalu simpan kembali.",
            code="karakter_kontrol",
        )
    return value
