"""Reads of notifications (always the signed-in person's own, through sakip.permissions.scope) and the
one lookup of who holds a role in a kecamatan today (own position or acting official), used to pick
recipients."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from notifikasi.models import Notifikasi, PreferensiNotifikasi
from sakip import permissions
from sakip.models import Delegation, Pegawai
from sakip.roles import Role


def milik(user) -> QuerySet:
    """The user's own notifications, of the kecamatan they may see (an acting official's end with the delegation)."""
    if user is None or not user.is_authenticated:
        return Notifikasi.objects.none()
    return permissions.scope(user, Notifikasi.objects.filter(penerima=user))


def daftar(user, limit: int = 200) -> list[Notifikasi]:
    """Newest first."""
    return list(milik(user).select_related("kecamatan").order_by("-dibuat_pada", "-pk")[:limit])


def jumlah_belum_dibaca(user) -> int:
    return milik(user).filter(dibaca_pada__isnull=True).count()


# Requests for work that Beranda lists among the next steps (kinerja/panels.py) until the work is done
# (`selesai_pada`, set by notifikasi.services.selesaikan), whether read or not. The other requests have their own
# Beranda panels (a report to sign or returned, a review asked) or are the quarters' own steps.
LANGKAH_BERANDA = (Notifikasi.Jenis.LAPORAN_SUSUN,)


def langkah_diminta(user) -> list[dict]:
    """The user's open requests of LANGKAH_BERANDA as Beranda's next steps, oldest first. One query."""
    rows = milik(user).filter(jenis__in=LANGKAH_BERANDA, selesai_pada__isnull=True).order_by("dibuat_pada", "pk")
    return [{"judul": n.judul, "tautan": n.tautan, "keterangan": n.isi} for n in rows]


def milik_or_404(user, pk) -> Notifikasi:
    """One notification of the user; anyone else's (or another kecamatan's) is a 404."""
    return permissions.get_visible_or_404(user, Notifikasi.objects.filter(penerima=user), pk=pk)


def ingin_email(user) -> bool:
    """The person's choice; without a stored choice, email is on."""
    return PreferensiNotifikasi.objects.filter(pegawai=user, email=False).first() is None


def pemegang(kecamatan_id: int, roles, on=None) -> list[Pegawai]:
    """Active people holding one of `roles` in the kecamatan on `on` (default today): the holders of the
    positions and the acting officials (Plt./Plh.) delegated those positions. One query."""
    day = on or timezone.localdate()
    roles = list(roles)
    acting = Delegation.objects.active_on(day).filter(position__kecamatan_id=kecamatan_id, position__role__in=roles)
    return list(
        Pegawai.objects.filter(is_active=True)
        .filter(Q(jabatan__kecamatan_id=kecamatan_id, jabatan__role__in=roles) | Q(pk__in=acting.values("pegawai_id")))
        .distinct()
        .order_by("pk")
    )


def pemegang_posisi(position_id: int, on=None) -> list[Pegawai]:
    """Active holders of one position and its acting officials on `on` (default today). One query."""
    day = on or timezone.localdate()
    acting = Delegation.objects.active_on(day).filter(position_id=position_id)
    return list(
        Pegawai.objects.filter(is_active=True)
        .filter(Q(jabatan_id=position_id) | Q(pk__in=acting.values("pegawai_id")))
        .distinct()
        .order_by("pk")
    )


def administrator_kabupaten(kabupaten_id: int, on=None) -> list[Pegawai]:
    """Active administrators of a kabupaten on `on` (own position or Plt./Plh.). One query."""
    day = on or timezone.localdate()
    acting = Delegation.objects.active_on(day).filter(position__kabupaten_id=kabupaten_id, position__role=Role.ADMIN)
    return list(
        Pegawai.objects.filter(is_active=True)
        .filter(
            Q(jabatan__kabupaten_id=kabupaten_id, jabatan__kecamatan__isnull=True, jabatan__role=Role.ADMIN)
            | Q(pk__in=acting.values("pegawai_id"))
        )
        .distinct()
        .order_by("pk")
    )


def tanpa_email(pegawai_ids) -> set[int]:
    """Of these people, those who switched email off."""
    return set(
        PreferensiNotifikasi.objects.filter(pegawai_id__in=list(pegawai_ids), email=False).values_list(
            "pegawai_id", flat=True
        )
    )


def evaluator_kabupaten(kabupaten_id: int, on=None) -> list[Pegawai]:
    """Active evaluators (Inspektorat) of a kabupaten on `on` (own position or Plt./Plh.). One query."""
    day = on or timezone.localdate()
    acting = Delegation.objects.active_on(day).filter(
        position__kabupaten_id=kabupaten_id, position__role=Role.EVALUATOR
    )
    return list(
        Pegawai.objects.filter(is_active=True)
        .filter(
            Q(jabatan__kabupaten_id=kabupaten_id, jabatan__kecamatan__isnull=True, jabatan__role=Role.EVALUATOR)
            | Q(pk__in=acting.values("pegawai_id"))
        )
        .distinct()
        .order_by("pk")
    )
