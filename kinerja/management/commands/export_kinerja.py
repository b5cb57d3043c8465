"""export_kinerja --kecamatan K --tahun Y PATH.xlsx: write the performance workbook of a kecamatan and year."""

from pathlib import Path

from django.core.management.base import BaseCommand

from kinerja.excel import export_workbook
from kinerja.management.commands._kinerja_cli import find_kecamatan, find_user


class Command(BaseCommand):
    help = "Tulis lembar kerja kinerja (PK, Rencana Aksi, Realisasi, Anggaran) satu kecamatan dan tahun."

    def add_arguments(self, parser):
        parser.add_argument("--kecamatan", required=True, help="id, kode atau nama kecamatan")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--pengguna", help="dibaca atas nama pengguna ini (bawaan: Kasubbag Perencanaan)")
        parser.add_argument("path")

    def handle(self, *args, **options):
        kecamatan = find_kecamatan(options["kecamatan"])
        user = find_user(options["pengguna"], kecamatan)
        content = export_workbook(user=user, kecamatan=kecamatan, tahun=options["tahun"])
        Path(options["path"]).write_bytes(content)
        self.stdout.write(f"{options['path']}: {kecamatan.nama} {options['tahun']} ({len(content)} byte)")
