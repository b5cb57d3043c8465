"""The cascading PK of a position as its own PermenPAN-RB 53/2014 document (laporan/pk_jabatan.py): both
signature blocks (holder and superior) with name, jabatan, pangkat and NIP from the records, the attachment
table with the Camat's indicator each one supports; linked from the cascading PK page; read like the page."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kinerja.services import perencanaan as svc
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk
from tests.kinerja.test_berjenjang import cascading

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_kasi_pk_prints_both_parties_and_the_cascade_and_is_linked_from_its_page(org, client_for):
    camat_pk = make_pk(org.awayan, 2025, 2)
    child = cascading(org, Role.KASI, parent=camat_pk[0], uraian="Jumlah desa yang dibina ketenteramannya")
    pk = child.sasaran.perjanjian
    kasi, camat = org.person("awayan", Role.KASI), org.person("awayan", Role.CAMAT)
    for person, pangkat in ((kasi, "Penata / III.c"), (camat, "Pembina / IV.a")):
        person.pangkat_golongan = pangkat
        person.save()
    svc.pk_tetapkan(user=kasi, pk=pk, password=PASSWORD)
    jabatan = org.awayan.positions[Role.KASI]
    url = reverse("laporan:pk_jabatan_pdf", args=[org.awayan.unit.pk, 2025, jabatan.pk])
    page = client_for(kasi).get(reverse("kinerja:pk_jabatan", args=[org.awayan.unit.pk, 2025, jabatan.pk]))
    assert url in page.content.decode()

    response = client_for(org.person("awayan", Role.PELAKSANA)).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert f"PERJANJIAN KINERJA TAHUN 2025 {jabatan.nama.upper()}" in text
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text and "DRAF" not in text
    for person in (kasi, camat):
        assert person.nama in text and person.nip_cetak in text and person.pangkat_golongan in text
    assert "Jumlah desa yang dibina ketenteramannya" in text and camat_pk[0].uraian in text
    # Another kecamatan's people do not read it.
    assert client_for(org.person("tebing", Role.CAMAT)).get(url).status_code == 404


def test_a_draft_cascading_pk_prints_marked_draf(org, client_for):
    camat_pk = make_pk(org.awayan, 2025, 2)
    cascading(org, Role.KASI, parent=camat_pk[0])
    jabatan = org.awayan.positions[Role.KASI]
    url = reverse("laporan:pk_jabatan_pdf", args=[org.awayan.unit.pk, 2025, jabatan.pk])
    assert "DRAF" in _text(client_for(org.evaluator).get(url).content)
    camat_position = org.awayan.positions[Role.CAMAT]
    refused = reverse("laporan:pk_jabatan_pdf", args=[org.awayan.unit.pk, 2025, camat_position.pk])
    assert client_for(org.evaluator).get(refused).status_code == 404
