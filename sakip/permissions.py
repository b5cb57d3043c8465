"""The one permission module: who may see what, and who may do what.

Two questions, answered only here:

* "Which objects of this model may this user see?" — `scope(user, queryset)`
  filters any queryset of tenant data to the kecamatan the user may read, and
  `get_visible_or_404(...)` fetches one object or raises Http404 (an object of
  another kecamatan does not exist for the user).
* "May this user do this action on this object?" — `user_can(user, action, obj)`
  for templates and menus, `check_user_can(...)` raising PermissionDenied for
  services. Named pairs (`user_can_establish_pk` / `check_user_can_establish_pk`, in the manner
  of opensafely-core/airlock) exist only for rules that are more than a role set (the holder of a
  position, the work of a task, the kabupaten's administrator); a plain role rule is asked by its action
  name, so no pair goes uncalled.

Rules:
* People of a kecamatan see only their kecamatan. ADMIN and EVALUATOR (positions
  at kabupaten level) see every kecamatan of their kabupaten; EVALUATOR never
  changes anything.
* Acting officials (Plt./Plh., `Delegation`) hold the delegated position's roles
  for the delegation's date range, in addition to their own.
* An object with no kecamatan (e.g. an SOP template of unknown origin) is
  readable by everyone and writable only by operators (superusers): it is shared by every kabupaten, so
  no kabupaten's administrator changes it for the others (a kabupaten copies it into a kecamatan instead).

Objects are duck-typed: anything with a `kecamatan_id` attribute (or a Unit)
can be checked, so this module does not import the apps built on top of it.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.db.models import Q, QuerySet
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from sakip.errors import Penolakan
from sakip.roles import KABUPATEN_ROLES, Role

R = Role

# action -> roles that may perform it within the object's kecamatan.
# ADMIN listed means a kabupaten administrator may do it for any kecamatan of
# the kabupaten. EVALUATOR is never listed: evaluators only read.
ACTION_ROLES: dict[str, frozenset[str]] = {
    # SOP library
    "sop.edit": frozenset({R.CAMAT, R.SEKRETARIS, R.KASUBBAG_PERENCANAAN, R.ADMIN}),
    "sop.make_effective": frozenset({R.CAMAT}),
    # Recording that the lanes inferred during transcription were checked against the original document.
    "sop.confirm_lanes": frozenset({R.CAMAT}),
    "sop.copy_as_template": frozenset({R.CAMAT, R.SEKRETARIS, R.KASUBBAG_PERENCANAAN, R.ADMIN}),
    # Performance data
    "kinerja.edit_pk": frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS}),
    "kinerja.sign_pk": frozenset({R.CAMAT}),
    "kinerja.edit_anggaran": frozenset({R.KASUBBAG_PERENCANAAN, R.KASUBBAG_UMUM, R.SEKRETARIS}),
    "kinerja.enter_realisasi": frozenset(
        {R.PELAKSANA, R.KASI, R.KABID, R.KASUBBAG_UMUM, R.KASUBBAG_PERENCANAAN, R.SEKRETARIS}
    ),
    "kinerja.submit_quarter": frozenset({R.KASUBBAG_PERENCANAAN}),
    "kinerja.verify_quarter": frozenset({R.SEKRETARIS}),
    "kinerja.approve_quarter": frozenset({R.CAMAT}),
    "kinerja.reopen_quarter": frozenset({R.CAMAT}),
    # Reports and signing
    "laporan.edit": frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS}),
    "laporan.submit": frozenset({R.KASUBBAG_PERENCANAAN}),
    "laporan.sign": frozenset({R.CAMAT}),
    # SOP workflow runtime
    "workflow.start_run": frozenset({R.CAMAT, R.KASUBBAG_PERENCANAAN}),
    "workflow.cancel_run": frozenset({R.CAMAT, R.KASUBBAG_PERENCANAAN}),
    "workflow.reassign_task": frozenset({R.CAMAT, R.SEKRETARIS}),
    # Kabupaten administration (calendar, holidays, units)
    "kabupaten.manage": frozenset({R.ADMIN}),
    "layanan.kelola": frozenset({R.CAMAT, R.SEKRETARIS, R.KASUBBAG_UMUM}),  # SKM services (layanan app)
    # The planning chain (renstra app): the Renstra is drafted by the PK's composers and established by the
    # Camat, who also designates the IKU. The RPJMD is the kabupaten administrator's
    # (user_can_administer_kabupaten); everyone of the kabupaten reads it.
    "renstra.edit": frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS}),
    "renstra.establish": frozenset({R.CAMAT}),
    "renstra.designate_iku": frozenset({R.CAMAT}),
    # The front desk (loket app): start a service run for an applicant, read its receipt; record the
    # steps of outside lanes (Pemohon, Desa …) as received, besides the role that receives the work.
    "workflow.start_service_run": frozenset({R.SEKRETARIS, R.KASUBBAG_UMUM, R.KASI, R.KABID, R.PELAKSANA}),
    "workflow.record_external": frozenset({R.SEKRETARIS, R.KASUBBAG_UMUM, R.KASI, R.KABID, R.PELAKSANA}),
    # The AKIP evaluation (evaluasi app, PermenPAN-RB 88/2021): the kecamatan fills its self-assessment and
    # follows up the recommendations; the Inspektorat's own actions are in EVALUATOR_ACTION_ROLES below.
    "evaluasi.isi_mandiri": frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS, R.CAMAT}),
    "evaluasi.tindak_lanjut": frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS, R.CAMAT}),
}

# The one place EVALUATOR acts: the AKIP evaluation (evaluasi app). The Inspektorat opens a year for a
# kecamatan of its kabupaten (the kabupaten administrator may too), scores it, returns single answers and
# signs the LHE. Kept apart from ACTION_ROLES, none of whose actions an evaluator may do; `user_can` reads both.
EVALUATOR_ACTION_ROLES: dict[str, frozenset[str]] = {
    "evaluasi.buka": frozenset({R.EVALUATOR, R.ADMIN}),
    "evaluasi.nilai": frozenset({R.EVALUATOR}),
    # The review of a submitted LKIP before the Camat signs it (laporan/reviu.py).
    "laporan.reviu": frozenset({R.EVALUATOR}),
}

# What each role may do, in the words the Beranda shows.
ROLE_CAPABILITIES: dict[str, list[str]] = {
    R.CAMAT: [
        "Memberi disposisi dan memulai pelaksanaan SOP",
        "Menyetujui dan mengunci data kinerja triwulan; membuka kembali dengan alasan",
        "Menandatangani laporan kinerja dan Perjanjian Kinerja",
        "Menetapkan (mengefektifkan) revisi SOP",
    ],
    R.SEKRETARIS: [
        "Memverifikasi data kinerja triwulan atau mengembalikannya dengan alasan",
        "Mengoreksi data dan menyusun SOP",
        "Mengalihkan tugas SOP kepada pegawai lain",
    ],
    R.KASUBBAG_PERENCANAAN: [
        "Menyusun Perjanjian Kinerja, Rencana Aksi dan anggaran",
        "Mengajukan data kinerja triwulan untuk diverifikasi",
        "Menyusun laporan triwulan, semester dan LKIP; mengunduh PDF dan Excel",
        "Menyusun dan memperbarui SOP; memulai pelaksanaan SOP",
    ],
    R.KASUBBAG_UMUM: [
        "Mengisi dan memeriksa realisasi indikator yang menjadi tanggung jawabnya",
        "Menyelesaikan tugas SOP pada lajur Kasubbag",
    ],
    R.KASI: [
        "Mengisi dan memeriksa realisasi indikator seksinya beserta bukti dukung",
        "Menyelesaikan tugas SOP pada lajur Kepala Seksi",
    ],
    R.KABID: [
        "Mengisi dan memeriksa realisasi indikator bidangnya beserta bukti dukung",
        "Menyelesaikan tugas SOP pada lajur Kepala Bidang",
    ],
    R.PELAKSANA: [
        "Mengisi realisasi triwulan, hambatan, upaya dan bukti dukung",
        "Menyelesaikan tugas SOP pada lajur Pelaksana",
    ],
    R.ADMIN: [
        "Mengelola unit organisasi, jabatan, pegawai dan pelaksana tugas/harian",
        "Mengelola templat SOP dan kalender kerja kabupaten",
        "Membaca data seluruh kecamatan di kabupaten",
    ],
    R.EVALUATOR: [
        "Membaca laporan yang telah ditandatangani dan dasbor seluruh kecamatan (hanya baca)",
        "Mengevaluasi akuntabilitas kinerja (LKE) setiap kecamatan dan menandatangani LHE",
    ],
}


@dataclass(frozen=True)
class Holding:
    """One position a user holds on a given day: their own, or an acting one."""

    position_id: int
    role: str
    unit_id: int
    kecamatan_id: int | None
    kabupaten_id: int | None
    acting_title: str  # "" for the user's own position, else e.g. "Plh. CAMAT AWAYAN"
    # The position's kabupaten requires the two-step sign-in (read here so the account gate costs no query).
    kabupaten_wajib_dua_langkah: bool = False
    sampai: datetime.date | None = None  # the last day of an acting position (None for the own position)


# The office's day, remembered with the instants it starts and ends: `holdings` asks for it on every
# permission question (dozens per page), and `timezone.localdate()` (a time-zone conversion and a
# context-local lookup, ~8 µs) was a visible share of a small page (make bench). Checked against
# time.time(), so midnight passing or a clock moved by a test (time_machine) is seen at once. The project
# never activates another time zone than settings.TIME_ZONE (one office day); a changed setting
# (override_settings) forgets the day.
_day: tuple[float, float, datetime.date | None] = (0.0, 0.0, None)


def _today() -> datetime.date:
    global _day
    now = time.time()
    start, end, day = _day
    if start <= now < end:
        return day
    day = timezone.localdate()
    midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
    _day = (midnight.timestamp(), (midnight + datetime.timedelta(days=1)).timestamp(), day)
    return day


@receiver(setting_changed)
def _forget_the_day(*, setting, **kwargs):
    global _day
    if setting in {"TIME_ZONE", "USE_TZ"}:
        _day = (0.0, 0.0, None)


_POSITION_FIELDS = ("id", "role", "unit_id", "kecamatan_id", "kabupaten_id", "kabupaten__wajib_dua_langkah")


def holdings(user, on: datetime.date | None = None) -> list[Holding]:
    """Positions the user holds on `on` (default today): own position plus active delegations.

    Cached on the user object, so a request costs one query for this: the own position and the day's
    delegations read together (UNION ALL), the own position first, then the delegations in their order.
    """
    if user is None or not user.is_authenticated:
        return []
    day = on or _today()
    cache = user.__dict__.setdefault("_sakip_holdings", {})
    if day in cache:
        return cache[day]
    from django.db.models import CharField, DateField, IntegerField, Value

    from sakip.models import Delegation, Position

    acting = (
        Delegation.objects.active_on(day)
        .filter(pegawai=user)
        .order_by()
        .values_list("pk", *(f"position__{f}" for f in _POSITION_FIELDS), "gelar_tanda_tangan", "selesai")
    )
    if user.jabatan_id:
        own = (
            Position.objects.filter(pk=user.jabatan_id)
            .order_by()
            .values_list(
                Value(0, output_field=IntegerField()),
                *_POSITION_FIELDS,
                Value("", output_field=CharField()),
                Value(None, output_field=DateField()),
            )
        )
        rows = own.union(acting, all=True)
    else:
        rows = acting
    # Sorted here: the own position (key 0) before the delegations (their primary keys, all above 0).
    result = [
        Holding(pid, role, unit, kec, kab, title, bool(wajib), sampai)
        for _key, pid, role, unit, kec, kab, wajib, title, sampai in sorted(rows, key=lambda row: row[0])
    ]
    cache[day] = result
    return result


def _is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def roles_for_kecamatan(user, kecamatan_id: int | None, on: datetime.date | None = None) -> set[str]:
    """Role codes the user holds for a kecamatan (kabupaten roles count for each of their kecamatan)."""
    roles = set()
    kabupaten_of_kecamatan = _kabupaten_id_of_kecamatan(user, kecamatan_id) if kecamatan_id else None
    for h in holdings(user, on):
        if h.role in KABUPATEN_ROLES:
            if kecamatan_id is None or h.kabupaten_id == kabupaten_of_kecamatan:
                roles.add(h.role)
        elif kecamatan_id is not None and h.kecamatan_id == kecamatan_id:
            roles.add(h.role)
    if _is_superuser(user):
        roles.add(R.ADMIN)
    return roles


def all_roles(user, on: datetime.date | None = None) -> set[str]:
    roles = {h.role for h in holdings(user, on)}
    if _is_superuser(user):
        roles.add(R.ADMIN)
    return roles


def has_any_role(user, *roles: str, on: datetime.date | None = None) -> bool:
    return bool(all_roles(user, on) & set(roles))


def is_kabupaten_reader(user) -> bool:
    return _is_superuser(user) or any(h.role in KABUPATEN_ROLES for h in holdings(user))


def _kabupaten_id_of_kecamatan(user, kecamatan_id: int) -> int | None:
    from sakip.models import Unit

    # Cached on the user object (one request), like holdings().
    cache = user.__dict__.setdefault("_sakip_kabupaten_of", {})
    if kecamatan_id not in cache:
        # A position held in the kecamatan names its kabupaten (Position.kabupaten, kept by Position.save):
        # no query for the kecamatan's own people.
        known = next(
            (h.kabupaten_id for h in holdings(user) if h.kecamatan_id == kecamatan_id and h.kabupaten_id), None
        )
        if known is None:
            known = Unit.objects.filter(pk=kecamatan_id).values_list("kabupaten_id", flat=True).first()
        cache[kecamatan_id] = known
    return cache[kecamatan_id]


def kecamatan_filter(user, field: str = "kecamatan", include_shared: bool = False) -> Q | None:
    """A Q object limiting `field` (a FK to a kecamatan Unit) to what the user may see.

    None means no restriction (superuser). With include_shared, objects without a
    kecamatan (shared library items such as SOP templates) are visible to every
    logged-in user; otherwise they are hidden.
    """
    if _is_superuser(user):
        return None
    hs = holdings(user)
    condition = Q(**{f"{field}__isnull": True}) if include_shared else Q(pk__in=[])
    kecamatan_ids = {h.kecamatan_id for h in hs if h.role not in KABUPATEN_ROLES and h.kecamatan_id}
    kabupaten_ids = {h.kabupaten_id for h in hs if h.role in KABUPATEN_ROLES and h.kabupaten_id}
    if kecamatan_ids:
        condition |= Q(**{f"{field}__in": kecamatan_ids})
    if kabupaten_ids:
        condition |= Q(**{f"{field}__kabupaten__in": kabupaten_ids})
    return condition


def scope(user, queryset: QuerySet, field: str = "kecamatan", include_shared: bool = False) -> QuerySet:
    """Limit a queryset of tenant data to what the user may see."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    condition = kecamatan_filter(user, field, include_shared)
    return queryset if condition is None else queryset.filter(condition)


def get_visible_or_404(user, queryset: QuerySet, field: str = "kecamatan", include_shared: bool = False, **lookup):
    """Fetch one object the user may see, or raise Http404 (other kecamatan's objects do not exist)."""
    try:
        return scope(user, queryset, field, include_shared).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Data tidak ditemukan.") from None


def scope_kabupaten(user, queryset: QuerySet, field: str = "kabupaten") -> QuerySet:
    """Limit kabupaten-wide administration (organisation, calendars) to the user's kabupaten."""
    if _is_superuser(user):
        return queryset
    kabupaten_ids = {h.kabupaten_id for h in holdings(user) if h.role == R.ADMIN and h.kabupaten_id}
    return queryset.filter(**{f"{field}__in": kabupaten_ids})


def visible_kecamatan(user) -> QuerySet:
    """Kecamatan units the user may see."""
    from sakip.models import Unit

    qs = Unit.objects.filter(jenis=Unit.Kind.KECAMATAN)
    if _is_superuser(user):
        return qs
    hs = holdings(user)
    kecamatan_ids = {h.kecamatan_id for h in hs if h.role not in KABUPATEN_ROLES and h.kecamatan_id}
    kabupaten_ids = {h.kabupaten_id for h in hs if h.role in KABUPATEN_ROLES and h.kabupaten_id}
    return qs.filter(Q(pk__in=kecamatan_ids) | Q(kabupaten__in=kabupaten_ids))


def kecamatan_id_of(obj) -> int | None:
    from sakip.models import Unit

    if isinstance(obj, Unit):
        scope_unit = obj.kecamatan_scope
        return scope_unit.pk if scope_unit else None
    if hasattr(obj, "kecamatan_id"):
        return obj.kecamatan_id
    raise TypeError(f"{type(obj).__name__} has no kecamatan to check permissions against")


# A document of one position (the cascading PK as a laporan Report, `jabatan_id` set) is submitted by the
# holder of that position (pihak pertama) and signed by the holder of its superior (pihak kedua, the role
# `peran_penanda_tangan` names), own or acting — not by the kecamatan's roles of ACTION_ROLES.
POSITION_DOCUMENT_ACTIONS = frozenset({"laporan.submit", "laporan.sign"})


def _position_document(user, action: str, obj, on: datetime.date | None) -> bool:
    if action == "laporan.submit":
        return user_holds_position(user, obj.jabatan_id, on)
    role = obj.peran_penanda_tangan
    return any(h.role == role and h.kecamatan_id == obj.kecamatan_id for h in holdings(user, on))


def user_can(user, action: str, obj, on: datetime.date | None = None) -> bool:
    """May `user` perform `action` on `obj` (on day `on`, default today)?"""
    if user is None or not user.is_authenticated:
        return False
    if (
        action in POSITION_DOCUMENT_ACTIONS
        and getattr(obj, "jabatan_id", None) is not None
        and hasattr(type(obj), "peran_penanda_tangan")
    ):
        return _position_document(user, action, obj, on)
    allowed = ACTION_ROLES[action] if action in ACTION_ROLES else EVALUATOR_ACTION_ROLES[action]
    kecamatan_id = kecamatan_id_of(obj)
    roles = roles_for_kecamatan(user, kecamatan_id, on)
    if kecamatan_id is None:
        # Shared library items belong to no kecamatan and serve every kabupaten: only operators change
        # them, whichever roles the action names for kecamatan objects (a kabupaten copies one instead).
        return _is_superuser(user)
    return bool(roles & allowed)


def check_user_can(user, action: str, obj, on: datetime.date | None = None) -> None:
    if not user_can(user, action, obj, on):
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")


def acting_title(user, obj, role: str, on: datetime.date | None = None) -> str:
    """The title under which the user acts in `role` for obj's kecamatan: "" if it is their own position."""
    kecamatan_id = kecamatan_id_of(obj)
    own = [h for h in holdings(user, on) if h.role == role and h.kecamatan_id == kecamatan_id]
    if any(h.acting_title == "" for h in own):
        return ""
    return own[0].acting_title if own else ""


# Separation of duties: whoever submitted a quarter or a document never verifies, approves or signs that same
# submission, whatever positions they hold (a Kasubbag made Plh. Camat, a Sekretaris acting as Kasubbag). Services
# refuse with `check_pemisahan_tugas`; pages show `alasan_pemisahan_tugas` before anyone presses the button.
class PemisahanTugas(Penolakan):
    """The submitter asked to verify, approve or sign their own submission."""


def alasan_pemisahan_tugas(user, diajukan_oleh_id: int | None, tindakan: str) -> str:
    """Why `user` may not `tindakan` ("memverifikasi", "menyetujui", "menandatangani") this submission, or ""."""
    if user is None or diajukan_oleh_id is None or user.pk != diajukan_oleh_id:
        return ""
    return (
        f"Anda yang mengajukan, sehingga tidak dapat {tindakan} pengajuan yang sama (pemisahan tugas): "
        "pejabat lain yang berwenang harus melakukannya."
    )


def check_pemisahan_tugas(user, diajukan_oleh_id: int | None, tindakan: str) -> None:
    if message := alasan_pemisahan_tugas(user, diajukan_oleh_id, tindakan):
        raise PemisahanTugas(message)


# Performance data: who answers for which indicator.
# KASUBBAG_PERENCANAAN and SEKRETARIS may enter every indicator of their
# kecamatan; other entry roles only indicators whose penanggung jawab (a
# position) sits in a unit where they hold a position (a seksi's staff enter
# their seksi's indicators).
ALL_INDICATORS_ROLES = frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})


@dataclass(frozen=True)
class HakIsian:
    """What one person may enter in one kecamatan today, from one holdings computation: the roles held
    there (kabupaten roles included), the positions held anywhere (a cascading PK's indicator belongs to
    its position) and the units held in the kecamatan."""

    kecamatan_id: int | None
    dapat_mengisi: bool  # holds a role of `kinerja.enter_realisasi` for the kecamatan's objects
    semua_indikator: bool  # Kasubbag Perencanaan or Sekretaris there: every indicator
    jabatan_ids: frozenset[int]
    unit_ids: frozenset[int]

    def boleh(self, indikator, penanggung_jawab_unit_id: int | None) -> bool:
        """The rule of who enters which indicator (sakip/permissions.py is its only place)."""
        if not self.dapat_mengisi:
            return False
        jabatan_id = getattr(indikator, "pk_jabatan_id", None)
        if jabatan_id is not None:
            # An indicator of a cascading PK (PK berjenjang): only the holder of that PK's position, own or acting.
            return jabatan_id in self.jabatan_ids
        if getattr(indikator, "hitung_dari_pendukung", ""):
            # Computed from its supporting indicators (kinerja.berjenjang): entered by nobody.
            return False
        if self.semua_indikator:
            return True
        return penanggung_jawab_unit_id is not None and penanggung_jawab_unit_id in self.unit_ids


def hak_isian(user, kecamatan_id: int | None) -> HakIsian:
    """The person's entry rights in one kecamatan (no query beyond `holdings`, cached per request)."""
    if user is None or not user.is_authenticated:
        return HakIsian(kecamatan_id, False, False, frozenset(), frozenset())
    hs = holdings(user)
    if kecamatan_id is None:
        # An object without a kecamatan: `user_can` lets only operators act on it.
        dapat, semua = _is_superuser(user), bool(roles_for_kecamatan(user, None) & ALL_INDICATORS_ROLES)
    else:
        roles = roles_for_kecamatan(user, kecamatan_id)
        dapat, semua = bool(roles & ACTION_ROLES["kinerja.enter_realisasi"]), bool(roles & ALL_INDICATORS_ROLES)
    return HakIsian(
        kecamatan_id,
        dapat,
        semua,
        frozenset(h.position_id for h in hs),
        frozenset(h.unit_id for h in hs if h.kecamatan_id == kecamatan_id),
    )


def user_can_enter_realisasi(user, indikator, penanggung_jawab_unit_id: int | None) -> bool:
    """May the user enter this indicator's realisation (Kasubbag Perencanaan and Sekretaris: every indicator
    of their kecamatan; other entry roles: indicators whose penanggung jawab sits in a unit where they hold a
    position; a cascading PK's indicator: the holder of its position; a computed one: nobody)."""
    return hak_isian(user, indikator.kecamatan_id).boleh(indikator, penanggung_jawab_unit_id)


def indikator_dapat_diisi(user, baris) -> set[int]:
    """The ids of the indicators the user may enter, among `baris` — (indicator, its penanggung jawab's unit
    id) pairs — answered from one holdings computation per kecamatan (the entry page asks for every row):
    the same rule as `user_can_enter_realisasi`, which asks for one."""
    hak: dict[int | None, HakIsian] = {}
    boleh = set()
    for indikator, unit_id in baris:
        kecamatan_id = indikator.kecamatan_id
        if kecamatan_id not in hak:
            hak[kecamatan_id] = hak_isian(user, kecamatan_id)
        if hak[kecamatan_id].boleh(indikator, unit_id):
            boleh.add(indikator.pk)
    return boleh


def user_holds_position(user, position_id: int, on: datetime.date | None = None) -> bool:
    """The user holds the position on the day (own or as Plt./Plh.)."""
    return any(h.position_id == position_id for h in holdings(user, on))


def user_can_establish_pk(user, pk, on: datetime.date | None = None) -> bool:
    """The Camat's PK: `kinerja.sign_pk` (the Camat or acting official). A cascading PK (its `jabatan_id` set):
    its pihak pertama, the holder of that position (own or acting)."""
    jabatan_id = getattr(pk, "jabatan_id", None)
    if jabatan_id is None:
        return user_can(user, "kinerja.sign_pk", pk, on)
    return bool(user and user.is_authenticated) and user_holds_position(user, jabatan_id, on)


def check_user_can_establish_pk(user, pk) -> None:
    if not user_can_establish_pk(user, pk):
        raise PermissionDenied("Anda tidak berwenang menetapkan Perjanjian Kinerja ini.")


def user_enters_all_indicators(user, kecamatan) -> bool:
    return bool(roles_for_kecamatan(user, kecamatan_id_of(kecamatan)) & ALL_INDICATORS_ROLES)


def units_held(user, kecamatan) -> set[int]:
    """Units where the user holds a position (own or acting) in the kecamatan."""
    kecamatan_id = kecamatan_id_of(kecamatan)
    return {h.unit_id for h in holdings(user) if h.kecamatan_id == kecamatan_id}


# Library documents (SOPs): besides its own kecamatan's documents in any
# status, a user reads — as examples — the documents of other kecamatan of the
# same kabupaten and shared templates, but only in their published status.
def library_filter(user, *, kecamatan_field: str, status_field: str, published: str) -> Q | None:
    own = kecamatan_filter(user, kecamatan_field)
    if own is None:
        return None
    kabupaten_ids = {h.kabupaten_id for h in holdings(user) if h.kabupaten_id}
    published_elsewhere = Q(**{status_field: published}) & (
        Q(**{f"{kecamatan_field}__isnull": True}) | Q(**{f"{kecamatan_field}__kabupaten__in": kabupaten_ids})
    )
    return own | published_elsewhere


# SOP workflow tasks: who may take and complete a task.
def user_can_work_task(user, task) -> bool:
    """The assignee; an acting official (Plt./Plh.) of the task's position; or, while the task
    waits in a shared queue, anyone holding its position (or its lane role in the kecamatan)."""
    if user is None or not user.is_authenticated:
        return False
    if getattr(task, "peran_pencatat", ""):
        # A step of an outside actor (Pemohon, Desa …): recorded by whoever of the kecamatan receives it.
        recorders = {task.peran_pencatat, *ACTION_ROLES["workflow.record_external"]}
        return any(h.role in recorders and h.kecamatan_id == task.kecamatan_id for h in holdings(user))
    if task.assignee_id == user.pk:
        return True
    hs = holdings(user)
    if task.assignee_id is not None:
        return bool(task.position_id) and any(h.position_id == task.position_id and h.acting_title for h in hs)
    if task.position_id:
        return any(h.position_id == task.position_id for h in hs)
    return any(h.role == task.role and h.kecamatan_id == task.kecamatan_id for h in hs)


# Kabupaten administration (pengaturan/): the kabupaten administrator (ADMIN, own position or acting)
# administers its own kabupaten — the kabupaten unit, its kecamatan, their units, positions, people,
# delegations, working calendar and predikat bands — and nothing of another kabupaten. Evaluators
# never do. Superusers (operators) administer every kabupaten.
def kabupaten_id_of(obj) -> int | None:
    """The kabupaten an object belongs to: a Unit (the kabupaten itself, or its ancestor), or anything
    carrying `kabupaten_id` (Position, WorkingCalendar, KriteriaPredikat)."""
    from sakip.models import Unit

    if isinstance(obj, Unit):
        return obj.pk if obj.jenis == Unit.Kind.KABUPATEN else obj.kabupaten_id
    if hasattr(obj, "kabupaten_id"):
        return obj.kabupaten_id
    raise TypeError(f"{type(obj).__name__} has no kabupaten to check permissions against")


def administered_kabupaten_ids(user) -> set[int]:
    """Kabupaten where the user holds the ADMIN role today (own position or Plt./Plh.)."""
    return {h.kabupaten_id for h in holdings(user) if h.role == R.ADMIN and h.kabupaten_id}


def user_can_administer_kabupaten(user, unit) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if _is_superuser(user):
        return True
    kabupaten_id = kabupaten_id_of(unit)
    return kabupaten_id is not None and kabupaten_id in administered_kabupaten_ids(user)


def check_user_can_administer_kabupaten(user, unit) -> None:
    if not user_can_administer_kabupaten(user, unit):
        raise PermissionDenied("Hanya administrator kabupaten yang bersangkutan yang dapat mengubah pengaturan ini.")


def scope_kabupaten_readers(user, queryset: QuerySet, field: str = "kabupaten") -> QuerySet:
    """Kabupaten-wide documents (the RPJMD): readable by everyone holding a position in that kabupaten."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    if _is_superuser(user):
        return queryset
    kabupaten_ids = {h.kabupaten_id for h in holdings(user) if h.kabupaten_id}
    return queryset.filter(**{f"{field}__in": kabupaten_ids})
