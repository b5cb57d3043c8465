"""Daily reminder (cron): email every assignee their due and overdue SOP tasks, unless they switched email off
(their choice on the Notifikasi page, notifikasi.PreferensiNotifikasi)."""

import datetime
from collections import defaultdict

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from notifikasi.selectors import tanpa_email
from sakip.formatting import format_waktu
from workflow.models import Run, Task


class Command(BaseCommand):
    help = "Kirim pengingat email untuk tugas SOP yang jatuh tempo hari ini atau sudah terlambat."

    def handle(self, *args, **options):
        now = timezone.now()
        horizon = now + datetime.timedelta(days=1)
        tasks = (
            Task.objects.filter(status=Task.Status.AKTIF, run__status=Run.Status.BERJALAN, due_at__lte=horizon)
            .exclude(assignee__isnull=True)
            .exclude(assignee__email="")
            .select_related("assignee", "run__revision", "step")
            .order_by("due_at")
        )
        per_person = defaultdict(list)
        for task in tasks:
            per_person[task.assignee].append(task)
        off = tanpa_email(person.pk for person in per_person)
        per_person = {person: items for person, items in per_person.items() if person.pk not in off}
        for person, items in per_person.items():
            lines = [
                f"- {'TERLAMBAT' if t.due_at < now else 'Jatuh tempo'} {format_waktu(t.due_at)}: langkah {t.step.no} "
                f'"{t.step.uraian}" ({t.run.revision.nama}, {t.run.periode})'
                for t in items
            ]
            send_mail(
                subject=f"[SAKIP] {len(items)} tugas SOP menunggu Anda",
                message=f"Yth. {person.nama},\n\nTugas berikut perlu segera diselesaikan:\n" + "\n".join(lines),
                from_email=None,
                recipient_list=[person.email],
            )
        sent = sum(len(items) for items in per_person.values())
        self.stdout.write(f"Pengingat terkirim kepada {len(per_person)} pegawai ({sent} tugas).")
