from django.core.management.base import BaseCommand

from sakip import demo


class Command(BaseCommand):
    help = "Load the demo data (Kabupaten Balangan, people, SOPs, performance data). Idempotent."

    def handle(self, *args, **options):
        for _, name, loader in demo.loaders():
            summary = loader()
            self.stdout.write(f"{name}: {summary}")
        self.stdout.write(self.style.SUCCESS(f"Data demo dimuat. Kata sandi semua akun demo: {demo.DEMO_PASSWORD}"))
