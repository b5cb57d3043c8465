"""Shared argument handling of export_kinerja / import_kinerja."""

from django.core.management.base import CommandError
from django.db.models import Q

from sakip.models import Pegawai, Unit
from sakip.roles import Role


def find_kecamatan(value: str) -> Unit:
    query = Q(kode=value) | Q(nama__iexact=value) | Q(nama__iexact=f"Kecamatan {value}")
    if value.isdigit():
        query |= Q(pk=int(value))
    found = list(Unit.objects.filter(query, jenis=Unit.Kind.KECAMATAN)[:2])
    if len(found) != 1:
        raise CommandError(f'Kecamatan "{value}" tidak ditemukan (atau lebih dari satu). Gunakan id atau kode.')
    return found[0]


def find_user(username: str | None, kecamatan: Unit) -> Pegawai:
    """The named user, or by default the kecamatan's Kasubbag Perencanaan (who answers for this data)."""
    if username:
        user = Pegawai.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f'Pengguna "{username}" tidak ditemukan atau tidak aktif.')
        return user
    user = Pegawai.objects.filter(
        jabatan__kecamatan=kecamatan, jabatan__role=Role.KASUBBAG_PERENCANAAN, is_active=True
    ).first()
    if user is None:
        raise CommandError(f"{kecamatan} tidak memiliki Kasubbag Perencanaan aktif; sebutkan --pengguna.")
    return user
