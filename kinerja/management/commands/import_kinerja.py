"""import_kinerja PATH.xlsx: apply a performance workbook, all or nothing; errors name sheet, row and column."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kinerja.excel import WorkbookError, parse_workbook
from kinerja.management.commands._kinerja_cli import find_kecamatan, find_user
from kinerja.services import KinerjaError
from kinerja.services.impor import impor_kinerja


class Command(BaseCommand):
    help = "Terapkan lembar kerja kinerja; kecamatan dan tahun dibaca dari lembar Petunjuk."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--pengguna", help="disimpan atas nama pengguna ini (bawaan: Kasubbag Perencanaan)")

    def handle(self, *args, **options):
        try:
            content = Path(options["path"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error}") from error
        try:
            parsed = parse_workbook(content)
            kecamatan = find_kecamatan(parsed.kode_kecamatan)
            if parsed.tahun is None:
                raise CommandError("Lembar Petunjuk: tahun tidak dikenali.")
            user = find_user(options["pengguna"], kecamatan)
            result = impor_kinerja(user=user, kecamatan=kecamatan, tahun=parsed.tahun, content=content)
        except WorkbookError as failed:
            for problem in failed.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(failed.errors)} masalah; tidak ada data yang disimpan.") from None
        except KinerjaError as refused:
            raise CommandError(refused.message) from None
        except PermissionDenied as refused:
            raise CommandError(f"{user}: {refused}") from None
        for notice in result.catatan:
            self.stdout.write(str(notice))
        self.stdout.write(
            f"{kecamatan.nama} {parsed.tahun}: {result.pk} indikator PK, {result.rencana_aksi} rencana aksi, "
            f"{result.realisasi} realisasi, {result.anggaran} data anggaran berubah."
        )
