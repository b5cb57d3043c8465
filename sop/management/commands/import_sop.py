from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.models import Unit
from sop.excel import ImportErrors, import_workbook


class Command(BaseCommand):
    help = "Impor SOP dari berkas .xlsx (tata letak SOP) sebagai draf baru."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kecamatan", help="kode unit kecamatan; tanpa ini: templat pustaka")

    def handle(self, *args, path, kecamatan, **options):
        unit = None
        if kecamatan:
            unit = Unit.objects.filter(kode=kecamatan, jenis=Unit.Kind.KECAMATAN).first()
            if unit is None:
                raise CommandError(f'Kecamatan "{kecamatan}" tidak ditemukan.')
        try:
            revision = import_workbook(path.read_bytes(), kecamatan=unit)
        except ImportErrors as error:
            raise CommandError("Impor dibatalkan, tidak ada yang disimpan:\n" + "\n".join(error.errors)) from None
        self.stdout.write(f'SOP "{revision.nama}" diimpor sebagai draf (id revisi {revision.pk}).')
