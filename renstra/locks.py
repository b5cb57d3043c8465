"""Locks on the Renstra that hold on every path (pages, commands, the admin, a shell).

The services (renstra/services.py) check these rules first and explain them on the pages; these receivers
make them hold for any `save()` or `delete()` of a model instance, whoever calls it:

* tujuan, sasaran strategis (with their strategi and arah kebijakan), indicators, targets, the typed
  naskah (BabRenstra), programmes, kegiatan and their pagu of an established or superseded Renstra refuse
  change, creation and deletion (also moving one into or out of such a Renstra);
* an established Renstra changes only by becoming `digantikan` (a Renstra Perubahan) or by the Camat's
  designation of the IKU; a superseded one never changes.

A save that changes no value passes; loading a backup (`raw` saves) is not checked. Queryset `update()`
and `bulk_create()` send no signals: services use them only where no locked value changes (the IKU flags
set by `iku_tetapkan`).
"""

from django.db.models.signals import pre_delete, pre_save

from renstra.models import (
    BabRenstra,
    IndikatorRenstra,
    KegiatanRenstra,
    PaguRenstra,
    ProgramRenstra,
    Renstra,
    SasaranRenstra,
    TargetRenstra,
    TujuanRenstra,
)
from renstra.services import RenstraError

IKU_FIELDS = {"iku_ditetapkan_oleh", "iku_ditetapkan_sebutan", "iku_ditetapkan_pada"}


class RenstraTerkunci(RenstraError):
    """The Renstra is established or superseded: it changes only through a Renstra Perubahan."""


def _changed(stored, instance) -> set[str]:
    return {
        f.name for f in instance._meta.concrete_fields if getattr(stored, f.attname) != getattr(instance, f.attname)
    }


def _renstra_id(instance) -> int | None:
    if isinstance(instance, TargetRenstra):
        return IndikatorRenstra.objects.filter(pk=instance.indikator_id).values_list("renstra_id", flat=True).first()
    if isinstance(instance, PaguRenstra):
        return KegiatanRenstra.objects.filter(pk=instance.kegiatan_id).values_list("renstra_id", flat=True).first()
    if isinstance(instance, KegiatanRenstra):
        return ProgramRenstra.objects.filter(pk=instance.program_id).values_list("renstra_id", flat=True).first()
    if isinstance(instance, SasaranRenstra):
        return TujuanRenstra.objects.filter(pk=instance.tujuan_id).values_list("renstra_id", flat=True).first()
    return instance.renstra_id


def _refuse_if_locked(renstra_id) -> None:
    status = Renstra.objects.filter(pk=renstra_id).values_list("status", flat=True).first()
    if status in (Renstra.Status.DITETAPKAN, Renstra.Status.DIGANTIKAN):
        raise RenstraTerkunci(
            "Renstra ini telah ditetapkan: tujuan, sasaran, indikator, target, naskah dan program hanya dapat "
            "diubah melalui Renstra Perubahan."
        )


def guard_part(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.pk is not None and not instance._state.adding:
        stored = sender.objects.filter(pk=instance.pk).first()
        if stored is not None:
            if not _changed(stored, instance):
                return
            _refuse_if_locked(_renstra_id(stored))
    _refuse_if_locked(_renstra_id(instance))


def guard_part_delete(sender, instance, **kwargs):
    _refuse_if_locked(_renstra_id(instance))


def guard_renstra(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    stored = Renstra.objects.filter(pk=instance.pk).first()
    if stored is None:
        return
    changed = _changed(stored, instance)
    if not changed:
        return
    if stored.status == Renstra.Status.DIGANTIKAN:
        raise RenstraTerkunci(f"{stored} telah digantikan dan tidak dapat diubah.")
    if stored.status == Renstra.Status.DITETAPKAN and changed - IKU_FIELDS - {"status"}:
        raise RenstraTerkunci(f"{stored} telah ditetapkan: perubahan hanya melalui Renstra Perubahan.")
    if stored.status == Renstra.Status.DITETAPKAN and "status" in changed and instance.status != "digantikan":
        raise RenstraTerkunci(f"{stored} telah ditetapkan: perubahan hanya melalui Renstra Perubahan.")


def guard_renstra_delete(sender, instance, **kwargs):
    if instance.status != Renstra.Status.DRAFT:
        raise RenstraTerkunci(f"{instance} telah ditetapkan dan tidak dapat dihapus.")


def connect() -> None:
    for model in (
        TujuanRenstra,
        SasaranRenstra,
        IndikatorRenstra,
        TargetRenstra,
        BabRenstra,
        ProgramRenstra,
        KegiatanRenstra,
        PaguRenstra,
    ):
        pre_save.connect(guard_part, sender=model, dispatch_uid=f"renstra-lock-{model.__name__}")
        pre_delete.connect(guard_part_delete, sender=model, dispatch_uid=f"renstra-lock-del-{model.__name__}")
    pre_save.connect(guard_renstra, sender=Renstra, dispatch_uid="renstra-lock-renstra")
    pre_delete.connect(guard_renstra_delete, sender=Renstra, dispatch_uid="renstra-lock-del-renstra")
