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
Every function is one transaction and re-reads the Renstra row under a lock.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from renstra.models import (
    PERIOD_YEARS,
    IndikatorRenstra,
    MisiRpjmd,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranRpjmd,
    TargetRenstra,
    TujuanRenstra,
)
from sakip import permissions
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


@transaction.atomic
def indikator_simpan(
    *,
    user,
    sasaran: SasaranRenstra,
    data: dict,
    targets: dict[int, Decimal | None],
    indikator: IndikatorRenstra | None = None,
) -> IndikatorRenstra:
    """Create or change an indicator from a validated form's cleaned_data; `targets` = {tahun: value or None}."""
    permissions.check_user_can(user, "renstra.edit", sasaran)
    renstra = _locked_draft(sasaran.renstra)
    if indikator is None:
        indikator = IndikatorRenstra(sasaran=sasaran, urutan=_next(sasaran.indikator.all()))
    elif indikator.sasaran_id != sasaran.pk:
        raise RenstraError("Indikator tidak termasuk sasaran ini.")
    position = data.get("penanggung_jawab")
    if position is not None and position.kecamatan_id != sasaran.kecamatan_id:
        raise RenstraError("Periksa isian.", {"penanggung_jawab": "Jabatan tidak termasuk kecamatan ini."})
    errors = {}
    for tahun, value in targets.items():
        if tahun not in renstra.tahun_list:
            raise RenstraError(f"Tahun {tahun} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}.")
        if value is not None and value < 0:
            errors[f"target_{tahun}"] = f"Target {tahun} tidak boleh negatif."
    for name in ("kondisi_awal", "target_akhir"):
        if data.get(name) is not None and data[name] < 0:
            errors[name] = "Nilai tidak boleh negatif."
    if errors:
        raise RenstraError("Periksa isian.", errors)
    for name in INDIKATOR_FIELDS:
        if name in data:
            setattr(indikator, name, data[name])
    indikator.uraian = _teks(indikator.uraian, "uraian", "Indikator kinerja")
    indikator.satuan = _teks(indikator.satuan, "satuan", "Satuan", limit=60)
    indikator.save()
    existing = {t.tahun: t for t in indikator.target.all()}
    for tahun, value in targets.items():
        row = existing.get(tahun)
        if value is None:
            if row is not None:
                row.delete()
        elif row is None:
            TargetRenstra.objects.create(indikator=indikator, tahun=tahun, nilai=value)
        elif row.nilai != value:
            row.nilai = value
            row.save(update_fields=["nilai"])
    return indikator


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
            if ind.target_akhir is None:
                reasons.append(f"{label}: target akhir periode belum diisi.")
    return reasons


def _check_password(user, password: str) -> None:
    if not password or not user.check_password(password):
        raise RenstraError(
            "Kata sandi tidak sesuai.", {"password": "Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda."}
        )


@transaction.atomic
def renstra_tetapkan(*, user, renstra: Renstra, password: str) -> Renstra:
    """The Camat (or acting official) establishes the complete Renstra; it then changes only by Perubahan."""
    permissions.check_user_can(user, "renstra.establish", renstra)
    _check_password(user, password)
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
    for sasaran in old.sasaran.order_by("urutan").prefetch_related("indikator__target"):
        copy = SasaranRenstra.objects.create(
            tujuan=tujuan_map[sasaran.tujuan_id],
            sasaran_rpjmd_id=sasaran.sasaran_rpjmd_id,
            urutan=sasaran.urutan,
            uraian=sasaran.uraian,
        )
        for ind in sasaran.indikator.all():
            targets = list(ind.target.all())
            ind_copy = IndikatorRenstra.objects.create(
                sasaran=copy, asal=ind, **{f: getattr(ind, f) for f in (*INDIKATOR_FIELDS, "urutan", "iku")}
            )
            TargetRenstra.objects.bulk_create(
                TargetRenstra(indikator=ind_copy, kecamatan_id=ind_copy.kecamatan_id, tahun=t.tahun, nilai=t.nilai)
                for t in targets
            )
    return new


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
    # Designating the IKU is no change of the agreed content, so it is a queryset update on purpose.
    indicators.filter(pk__in=chosen).update(iku=True)
    indicators.exclude(pk__in=chosen).update(iku=False)
    renstra.iku_ditetapkan_oleh = user
    renstra.iku_ditetapkan_sebutan = permissions.acting_title(user, renstra, Role.CAMAT)
    renstra.iku_ditetapkan_pada = timezone.now()
    renstra.save(update_fields=["iku_ditetapkan_oleh", "iku_ditetapkan_sebutan", "iku_ditetapkan_pada"])
    return renstra
