from pathlib import Path

from django.core.management.base import BaseCommand

from sakip.backup import create_backup


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas unggahan ke satu arsip .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        manifest = create_backup(path)
        self.stdout.write(
            f"Cadangan tersimpan di {path}: {sum(manifest['rows'].values())} baris, {len(manifest['files'])} berkas."
        )
