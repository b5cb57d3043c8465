"""A report's lifecycle is one table (laporan/alur.py): every row is performed here through the services and
checked against what the row says — the status it leaves and reaches, the role the history records, who is
told, and that what the report asked of someone before is closed (issues 26 and 27: every handoff announced
and cleared by the table, not by code that could disagree with it)."""

import pytest
from django.urls import reverse

from kinerja.services import perencanaan as svc
from laporan import alur, reviu
from laporan.models import Report, ReportRiwayat
from laporan.services import buat_perubahan, kembalikan, pk_jabatan_ajukan, tandatangani
from notifikasi.models import Notifikasi
from notifikasi.receivers import PESAN_LAPORAN
from pengaturan.services import reviu_lkip_atur
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.kinerja.data import make_pk
from tests.kinerja.test_berjenjang import cascading

pytestmark = pytest.mark.django_db
J = Notifikasi.Jenis
CHECKLIST = {key: True for key, _ in reviu.DAFTAR_PERIKSA}
ALASAN_BUKTI = {"bukti": "Bukti fisik diperiksa langsung di kantor kecamatan."}


def _terakhir(report) -> ReportRiwayat:
    return ReportRiwayat.objects.filter(report=report).order_by("pk").last()


def _told(jenis, report) -> set[str]:
    return set(
        Notifikasi.objects.filter(jenis=jenis, tautan__endswith=f"/{report.pk}/").values_list(
            "penerima__username", flat=True
        )
    )


def _open(jenis, report) -> int:
    return Notifikasi.objects.filter(jenis=jenis, tautan__endswith=f"/{report.pk}/", selesai_pada__isnull=True).count()


def _usernames(org, *roles) -> set[str]:
    return {org.person("awayan", role).username for role in roles}


def test_every_row_that_tells_someone_has_its_words_and_every_worded_row_exists():
    for t in alur.ALUR:
        assert bool(t.diberitahu) == (t.nama in PESAN_LAPORAN), t.nama
    assert set(PESAN_LAPORAN) <= set(alur.TRANSISI)


def test_ajukan_tells_the_camat_and_is_recorded_under_the_kasubbag(org, make_report):
    report = make_report()
    row = alur.TRANSISI["ajukan"]
    assert (report.status, _terakhir(report).dari, _terakhir(report).ke) == (row.ke, row.dari, row.ke)
    assert _told(J.LAPORAN_DIAJUKAN, report) == _usernames(org, Role.CAMAT)


def test_kembalikan_tells_the_kasubbag_and_closes_the_request_to_sign(org, make_report):
    report = make_report()
    assert _open(J.LAPORAN_DIAJUKAN, report) == 1
    kembalikan(user=org.person("awayan", Role.CAMAT), report_id=report.pk, alasan="Narasi Bab II kurang")
    report.refresh_from_db()
    assert report.status == alur.TRANSISI["kembalikan"].ke
    assert _terakhir(report).alasan == "Narasi Bab II kurang"
    assert _told(J.LAPORAN_DIKEMBALIKAN, report) == _usernames(org, Role.KASUBBAG_PERENCANAAN)
    assert _open(J.LAPORAN_DIAJUKAN, report) == 0  # the Camat's "menunggu tanda tangan" is done


def test_kembalikan_reviu_tells_the_kasubbag_with_the_reason(org, make_report):
    reviu_lkip_atur(user=org.admin, kabupaten=org.kabupaten, wajib=True)
    report = make_report(kind=Report.Kind.LKIP, periode=0)
    reviu.reviu_kembalikan(user=org.evaluator, report_id=report.pk, alasan="Bab III belum dibandingkan.")
    report.refresh_from_db()
    assert (report.status, _terakhir(report).oleh) == (alur.TRANSISI["kembalikan_reviu"].ke, org.evaluator)
    assert _told(J.LAPORAN_DIKEMBALIKAN, report) == _usernames(org, Role.KASUBBAG_PERENCANAAN)
    told = Notifikasi.objects.get(jenis=J.LAPORAN_DIKEMBALIKAN, tautan__endswith=f"/{report.pk}/")
    assert "Bab III belum dibandingkan." in told.isi
    assert _open(J.LAPORAN_DIAJUKAN, report) == 0


def test_tandatangani_tells_the_submitter_and_the_composers_and_closes_the_request(org, make_report, signing_cert):
    report = make_report()
    tandatangani(user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD, alasan_terlambat=LAMPAU)
    report.refresh_from_db()
    assert report.status == alur.TRANSISI["tandatangani"].ke
    assert _terakhir(report).alasan.startswith("Ditandatangani terlambat")
    assert _told(J.LAPORAN_DITANDATANGANI, report) == _usernames(org, Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS)
    assert _open(J.LAPORAN_DIAJUKAN, report) == 0


def test_perubahan_supersedes_and_tells_nobody(org, make_report, signing_cert):
    report = make_report()
    tandatangani(user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD, alasan_terlambat=LAMPAU)
    before = Notifikasi.objects.count()
    baru = buat_perubahan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=report.pk, alasan="Salah ketik"
    )
    report.refresh_from_db()
    assert report.status == alur.TRANSISI["perubahan"].ke and baru.revisi == 1
    assert _terakhir(report).alasan == "Salah ketik" and Notifikasi.objects.count() == before


def test_a_position_pk_goes_between_its_holder_and_the_superior_and_a_pk_perubahan_supersedes_it(org, signing_cert):
    camat_pk = make_pk(org.awayan, 2025, 2)
    pk = cascading(org, Role.KASUBBAG_PERENCANAAN, parent=camat_pk[0]).sasaran.perjanjian
    kasubbag, sekretaris = org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.person("awayan", Role.SEKRETARIS)
    svc.pk_tetapkan(user=kasubbag, pk=pk, password=PASSWORD)
    report = pk_jabatan_ajukan(user=kasubbag, pk=pk)
    assert _told(J.LAPORAN_DIAJUKAN, report) == {sekretaris.username}  # the superior, not the Camat
    kembalikan(user=sekretaris, report_id=report.pk, alasan="Target dinaikkan")
    assert _told(J.LAPORAN_DIKEMBALIKAN, report) == {kasubbag.username}  # the holder of the position
    pk_jabatan_ajukan(user=kasubbag, pk=pk)
    tandatangani(user=sekretaris, report_id=report.pk, password=PASSWORD, alasan_terlambat=LAMPAU)
    assert _told(J.LAPORAN_DITANDATANGANI, report) == {kasubbag.username}
    # Only the position's own transition supersedes it; the kecamatan's "perubahan" does not apply.
    assert not alur.berlaku(Report.objects.get(pk=report.pk), "perubahan")
    baru = svc.pk_perubahan(user=sekretaris, pk=pk, alasan="APBD Perubahan")
    svc.pk_tetapkan(user=kasubbag, pk=baru, password=PASSWORD)
    pk_jabatan_ajukan(user=kasubbag, pk=baru)
    report.refresh_from_db()
    row = alur.TRANSISI["perubahan_pk_jabatan"]
    assert (report.status, _terakhir(report).dari, _terakhir(report).alasan) == (row.ke, row.dari, "APBD Perubahan")
    # Every status change recorded on the way is a row of the table.
    assert set(ReportRiwayat.objects.values_list("dari", "ke")) <= {(t.dari, t.ke) for t in alur.ALUR}


def test_a_required_review_is_asked_of_the_inspektorat_and_its_statement_tells_the_camat(org, make_report):
    """The review's handoff: an LKIP submitted where the kabupaten requires the review asks the evaluators;
    their signed statement tells the Camat it may be signed and closes the request; signing closes that."""
    reviu_lkip_atur(user=org.admin, kabupaten=org.kabupaten, wajib=True)
    report = make_report(kind=Report.Kind.LKIP, periode=0)
    asked = Notifikasi.objects.filter(jenis=J.REVIU_DIMINTA, selesai_pada__isnull=True)
    assert {(n.penerima, n.tautan) for n in asked} == {(org.evaluator, reverse("laporan:reviu", args=[report.pk]))}
    reviu.reviu_selesai(
        user=org.evaluator,
        report_id=report.pk,
        password=PASSWORD,
        periksa=CHECKLIST,
        catatan={},
        alasan_periksa=ALASAN_BUKTI,
    )
    assert not asked.all().exists()  # done (a fresh query: the first one's results are cached)
    assert _told(J.REVIU_SELESAI, report) == _usernames(org, Role.CAMAT)
    assert _open(J.REVIU_SELESAI, report) == 1
