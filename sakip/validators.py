"""Validators shared by every app's input.

Control characters: every text a person types is checked once, in one of two places.
* Django forms: `sakip.forms.TeksBersihMixin` (the base of every project form: `sakip.forms.Form`,
  `sakip.forms.ModelForm`) puts `tolak_karakter_kontrol` on each text field, named after its label.
* Services that take raw text (SOP editor, laporan narrative, workflow catatan/alasan, PK Perubahan
  alasan, Rencana Aksi, realisation texts) ask `pesan_karakter_kontrol` and raise their own refusal.
What was stored before the rule is written to workbooks without them (`sakip.xlsx_text`).
"""

import re

from django.core.exceptions import ValidationError

# C0 control characters and DEL, except tab (\x09), newline (\x0a) and carriage return (\x0d): they
# cannot be written to XML (workbooks, backups of old) and nobody types them on purpose.
KARAKTER_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def pesan_karakter_kontrol(value, nama_isian: str = "Isian") -> str | None:
    """The Indonesian message naming the field when `value` holds a forbidden control character, else None."""
    if isinstance(value, str) and KARAKTER_KONTROL.search(value):
        return (
            f"{nama_isian} memuat karakter kontrol yang tidak diizinkan (selain baris baru dan tab). "
            "Hapus karakter tersebut, misalnya dengan mengetik ulang teks yang disalin, lalu simpan kembali."
        )
    return None


def tolak_karakter_kontrol(value, nama_isian: str = "Isian"):
    """Refuse text holding control characters other than newline, carriage return and tab."""
    if message := pesan_karakter_kontrol(value, nama_isian):
        raise ValidationError(message, code="karakter_kontrol")
    return value
