"""Locks on performance data that hold on every path: pages, workbook, commands, the admin, a shell.

The services (kinerja/services/) check these rules first and explain them on the pages; the receivers
here make them hold for any `save()` or `delete()` of a model instance, whoever calls it:

* A Perjanjian Kinerja becomes `ditandatangani` only with a pihak pertama who may establish it (the
  Camat or an acting official: `kinerja.sign_pk`; a cascading PK: the holder of its position,
  `permissions.user_can_establish_pk`). An established PK changes only by becoming
  `digantikan` (a PK Perubahan); a superseded one never changes; neither is deleted.
* Sasaran, indicators and Rencana Aksi of an established or superseded PK refuse change, creation and
  deletion (also moving one into or out of such a PK).
* A realisation of a quarter that is not a draft (diajukan, diverifikasi, disetujui) refuses change
  (and deletion, unless it is blank); so does the realised budget of such a quarter.
* Evidence (bukti dukung) of such a quarter refuses upload, change and deletion.

A save that changes no value passes. Loading a backup (`raw` saves) is not checked. Queryset
`update()` and `bulk_create()` send no signals: services use them only where no locked value changes
(pk_perubahan re-points realisations to the copies of their indicators). The locks of a signed report
live in laporan/locks.py (laporan sits above kinerja).
"""

from django.db.models.signals import pre_delete, pre_save

from kinerja.models import (
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
    Triwulan,
)
from kinerja.services import KinerjaError
from sakip import periode, permissions

PK = PerjanjianKinerja.Status
TW = Triwulan.Status


class DataTerkunci(KinerjaError):
    """The data is locked (an established PK, a quarter that is no longer a draft, a signed report)."""


def _changed(stored, instance, update_fields=None) -> set[str]:
    """Names of the concrete fields whose value the save would change."""
    names = set(update_fields) if update_fields else None
    return {
        f.name
        for f in instance._meta.concrete_fields
        if (names is None or f.name in names or f.attname in names)
        and getattr(stored, f.attname) != getattr(instance, f.attname)
    }


def _adding(instance) -> bool:
    return instance._state.adding or instance.pk is None


def _stored(instance):
    return None if _adding(instance) else type(instance)._default_manager.filter(pk=instance.pk).first()


# --- Perjanjian Kinerja ---------------------------------------------------------------------------


def _pk_locked_message(pk: PerjanjianKinerja) -> str:
    return (
        f'{pk} berstatus "{pk.get_status_display()}". Sasaran, indikator dan target hanya dapat diubah '
        "melalui PK Perubahan."
    )


def _may_establish(pk: PerjanjianKinerja, stored: PerjanjianKinerja | None, update_fields) -> bool:
    """The pihak pertama the row will hold is someone who may establish the PK (the Camat or acting official)."""
    written = stored is None or not update_fields or {"pihak_pertama", "pihak_pertama_id"} & set(update_fields)
    signer = (pk if written else stored).pihak_pertama
    return bool(signer and signer.is_active and permissions.user_can_establish_pk(signer, pk))


def guard_perjanjian(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    stored = _stored(instance)
    before = stored.status if stored is not None else None
    after = instance.status
    if before in (None, PK.DRAFT):
        if after == PK.DITANDATANGANI and not _may_establish(instance, stored, update_fields):
            raise DataTerkunci(
                "Perjanjian Kinerja hanya dapat ditetapkan oleh Camat atau pejabat yang mewakilinya (Plt./Plh.) "
                "melalui halaman Perjanjian Kinerja; PK berjenjang oleh pemegang jabatannya."
            )
        if after == PK.DIGANTIKAN:
            raise DataTerkunci(
                "Status digantikan hanya diberikan saat PK Perubahan dibuat dari PK yang telah ditetapkan."
            )
        return
    changed = _changed(stored, instance, update_fields)
    if not changed or (changed == {"status"} and before == PK.DITANDATANGANI and after == PK.DIGANTIKAN):
        return
    raise DataTerkunci(
        f'{stored} berstatus "{stored.get_status_display()}" dan tidak dapat diubah atau dikembalikan menjadi draf. '
        "Perubahan hanya melalui PK Perubahan."
    )


def guard_perjanjian_delete(sender, instance, **kwargs):
    stored = _stored(instance)
    if stored is not None and stored.status != PK.DRAFT:
        raise DataTerkunci(f'{stored} berstatus "{stored.get_status_display()}" dan tidak dapat dihapus.')


# Sasaran, Indikator, RencanaAksi: the PK of the parent the instance names, and of the stored row.
_PARENT = {
    Sasaran: lambda i: PerjanjianKinerja.objects.filter(pk=i.perjanjian_id),
    Indikator: lambda i: PerjanjianKinerja.objects.filter(sasaran=i.sasaran_id),
    RencanaAksi: lambda i: PerjanjianKinerja.objects.filter(sasaran__indikator=i.indikator_id),
}
_STORED = {
    Sasaran: "sasaran",
    Indikator: "sasaran__indikator",
    RencanaAksi: "sasaran__indikator__rencana_aksi",
}


def _established_pk(sender, instance, *, include_parent: bool) -> PerjanjianKinerja | None:
    candidates = []
    if include_parent:
        candidates.append(_PARENT[sender](instance).first())
    if not _adding(instance):
        candidates.append(PerjanjianKinerja.objects.filter(**{_STORED[sender]: instance.pk}).first())
    return next((pk for pk in candidates if pk is not None and pk.status != PK.DRAFT), None)


def guard_pk_content(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    pk = _established_pk(sender, instance, include_parent=True)
    if pk is None:
        return
    stored = _stored(instance)
    if stored is not None and not _changed(stored, instance, update_fields) - HOW_MEASURED.get(sender, set()):
        return
    raise DataTerkunci(_pk_locked_message(pk))


# How a Camat's indicator is measured, not what the PK agrees: whether it is computed from its supporting
# indicators (kinerja.berjenjang) may be declared on an established PK, while no quarter has left draft
# (kinerja.services.berjenjang checks that).
HOW_MEASURED = {Indikator: {"hitung_dari_pendukung"}}


def guard_pk_content_delete(sender, instance, **kwargs):
    pk = _established_pk(sender, instance, include_parent=False)
    if pk is not None:
        raise DataTerkunci(_pk_locked_message(pk))


# --- Quarters: realisations, evidence, realised budget ----------------------------------------------


def _closed_quarter(kecamatan_id, tahun, triwulan) -> Triwulan | None:
    quarter = Triwulan.objects.filter(kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan).first()
    return quarter if quarter is not None and quarter.status != TW.DRAFT else None


def _refuse_closed(kecamatan_id, tahun, triwulan, what: str) -> None:
    quarter = _closed_quarter(kecamatan_id, tahun, triwulan)
    if quarter is not None:
        raise DataTerkunci(
            f"{what} {periode.tw(triwulan, tahun)} tidak dapat diubah: data triwulan ini berstatus "
            f'"{quarter.get_status_display()}". Perubahan hanya dapat dilakukan setelah dikembalikan atau '
            "dibuka kembali."
        )


def guard_realisasi(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    stored = _stored(instance)
    if stored is not None and not _changed(stored, instance, update_fields):
        return
    for row in (instance, stored):
        if row is not None:
            _refuse_closed(row.kecamatan_id, row.tahun, row.triwulan, "Realisasi")


def _blank(realisasi: Realisasi) -> bool:
    return not (realisasi.terisi or realisasi.catatan or realisasi.hambatan or realisasi.upaya)


def guard_realisasi_delete(sender, instance, **kwargs):
    stored = _stored(instance) or instance
    if not _blank(stored):
        _refuse_closed(stored.kecamatan_id, stored.tahun, stored.triwulan, "Realisasi")


def _refuse_bukti(bukti: BuktiDukung) -> None:
    realisasi = Realisasi.objects.filter(pk=bukti.realisasi_id).first()
    if realisasi is not None:
        _refuse_closed(realisasi.kecamatan_id, realisasi.tahun, realisasi.triwulan, "Bukti dukung")


def guard_bukti(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    stored = _stored(instance)
    if stored is not None and not _changed(stored, instance, update_fields):
        return
    for row in (instance, stored):
        if row is not None:
            _refuse_bukti(row)


def guard_bukti_delete(sender, instance, **kwargs):
    _refuse_bukti(_stored(instance) or instance)


def guard_anggaran(sender, instance, raw=False, update_fields=None, **kwargs):
    """The realised amount of a quarter that is no longer a draft; the plan may change (APBD Perubahan)."""
    if raw:
        return
    stored = _stored(instance)
    if stored is None:
        if instance.realisasi is None:
            return
    elif "realisasi" not in _changed(stored, instance, update_fields) and stored.triwulan == instance.triwulan:
        return
    sub = SubKegiatan.objects.filter(pk=instance.sub_kegiatan_id).values("kecamatan_id", "kegiatan__program__tahun")
    for row in sub[:1]:
        _refuse_closed(row["kecamatan_id"], row["kegiatan__program__tahun"], instance.triwulan, "Realisasi anggaran")
        if stored is not None and stored.triwulan != instance.triwulan:
            _refuse_closed(row["kecamatan_id"], row["kegiatan__program__tahun"], stored.triwulan, "Realisasi anggaran")


def connect():
    pre_save.connect(guard_perjanjian, sender=PerjanjianKinerja, dispatch_uid="kinerja_lock_pk")
    pre_delete.connect(guard_perjanjian_delete, sender=PerjanjianKinerja, dispatch_uid="kinerja_lock_pk_delete")
    for model in (Sasaran, Indikator, RencanaAksi):
        name = model._meta.model_name
        pre_save.connect(guard_pk_content, sender=model, dispatch_uid=f"kinerja_lock_{name}")
        pre_delete.connect(guard_pk_content_delete, sender=model, dispatch_uid=f"kinerja_lock_{name}_delete")
    pre_save.connect(guard_realisasi, sender=Realisasi, dispatch_uid="kinerja_lock_realisasi")
    pre_delete.connect(guard_realisasi_delete, sender=Realisasi, dispatch_uid="kinerja_lock_realisasi_delete")
    pre_save.connect(guard_bukti, sender=BuktiDukung, dispatch_uid="kinerja_lock_bukti")
    pre_delete.connect(guard_bukti_delete, sender=BuktiDukung, dispatch_uid="kinerja_lock_bukti_delete")
    pre_save.connect(guard_anggaran, sender=AnggaranTriwulan, dispatch_uid="kinerja_lock_anggaran")
