"""Load a version of the national programme/kegiatan/sub kegiatan nomenclature (kinerja/nomenklatur.py).

    manage.py muat_nomenklatur nomenklatur-2026.json

The file has the shape of the shipped versions, fixtures/nomenklatur/*.json (nama, sumber, berlaku_mulai, berlaku_sampai, kode:
[{kode, nama, tingkat, berlaku_sampai?}]). It replaces the shipped list for the years it covers, from the next
check on; budgets already stored keep their codes. A malformed file is refused naming the entry, nothing stored.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from kinerja import nomenklatur
from kinerja.models import NomenklaturVersi


class Command(BaseCommand):
    help = "Muat versi nomenklatur program/kegiatan/sub kegiatan (Kepmendagri) dari berkas JSON."

    def add_arguments(self, parser):
        parser.add_argument("berkas")

    def handle(self, *args, berkas, **options):
        try:
            with open(berkas, encoding="utf-8") as handle:
                data = json.load(handle)
            versi = nomenklatur.dari_data(data)
        except (OSError, ValueError) as error:
            raise CommandError(f"{berkas}: {error}") from None
        row = NomenklaturVersi.objects.create(
            nama=versi.nama,
            sumber=versi.sumber,
            berlaku_mulai=versi.berlaku_mulai,
            berlaku_sampai=versi.berlaku_sampai,
            data=data,
        )
        sampai = versi.berlaku_sampai or "seterusnya"
        self.stdout.write(
            f"Nomenklatur dimuat: {row.nama}, {len(versi.entri)} kode, berlaku {versi.berlaku_mulai}–{sampai}."
        )
