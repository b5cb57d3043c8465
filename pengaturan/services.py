"""The kabupaten administrator's operations ("Pengaturan Kabupaten"): one transaction each, checked by
`sakip.permissions.check_user_can_administer_kabupaten`, audited by django-simple-history (every model
changed here keeps its history; each save names its reason in `history_change_reason`).

Every object an operation touches or links to — the kecamatan, a parent unit, a position's unit, the
person and the position of a delegation — must belong to a kabupaten the user administers: a
foreign key is never taken on trust from a form (issue 12, finding 2). Bad input is a
`PengaturanError` whose `errors` map form fields to Indonesian messages; the transaction is rolled
back, so nothing is half-saved.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from kinerja.models import KriteriaPredikat
from sakip import events as sakip_events
from sakip import nik as nik_rules
from sakip import permissions, uploads
from sakip.errors import Penolakan
from sakip.models import Delegation, Pegawai, PemberianKuasa, Position, Unit
from sakip.roles import KUASA_ROLES, SATU_PEMEGANG_ROLES, Role
from sakip.validators import pesan_karakter_kontrol
from workflow.models import HariLibur, WorkingCalendar, default_office_hours

LAMBANG_MAX_BYTES = 2 * 1024 * 1024
LAMBANG_MAX_SIDE = 4000  # pixels; a lambang is printed a few centimetres wide
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
# Temporary passwords: no look-alike characters (0/O, 1/l/I), read aloud or copied from the screen.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


class PengaturanError(Penolakan):
    """A refused change of the kabupaten's settings (see sakip.errors)."""


def _refuse_validation(error: ValidationError) -> PengaturanError:
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    first = next(iter(errors.values()))[0]
    return PengaturanError(first, {field: " ".join(messages) for field, messages in errors.items()})


def _full_clean(obj, *, exclude=None, validate_unique=True) -> None:
    # Constraints are checked by each operation first, with a message naming the field (and enforced by
    # the database in any case); Django's generic "constraint ... is violated" is not for people.
    try:
        obj.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=False)
    except ValidationError as error:
        raise _refuse_validation(error) from None


def _check(user, *objects) -> None:
    for obj in objects:
        permissions.check_user_can_administer_kabupaten(user, obj)


def _check_person(user, pegawai: Pegawai) -> None:
    """A person belongs to the kabupaten of their position; operators are managed by operators only."""
    if pegawai.is_superuser or pegawai.is_staff:
        raise PermissionDenied("Akun operator tidak dikelola dari halaman ini.")
    if pegawai.jabatan_id is None:
        if not user.is_superuser:
            raise PermissionDenied("Pegawai tanpa jabatan hanya dapat dikelola oleh operator.")
        return
    permissions.check_user_can_administer_kabupaten(user, pegawai.jabatan)


def _field_error(field: str, message: str) -> PengaturanError:
    return PengaturanError(message, {field: message})


def temporary_password() -> str:
    """Twelve characters in three groups, e.g. "Kq7m-Xp3d-R9tw"."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# --- 1. Kecamatan identity -------------------------------------------------------------------------------
IDENTITAS_FIELDS = ("nama", "alamat", "kode_pos", "telepon", "email", "website", "ibukota")


def _lambang_checked(upload) -> tuple[bytes, str]:
    """The lambang's bytes and extension (png/jpg) through the one upload gate, then decoded by Pillow."""
    try:
        content, extension = uploads.check(upload)
    except uploads.UploadRefused as refused:
        raise _field_error("lambang", refused.message) from None
    if extension not in ("png", "jpg"):
        raise _field_error("lambang", "Lambang daerah harus berupa gambar PNG atau JPEG.")
    if len(content) > LAMBANG_MAX_BYTES:
        raise _field_error("lambang", f"Lambang daerah paling besar {LAMBANG_MAX_BYTES // (1024 * 1024)} MB.")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width > LAMBANG_MAX_SIDE or height > LAMBANG_MAX_SIDE:
                raise _field_error(
                    "lambang", f"Lambang daerah paling besar {LAMBANG_MAX_SIDE} × {LAMBANG_MAX_SIDE} piksel."
                )
            image.verify()
    except PengaturanError:
        raise
    except Exception:  # noqa: BLE001 - any decoder failure means "not a usable picture"
        raise _field_error("lambang", "Berkas lambang daerah rusak atau bukan gambar yang dapat dibaca.") from None
    return content, extension


@transaction.atomic
def kecamatan_identitas_simpan(*, user, kecamatan: Unit, data: dict, lambang=None, hapus_lambang: bool = False) -> Unit:
    """Name, address, contacts and lambang daerah of a kecamatan (or of the kabupaten itself)."""
    _check(user, kecamatan)
    if kecamatan.jenis not in (Unit.Kind.KECAMATAN, Unit.Kind.KABUPATEN):
        raise PengaturanError("Identitas hanya diatur untuk kecamatan dan kabupaten.")
    unit = Unit.objects.select_for_update().get(pk=kecamatan.pk)
    for name in IDENTITAS_FIELDS:
        if name in data:
            setattr(unit, name, (data[name] or "").strip())
    _full_clean(unit, exclude=["lambang", "kode", "parent"])
    old_file = unit.lambang.name if unit.lambang else ""
    if lambang is not None:
        content, extension = _lambang_checked(lambang)
        digest = hashlib.sha256(content).hexdigest()[:12]
        unit.lambang.save(f"{unit.kode}-{digest}.{extension}", ContentFile(content), save=False)
    elif hapus_lambang:
        unit.lambang = ""
    unit._change_reason = "Identitas diubah oleh administrator kabupaten"
    unit.save()
    new_file = unit.lambang.name if unit.lambang else ""
    if old_file and old_file != new_file:
        storage = unit.lambang.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return unit


# --- 2. Units and positions ------------------------------------------------------------------------------
def _unique_kode(base: str) -> str:
    base = (slugify(base) or "unit")[:70]
    kode, n = base, 1
    while Unit.objects.filter(kode=kode).exists():
        n += 1
        kode = f"{base}-{n}"
    return kode


@transaction.atomic
def unit_buat(*, user, parent: Unit, jenis: str, nama: str) -> Unit:
    """A new unit under `parent` (a kecamatan under the kabupaten, a sekretariat/subbagian/seksi under a
    kecamatan)."""
    _check(user, parent)
    if jenis == Unit.Kind.KABUPATEN:
        raise _field_error("jenis", "Kabupaten tidak dapat dibuat di sini.")
    nama = (nama or "").strip()
    unit = Unit(nama=nama, jenis=jenis, parent=parent, kode=_unique_kode(f"{parent.kode}-{nama}"))
    _full_clean(unit, exclude=["lambang"])
    unit._change_reason = "Dibuat oleh administrator kabupaten"
    unit.save()
    return unit


@transaction.atomic
def unit_ubah(*, user, unit: Unit, nama: str) -> Unit:
    """Rename a unit (its kode, used in links and file names, stays)."""
    _check(user, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit.nama = (nama or "").strip()
    _full_clean(unit, exclude=["lambang", "kode"])
    unit._change_reason = "Nama diubah oleh administrator kabupaten"
    unit.save()
    return unit


def _position_clean(position: Position) -> None:
    _full_clean(position)
    duplicate = Position.objects.filter(unit=position.unit, nama=position.nama).exclude(pk=position.pk)
    if duplicate.exists():
        raise _field_error("nama", "Nama jabatan ini sudah ada di unit tersebut.")


@transaction.atomic
def jabatan_buat(*, user, unit: Unit, nama: str, role: str) -> Position:
    _check(user, unit)
    position = Position(unit=unit, nama=(nama or "").strip(), role=role)
    _position_clean(position)
    position._change_reason = "Dibuat oleh administrator kabupaten"
    position.save()
    return position


@transaction.atomic
def jabatan_ubah(*, user, position: Position, nama: str, role: str) -> Position:
    """Rename a position or change its role (what its holders may do changes with it)."""
    _check(user, position)
    position = Position.objects.select_for_update().select_related("unit").get(pk=position.pk)
    if position.holders.filter(pk=user.pk).exists() and role != position.role:
        raise _field_error("role", "Peran jabatan Anda sendiri tidak dapat Anda ubah.")
    if role in KUASA_ROLES and role != position.role and position.holders.filter(is_active=True).exists():
        # Turning a held position into a signing or evaluating one would grant its holders that power
        # without the second person's confirmation: the position is emptied first.
        raise _field_error(
            "role",
            f"Jabatan yang sedang dipegang tidak dapat diubah menjadi berperan {Role(role).label}; "
            "pindahkan pemegangnya terlebih dahulu, lalu tempatkan pemegang baru dengan persetujuan administrator kedua.",
        )
    position.nama = (nama or "").strip()
    position.role = role
    _position_clean(position)
    position._change_reason = "Diubah oleh administrator kabupaten"
    position.save()
    return position


# --- 3. People -------------------------------------------------------------------------------------------
PEGAWAI_FIELDS = ("nama", "nip", "nik", "pangkat_golongan", "email", "telepon")


def _apply_pegawai(pegawai: Pegawai, data: dict, jabatan: Position | None) -> None:
    """`nik` (sakip/nik.py, for BSrE signatures) is never shown whole, so an empty one keeps the recorded NIK;
    `hapus_nik` removes it."""
    for name in PEGAWAI_FIELDS:
        if name in data:
            value = data[name]
            if name == "nik":
                if not value:
                    continue
                try:
                    value = nik_rules.validate(value)
                except ValidationError as error:
                    raise _field_error("nik", error.messages[0]) from None
            setattr(pegawai, name, value.strip() if isinstance(value, str) else value)
    if data.get("hapus_nik"):
        pegawai.nik = None
    pegawai.nip = pegawai.nip or None
    pegawai.nik = pegawai.nik or None
    if jabatan is None:
        raise _field_error("jabatan", "Pilih jabatan pegawai.")
    pegawai.jabatan = jabatan
    _full_clean(pegawai, exclude=["password", "last_login"], validate_unique=False)
    # Uniqueness with messages naming the field (the database refuses a race in any case).
    if Pegawai.objects.filter(username__iexact=pegawai.username).exclude(pk=pegawai.pk).exists():
        raise _field_error("username", "Nama pengguna ini sudah dipakai.")
    if pegawai.nip and Pegawai.objects.filter(nip=pegawai.nip).exclude(pk=pegawai.pk).exists():
        raise _field_error("nip", "NIP ini sudah terdaftar untuk pegawai lain.")
    if pegawai.nik and Pegawai.objects.filter(nik=pegawai.nik).exclude(pk=pegawai.pk).exists():
        raise _field_error("nik", "NIK ini sudah terdaftar untuk pegawai lain.")


def _satu_pemegang(position: Position, pegawai: Pegawai) -> None:
    """A position that signs has one active holder at a time (a Plt./Plh. acts beside, by dates)."""
    if position.role not in SATU_PEMEGANG_ROLES:
        return
    other = Pegawai.objects.filter(jabatan=position, is_active=True).exclude(pk=pegawai.pk).first()
    if other is not None:
        raise _field_error(
            "jabatan",
            f"Jabatan {position.nama} sudah dipegang oleh {other}. Jabatan penandatangan hanya dipegang satu orang: "
            "pindahkan atau nonaktifkan pemegang lama terlebih dahulu, atau tunjuk Plt./Plh. untuk masa tertentu.",
        )


@dataclass
class AkunBaru:
    pegawai: Pegawai | None  # None while the grant waits for a second person's confirmation
    kata_sandi: str  # shown once, never stored in clear
    permintaan: PemberianKuasa | None = None


@transaction.atomic
def pegawai_buat(*, user, username: str, jabatan: Position | None, data: dict) -> AkunBaru:
    """A new account with a temporary password that must be changed at the first login.

    In a signing or evaluating position the account is only asked for: a second person confirms it
    (`kuasa_setujui`) and is the one who sees its temporary password."""
    if jabatan is None:
        raise _field_error("jabatan", "Pilih jabatan pegawai.")
    _check(user, jabatan)
    pegawai = Pegawai(username=(username or "").strip())
    _apply_pegawai(pegawai, data, jabatan)
    _satu_pemegang(jabatan, pegawai)
    if jabatan.role in KUASA_ROLES:
        fields = {"username": pegawai.username, **{name: getattr(pegawai, name) or "" for name in PEGAWAI_FIELDS}}
        permintaan = _minta_kuasa(user, jabatan, PemberianKuasa.Jenis.AKUN_BARU, data=fields)
        if permintaan.status == PemberianKuasa.Status.MENUNGGU:
            return AkunBaru(None, "", permintaan)
        return AkunBaru(permintaan.pegawai, permintaan.kata_sandi, permintaan)
    return _buat_akun(pegawai, "Akun dibuat oleh administrator kabupaten")


def _buat_akun(pegawai: Pegawai, alasan: str) -> AkunBaru:
    password = temporary_password()
    pegawai.set_password(password)
    pegawai.harus_ganti_password = True
    pegawai._change_reason = alasan
    try:
        with transaction.atomic():
            pegawai.save()
    except IntegrityError:
        raise _field_error("username", "Nama pengguna atau NIP ini sudah dipakai.") from None
    return AkunBaru(pegawai, password)


@transaction.atomic
def pegawai_ubah(*, user, pegawai: Pegawai, jabatan: Position | None, data: dict) -> Pegawai:
    """Identity and position of a person (moving them to another position of the kabupaten)."""
    _check_person(user, pegawai)
    if jabatan is None:
        raise _field_error("jabatan", "Pilih jabatan pegawai.")
    _check(user, jabatan)
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if pegawai.pk == user.pk and jabatan.pk != pegawai.jabatan_id:
        raise _field_error("jabatan", "Jabatan Anda sendiri tidak dapat Anda pindahkan.")
    pindah_ke_kuasa = jabatan.pk != pegawai.jabatan_id and jabatan.role in KUASA_ROLES
    if pindah_ke_kuasa:
        _satu_pemegang(jabatan, pegawai)
    # Into a signing or evaluating position only with a second person's confirmation: the other fields are
    # saved now, the placement is asked for (`pegawai.permintaan_kuasa` tells the page).
    _apply_pegawai(pegawai, data, pegawai.jabatan if pindah_ke_kuasa else jabatan)
    if not pindah_ke_kuasa:
        _satu_pemegang(jabatan, pegawai)
    pegawai._change_reason = "Diubah oleh administrator kabupaten"
    pegawai.save()
    permintaan = None
    if pindah_ke_kuasa:
        permintaan = _minta_kuasa(user, jabatan, PemberianKuasa.Jenis.PINDAH_JABATAN, pegawai=pegawai)
        pegawai.refresh_from_db()
    pegawai.permintaan_kuasa = permintaan
    return pegawai


@transaction.atomic
def pegawai_atur_aktif(*, user, pegawai: Pegawai, aktif: bool) -> Pegawai:
    """Deactivate (they can no longer sign in; their history stays) or reactivate an account."""
    _check_person(user, pegawai)
    if pegawai.pk == user.pk and not aktif:
        raise PengaturanError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("jabatan").get(pk=pegawai.pk)
    if aktif and pegawai.jabatan_id:
        _satu_pemegang(pegawai.jabatan, pegawai)
    pegawai.is_active = aktif
    pegawai._change_reason = "Diaktifkan kembali" if aktif else "Dinonaktifkan"
    pegawai.save(update_fields=["is_active"])
    return pegawai


@transaction.atomic
def pegawai_reset_sandi(*, user, pegawai: Pegawai) -> AkunBaru:
    """A new temporary password (returned, to be shown once); the person must change it at next login.

    Whoever knows the temporary password of a Camat or an evaluator can sign or evaluate as them: for such
    a holder the password is only asked for, and shown to the second person who confirms it."""
    _check_person(user, pegawai)
    if pegawai.pk == user.pk:
        raise PengaturanError("Kata sandi Anda sendiri diubah melalui halaman Ubah kata sandi.")
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("jabatan").get(pk=pegawai.pk)
    if pegawai.jabatan_id and pegawai.jabatan.role in KUASA_ROLES:
        permintaan = _minta_kuasa(user, pegawai.jabatan, PemberianKuasa.Jenis.RESET_SANDI, pegawai=pegawai)
        return AkunBaru(permintaan.pegawai, getattr(permintaan, "kata_sandi", ""), permintaan)
    return AkunBaru(pegawai, _sandi_sementara(pegawai), None)


def _sandi_sementara(pegawai: Pegawai) -> str:
    password = temporary_password()
    pegawai.set_password(password)
    pegawai.harus_ganti_password = True
    pegawai._change_reason = "Kata sandi sementara diberikan"
    pegawai.save(update_fields=["password", "harus_ganti_password"])
    return password


# --- 4. Plt./Plh. ----------------------------------------------------------------------------------------
def _delegation_clean(delegation: Delegation) -> None:
    _full_clean(delegation)
    if delegation.pegawai.jabatan_id == delegation.position_id:
        raise _field_error("pegawai", "Pegawai ini pemegang jabatan tersebut; pilih pegawai lain sebagai Plt./Plh.")
    overlapping = (
        Delegation.objects.filter(position=delegation.position, mulai__lte=delegation.selesai)
        .filter(selesai__gte=delegation.mulai)
        .exclude(pk=delegation.pk)
        .select_related("pegawai")
        .first()
    )
    if overlapping is not None:
        raise _field_error(
            "mulai",
            f"Jabatan ini sudah memiliki {overlapping.get_jenis_display().split(' ')[0]} "
            f"({overlapping.pegawai}) dari {overlapping.mulai:%d-%m-%Y} s.d. {overlapping.selesai:%d-%m-%Y}.",
        )


DELEGASI_FIELDS = ("jenis", "mulai", "selesai", "dasar", "gelar_tanda_tangan")


def _delegasi_isi(delegation: Delegation, data: dict) -> Delegation:
    for name in DELEGASI_FIELDS:
        if name in data:
            value = data[name]
            if name in ("mulai", "selesai") and isinstance(value, str):
                value = datetime.date.fromisoformat(value)
            setattr(delegation, name, value)
    delegation.dasar = (delegation.dasar or "").strip()
    delegation.gelar_tanda_tangan = (delegation.gelar_tanda_tangan or "").strip()
    _delegation_clean(delegation)
    return delegation


def _delegasi_data(delegation: Delegation) -> dict:
    """A delegation's fields as JSON (dates as ISO text), for a grant waiting for confirmation."""
    return {
        name: (value.isoformat() if isinstance(value, datetime.date) else value)
        for name in DELEGASI_FIELDS
        if (value := getattr(delegation, name)) is not None
    }


def _bukan_diri_sendiri(user, pegawai: Pegawai) -> None:
    if pegawai.pk == user.pk:
        raise _field_error(
            "pegawai", "Anda tidak dapat menunjuk diri sendiri sebagai Plt./Plh.; penunjukan dilakukan orang lain."
        )


@dataclass
class HasilDelegasi:
    delegasi: Delegation | None  # None while the grant waits for a second person's confirmation
    permintaan: PemberianKuasa | None = None


@transaction.atomic
def delegasi_buat(*, user, position: Position | None, pegawai: Pegawai | None, data: dict) -> HasilDelegasi:
    """A Plt./Plh. of a position. Nobody appoints themselves; a Plt./Plh. of a signing or evaluating position
    is only asked for until a second person confirms it (`kuasa_setujui`)."""
    if position is None:
        raise _field_error("position", "Pilih jabatan yang diwakili.")
    if pegawai is None:
        raise _field_error("pegawai", "Pilih pegawai yang ditunjuk.")
    _check(user, position)
    _check_person(user, pegawai)
    _bukan_diri_sendiri(user, pegawai)
    if not pegawai.is_active:
        raise _field_error("pegawai", "Pegawai ini tidak aktif.")
    delegation = _delegasi_isi(Delegation(position=position, pegawai=pegawai), data)
    if position.role in KUASA_ROLES:
        permintaan = _minta_kuasa(
            user, position, PemberianKuasa.Jenis.DELEGASI, pegawai=pegawai, data=_delegasi_data(delegation)
        )
        return HasilDelegasi(permintaan.delegasi, permintaan)
    delegation._change_reason = "Ditetapkan oleh administrator kabupaten"
    delegation.save()
    return HasilDelegasi(delegation)


@transaction.atomic
def delegasi_ubah(*, user, delegation: Delegation, data: dict) -> HasilDelegasi:
    """Change the dates, kind, basis or title of a delegation (its position and person stay); for a signing or
    evaluating position, asked for until a second person confirms it."""
    _check(user, delegation.position)
    delegation = Delegation.objects.select_for_update().select_related("position", "pegawai").get(pk=delegation.pk)
    _bukan_diri_sendiri(user, delegation.pegawai)
    _delegasi_isi(delegation, data)
    if delegation.position.role in KUASA_ROLES:
        permintaan = _minta_kuasa(
            user,
            delegation.position,
            PemberianKuasa.Jenis.DELEGASI_UBAH,
            pegawai=delegation.pegawai,
            delegasi=delegation,
            data=_delegasi_data(delegation),
        )
        return HasilDelegasi(permintaan.delegasi, permintaan)
    delegation._change_reason = "Diubah oleh administrator kabupaten"
    delegation.save()
    return HasilDelegasi(delegation)


@transaction.atomic
def delegasi_hapus(*, user, delegation: Delegation) -> None:
    _check(user, delegation.position)
    delegation._change_reason = "Dihapus oleh administrator kabupaten"
    delegation.delete()


@transaction.atomic
def skm_tanpa_tanda_terima_atur(*, user, kabupaten: Unit, wajib: bool) -> Unit:
    """Count (or not) in the IKM the SKM answers that carry no receipt of a finished request of that service
    (layanan.selectors.DIHITUNG). Off by default: such answers prove nothing and can be stuffed."""
    return _wajibkan(
        user, kabupaten, "skm_hitung_tanpa_tanda_terima", "Penghitungan jawaban SKM tanpa tanda terima", wajib
    )


# --- 4b. Powers to sign and to evaluate: asked by one administrator, confirmed by a second person -----------
def _minta_kuasa(
    user, jabatan: Position, jenis: str, *, pegawai: Pegawai | None = None, delegasi=None, data: dict | None = None
) -> PemberianKuasa:
    """Record a grant of a signing or evaluating power. An operator's is applied at once (and recorded); a
    kabupaten administrator's waits for another administrator of the kabupaten or an operator."""
    permintaan = PemberianKuasa.objects.create(
        kabupaten_id=jabatan.kabupaten_id,
        jabatan=jabatan,
        jenis=jenis,
        pegawai=pegawai,
        delegasi=delegasi,
        data=data or {},
        diminta_oleh=user,
    )
    if user.is_superuser:
        return _terapkan(permintaan, user)
    sakip_events.kuasa_berubah.send(sender=PemberianKuasa, permintaan=permintaan, oleh=user)
    return permintaan


def _terapkan(permintaan: PemberianKuasa, user) -> PemberianKuasa:
    """Apply a confirmed grant (inside the caller's transaction). A temporary password made here is set on
    `permintaan.kata_sandi` for the confirming person's screen only; it is never stored in clear."""
    J = PemberianKuasa.Jenis
    jabatan = Position.objects.select_for_update().get(pk=permintaan.jabatan_id)
    permintaan.kata_sandi = ""
    if permintaan.jenis == J.AKUN_BARU:
        data = permintaan.data
        pegawai = Pegawai(username=data.get("username", ""))
        _apply_pegawai(pegawai, data, jabatan)
        _satu_pemegang(jabatan, pegawai)
        akun = _buat_akun(pegawai, "Akun dibuat dengan persetujuan administrator kedua")
        permintaan.pegawai, permintaan.kata_sandi = akun.pegawai, akun.kata_sandi
    elif permintaan.jenis == J.PINDAH_JABATAN:
        pegawai = Pegawai.objects.select_for_update().get(pk=permintaan.pegawai_id)
        _satu_pemegang(jabatan, pegawai)
        pegawai.jabatan = jabatan
        pegawai._change_reason = "Ditempatkan dengan persetujuan administrator kedua"
        pegawai.save(update_fields=["jabatan"])
    elif permintaan.jenis in (J.DELEGASI, J.DELEGASI_UBAH):
        if permintaan.jenis == J.DELEGASI:
            delegation = Delegation(position=jabatan, pegawai_id=permintaan.pegawai_id)
        elif permintaan.delegasi_id is None:
            raise PengaturanError("Plt./Plh. yang hendak diubah sudah dihapus.")
        else:
            delegation = Delegation.objects.select_for_update().get(pk=permintaan.delegasi_id)
        _delegasi_isi(delegation, permintaan.data)
        delegation._change_reason = "Ditetapkan dengan persetujuan administrator kedua"
        delegation.save()
        permintaan.delegasi = delegation
    elif permintaan.jenis == J.RESET_SANDI:
        pegawai = Pegawai.objects.select_for_update().get(pk=permintaan.pegawai_id)
        permintaan.kata_sandi = _sandi_sementara(pegawai)
    permintaan.status = PemberianKuasa.Status.DITERAPKAN
    permintaan.diputus_oleh = user
    permintaan.diputus_pada = timezone.now()
    permintaan._change_reason = "Diterapkan"
    permintaan.save()
    sakip_events.kuasa_berubah.send(sender=PemberianKuasa, permintaan=permintaan, oleh=user)
    return permintaan


def _permintaan_menunggu(user, permintaan: PemberianKuasa) -> PemberianKuasa:
    _check(user, permintaan.kabupaten)
    permintaan = PemberianKuasa.objects.select_for_update(of=("self",)).select_related("jabatan").get(pk=permintaan.pk)
    if permintaan.status != PemberianKuasa.Status.MENUNGGU:
        raise PengaturanError(f"Permintaan ini sudah {permintaan.get_status_display().lower()}.")
    return permintaan


@transaction.atomic
def kuasa_setujui(*, user, permintaan: PemberianKuasa) -> PemberianKuasa:
    """The second person confirms a grant: another administrator of the kabupaten (or an operator), never the
    one who asked and never the person who receives the power."""
    permintaan = _permintaan_menunggu(user, permintaan)
    if permintaan.diminta_oleh_id == user.pk:
        raise PengaturanError("Permintaan Anda sendiri disetujui oleh administrator lain atau operator.")
    if permintaan.pegawai_id == user.pk:
        raise PengaturanError("Kuasa untuk diri Anda sendiri disetujui oleh administrator lain atau operator.")
    return _terapkan(permintaan, user)


@transaction.atomic
def kuasa_tolak(*, user, permintaan: PemberianKuasa, alasan: str) -> PemberianKuasa:
    """Refuse a grant (another administrator), or withdraw it (the one who asked); with a reason."""
    permintaan = _permintaan_menunggu(user, permintaan)
    alasan = (alasan or "").strip()
    if not alasan:
        raise _field_error("alasan", "Alasan penolakan wajib diisi.")
    if message := pesan_karakter_kontrol(alasan, "Alasan"):
        raise _field_error("alasan", message)
    permintaan.status = PemberianKuasa.Status.DITOLAK
    permintaan.diputus_oleh = user
    permintaan.diputus_pada = timezone.now()
    permintaan.alasan_tolak = alasan
    permintaan._change_reason = "Ditolak"
    permintaan.save()
    sakip_events.kuasa_berubah.send(sender=PemberianKuasa, permintaan=permintaan, oleh=user)
    return permintaan


# --- 5. Working calendar ---------------------------------------------------------------------------------
def _calendar_for_update(kabupaten: Unit) -> WorkingCalendar:
    calendar, _ = WorkingCalendar.objects.select_for_update().get_or_create(
        kabupaten=kabupaten, defaults={"jam_kerja": default_office_hours()}
    )
    return calendar


def _kabupaten(unit: Unit) -> Unit:
    if unit.jenis != Unit.Kind.KABUPATEN:
        raise PengaturanError("Kalender kerja dan kriteria predikat diatur per kabupaten.")
    return unit


@transaction.atomic
def kalender_jam_simpan(*, user, kabupaten: Unit, jam_kerja: dict[int, tuple[datetime.time, datetime.time] | None]):
    """Office hours per weekday (0 = Senin); None = no office that day."""
    _check(user, _kabupaten(kabupaten))
    hours = {}
    for day in range(7):
        span = jam_kerja.get(day)
        if span is None:
            continue
        start, end = span
        if start >= end:
            raise _field_error(f"hari_{day}_pulang", f"{HARI[day]}: jam pulang harus sesudah jam masuk.")
        hours[str(day)] = [start.strftime("%H:%M"), end.strftime("%H:%M")]
    if not hours:
        raise PengaturanError("Paling sedikit satu hari harus menjadi hari kerja.")
    calendar = _calendar_for_update(kabupaten)
    calendar.jam_kerja = hours
    calendar._change_reason = "Jam kerja diubah oleh administrator kabupaten"
    calendar.save()
    return calendar


@transaction.atomic
def libur_tambah(*, user, kabupaten: Unit, tanggal: datetime.date, nama: str) -> HariLibur:
    """A local day off (cuti bersama, libur daerah) on top of the national holidays."""
    _check(user, _kabupaten(kabupaten))
    calendar = _calendar_for_update(kabupaten)
    if calendar.hari_libur.filter(tanggal=tanggal).exists():
        raise _field_error("tanggal", f"Tanggal {tanggal:%d-%m-%Y} sudah tercatat sebagai hari libur.")
    libur = HariLibur(kalender=calendar, tanggal=tanggal, nama=(nama or "").strip())
    _full_clean(libur, exclude=["kalender"])
    libur._change_reason = "Ditambahkan oleh administrator kabupaten"
    libur.save()
    return libur


@transaction.atomic
def libur_hapus(*, user, libur: HariLibur) -> None:
    _check(user, libur.kalender)
    libur._change_reason = "Dihapus oleh administrator kabupaten"
    libur.delete()


# --- 6. Predikat bands -----------------------------------------------------------------------------------
@transaction.atomic
def predikat_simpan(*, user, kabupaten: Unit, bands: list[tuple[Decimal, str]]) -> list[KriteriaPredikat]:
    """Replace the kabupaten's predikat bands. Lower bounds distinct, labels distinct, the lowest band
    starting at 0 or below (so that every capaian gets a predikat)."""
    _check(user, _kabupaten(kabupaten))
    if not bands:
        raise PengaturanError("Isi paling sedikit satu kriteria predikat.")
    seen_bounds: dict[Decimal, int] = {}
    seen_labels: dict[str, int] = {}
    for i, (lower, label) in enumerate(bands):
        label = (label or "").strip()
        if lower in seen_bounds:
            raise _field_error(f"batas_{i}", f"Batas bawah {lower} dipakai lebih dari satu kali.")
        if label.casefold() in seen_labels:
            raise _field_error(f"predikat_{i}", f'Predikat "{label}" dipakai lebih dari satu kali.')
        seen_bounds[lower] = i
        seen_labels[label.casefold()] = i
    if min(seen_bounds) > 0:
        i = seen_bounds[min(seen_bounds)]
        raise _field_error(
            f"batas_{i}", "Batas bawah predikat terendah harus 0 agar setiap capaian memperoleh predikat."
        )
    for old in KriteriaPredikat.objects.filter(kabupaten=kabupaten):
        old._change_reason = "Diganti oleh kriteria baru"
        old.delete()
    created = []
    for i, (lower, label) in enumerate(bands):
        row = KriteriaPredikat(kabupaten=kabupaten, batas_bawah=lower, predikat=label.strip())
        try:
            row.full_clean(exclude=["kabupaten"])
        except ValidationError as error:
            raise PengaturanError("; ".join(error.messages), {f"predikat_{i}": "; ".join(error.messages)}) from None
        row._change_reason = "Kriteria predikat diubah"
        row.save()
        created.append(row)
    return created


@transaction.atomic
def predikat_kembalikan_bawaan(*, user, kabupaten: Unit) -> None:
    """Drop the kabupaten's own bands: the regulation's defaults apply again."""
    _check(user, _kabupaten(kabupaten))
    for row in KriteriaPredikat.objects.filter(kabupaten=kabupaten):
        row._change_reason = "Dikembalikan ke kriteria bawaan"
        row.delete()


def _wajibkan(
    user, kabupaten: Unit, field: str, nama: str, wajib: bool, pesan=("diwajibkan", "tidak lagi diwajibkan")
) -> Unit:
    """Set one of the kabupaten's requirements (a boolean of Unit), its history reason naming it."""
    _check(user, _kabupaten(kabupaten))
    unit = Unit.objects.select_for_update().get(pk=kabupaten.pk)
    setattr(unit, field, bool(wajib))
    unit._change_reason = f"{nama} {pesan[0] if wajib else pesan[1]} oleh administrator kabupaten"
    unit.save()
    return unit


@transaction.atomic
def dua_langkah_atur(*, user, kabupaten: Unit, wajib: bool) -> Unit:
    """Turn the two-step sign-in (sakip/dua_langkah.py) on or off for the kabupaten's Camat, administrators
    and evaluators. Turning it on asks each of them, at their next page, to enrol or to type a code."""
    return _wajibkan(user, kabupaten, "wajib_dua_langkah", "Verifikasi dua langkah", wajib)


@transaction.atomic
def reviu_lkip_atur(*, user, kabupaten: Unit, wajib: bool) -> Unit:
    """Require (or not) the Inspektorat's review of every LKIP before the Camat signs it (laporan/reviu.py).
    LKIPs already signed are not touched; a submitted one waits for the review from now on."""
    return _wajibkan(user, kabupaten, "wajib_reviu_lkip", "Reviu LKIP oleh Inspektorat", wajib)


@transaction.atomic
def masuk_kata_sandi_atur(*, user, kabupaten: Unit, wajib: bool) -> Unit:
    """Allow (or not) the kabupaten's people to sign in with the application's password beside the SSO
    (sakip/sso.py). Only honoured where the deployment has SSO on; operators always keep the password form."""
    return _wajibkan(
        user, kabupaten, "masuk_kata_sandi", "Masuk dengan kata sandi aplikasi", wajib, ("diizinkan", "tidak diizinkan")
    )


PENANDA_BSRE = (Unit.PenandaTangan.BSRE_V2, Unit.PenandaTangan.BSRE_V1)


@transaction.atomic
def penanda_tangan_atur(
    *, user, kabupaten: Unit, penanda_tangan: str, bsre_url: str = "", bsre_pengguna: str = ""
) -> Unit:
    """Choose who signs the kabupaten's documents (laporan/penanda.py): the deployment's seal, or the kabupaten's
    BSrE service through its Esign Client Service (address and client user name here; the client password in
    the server's environment, `Unit.bsre_variabel_sandi`). Documents already signed keep their signature; the
    next signature uses the choice."""
    _check(user, _kabupaten(kabupaten))
    if penanda_tangan not in Unit.PenandaTangan.values:
        raise PengaturanError("Pilihan penanda tangan tidak dikenal.", {"penanda_tangan": "Pilih salah satu."})
    bsre_url = (bsre_url or "").strip()
    bsre_pengguna = (bsre_pengguna or "").strip()
    errors = {}
    if bsre_url:
        try:
            URLValidator(schemes=["http", "https"])(bsre_url)
        except ValidationError:
            errors["bsre_url"] = "Alamat tidak sah; tulis lengkap, misalnya http://10.10.1.5:8080."
    if penanda_tangan in PENANDA_BSRE:
        if not bsre_url:
            errors.setdefault("bsre_url", "Alamat Esign Client Service wajib diisi untuk tanda tangan BSrE.")
        if not bsre_pengguna:
            errors["bsre_pengguna"] = "Nama pengguna Esign Client Service wajib diisi untuk tanda tangan BSrE."
    for field, value, nama in (("bsre_pengguna", bsre_pengguna, "Nama pengguna"), ("bsre_url", bsre_url, "Alamat")):
        if field not in errors and (message := pesan_karakter_kontrol(value, nama)):
            errors[field] = message
    if errors:
        raise PengaturanError("Periksa isian penanda tangan.", errors)
    unit = Unit.objects.select_for_update().get(pk=kabupaten.pk)
    unit.penanda_tangan = penanda_tangan
    unit.bsre_url = bsre_url
    unit.bsre_pengguna = bsre_pengguna
    unit._change_reason = f"Penanda tangan dokumen: {unit.get_penanda_tangan_display()}"[:100]
    unit.save()
    return unit
