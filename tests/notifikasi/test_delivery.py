"""Delivery: notifications live and die with the change's transaction; emails go only after the commit,
only to those who want them."""

import pytest
from django.conf import settings
from django.db import transaction

from kinerja.services import triwulan as tw
from notifikasi import services
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from sakip.roles import Role


class Batal(Exception):
    pass


def test_a_rolled_back_submission_leaves_no_notification_and_sends_no_email(
    with_emails, quarter, mailoutbox, django_capture_on_commit_callbacks
):
    org = with_emails
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Batal):
            with transaction.atomic():
                tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
                assert Notifikasi.objects.count() == 1  # written inside the change's transaction
                raise Batal
    assert not Notifikasi.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_the_email_goes_only_after_the_commit(with_emails, quarter, mailoutbox, django_capture_on_commit_callbacks):
    org = with_emails
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    assert mailoutbox == []  # not yet committed: nothing sent
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sekretaris.awayan@example.org"]
    assert mail.subject.startswith("[SAKIP] Data kinerja Triwulan III 2025")
    assert f"{settings.SITE_URL}/kinerja/k/{org.awayan.unit.pk}/2025/tw/3/" in mail.body
    assert "Yth. " in mail.body


def test_no_email_for_who_switched_it_off_but_the_notification_still_appears(
    with_emails, quarter, mailoutbox, django_capture_on_commit_callbacks
):
    org = with_emails
    services.simpan_preferensi(user=org.person("awayan", Role.SEKRETARIS), email=False)
    with django_capture_on_commit_callbacks(execute=True):
        tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    assert Notifikasi.objects.filter(penerima=org.person("awayan", Role.SEKRETARIS)).count() == 1
    assert mailoutbox == []


def test_no_email_without_an_address(org, quarter, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    assert Notifikasi.objects.count() == 1
    assert callbacks == []
    assert mailoutbox == []


def test_email_is_on_until_the_person_chooses_and_choosing_stores_one_row(org):
    person = org.person("awayan", Role.CAMAT)
    assert not PreferensiNotifikasi.objects.exists()
    services.simpan_preferensi(user=person, email=False)
    services.simpan_preferensi(user=person, email=True)
    assert PreferensiNotifikasi.objects.get().email is True


def test_the_actor_is_never_notified_and_nobody_twice(org):
    camat = org.person("awayan", Role.CAMAT)
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    rows = services.kirim(
        penerima=[camat, sekretaris, sekretaris, None],
        kecamatan_id=org.awayan.unit.pk,
        jenis=Notifikasi.Jenis.TRIWULAN_DISETUJUI,
        judul="Uji",
        isi="",
        tautan="/",
        pelaku=camat,
    )
    assert [r.penerima for r in rows] == [sekretaris]
