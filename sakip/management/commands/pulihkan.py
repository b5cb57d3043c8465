from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Pulihkan basis data dan berkas unggahan dari arsip hasil 'cadangkan'."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--force", action="store_true", help="Pulihkan walaupun basis data tujuan tidak kosong.")

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore_backup(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Dipulihkan: {sum(manifest['rows'].values())} baris, {len(manifest['files'])} berkas.")
