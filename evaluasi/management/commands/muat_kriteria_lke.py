"""Load or replace a kabupaten's LKE criteria set for a year, as its administrator:

    manage.py muat_kriteria_lke --kabupaten balangan --tahun 2026 --oleh admin.balangan [--berkas path.json]

The default file is fixtures/evaluasi/lke_permenpanrb_88_2021.json. A set an evaluation uses is not replaced.
"""

from django.core.management.base import BaseCommand, CommandError

from evaluasi import kriteria, services
from sakip.errors import Penolakan
from sakip.models import Pegawai, Unit


class Command(BaseCommand):
    help = "Muat atau ganti set kriteria LKE (PermenPAN-RB 88/2021) sebuah kabupaten untuk satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="kode unit kabupaten")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--oleh", required=True, help="nama pengguna administrator kabupaten")
        parser.add_argument("--berkas", default=str(kriteria.BAWAAN))

    def handle(self, *args, **options):
        kabupaten = Unit.objects.filter(kode=options["kabupaten"], jenis=Unit.Kind.KABUPATEN).first()
        if kabupaten is None:
            raise CommandError(f"Kabupaten berkode {options['kabupaten']!r} tidak ditemukan.")
        user = Pegawai.objects.filter(username=options["oleh"], is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna {options['oleh']!r} tidak ditemukan.")
        try:
            data = kriteria.baca_berkas(options["berkas"])
            kset = services.kriteria_set_muat(user=user, kabupaten=kabupaten, tahun=options["tahun"], data=data)
        except Penolakan as error:
            raise CommandError(error.message) from None
        except PermissionError as error:
            raise CommandError(str(error)) from None
        count = sum(len(s["kriteria"]) for k in data["komponen"] for s in k["subkomponen"])
        self.stdout.write(f"{kset} dimuat untuk {kabupaten.nama}: {count} kriteria.")
