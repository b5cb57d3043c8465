"""The LHE signed with the evaluator's BSrE certificate, against the local Esign Client Service
(tests/laporan/bsre_server.py)."""

import hashlib

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Evaluasi, NaskahLHE
from evaluasi.services import EvaluasiError
from laporan.models import SignedDocument
from sakip.models import Unit
from tests.evaluasi.test_lhe import _siap
from tests.laporan import bsre_server

pytestmark = pytest.mark.django_db

NIK = "6308015507800002"  # a woman's NIK: day of birth plus 40
PASSPHRASE = "Passphrase-Inspektur-42"


@pytest.fixture
def bsre(org, inspektur, tmp_path, monkeypatch):
    """The Inspektur (who signs the LHE) holds the certificate."""
    layanan = bsre_server.LayananEsign(direktori=tmp_path)
    layanan.daftar(NIK, nama=inspektur.nama, passphrase=PASSPHRASE)
    inspektur.nik = NIK
    inspektur.save()
    monkeypatch.setenv("BSRE_SANDI", bsre_server.SANDI)
    with bsre_server.Server(layanan) as server:
        org.kabupaten.penanda_tangan = Unit.PenandaTangan.BSRE_V2
        org.kabupaten.bsre_url = server.url
        org.kabupaten.bsre_pengguna = bsre_server.PENGGUNA
        org.kabupaten.save()
        yield layanan


def test_the_evaluator_signs_the_lhe_with_the_certificate_and_a_wrong_passphrase_changes_nothing(
    org, inspektur, dinilai, signing_cert, bsre, client_for
):
    _siap(org, dinilai)
    naskah = services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    read = bytes(naskah.pdf)
    page = client_for(org.evaluator).get(reverse("evaluasi:hasil", args=[dinilai.pk])).content.decode()
    assert "Passphrase sertifikat elektronik (BSrE)" in page

    with pytest.raises(EvaluasiError, match="Passphrase anda salah"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password="bukan")
    dinilai.refresh_from_db()
    assert dinilai.status == Evaluasi.Status.DINILAI
    assert NaskahLHE.objects.filter(evaluasi=dinilai).exists()
    assert not SignedDocument.objects.exists()

    document = services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSPHRASE)
    received = bsre.diterima[-1]
    assert received["nik"] == NIK
    assert received["pdf"].startswith(read)
    assert bytes(document.pdf) == received["hasil"]
    assert document.sha256 == hashlib.sha256(received["hasil"]).hexdigest()
    assert (document.penanda, document.sertifikat_nama) == ("bsre_v2", inspektur.nama)
    dinilai.refresh_from_db()
    assert dinilai.status == Evaluasi.Status.DITANDATANGANI
