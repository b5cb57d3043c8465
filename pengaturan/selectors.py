"""Read side of the kabupaten administrator's pages: everything is limited to one kabupaten.

`administered_or_404` is the one lookup of an object named in a URL: found in a kabupaten the user
administers → the object; visible to the user as tenant data (a Camat's own kecamatan) but not
administered → 403; otherwise (another kabupaten, another kecamatan) → 404.
"""

from __future__ import annotations

import holidays
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from kinerja.capaian import DEFAULT_BANDS
from kinerja.models import KriteriaPredikat
from sakip import params, permissions
from sakip.models import Delegation, Pegawai, PemberianKuasa, Position, Unit
from sakip.roles import KUASA_ROLES
from workflow.models import WorkingCalendar, default_office_hours


def kabupaten_of(user) -> Unit:
    """The kabupaten the user administers (ADMIN position, own or acting); 403 for everyone else."""
    ids = sorted(permissions.administered_kabupaten_ids(user))
    if not ids:
        raise PermissionDenied(
            "Pengaturan kabupaten hanya untuk administrator kabupaten yang memegang jabatan di kabupaten."
        )
    return Unit.objects.get(pk=ids[0])


def administered_or_404(user, queryset: QuerySet, *, kabupaten_q, visible: QuerySet | None = None, **lookup):
    """One object of a kabupaten the user administers (see the module docstring).

    `kabupaten_q(ids)` limits the queryset to those kabupaten; `visible` is what the user may read as
    tenant data (their own kecamatan's objects): found there, the answer is 403 rather than 404."""
    ids = permissions.administered_kabupaten_ids(user)
    if user.is_superuser:
        found = queryset.filter(**lookup).first()
    else:
        found = queryset.filter(kabupaten_q(ids)).filter(**lookup).first() if ids else None
    if found is not None:
        return found
    if visible is not None and queryset.filter(pk__in=visible.values("pk")).filter(**lookup).exists():
        raise PermissionDenied("Hanya administrator kabupaten yang dapat membuka halaman ini.")
    raise Http404("Data tidak ditemukan.")


def visible_units(user) -> QuerySet:
    """Units a person of a kecamatan reads as their own: the kecamatan and its units."""
    kecamatan = permissions.visible_kecamatan(user)
    return Unit.objects.filter(Q(pk__in=kecamatan) | Q(kecamatan__in=kecamatan))


def units_q(ids) -> Q:
    return Q(pk__in=ids) | Q(kabupaten__in=ids)


def kecamatan_of(kabupaten: Unit) -> QuerySet:
    return Unit.objects.filter(kabupaten=kabupaten, jenis=Unit.Kind.KECAMATAN).order_by("nama")


def units_of(kabupaten: Unit) -> QuerySet:
    """Every unit of the kabupaten, the kabupaten itself included."""
    return Unit.objects.filter(units_q([kabupaten.pk])).select_related("parent", "kecamatan")


def unit_tree(kabupaten: Unit) -> list[dict]:
    """The kabupaten's units grouped: the kabupaten level first, then each kecamatan with its units and the
    positions of each unit (two queries)."""
    units = list(units_of(kabupaten).order_by("nama"))
    positions = list(
        Position.objects.filter(kabupaten=kabupaten)
        .annotate(jumlah_pemegang=Count("holders", filter=Q(holders__is_active=True)))
        .order_by("nama")
    )
    by_unit: dict[int, list] = {}
    for p in positions:
        by_unit.setdefault(p.unit_id, []).append(p)
    for u in units:
        u.jabatan_list = by_unit.get(u.pk, [])
    groups = [
        {
            "judul": str(kabupaten),
            "induk": kabupaten,
            "units": [u for u in units if u.pk == kabupaten.pk or (u.kecamatan_id is None and u.pk != kabupaten.pk)],
        }
    ]
    for kec in [u for u in units if u.jenis == Unit.Kind.KECAMATAN]:
        groups.append(
            {"judul": str(kec), "induk": kec, "units": [kec] + [u for u in units if u.kecamatan_id == kec.pk]}
        )
    return groups


def positions_of(kabupaten: Unit) -> QuerySet:
    return Position.objects.filter(kabupaten=kabupaten).select_related("unit").order_by("unit__nama", "nama")


def people_of(kabupaten: Unit, *, q: str = "", kecamatan_id: str = "", status: str = "") -> QuerySet:
    """People whose position is in the kabupaten; operators (superusers, staff) are never listed."""
    qs = (
        Pegawai.objects.filter(jabatan__kabupaten=kabupaten, is_superuser=False, is_staff=False)
        .select_related("jabatan__unit", "jabatan__kecamatan")
        .order_by("nama")
    )
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(username__icontains=q) | Q(nip__icontains=q.replace(" ", "")))
    if kecamatan_id == "kabupaten":
        qs = qs.filter(jabatan__kecamatan__isnull=True)
    elif (kecamatan_pk := params.id_or_none(kecamatan_id)) is not None:
        qs = qs.filter(jabatan__kecamatan_id=kecamatan_pk)
    if status == "aktif":
        qs = qs.filter(is_active=True)
    elif status == "nonaktif":
        qs = qs.filter(is_active=False)
    return qs


def people_q(ids) -> Q:
    return Q(jabatan__kabupaten__in=ids, is_superuser=False, is_staff=False)


def positions_q(ids) -> Q:
    return Q(kabupaten__in=ids)


def delegations_q(ids) -> Q:
    return Q(position__kabupaten__in=ids)


def delegations_of(kabupaten: Unit) -> list[Delegation]:
    today = timezone.localdate()
    rows = list(
        Delegation.objects.filter(position__kabupaten=kabupaten)
        .select_related("position__unit", "pegawai")
        .order_by("-selesai", "-mulai")
    )
    for d in rows:
        d.keadaan = "berlaku" if d.mulai <= today <= d.selesai else ("akan datang" if d.mulai > today else "selesai")
    return rows


HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def calendar_of(kabupaten: Unit, tahun: int) -> dict:
    """Office hours per weekday, the local days off of the year and the national holidays (read only)."""
    row = WorkingCalendar.objects.filter(kabupaten=kabupaten).first()
    hours = row.jam_kerja if row else default_office_hours()
    days = [
        {"no": i, "nama": HARI[i], "masuk": hours.get(str(i), ["", ""])[0], "pulang": hours.get(str(i), ["", ""])[1]}
        for i in range(7)
    ]
    local = list(row.hari_libur.filter(tanggal__year=tahun).order_by("tanggal")) if row else []
    national = sorted(holidays.country_holidays("ID", years=tahun, language="id").items())
    return {"tersimpan": row is not None, "hari": days, "libur": local, "nasional": national, "tahun": tahun}


def holidays_q(ids) -> Q:
    return Q(kalender__kabupaten__in=ids)


def bands_of(kabupaten: Unit) -> tuple[list[tuple], bool]:
    """(bands highest first, own?) — the kabupaten's own rows or the regulation's defaults (lowest as 0)."""
    rows = list(KriteriaPredikat.objects.filter(kabupaten=kabupaten).values_list("batas_bawah", "predikat"))
    if rows:
        return rows, True
    return [(lower if lower.is_finite() else 0, label) for lower, label in DEFAULT_BANDS], False


def beranda_panel(user) -> dict | None:
    """The Beranda panel of the kabupaten administrator: where their settings pages are, and the grants of
    signing or evaluating powers that wait for this administrator's confirmation (one query)."""
    kabupaten_ids = permissions.administered_kabupaten_ids(user)
    if not kabupaten_ids:
        return None
    return {"kuasa_menunggu": kuasa_menunggu(user, kabupaten_ids).count()}


def kuasa_menunggu(user, kabupaten_ids):
    """Grants waiting for a second person that this user may confirm (asked by someone else, for someone else)."""
    return PemberianKuasa.objects.filter(kabupaten_id__in=kabupaten_ids, status=PemberianKuasa.Status.MENUNGGU).exclude(
        Q(diminta_oleh=user) | Q(pegawai=user)
    )


def kuasa_of(kabupaten: Unit) -> list[PemberianKuasa]:
    """Every grant of a signing or evaluating power in the kabupaten, the waiting ones first (one query)."""
    return list(
        PemberianKuasa.objects.filter(kabupaten=kabupaten)
        .select_related("jabatan__unit", "pegawai", "diminta_oleh", "diputus_oleh")
        .order_by(Case(When(status=PemberianKuasa.Status.MENUNGGU, then=0), default=1), "-diminta_pada", "-pk")
    )


def dua_langkah_of(kabupaten: Unit) -> list[Pegawai]:
    """Active people of the kabupaten whose own position asks for the two-step sign-in, each with
    `terdaftar` (a confirmed authenticator); two queries whatever their number."""
    from django.db.models import Exists, OuterRef
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sakip.dua_langkah import PERAN_DUA_LANGKAH

    return list(
        Pegawai.objects.filter(is_active=True, jabatan__kabupaten=kabupaten, jabatan__role__in=PERAN_DUA_LANGKAH)
        .select_related("jabatan", "jabatan__unit")
        .annotate(terdaftar=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .order_by("jabatan__kecamatan__nama", "jabatan__role", "nama")
    )


def penandatangan_tanpa_nik(kabupaten: Unit) -> list[Pegawai]:
    """Active holders of the kabupaten's signing positions (Camat, evaluator) with no NIK recorded: a BSrE
    signature (laporan/penanda.py) identifies the signer by NIK, so they could not sign with it."""
    return list(people_of(kabupaten, status="aktif").filter(jabatan__role__in=KUASA_ROLES, nik__isnull=True))
