import pytest

from evaluasi import kriteria, services
from evaluasi.models import Jawaban
from laporan import signing
from sakip.models import Position
from sakip.roles import Role
from tests.factories import make_person


@pytest.fixture
def signing_cert(tmp_path, monkeypatch):
    """A throwaway deployment certificate (the real command's code path)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(common_name="Inspektorat", organization="Pemkab Balangan", key_file=key, cert_file=cert)
    return cert


@pytest.fixture
def kset(org):
    return services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas())


@pytest.fixture
def evaluasi(org, kset):
    return services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)


def isi_semua(evaluasi, *, user, versi="mandiri", ya="Y", skala="A"):
    """Answer every criterion (Y for Y/T, `skala` for A–E) through the service."""
    rows = Jawaban.objects.filter(evaluasi=evaluasi).select_related("kriteria")
    isian = {j.pk: {"jawaban": ya if j.kriteria.jenis_jawaban == "YT" else skala, "catatan": ""} for j in rows}
    if versi == "mandiri":
        return services.jawaban_mandiri_simpan(user=user, evaluasi=evaluasi, isian=isian)
    return services.jawaban_evaluator_simpan(user=user, evaluasi=evaluasi, isian=isian)


@pytest.fixture
def inspektur(org):
    """The kabupaten's Inspektur (sakip/inspektur.py): signs the LHE the auditor (org.evaluator) composes."""
    position = Position.objects.create(
        unit=org.kabupaten, nama="Inspektur Kabupaten Balangan", role=Role.EVALUATOR, inspektur=True
    )
    return make_person("inspektur.balangan", position, nama="Inspektur Uji", pangkat_golongan="Pembina / IV.a")


@pytest.fixture
def dinilai(org, evaluasi, inspektur):
    """The evaluation submitted by the kecamatan and fully scored by the evaluator (B on the A–E scale)."""
    isi_semua(evaluasi, user=org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    services.mandiri_ajukan(user=org.person("awayan", Role.CAMAT), evaluasi=evaluasi)
    isi_semua(evaluasi, user=org.evaluator, versi="evaluator", skala="B")
    evaluasi.refresh_from_db()
    return evaluasi
