import pytest
from django.core.cache import cache

from laporan import signing
from laporan.documents import signed_pk
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document


@pytest.fixture(autouse=True)
def signing_cert(tmp_path, monkeypatch):
    """A throwaway deployment certificate (the real command's code path) for every test."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(
        common_name="Kecamatan Awayan", organization="Pemkab Balangan", key_file=key, cert_file=cert
    )
    return cert


@pytest.fixture(autouse=True)
def clear_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kinerja_awayan(org):
    return build_kinerja(org.awayan.unit, 2025)


@pytest.fixture
def make_report(org, kinerja_awayan):
    """A report of Awayan in the given state: draft, diajukan."""

    def make(kind=Report.Kind.TRIWULAN, periode=2, submitted=True, narasi=None):
        kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
        if kind == Report.Kind.LKIP and submitted and signed_pk(Report(kecamatan=org.awayan.unit, tahun=2025)) is None:
            sign_pk_document(org, 2025)  # an LKIP rests on the year's signed PK (laporan.gates)
        report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=kind, tahun=2025, periode=periode)
        if submitted:
            # A report is submitted only with every narrative section written (laporan.gates).
            narasi = {**narasi_lengkap(report), **(narasi or {})}
        if narasi:
            report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi, versi=report.versi)
        if submitted:
            report = ajukan(user=kasubbag, report_id=report.pk)
        return report

    return make
