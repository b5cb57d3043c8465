"""PK berjenjang: declaring a Camat's indicator computed from its supporting indicators (kinerja/berjenjang.py).

Composing, establishing and changing the cascading PKs themselves goes through kinerja.services.perencanaan
with the position (`jabatan`); this module holds the one operation they do not share.
"""

from django.db import transaction

from kinerja import berjenjang
from kinerja.models import Indikator, PerjanjianKinerja, SumberHitung
from kinerja.services import KinerjaError
from sakip import permissions


@transaction.atomic
def hitung_pendukung_simpan(*, user, indikator: Indikator, cara: str) -> Indikator:
    """Declare (or, with `cara` "", withdraw) that a Camat's indicator takes its quarterly realisation from its
    supporting indicators by `cara` (jumlah, rata, terakhir).

    How an indicator is measured, not what the PK agrees: allowed on an established PK (kinerja.locks lets
    this one field change), but only while no quarter of the year has left draft, so that no submitted or
    approved figure moves (`berjenjang.alasan_susunan_terkunci`).
    """
    permissions.check_user_can(user, "kinerja.edit_pk", indikator)
    indikator = Indikator.objects.select_for_update().select_related("sasaran__perjanjian").get(pk=indikator.pk)
    if indikator.pk_jabatan_id is not None:
        raise KinerjaError("Hanya indikator PK Camat yang dapat dihitung dari indikator pendukung.")
    if indikator.sasaran.perjanjian.status == PerjanjianKinerja.Status.DIGANTIKAN:
        raise KinerjaError("Indikator ini milik Perjanjian Kinerja yang telah digantikan.")
    if cara not in Indikator.HitungPendukung.values:
        raise KinerjaError("Periksa isian.", {"hitung_dari_pendukung": "Pilih cara perhitungan yang tersedia."})
    if cara == indikator.hitung_dari_pendukung:
        return indikator
    if cara:
        errors = {}
        if indikator.kualitatif:
            errors["hitung_dari_pendukung"] = "Indikator kualitatif tidak dapat dihitung dari indikator pendukung."
        elif SumberHitung.objects.filter(indikator=indikator).exists():
            errors["hitung_dari_pendukung"] = (
                "Indikator ini sudah dihitung aplikasi dari data yang tercatat; pilih salah satu sumber saja."
            )
        elif indikator.pendukung.filter(skala__isnull=False).exists():
            errors["hitung_dari_pendukung"] = "Indikator pendukung kualitatif tidak dapat dijumlahkan atau dirata-rata."
        if errors:
            raise KinerjaError("Periksa isian.", errors)
    if message := berjenjang.alasan_susunan_terkunci(indikator.kecamatan_id, indikator.tahun):
        raise KinerjaError("Periksa isian.", {"hitung_dari_pendukung": message})
    indikator.hitung_dari_pendukung = cara
    indikator._change_reason = f"realisasi dari indikator pendukung: {indikator.get_hitung_dari_pendukung_display()}"
    indikator.save(update_fields=["hitung_dari_pendukung"])
    return indikator
