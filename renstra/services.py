"""The planning chain's operations: the kabupaten's RPJMD and the kecamatan's Renstra and IKU.

Rules:
* The RPJMD (visi, misi, sasaran) is the kabupaten administrator's
  (sakip.permissions.check_user_can_administer_kabupaten). A sasaran a Renstra supports is not deleted.
* A Renstra is composed by the Kasubbag Perencanaan or the Sekretaris (`renstra.edit`) while it is a
  draft; the Camat or the acting official (`renstra.establish`) establishes it, typing the password again,
  once it is complete (`alasan_belum_lengkap`: every sasaran has an indicator, every indicator a target for
  each year of the period and an end target). Who, when and as what title are recorded.
* After that it changes only through a Renstra Perubahan (with a reason): the established revision is
  kept as `digantikan`, readable, and a new draft revision copies it (each indicator remembers its `asal`).
* The Camat designates the IKU among the indicators of the current revision (`renstra.designate_iku`);
  the designation is recorded (who, when) and may be made again.
* The naskah of the Renstra document (renstra/naskah.py: the typed parts of BAB I–III and VIII, the
  strategi and arah kebijakan of each sasaran) and its programmes and kegiatan with their pagu indikatif
  (BAB VI) are composed like the rest of the draft (`renstra.edit`) and locked with it; the document may be
  submitted only when every part is there (`bab_belum_diisi`, asked by laporan.gates).
Every function is one transaction and re-reads the Renstra row under a lock.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from renstra import naskah
from renstra import nomenklatur as nomenklatur_renstra
from renstra import skala as skala_kabupaten
from renstra.models import (
    PERIOD_YEARS,
    BabRenstra,
    IndikatorRenstra,
    KegiatanRenstra,
    MisiRpjmd,
    PaguRenstra,
    ProgramRenstra,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranRpjmd,
    TargetRenstra,
    TujuanRenstra,
)
from sakip import permissions, tanda_tangan
from sakip.angka import AngkaError, parse_angka_tepat
from sakip.errors import Penolakan
from sakip.models import Unit
from sakip.roles import Role
from sakip.validators import pesan_karakter_kontrol

TEXT_LIMIT = 4000


class RenstraError(Penolakan):
    """A refused planning-chain operation (Indonesian message, field errors)."""


def _teks(value: str, field: str, label: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise RenstraError("Periksa isian.", {field: f"{label} wajib diisi."})
    if len(value) > limit:
        raise RenstraError("Periksa isian.", {field: f"{label} paling banyak {limit} karakter."})
    if message := pesan_karakter_kontrol(value, label):
        raise RenstraError("Periksa isian.", {field: message})
    return value


def _next(queryset) -> int:
    last = queryset.order_by("-urutan").first()
    return (last.urutan + 1) if last else 1


def _renumber(queryset) -> None:
    # Two passes: the (parent, urutan) unique constraint must hold after every single UPDATE.
    rows = list(queryset)
    offset = len(rows) + 1000
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(urutan=row.urutan + offset)
    for number, row in enumerate(rows, start=1):
        type(row).objects.filter(pk=row.pk).update(urutan=number)


# --- RPJMD (kabupaten) ---


@transaction.atomic
def rpjmd_buat(*, user, kabupaten: Unit, tahun_awal: int, visi: str = "") -> Rpjmd:
    permissions.check_user_can_administer_kabupaten(user, kabupaten)
    if kabupaten.jenis != Unit.Kind.KABUPATEN:
        raise RenstraError("RPJMD hanya dibuat untuk kabupaten.")
    if not 2000 <= tahun_awal <= 2100:
        raise RenstraError("Periksa isian.", {"tahun_awal": "Tahun awal harus antara 2000 dan 2100."})
    visi = _teks(visi, "visi", "Visi", required=False)
    tahun_akhir = tahun_awal + PERIOD_YEARS - 1
    if Rpjmd.objects.filter(kabupaten=kabupaten, tahun_awal__lte=tahun_akhir, tahun_akhir__gte=tahun_awal).exists():
        raise RenstraError(
            "Periksa isian.", {"tahun_awal": f"Sudah ada RPJMD yang mencakup tahun {tahun_awal}–{tahun_akhir}."}
        )
    return Rpjmd.objects.create(kabupaten=kabupaten, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir, visi=visi)


@transaction.atomic
def rpjmd_ubah_visi(*, user, rpjmd: Rpjmd, visi: str) -> Rpjmd:
    permissions.check_user_can_administer_kabupaten(user, rpjmd)
    rpjmd.visi = _teks(visi, "visi", "Visi")
    rpjmd.save(update_fields=["visi"])
    return rpjmd


@transaction.atomic
def misi_simpan(*, user, rpjmd: Rpjmd, uraian: str, misi: MisiRpjmd | None = None) -> MisiRpjmd:
    permissions.check_user_can_administer_kabupaten(user, rpjmd)
    uraian = _teks(uraian, "uraian", "Misi")
    if misi is None:
        misi = MisiRpjmd(rpjmd=rpjmd, urutan=_next(rpjmd.misi.all()))
    elif misi.rpjmd_id != rpjmd.pk:
        raise RenstraError("Misi tidak termasuk RPJMD ini.")
    misi.uraian = uraian
    misi.save()
    return misi


@transaction.atomic
def misi_hapus(*, user, misi: MisiRpjmd) -> None:
    permissions.check_user_can_administer_kabupaten(user, misi.rpjmd)
    rpjmd = misi.rpjmd
    misi.delete()
    _renumber(rpjmd.misi.order_by("urutan"))


@transaction.atomic
def sasaran_rpjmd_simpan(*, user, rpjmd: Rpjmd, uraian: str, sasaran: SasaranRpjmd | None = None) -> SasaranRpjmd:
    permissions.check_user_can_administer_kabupaten(user, rpjmd)
    uraian = _teks(uraian, "uraian", "Sasaran RPJMD")
    if sasaran is None:
        sasaran = SasaranRpjmd(rpjmd=rpjmd, urutan=_next(rpjmd.sasaran.all()))
    elif sasaran.rpjmd_id != rpjmd.pk:
        raise RenstraError("Sasaran tidak termasuk RPJMD ini.")
    sasaran.uraian = uraian
    sasaran.save()
    return sasaran


@transaction.atomic
def sasaran_rpjmd_hapus(*, user, sasaran: SasaranRpjmd) -> None:
    permissions.check_user_can_administer_kabupaten(user, sasaran.rpjmd)
    rpjmd = sasaran.rpjmd
    try:
        sasaran.delete()
    except ProtectedError:
        raise RenstraError(
            "Sasaran RPJMD ini didukung oleh sasaran strategis Renstra kecamatan dan tidak dapat dihapus."
        ) from None
    _renumber(rpjmd.sasaran.order_by("urutan"))


# --- Renstra (kecamatan) ---


def current_renstra(kecamatan, tahun: int | None = None) -> Renstra | None:
    """The current revision (draft or established) of the kecamatan's Renstra covering `tahun` (default: the
    latest period)."""
    qs = Renstra.objects.filter(kecamatan=kecamatan).exclude(status=Renstra.Status.DIGANTIKAN)
    if tahun is not None:
        qs = qs.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
    return qs.select_related("rpjmd").order_by("-tahun_awal").first()


def established_renstra(kecamatan, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(
            kecamatan=kecamatan, status=Renstra.Status.DITETAPKAN, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .select_related("rpjmd")
        .first()
    )


def _locked(renstra: Renstra) -> Renstra:
    return Renstra.objects.select_for_update().select_related("rpjmd").get(pk=renstra.pk)


def _locked_draft(renstra: Renstra) -> Renstra:
    renstra = _locked(renstra)
    if renstra.status != Renstra.Status.DRAFT:
        raise RenstraError(
            f'{renstra} berstatus "{renstra.get_status_display()}". Tujuan, sasaran, indikator dan target hanya '
            "dapat diubah melalui Renstra Perubahan."
        )
    return renstra


@transaction.atomic
def renstra_buat(*, user, kecamatan: Unit, rpjmd: Rpjmd) -> Renstra:
    """A new draft Renstra of the kecamatan for the RPJMD's period."""
    permissions.check_user_can(user, "renstra.edit", kecamatan)
    Unit.objects.select_for_update().get(pk=kecamatan.pk)  # serialise two "create" clicks
    if rpjmd.kabupaten_id != kecamatan.kabupaten_id:
        raise RenstraError("Periksa isian.", {"rpjmd": "RPJMD bukan milik kabupaten kecamatan ini."})
    if Renstra.objects.filter(kecamatan=kecamatan, rpjmd=rpjmd).exclude(status=Renstra.Status.DIGANTIKAN).exists():
        raise RenstraError(f"Renstra {rpjmd.tahun_awal}–{rpjmd.tahun_akhir} untuk {kecamatan} sudah ada.")
    return Renstra.objects.create(kecamatan=kecamatan, rpjmd=rpjmd, dibuat_oleh=user)


@transaction.atomic
def tujuan_simpan(*, user, renstra: Renstra, uraian: str, tujuan: TujuanRenstra | None = None) -> TujuanRenstra:
    permissions.check_user_can(user, "renstra.edit", renstra)
    renstra = _locked_draft(renstra)
    uraian = _teks(uraian, "uraian", "Tujuan")
    if tujuan is None:
        tujuan = TujuanRenstra(renstra=renstra, urutan=_next(renstra.tujuan.all()))
    elif tujuan.renstra_id != renstra.pk:
        raise RenstraError("Tujuan tidak termasuk Renstra ini.")
    tujuan.uraian = uraian
    tujuan.save()
    return tujuan


@transaction.atomic
def tujuan_hapus(*, user, tujuan: TujuanRenstra) -> None:
    permissions.check_user_can(user, "renstra.edit", tujuan)
    renstra = _locked_draft(tujuan.renstra)
    if tujuan.sasaran.exists():
        raise RenstraError("Tujuan yang masih memiliki sasaran strategis tidak dapat dihapus. Hapus sasarannya dahulu.")
    tujuan.delete()
    _renumber(renstra.tujuan.order_by("urutan"))


@transaction.atomic
def sasaran_simpan(
    *,
    user,
    renstra: Renstra,
    tujuan: TujuanRenstra,
    sasaran_rpjmd: SasaranRpjmd,
    uraian: str,
    sasaran: SasaranRenstra | None = None,
) -> SasaranRenstra:
    permissions.check_user_can(user, "renstra.edit", renstra)
    renstra = _locked_draft(renstra)
    uraian = _teks(uraian, "uraian", "Sasaran strategis")
    if tujuan is None or tujuan.renstra_id != renstra.pk:
        raise RenstraError("Periksa isian.", {"tujuan": "Pilih tujuan dari Renstra ini."})
    if sasaran_rpjmd is None or sasaran_rpjmd.rpjmd_id != renstra.rpjmd_id:
        raise RenstraError("Periksa isian.", {"sasaran_rpjmd": "Pilih sasaran RPJMD yang didukung."})
    if sasaran is None:
        sasaran = SasaranRenstra(tujuan=tujuan, urutan=_next(renstra.sasaran.all()))
    elif sasaran.renstra_id != renstra.pk:
        raise RenstraError("Sasaran tidak termasuk Renstra ini.")
    sasaran.tujuan = tujuan
    sasaran.sasaran_rpjmd = sasaran_rpjmd
    sasaran.uraian = uraian
    sasaran.save()
    return sasaran


@transaction.atomic
def sasaran_hapus(*, user, sasaran: SasaranRenstra) -> None:
    permissions.check_user_can(user, "renstra.edit", sasaran)
    renstra = _locked_draft(sasaran.renstra)
    programs = list(sasaran.program.values_list("kode", flat=True))
    if programs:
        raise RenstraError(
            f"Sasaran ini dilayani program {', '.join(programs)} (BAB VI). Pindahkan atau hapus programnya dahulu "
            "pada halaman Program dan Pendanaan."
        )
    sasaran.delete()
    _renumber(renstra.sasaran.order_by("urutan"))


INDIKATOR_FIELDS = (
    "uraian",
    "definisi",
    "formula",
    "satuan",
    "polaritas",
    "kondisi_awal",
    "target_akhir",
    "sumber_data",
    "penanggung_jawab",
)


# A qualitative indicator's fields besides INDIKATOR_FIELDS (renstra/skala.py); copied by a Renstra Perubahan.
INDIKATOR_SKALA_FIELDS = ("skala", "skala_nama", "kondisi_awal_level", "target_akhir_level")


def _skala_of(renstra: Renstra, skala_id) -> skala_kabupaten.Skala | None:
    """The kabupaten's scale chosen for an indicator (None: numeric); refused when it is not the kabupaten's."""
    if skala_id in (None, ""):
        return None
    found = skala_kabupaten.cari(renstra.kecamatan.kabupaten_id, int(skala_id))
    if found is None:
        raise RenstraError("Periksa isian.", {"skala": "Pilih skala kualitatif kabupaten ini."})
    return found


def _level(skala: skala_kabupaten.Skala, value, field: str, label: str, errors: dict) -> str:
    """A typed level label in the scale's own spelling ("" when blank); an error naming the field otherwise."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or skala.cocok(value) is None:
        errors[field] = f"{label}: pilih salah satu tingkat skala {skala.nama} ({skala.pilihan_teks})."
        return ""
    return skala.cocok(value)


@transaction.atomic
def indikator_simpan(
    *,
    user,
    sasaran: SasaranRenstra,
    data: dict,
    targets: dict[int, Decimal | str | None],
    indikator: IndikatorRenstra | None = None,
) -> IndikatorRenstra:
    """Create or change an indicator from a validated form's cleaned_data; `targets` = {tahun: value or None}.

    With `data["skala"]` (the id of one of the kabupaten's scales, renstra/skala.py) the indicator is
    qualitative: the targets, `kondisi_awal_level` and `target_akhir_level` are level labels of that scale and
    the numbers stay empty; without it the targets are numbers."""
    permissions.check_user_can(user, "renstra.edit", sasaran)
    renstra = _locked_draft(sasaran.renstra)
    if indikator is None:
        indikator = IndikatorRenstra(sasaran=sasaran, urutan=_next(sasaran.indikator.all()))
    elif indikator.sasaran_id != sasaran.pk:
        raise RenstraError("Indikator tidak termasuk sasaran ini.")
    position = data.get("penanggung_jawab")
    if position is not None and position.kecamatan_id != sasaran.kecamatan_id:
        raise RenstraError("Periksa isian.", {"penanggung_jawab": "Jabatan tidak termasuk kecamatan ini."})
    skala = _skala_of(renstra, data.get("skala", indikator.skala))
    errors = {}
    levels = {}
    for tahun, value in targets.items():
        if tahun not in renstra.tahun_list:
            raise RenstraError(f"Tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}.")
        if skala is not None:
            levels[tahun] = _level(skala, value, f"target_{tahun}", f"Target {tahun}", errors) or None
        elif isinstance(value, str):
            errors[f"target_{tahun}"] = f"Target {tahun} berupa angka (indikator ini tidak memakai skala kualitatif)."
        elif value is not None and value < 0:
            errors[f"target_{tahun}"] = f"Target {tahun} tidak boleh negatif."
    for name in ("kondisi_awal", "target_akhir"):
        if data.get(name) is not None and data[name] < 0:
            errors[name] = "Nilai tidak boleh negatif."
    if errors:
        raise RenstraError("Periksa isian.", errors)
    for name in INDIKATOR_FIELDS:
        if name in data:
            setattr(indikator, name, data[name])
    if skala is not None:
        indikator.skala, indikator.skala_nama = skala.id, skala.nama
        indikator.kondisi_awal_level = _level(
            skala,
            data.get("kondisi_awal_level", indikator.kondisi_awal_level),
            "kondisi_awal_level",
            "Kondisi awal",
            errors,
        )
        indikator.target_akhir_level = _level(
            skala,
            data.get("target_akhir_level", indikator.target_akhir_level),
            "target_akhir_level",
            "Target akhir",
            errors,
        )
        indikator.kondisi_awal = indikator.target_akhir = None
        targets = levels
        if errors:
            raise RenstraError("Periksa isian.", errors)
    else:
        indikator.skala, indikator.skala_nama = None, ""
        indikator.kondisi_awal_level = indikator.target_akhir_level = ""
    indikator.uraian = _teks(indikator.uraian, "uraian", "Indikator kinerja")
    indikator.satuan = _teks(indikator.satuan, "satuan", "Satuan", limit=60)
    indikator.save()
    existing = {t.tahun: t for t in indikator.target.all()}
    for tahun, value in targets.items():
        _simpan_target(indikator, existing.get(tahun), tahun, value)
    return indikator


def target_tahun(indikator: IndikatorRenstra, tahun: int) -> Decimal | str | None:
    """The indicator's target for a year as printed and compared: the level label of a qualitative indicator,
    else the number; None when the year has none. Reads prefetched targets when there are any."""
    row = next((t for t in indikator.target.all() if t.tahun == tahun), None)
    return row.cetak if row is not None else None


@transaction.atomic
def indikator_hapus(*, user, indikator: IndikatorRenstra) -> None:
    permissions.check_user_can(user, "renstra.edit", indikator)
    _locked_draft(indikator.renstra)
    sasaran = indikator.sasaran
    indikator.delete()
    _renumber(sasaran.indikator.order_by("urutan"))


def alasan_belum_lengkap(renstra: Renstra) -> list[str]:
    """Why the Renstra cannot be established yet (empty = complete). The one rule, used by the service and
    the page (to show what is missing)."""
    years = renstra.tahun_list
    sasaran_list = list(
        SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan").prefetch_related("indikator__target")
    )
    reasons = []
    if not sasaran_list:
        reasons.append("Renstra belum memiliki sasaran strategis.")
    for sasaran in sasaran_list:
        indicators = list(sasaran.indikator.all())
        if not indicators:
            reasons.append(f"Sasaran {sasaran.urutan} ({sasaran.uraian[:60]}) belum memiliki indikator.")
        for ind in indicators:
            have = {t.tahun for t in ind.target.all()}
            missing = [str(y) for y in years if y not in have]
            label = f"Indikator {sasaran.urutan}.{ind.urutan} ({ind.uraian[:60]})"
            if missing:
                reasons.append(f"{label}: target tahun {', '.join(missing)} belum diisi.")
            if not ind.target_akhir_terisi:
                reasons.append(f"{label}: target akhir periode belum diisi.")
    return reasons


def renstra_tetapkan(*, user, renstra: Renstra, password: str) -> Renstra:
    """The Camat (or acting official) establishes the complete Renstra; it then changes only by Perubahan.
    A signature: the password is checked by sakip.tanda_tangan before the transaction opens (throttled)."""
    permissions.check_user_can(user, "renstra.establish", renstra)
    try:
        tanda_tangan.periksa_kata_sandi(user, password, dokumen=f"Renstra {renstra.pk}")
    except tanda_tangan.KataSandiDitolak as error:
        raise RenstraError(error.message, error.errors) from None
    return renstra_tetapkan_dalam_penandatanganan(user=user, renstra=renstra)


@transaction.atomic
def renstra_tetapkan_dalam_penandatanganan(*, user, renstra: Renstra) -> Renstra:
    """Establish the Renstra inside a signing whose password was already checked (`renstra_tetapkan`, or
    signing the Renstra document in Laporan)."""
    permissions.check_user_can(user, "renstra.establish", renstra)
    renstra = _locked_draft(renstra)
    reasons = alasan_belum_lengkap(renstra)
    if reasons:
        raise RenstraError("Renstra belum lengkap: " + " ".join(reasons[:5]) + (" …" if len(reasons) > 5 else ""))
    renstra.status = Renstra.Status.DITETAPKAN
    renstra.ditetapkan_oleh = user
    renstra.ditetapkan_sebutan = permissions.acting_title(user, renstra, Role.CAMAT)
    renstra.ditetapkan_pada = timezone.now()
    renstra.save(update_fields=["status", "ditetapkan_oleh", "ditetapkan_sebutan", "ditetapkan_pada"])
    return renstra


@transaction.atomic
def renstra_perubahan(*, user, renstra: Renstra, alasan: str) -> Renstra:
    """Start a Renstra Perubahan: the established revision is kept (`digantikan`); a new draft copies it."""
    permissions.check_user_can(user, "renstra.edit", renstra)
    alasan = _teks(alasan, "alasan", "Alasan perubahan")
    old = _locked(renstra)
    if old.status != Renstra.Status.DITETAPKAN:
        raise RenstraError("Renstra Perubahan hanya dapat dibuat dari Renstra yang telah ditetapkan.")
    old.status = Renstra.Status.DIGANTIKAN
    old.save(update_fields=["status"])
    new = Renstra.objects.create(
        kecamatan=old.kecamatan,
        rpjmd=old.rpjmd,
        revisi=old.revisi + 1,
        alasan_perubahan=alasan,
        dibuat_oleh=user,
    )
    tujuan_map = {}
    for tujuan in old.tujuan.order_by("urutan"):
        tujuan_map[tujuan.pk] = TujuanRenstra.objects.create(renstra=new, urutan=tujuan.urutan, uraian=tujuan.uraian)
    sasaran_map = {}
    for sasaran in old.sasaran.order_by("urutan").prefetch_related("indikator__target"):
        copy = SasaranRenstra.objects.create(
            tujuan=tujuan_map[sasaran.tujuan_id],
            sasaran_rpjmd_id=sasaran.sasaran_rpjmd_id,
            urutan=sasaran.urutan,
            uraian=sasaran.uraian,
            strategi=sasaran.strategi,
            arah_kebijakan=sasaran.arah_kebijakan,
        )
        sasaran_map[sasaran.pk] = copy
        for ind in sasaran.indikator.all():
            targets = list(ind.target.all())
            ind_copy = IndikatorRenstra.objects.create(
                sasaran=copy,
                asal=ind,
                **{f: getattr(ind, f) for f in (*INDIKATOR_FIELDS, *INDIKATOR_SKALA_FIELDS, "urutan", "iku")},
            )
            TargetRenstra.objects.bulk_create(
                TargetRenstra(
                    indikator=ind_copy, kecamatan_id=ind_copy.kecamatan_id, tahun=t.tahun, nilai=t.nilai, level=t.level
                )
                for t in targets
            )
    _salin_naskah(old, new, sasaran_map)
    return new


def _salin_naskah(old: Renstra, new: Renstra, sasaran_map: dict) -> None:
    """A Renstra Perubahan starts from the naskah, programmes, kegiatan and pagu of the revision it changes."""
    BabRenstra.objects.bulk_create(
        BabRenstra(renstra=new, kecamatan_id=new.kecamatan_id, kunci=b.kunci, isi=b.isi) for b in old.bab.all()
    )
    for program in old.program.prefetch_related("kegiatan__pagu"):
        program_copy = ProgramRenstra.objects.create(
            renstra=new,
            sasaran=sasaran_map[program.sasaran_id],
            kode=program.kode,
            nama=program.nama,
            indikator=program.indikator,
        )
        for kegiatan in program.kegiatan.all():
            kegiatan_copy = KegiatanRenstra.objects.create(
                program=program_copy, kode=kegiatan.kode, nama=kegiatan.nama, indikator=kegiatan.indikator
            )
            PaguRenstra.objects.bulk_create(
                PaguRenstra(kegiatan=kegiatan_copy, kecamatan_id=new.kecamatan_id, tahun=p.tahun, nilai=p.nilai)
                for p in kegiatan.pagu.all()
            )


@transaction.atomic
def iku_tetapkan(*, user, renstra: Renstra, indikator_ids: list[int]) -> Renstra:
    """The Camat designates the IKU: exactly the indicators named, of the current revision."""
    permissions.check_user_can(user, "renstra.designate_iku", renstra)
    renstra = _locked(renstra)
    if renstra.status == Renstra.Status.DIGANTIKAN:
        raise RenstraError("IKU ditetapkan pada Renstra yang berlaku, bukan pada revisi yang telah digantikan.")
    indicators = IndikatorRenstra.objects.filter(renstra=renstra)
    chosen = set(indicators.filter(pk__in=indikator_ids).values_list("pk", flat=True))
    if not chosen:
        raise RenstraError("Periksa isian.", {"indikator": "Pilih sedikitnya satu indikator sebagai IKU."})
    if len(chosen) != len(set(indikator_ids)):
        raise RenstraError("Indikator tidak termasuk Renstra ini.")
    # Designating the IKU is no change of the agreed content, which the Renstra's lock guards on save(); a bulk
    # update of the flag only, each changed indicator keeping its history row (simple_history's own helper).
    changed = []
    for indikator in indicators.select_for_update():
        if indikator.iku != (indikator.pk in chosen):
            indikator.iku = indikator.pk in chosen
            indikator._change_reason = "Ditetapkan sebagai IKU" if indikator.iku else "Tidak lagi IKU"
            changed.append(indikator)
    bulk_update_with_history(changed, IndikatorRenstra, ["iku"], default_user=user)
    renstra.iku_ditetapkan_oleh = user
    renstra.iku_ditetapkan_sebutan = permissions.acting_title(user, renstra, Role.CAMAT)
    renstra.iku_ditetapkan_pada = timezone.now()
    renstra.save(update_fields=["iku_ditetapkan_oleh", "iku_ditetapkan_sebutan", "iku_ditetapkan_pada"])
    return renstra


# --- the naskah of the Renstra document and BAB VI (renstra/naskah.py) ---

NASKAH_LIMIT = 20000


@transaction.atomic
def naskah_simpan(
    *, user, renstra: Renstra, isi: dict[str, str], strategi: dict[int, tuple[str, str]] | None = None
) -> Renstra:
    """Store the typed parts of the naskah (`isi`: {BabRenstra key: text}, only the keys given) and the strategi
    and arah kebijakan of the sasaran named (`strategi`: {sasaran id: (strategi, arah kebijakan)}). All or
    nothing: every refused field is named; only a draft changes."""
    permissions.check_user_can(user, "renstra.edit", renstra)
    renstra = _locked_draft(renstra)
    errors, teks = {}, {}
    for kunci, value in isi.items():
        bagian = next((b for b in naskah.BAGIAN if b.kunci == kunci), None)
        if bagian is None:
            raise RenstraError(f"Bagian naskah tidak dikenal: {kunci[:40]}.")
        try:
            teks[kunci] = _teks(value, kunci, naskah.label(bagian), required=False, limit=NASKAH_LIMIT)
        except RenstraError as error:
            errors.update(error.errors)
    sasaran_list = {s.pk: s for s in SasaranRenstra.objects.filter(renstra=renstra)}
    changed_sasaran = []
    for sasaran_id, (strategi_teks, arah_teks) in (strategi or {}).items():
        sasaran = sasaran_list.get(sasaran_id)
        if sasaran is None:
            raise RenstraError("Sasaran tidak termasuk Renstra ini.")
        values = {}
        for field, value, label in (
            (f"strategi_{sasaran_id}", strategi_teks, f"Strategi sasaran {sasaran.urutan}"),
            (f"arah_{sasaran_id}", arah_teks, f"Arah kebijakan sasaran {sasaran.urutan}"),
        ):
            try:
                values[field] = _teks(value, field, label, required=False)
            except RenstraError as error:
                errors.update(error.errors)
        if errors:
            continue
        new = (values[f"strategi_{sasaran_id}"], values[f"arah_{sasaran_id}"])
        if (sasaran.strategi, sasaran.arah_kebijakan) != new:
            sasaran.strategi, sasaran.arah_kebijakan = new
            changed_sasaran.append(sasaran)
    if errors:
        raise RenstraError("Periksa isian.", errors)
    stored = {b.kunci: b for b in renstra.bab.all()}
    for kunci, value in teks.items():
        row = stored.get(kunci)
        if row is None:
            if value:
                BabRenstra.objects.create(renstra=renstra, kunci=kunci, isi=value)
        elif row.isi != value:
            row.isi = value
            row.save(update_fields=["isi"])
    for sasaran in changed_sasaran:
        sasaran.save(update_fields=["strategi", "arah_kebijakan"])
    return renstra


def bab_belum_diisi(renstra: Renstra) -> list[str]:
    """What the Renstra document still lacks, each part named by its chapter ([] = every chapter is there).
    The one rule of the naskah, asked by laporan.gates before the document is submitted or signed and shown
    on the Naskah and Program pages. Four queries."""
    isi = {b.kunci: b.isi for b in renstra.bab.all() if b.isi.strip()}
    reasons = []
    for bab in naskah.BAB:
        kosong = [b for b in naskah.bagian_bab(bab.nomor) if b.kunci not in isi]
        if kosong:
            parts = ", ".join(f"{b.nomor} {b.judul}" if b.nomor else b.judul for b in kosong)
            reasons.append(f"Naskah {naskah.JUDUL_BAB[bab.nomor]} belum diisi: {parts}.")
        if bab.nomor == "V":
            tanpa = [
                str(s.urutan)
                for s in SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan")
                if not (s.strategi.strip() and s.arah_kebijakan.strip())
            ]
            if tanpa:
                reasons.append(
                    f"{naskah.JUDUL_BAB['V']}: strategi dan arah kebijakan sasaran {', '.join(tanpa)} belum diisi."
                )
        if bab.nomor == "VI":
            reasons += _program_belum_lengkap(renstra)
    return reasons


def _program_belum_lengkap(renstra: Renstra) -> list[str]:
    head = naskah.JUDUL_BAB["VI"]
    programs = list(renstra.program.prefetch_related("kegiatan__pagu"))
    if not programs:
        return [f"{head}: belum ada program (halaman Program dan Pendanaan)."]
    reasons = []
    for program in programs:
        kegiatan = list(program.kegiatan.all())
        if not kegiatan:
            reasons.append(f"{head}: program {program.kode} belum memiliki kegiatan.")
        for k in kegiatan:
            have = {p.tahun for p in k.pagu.all()}
            missing = [str(y) for y in renstra.tahun_list if y not in have]
            if missing:
                reasons.append(f"{head}: pagu indikatif kegiatan {k.kode} tahun {', '.join(missing)} belum diisi.")
    return reasons


def _periksa_kode(obj, kode: str, tingkat: str, renstra: Renstra, induk_kode: str | None = None) -> str | None:
    """A new or changed programme/kegiatan code must be in the national nomenclature in force in a year of the
    period (renstra/nomenklatur.py); a code stored before the rule is kept while it does not change."""
    if obj is not None and obj.pk is not None and obj.kode == kode:
        return None
    pesan = nomenklatur_renstra.periksa(
        kode, tingkat, renstra.tahun_list, induk_kode=induk_kode, kecamatan_id=renstra.kecamatan_id
    )
    return pesan[0].upper() + pesan[1:] if pesan else None


def _program_data(renstra: Renstra, data: dict) -> dict:
    errors, clean = {}, {}
    for field, label, limit in (("kode", "Kode", 30), ("nama", "Nama", 300), ("indikator", "Indikator", 4000)):
        try:
            clean[field] = _teks(data.get(field, ""), field, label, limit=limit)
        except RenstraError as error:
            errors.update(error.errors)
    if errors:
        raise RenstraError("Periksa isian.", errors)
    return clean


@transaction.atomic
def program_simpan(
    *, user, renstra: Renstra, sasaran: SasaranRenstra | None, data: dict, program: ProgramRenstra | None = None
) -> ProgramRenstra:
    """Create or change a programme of the draft Renstra (kode, nama, indikator; the sasaran it serves)."""
    permissions.check_user_can(user, "renstra.edit", renstra)
    renstra = _locked_draft(renstra)
    if program is not None and program.renstra_id != renstra.pk:
        raise RenstraError("Program tidak termasuk Renstra ini.")
    errors = {}
    try:
        clean = _program_data(renstra, data)
    except RenstraError as error:
        errors, clean = dict(error.errors), {}
    if sasaran is None or sasaran.renstra_id != renstra.pk:
        errors["sasaran"] = "Pilih sasaran strategis Renstra ini yang dilayani program."
    if "kode" in clean and (pesan := _periksa_kode(program, clean["kode"], "program", renstra)):
        errors["kode"] = pesan
    if errors:
        raise RenstraError("Periksa isian.", errors)
    if renstra.program.filter(kode=clean["kode"]).exclude(pk=program.pk if program else None).exists():
        raise RenstraError("Periksa isian.", {"kode": f"Kode program {clean['kode']} sudah dipakai."})
    program = program or ProgramRenstra(renstra=renstra)
    program.sasaran = sasaran
    for field, value in clean.items():
        setattr(program, field, value)
    program.save()
    return program


@transaction.atomic
def program_hapus(*, user, program: ProgramRenstra) -> None:
    """Remove a programme of the draft Renstra with its kegiatan and their pagu."""
    permissions.check_user_can(user, "renstra.edit", program)
    _locked_draft(program.renstra)
    program.delete()


@transaction.atomic
def kegiatan_simpan(
    *,
    user,
    program: ProgramRenstra,
    data: dict,
    pagu: dict[int, Decimal | None],
    kegiatan: KegiatanRenstra | None = None,
) -> KegiatanRenstra:
    """Create or change a kegiatan of a programme with its pagu indikatif per year (`pagu`: {tahun: Rp or
    None}; None removes that year's pagu). Rupiah, at most two decimals, never negative."""
    permissions.check_user_can(user, "renstra.edit", program)
    renstra = _locked_draft(program.renstra)
    if kegiatan is not None and kegiatan.program_id != program.pk:
        raise RenstraError("Kegiatan tidak termasuk program ini.")
    errors = {}
    try:
        clean = _program_data(renstra, data)
    except RenstraError as error:
        errors, clean = dict(error.errors), {}
    for tahun, value in pagu.items():
        if tahun not in renstra.tahun_list:
            raise RenstraError(f"Tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}.")
        if value is None:
            continue
        if value < 0:
            errors[f"pagu_{tahun}"] = f"Pagu {tahun} tidak boleh negatif."
        elif value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** 16:
            errors[f"pagu_{tahun}"] = f"Pagu {tahun}: rupiah dengan paling banyak dua angka desimal."
    if "kode" in clean and (pesan := _periksa_kode(kegiatan, clean["kode"], "kegiatan", renstra, program.kode)):
        errors["kode"] = pesan
    if errors:
        raise RenstraError("Periksa isian.", errors)
    if program.kegiatan.filter(kode=clean["kode"]).exclude(pk=kegiatan.pk if kegiatan else None).exists():
        raise RenstraError("Periksa isian.", {"kode": f"Kode kegiatan {clean['kode']} sudah dipakai pada program ini."})
    kegiatan = kegiatan or KegiatanRenstra(program=program)
    for field, value in clean.items():
        setattr(kegiatan, field, value)
    kegiatan.save()
    existing = {p.tahun: p for p in kegiatan.pagu.all()}
    for tahun, value in pagu.items():
        row = existing.get(tahun)
        if value is None:
            if row is not None:
                row.delete()
        elif row is None:
            PaguRenstra.objects.create(kegiatan=kegiatan, tahun=tahun, nilai=value)
        elif row.nilai != value:
            row.nilai = value
            row.save(update_fields=["nilai"])
    return kegiatan


@transaction.atomic
def kegiatan_hapus(*, user, kegiatan: KegiatanRenstra) -> None:
    permissions.check_user_can(user, "renstra.edit", kegiatan)
    _locked_draft(kegiatan.program.renstra)
    kegiatan.delete()


# --- the Renstra sheet of the performance workbook (kinerja/excel.py writes and reads it) ---

KOLOM_KODE = "Kode"
KOLOM_KONDISI_AWAL = "Kondisi Awal"
KOLOM_TARGET_AKHIR = "Target Akhir"


def kolom_target(tahun: int) -> str:
    return f"Target {tahun}"


def kode_indikator(indikator: IndikatorRenstra) -> str:
    """The code of an indicator in the workbook: "<sasaran>.<indicator>", unique within one revision."""
    return f"{indikator.sasaran.urutan}.{indikator.urutan}"


@dataclass(frozen=True)
class BarisTarget:
    """One indicator row of the workbook's Renstra sheet, its cells as typed (text for the number parser)."""

    baris: int
    kode: str
    kondisi_awal: str
    target: dict  # tahun -> text
    target_akhir: str


@dataclass(frozen=True)
class MasalahTarget:
    """A refused cell of the Renstra sheet: row, column header, message (the workbook names the column)."""

    baris: int | None
    kolom: str | None
    pesan: str


def _angka_sel(text: str, baris: int, kolom: str, masalah: list) -> Decimal | None:
    try:
        value = parse_angka_tepat(text, 4)
    except AngkaError as error:
        masalah.append(MasalahTarget(baris, kolom, error.message))
        return None
    if value is not None and value < 0:
        masalah.append(MasalahTarget(baris, kolom, "tidak boleh negatif."))
        return None
    return value


def _level_sel(skala: skala_kabupaten.Skala):
    """The cell reader of a qualitative indicator: a level label of its scale, or nothing."""

    def read(text: str, baris: int, kolom: str, masalah: list) -> str | None:
        if not (text or "").strip():
            return None
        found = skala.cocok(text)
        if found is None:
            masalah.append(
                MasalahTarget(baris, kolom, f"pilih salah satu tingkat skala {skala.nama} ({skala.pilihan_teks}).")
            )
        return found

    return read


@transaction.atomic
def renstra_target_impor(*, user, renstra: Renstra, baris: list[BarisTarget]) -> int:
    """Apply the Renstra sheet to the Renstra: kondisi awal, the target of each year and the end target of
    each indicator named by its code. All or nothing: every problem is collected and the whole sheet refused
    (`RenstraError.errors` = a list of MasalahTarget). Only a draft changes; a row of an established Renstra
    that differs is refused (changes go through a Renstra Perubahan); rows equal to the stored values pass.
    Returns the number of indicators changed."""
    permissions.check_user_can(user, "renstra.edit", renstra)
    renstra = _locked(renstra)
    years = renstra.tahun_list
    indicators = {
        kode_indikator(ind): ind
        for ind in IndikatorRenstra.objects.filter(renstra=renstra).select_related("sasaran").prefetch_related("target")
    }
    scales = {}
    if any(ind.kualitatif for ind in indicators.values()):
        scales = {sk.id: sk for sk in skala_kabupaten.skala_kabupaten(renstra.kecamatan.kabupaten_id)}
    masalah: list[MasalahTarget] = []
    changes, seen = [], set()
    for row in baris:
        ind = indicators.get(row.kode)
        if ind is None:
            masalah.append(
                MasalahTarget(
                    row.baris,
                    KOLOM_KODE,
                    f'kode indikator "{row.kode[:20]}" tidak ada pada {renstra.judul} {renstra.tahun_awal}–'
                    f"{renstra.tahun_akhir}. Indikator baru ditambahkan melalui halaman Renstra.",
                )
            )
            continue
        if ind.pk in seen:
            masalah.append(MasalahTarget(row.baris, KOLOM_KODE, "kode indikator tercantum dua kali."))
            continue
        seen.add(ind.pk)
        before = len(masalah)
        sel = _angka_sel
        if ind.kualitatif:
            skala = scales.get(ind.skala)
            if skala is None:  # the scale is gone: the labels already stored still read back unchanged
                stored_labels = {t.level for t in ind.target.all()} | {ind.kondisi_awal_level, ind.target_akhir_level}
                skala = skala_kabupaten.Skala(ind.skala, ind.skala_nama, tuple(sorted(stored_labels - {""})))
            sel = _level_sel(skala)
        kondisi_awal = sel(row.kondisi_awal, row.baris, KOLOM_KONDISI_AWAL, masalah)
        targets = {y: sel(row.target.get(y, ""), row.baris, kolom_target(y), masalah) for y in years}
        target_akhir = sel(row.target_akhir, row.baris, KOLOM_TARGET_AKHIR, masalah)
        if len(masalah) > before:
            continue
        stored = {t.tahun: t.cetak for t in ind.target.all()}
        differ = []
        if ind.kondisi_awal_cetak != kondisi_awal:
            differ.append(KOLOM_KONDISI_AWAL)
        differ += [kolom_target(y) for y in years if stored.get(y) != targets[y]]
        if ind.target_akhir_cetak != target_akhir:
            differ.append(KOLOM_TARGET_AKHIR)
        if not differ:
            continue
        if renstra.status != Renstra.Status.DRAFT:
            masalah.append(
                MasalahTarget(
                    row.baris,
                    differ[0],
                    f'{renstra.judul} {renstra.tahun_awal}–{renstra.tahun_akhir} berstatus "'
                    f'{renstra.get_status_display()}"; targetnya hanya dapat diubah melalui Renstra Perubahan.',
                )
            )
            continue
        changes.append((ind, kondisi_awal, targets, target_akhir))
    if masalah:
        raise RenstraError(
            f"Lembar Renstra tidak dapat diterapkan ({len(masalah)} masalah); tidak ada yang disimpan.", masalah
        )
    for ind, kondisi_awal, targets, target_akhir in changes:
        if ind.kualitatif:
            ind.kondisi_awal_level, ind.target_akhir_level = kondisi_awal or "", target_akhir or ""
        else:
            ind.kondisi_awal, ind.target_akhir = kondisi_awal, target_akhir
        ind.save(update_fields=["kondisi_awal", "target_akhir", "kondisi_awal_level", "target_akhir_level"])
        existing = {t.tahun: t for t in ind.target.all()}
        for tahun, value in targets.items():
            _simpan_target(ind, existing.get(tahun), tahun, value)
    return len(changes)


def _simpan_target(ind: IndikatorRenstra, row: TargetRenstra | None, tahun: int, value) -> None:
    """Store one year's target: a number, a level label (str) or nothing (None: the row goes)."""
    if value is None or value == "":
        if row is not None:
            row.delete()
        return
    nilai, level = (None, value) if isinstance(value, str) else (value, "")
    if row is None:
        TargetRenstra.objects.create(indikator=ind, tahun=tahun, nilai=nilai, level=level)
    elif (row.nilai, row.level) != (nilai, level):
        row.nilai, row.level = nilai, level
        row.save(update_fields=["nilai", "level"])
