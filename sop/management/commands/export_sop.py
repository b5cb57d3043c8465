from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sop.excel import export_revision
from sop.models import SopRevision


class Command(BaseCommand):
    help = "Ekspor satu revisi SOP (id atau nomor SOP) ke berkas .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("revision", help="id revisi atau nomor SOP (revisi efektif)")
        parser.add_argument("path", type=Path)

    def handle(self, *args, revision, path, **options):
        qs = (
            SopRevision.objects.filter(pk=int(revision))
            if revision.isdigit()
            else SopRevision.objects.filter(nomor=revision, status=SopRevision.Status.EFFECTIVE)
        )
        found = qs.first()
        if found is None:
            raise CommandError(f'SOP "{revision}" tidak ditemukan.')
        path.write_bytes(export_revision(found))
        self.stdout.write(f'SOP "{found.nama}" diekspor ke {path}.')
