"""Notifications: create them for the recipients of an event (inside the event's transaction) and queue
their emails for after the commit; mark them read; the email choice.

Keyword-only functions, one @transaction.atomic each. `kirim` is called by the receivers of
notifikasi/receivers.py while the event's own transaction is open: a rollback takes the notifications
with it, and the emails go only once the change is committed (`transaction.on_commit`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notifikasi import selectors
from notifikasi.models import Notifikasi, PreferensiNotifikasi

logger = logging.getLogger(__name__)


@transaction.atomic
def kirim(
    *, penerima: Iterable, kecamatan_id: int, jenis: str, judul: str, isi: str, tautan: str, pelaku=None
) -> list[Notifikasi]:
    """One notification per recipient (never the person who acted, never twice); emails after commit."""
    people = {}
    for person in penerima:
        if person is None or not person.is_active or (pelaku is not None and person.pk == pelaku.pk):
            continue
        people.setdefault(person.pk, person)
    if not people:
        return []
    rows = Notifikasi.objects.bulk_create(
        [
            Notifikasi(penerima=person, kecamatan_id=kecamatan_id, jenis=jenis, judul=judul, isi=isi, tautan=tautan)
            for person in people.values()
        ]
    )
    off = selectors.tanpa_email(people)
    emails = [(p.nama or p.username, p.email) for pk, p in people.items() if p.email and pk not in off]
    if emails:
        transaction.on_commit(lambda: _kirim_email(emails, judul=judul, isi=isi, tautan=tautan))
    return rows


def _kirim_email(emails: list[tuple[str, str]], *, judul: str, isi: str, tautan: str) -> None:
    """After commit: one email per recipient; a mail server failure is logged, the change stays done."""
    link = f"{settings.SITE_URL.rstrip('/')}{tautan}" if tautan else settings.SITE_URL
    for nama, alamat in emails:
        body = (
            f"Yth. {nama},\n\n{judul}\n\n{isi}\n\nSelengkapnya: {link}\n\n"
            "Pesan ini dikirim otomatis oleh SAKIP Kecamatan. Email notifikasi dapat dimatikan pada halaman "
            "Notifikasi."
        )
        try:
            send_mail(subject=f"[SAKIP] {judul}", message=body, from_email=None, recipient_list=[alamat])
        except Exception:  # noqa: BLE001 — the change is committed; a mail failure must not undo or hide it
            logger.exception("Email notifikasi gagal dikirim ke %s", alamat)


@transaction.atomic
def tandai_dibaca(*, user, notifikasi_id) -> Notifikasi:
    """Mark one of the user's notifications read (another person's is a 404)."""
    item = selectors.milik_or_404(user, notifikasi_id)
    if item.dibaca_pada is None:
        item.dibaca_pada = timezone.now()
        item.save(update_fields=["dibaca_pada"])
    return item


@transaction.atomic
def tandai_semua_dibaca(*, user) -> int:
    return selectors.milik(user).filter(dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())


@transaction.atomic
def simpan_preferensi(*, user, email: bool) -> PreferensiNotifikasi:
    preferensi, _ = PreferensiNotifikasi.objects.update_or_create(pegawai=user, defaults={"email": bool(email)})
    return preferensi


def selesaikan(*, tautan: str, jenis) -> int:
    """The work announced by the notifications of these kinds pointing at `tautan` is done: each is marked
    finished (and read, so the bell no longer counts it), whoever received it. Inside the event's transaction."""
    now = timezone.now()
    pending = Notifikasi.objects.filter(tautan=tautan, jenis__in=list(jenis), selesai_pada__isnull=True)
    done = pending.filter(dibaca_pada__isnull=True).update(selesai_pada=now, dibaca_pada=now)
    return done + pending.update(selesai_pada=now)
