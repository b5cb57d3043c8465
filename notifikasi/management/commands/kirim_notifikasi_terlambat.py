"""Cron (e.g. hourly in office hours): notify the people an SOP task waits for once it passed its Mutu Baku."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifikasi.receivers import tugas_terlambat


class Command(BaseCommand):
    help = "Kirim notifikasi (dan email bagi yang memilihnya) untuk tugas SOP yang melewati batas mutu baku."

    def handle(self, *args, **options):
        count = tugas_terlambat(timezone.now())
        self.stdout.write(f"{count} tugas terlambat diberitahukan.")
