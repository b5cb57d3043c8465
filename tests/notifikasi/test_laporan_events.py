"""Report events: submitted → the Camat; returned → the Kasubbag Perencanaan with the reason;
signed → the Kasubbag Perencanaan and the Sekretaris."""

import pytest

from laporan import signing
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, kembalikan, simpan_narasi, tandatangani
from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.laporan.data import narasi_lengkap


@pytest.fixture(autouse=True)
def signing_cert(tmp_path, monkeypatch):
    """A throwaway deployment certificate (as tests/laporan/conftest.py)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(
        common_name="Kecamatan Awayan", organization="Pemkab Balangan", key_file=key, cert_file=cert
    )
    return cert


@pytest.fixture
def submitted(org, kinerja_awayan):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2025, periode=2)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    return ajukan(user=kasubbag, report_id=report.pk)


def recipients(jenis) -> set[str]:
    return set(Notifikasi.objects.filter(jenis=jenis).values_list("penerima__username", flat=True))


def test_submitting_a_report_of_awayan_notifies_its_camat_not_tebing_tinggis(org, submitted):
    assert recipients(Notifikasi.Jenis.LAPORAN_DIAJUKAN) == {"camat.awayan"}
    item = Notifikasi.objects.get(jenis=Notifikasi.Jenis.LAPORAN_DIAJUKAN)
    assert item.tautan == f"/laporan/{submitted.pk}/"
    assert "menunggu tanda tangan" in item.judul


def test_returning_a_report_notifies_the_kasubbag_perencanaan_with_the_reason(org, submitted):
    kembalikan(user=org.person("awayan", Role.CAMAT), report_id=submitted.pk, alasan="Bab II belum lengkap")
    assert recipients(Notifikasi.Jenis.LAPORAN_DIKEMBALIKAN) == {"kasubbag_perencanaan.awayan"}
    assert "Bab II belum lengkap" in Notifikasi.objects.get(jenis="laporan_dikembalikan").isi


def test_signing_a_report_notifies_the_kasubbag_perencanaan_and_the_sekretaris(org, submitted):
    tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=submitted.pk, password=PASSWORD
    )
    assert recipients(Notifikasi.Jenis.LAPORAN_DITANDATANGANI) == {"kasubbag_perencanaan.awayan", "sekretaris.awayan"}
