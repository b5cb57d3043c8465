"""The year's budget: Program > Kegiatan > SubKegiatan with pagu and planned amounts per quarter, and the
realised amount per sub-activity per quarter.

Rules:
* The structure and the plan may change during the year (APBD Perubahan): `kinerja.edit_anggaran`.
* A quarter's realised amounts change only while that quarter is a draft, like the indicator
  realisations (a signed report's lock applies too: laporan/locks.py).
* A new or changed programme, kegiatan or sub kegiatan code must be in the national nomenclature in force for
  the year, under its parent's code (kinerja/nomenklatur.py).
* The planned quarters of a sub-activity never add up to more than its pagu; realised amounts over the
  year never exceed it either.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from kinerja import nomenklatur
from kinerja.angka import AngkaError, parse_angka_tepat
from kinerja.models import AnggaranTriwulan, Kegiatan, Program, SubKegiatan, Triwulan
from kinerja.services import KinerjaError
from kinerja.services.realisasi import _lock_quarter
from sakip import permissions
from sakip.formatting import format_angka
from sakip.models import Unit


def rencana_melebihi_pagu(pagu, planned) -> str | None:
    """The one rule of the quarterly plan: its sum never exceeds the pagu. A message, or None."""
    total = sum((p for p in planned if p is not None), Decimal(0))
    if pagu is not None and total > pagu:
        return f"Jumlah rencana triwulan (Rp {format_angka(total, 2)}) melebihi pagu (Rp {format_angka(pagu, 2)})."
    return None


def _periksa_kode(obj, tingkat: str, tahun: int, kecamatan_id: int, induk_kode: str | None = None) -> None:
    """A new or changed code must be in the nomenclature in force for the year (kinerja/nomenklatur.py); a code
    stored before the rule is kept as it is while it does not change."""
    stored = type(obj).objects.filter(pk=obj.pk).values_list("kode", flat=True).first() if obj.pk else None
    if stored == obj.kode:
        return
    aturan = nomenklatur.berlaku(tahun, kecamatan_id)
    if message := aturan.periksa(obj.kode, tingkat, tahun, induk_kode=induk_kode):
        raise KinerjaError("Periksa isian.", {"kode": message[0].upper() + message[1:]})


def _duplicate(kode: str) -> KinerjaError:
    return KinerjaError("Periksa isian.", {"kode": f"Kode {kode} sudah dipakai."})


@transaction.atomic
def program_simpan(*, user, kecamatan: Unit, tahun: int, kode: str, nama: str, program: Program | None = None):
    permissions.check_user_can(user, "kinerja.edit_anggaran", kecamatan)
    program = program or Program(kecamatan=kecamatan, tahun=tahun)
    program.kode, program.nama = kode.strip(), nama.strip()
    _periksa_kode(program, "program", program.tahun, program.kecamatan_id)
    try:
        with transaction.atomic():
            program.save()
    except IntegrityError as error:
        raise _duplicate(program.kode) from error
    return program


@transaction.atomic
def kegiatan_simpan(*, user, program: Program, kode: str, nama: str, kegiatan: Kegiatan | None = None):
    permissions.check_user_can(user, "kinerja.edit_anggaran", program)
    kegiatan = kegiatan or Kegiatan(program=program)
    kegiatan.kode, kegiatan.nama = kode.strip(), nama.strip()
    _periksa_kode(kegiatan, "kegiatan", program.tahun, program.kecamatan_id, program.kode)
    try:
        with transaction.atomic():
            kegiatan.save()
    except IntegrityError as error:
        raise _duplicate(kegiatan.kode) from error
    return kegiatan


@transaction.atomic
def sub_kegiatan_simpan(*, user, kegiatan: Kegiatan, data: dict, sub: SubKegiatan | None = None) -> SubKegiatan:
    """Save a sub-activity and its planned amounts from SubKegiatanForm.cleaned_data."""
    permissions.check_user_can(user, "kinerja.edit_anggaran", kegiatan)
    if message := rencana_melebihi_pagu(data["pagu"], [data.get(f"rencana_{tw}") for tw in (1, 2, 3, 4)]):
        raise KinerjaError("Periksa isian.", {"rencana_4": message})
    sub = sub or SubKegiatan(kegiatan=kegiatan)
    sub.kode, sub.nama, sub.pagu = data["kode"].strip(), data["nama"].strip(), data["pagu"]
    _periksa_kode(sub, "sub_kegiatan", kegiatan.program.tahun, kegiatan.program.kecamatan_id, kegiatan.kode)
    try:
        with transaction.atomic():
            sub.save()
    except IntegrityError as error:
        raise _duplicate(sub.kode) from error
    realised = sub.anggaran.aggregate(total=Sum("realisasi"))["total"] or Decimal(0)
    if realised > sub.pagu:
        raise KinerjaError(
            "Periksa isian.",
            {"pagu": f"Pagu lebih kecil dari realisasi yang sudah tercatat (Rp {format_angka(realised, 2)})."},
        )
    sub.indikator.set(data.get("indikator") or [])
    existing = {row.triwulan: row for row in sub.anggaran.all()}
    for tw in (1, 2, 3, 4):
        planned = data.get(f"rencana_{tw}")
        row = existing.get(tw)
        if row is None and planned is None:
            continue
        row = row or AnggaranTriwulan(sub_kegiatan=sub, triwulan=tw)
        if row.rencana != planned or row.pk is None:
            row.rencana = planned
            row.save()
    return sub


def _refuse_if_spent(subs, what: str) -> None:
    if AnggaranTriwulan.objects.filter(sub_kegiatan__in=subs, realisasi__isnull=False).exists():
        raise KinerjaError(f"{what} tidak dapat dihapus karena sudah memiliki realisasi anggaran.")


@transaction.atomic
def hapus(*, user, obj: Program | Kegiatan | SubKegiatan) -> None:
    permissions.check_user_can(user, "kinerja.edit_anggaran", obj)
    if isinstance(obj, Program):
        subs, what = SubKegiatan.objects.filter(kegiatan__program=obj), f"Program {obj.kode}"
    elif isinstance(obj, Kegiatan):
        subs, what = obj.sub_kegiatan.all(), f"Kegiatan {obj.kode}"
    else:
        subs, what = [obj], f"Sub kegiatan {obj.kode}"
    _refuse_if_spent(subs, what)
    obj.delete()


@dataclass(frozen=True)
class RealisasiAnggaran:
    sub_kegiatan_id: int
    nilai: str


@transaction.atomic
def realisasi_anggaran_simpan(*, user, quarter: Triwulan, entries: list[RealisasiAnggaran]) -> int:
    """Save a quarter's realised amounts, all or nothing; errors keyed by sub-activity id. Returns changes."""
    permissions.check_user_can(user, "kinerja.edit_anggaran", quarter)
    quarter = _lock_quarter(quarter)
    subs = {
        s.pk: s
        for s in SubKegiatan.objects.filter(
            pk__in=[e.sub_kegiatan_id for e in entries],
            kecamatan_id=quarter.kecamatan_id,
            kegiatan__program__tahun=quarter.tahun,
        ).prefetch_related("anggaran")
    }
    errors, changes = {}, []
    for entry in entries:
        sub = subs.get(entry.sub_kegiatan_id)
        if sub is None:
            raise KinerjaError("Sub kegiatan tidak termasuk kecamatan dan tahun ini.")
        try:
            value = parse_angka_tepat(entry.nilai, places=2)
        except AngkaError as error:
            errors[sub.pk] = str(error)
            continue
        if value is not None and value < 0:
            errors[sub.pk] = "Realisasi anggaran tidak boleh negatif."
            continue
        rows = {row.triwulan: row for row in sub.anggaran.all()}
        other = sum((r.realisasi for tw, r in rows.items() if tw != quarter.triwulan and r.realisasi is not None), 0)
        if value is not None and other + value > sub.pagu:
            errors[sub.pk] = (
                f"Realisasi setahun (Rp {format_angka(other + value, 2)}) melebihi pagu (Rp {format_angka(sub.pagu, 2)})."
            )
            continue
        row = rows.get(quarter.triwulan) or AnggaranTriwulan(sub_kegiatan=sub, triwulan=quarter.triwulan)
        if row.realisasi != value:
            row.realisasi = value
            changes.append(row)
    if errors:
        raise KinerjaError("Realisasi anggaran belum disimpan. Periksa isian yang ditandai.", errors)
    for row in changes:
        row.save()
    return len(changes)
