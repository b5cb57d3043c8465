"""Quarter events: who hears of a submitted, returned, verified, approved or reopened quarter."""

import datetime

import pytest
from django.utils import timezone

from kinerja.models import Triwulan
from kinerja.services import KinerjaError
from kinerja.services import triwulan as tw
from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.factories import make_delegation
from tests.laporan.data import build_kinerja

S = Triwulan.Status


def recipients(jenis) -> set[str]:
    return set(Notifikasi.objects.filter(jenis=jenis).values_list("penerima__username", flat=True))


def test_submitting_tw_iii_of_awayan_notifies_its_sekretaris_not_tebing_tinggis(org, quarter):
    build_kinerja(org.tebing.unit, 2025)
    tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIAJUKAN) == {"sekretaris.awayan"}
    item = Notifikasi.objects.get()
    assert item.kecamatan == org.awayan.unit
    assert item.dibaca_pada is None
    assert "Triwulan III 2025" in item.judul
    assert item.tautan == f"/kinerja/k/{org.awayan.unit.pk}/2025/tw/3/"


def test_an_acting_sekretaris_from_another_kecamatan_hears_of_the_submission_too(org, quarter):
    today = timezone.localdate()  # the office's day (Asia/Makassar), as the app reads delegations
    plh = org.person("tebing", Role.KASI)
    make_delegation(org.awayan.positions[Role.SEKRETARIS], plh, today, today + datetime.timedelta(days=3))
    tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIAJUKAN) == {"sekretaris.awayan", "kasi.tebing"}


def test_returning_a_submitted_quarter_notifies_who_submitted_and_the_kasubbag_with_the_reason(org, quarter):
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    q = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    tw.triwulan_kembalikan(user=sekretaris, quarter=q, alasan="Bukti dukung indikator 2 kurang")
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIKEMBALIKAN) == {"kasubbag_perencanaan.awayan"}
    assert "Bukti dukung indikator 2 kurang" in Notifikasi.objects.get(jenis="triwulan_dikembalikan").isi
    # The Sekretaris acted: they are not told of their own return.
    assert not Notifikasi.objects.filter(penerima=sekretaris, jenis="triwulan_dikembalikan").exists()


def test_verifying_notifies_the_camat_only(org, quarter):
    tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter(S.DIAJUKAN))
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIVERIFIKASI) == {"camat.awayan"}
    assert Notifikasi.objects.count() == 1


def test_approving_notifies_the_kasubbag_perencanaan_and_the_sekretaris(org, quarter):
    tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter(S.DIVERIFIKASI))
    assert recipients(Notifikasi.Jenis.TRIWULAN_DISETUJUI) == {"kasubbag_perencanaan.awayan", "sekretaris.awayan"}


def test_the_camat_returning_a_verified_quarter_also_tells_the_sekretaris_who_verified(org, quarter):
    tw.triwulan_kembalikan_verifikasi(
        user=org.person("awayan", Role.CAMAT), quarter=quarter(S.DIVERIFIKASI), alasan="Angka TW III janggal"
    )
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIKEMBALIKAN) == {"kasubbag_perencanaan.awayan", "sekretaris.awayan"}


def test_reopening_notifies_the_kasubbag_perencanaan_and_the_sekretaris_with_the_reason(org, quarter):
    tw.triwulan_buka_kembali(user=org.person("awayan", Role.CAMAT), quarter=quarter(S.DISETUJUI), alasan="Salah ketik")
    assert recipients(Notifikasi.Jenis.TRIWULAN_DIBUKA_KEMBALI) == {"kasubbag_perencanaan.awayan", "sekretaris.awayan"}
    assert all("Salah ketik" in n.isi for n in Notifikasi.objects.all())


def test_a_refused_transition_notifies_nobody(org, quarter):
    with pytest.raises(KinerjaError):
        tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter(S.DRAFT))
    assert not Notifikasi.objects.exists()


def test_every_recipient_of_an_awayan_quarter_sits_in_awayan(org, quarter):
    build_kinerja(org.tebing.unit, 2025)
    q = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    q = tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=q)
    tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=q)
    kecamatan = set(Notifikasi.objects.values_list("penerima__jabatan__kecamatan", flat=True))
    assert kecamatan == {org.awayan.unit.pk}


def test_a_notification_resolves_itself_when_its_work_is_done(org, quarter, client_for):
    """Issue 26: notifications stayed "Baru" after the work was done (the Camat had 3 unread after signing)."""
    q = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter())
    asked = Notifikasi.objects.get(jenis=Notifikasi.Jenis.TRIWULAN_DIAJUKAN)
    assert asked.selesai_pada is None
    q = tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=q)
    asked.refresh_from_db()
    assert asked.selesai_pada is not None and asked.dibaca_pada is not None  # done, so no longer "Baru"
    camat_asked = Notifikasi.objects.get(jenis=Notifikasi.Jenis.TRIWULAN_DIVERIFIKASI)
    assert camat_asked.selesai_pada is None
    tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=q)
    camat_asked.refresh_from_db()
    assert camat_asked.selesai_pada is not None
    html = client_for(org.person("awayan", Role.CAMAT)).get("/notifikasi/").content.decode()
    assert "data-selesai" in html and "Semua notifikasi sudah dibaca." in html


def test_after_approval_the_kasubbag_is_asked_to_draft_the_report_until_it_is_submitted(org, quarter, client_for):
    from laporan.models import Report
    from laporan.services import ajukan, buat_laporan, simpan_narasi
    from tests.laporan.data import narasi_lengkap

    tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter(S.DIVERIFIKASI))
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    susun = Notifikasi.objects.get(jenis=Notifikasi.Jenis.LAPORAN_SUSUN)
    assert (susun.penerima, susun.judul) == (kasubbag, "Susun laporan kinerja Triwulan III 2025")
    page = client_for(kasubbag).get(susun.tautan).content.decode()
    assert 'name="periode" value="3"' in page or '<option value="3" selected>' in page  # the form pre-filled
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2025, periode=3)
    susun.refresh_from_db()
    assert susun.selesai_pada is None  # a draft is not the work done
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)
    susun.refresh_from_db()
    assert susun.selesai_pada is not None
