"""The cascading PK of a position as a signed document (issues 24 and 25, laporan/pk_jabatan.py): the holder
(pihak pertama) establishes the PK with the password and submits its document; the holder of the superior
position (pihak kedua: the Camat for a Kasi, the Sekretaris for a Kasubbag) reads the rendered file and signs
it through the one signing service; the signed PDF is verified like every other; a PK Perubahan gives a new
revision of the document."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from kinerja.services import perencanaan as svc
from laporan.models import Report, SignedDocument
from laporan.selectors import waiting_for_signature
from notifikasi.models import Notifikasi
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk
from tests.kinerja.test_berjenjang import cascading

pytestmark = pytest.mark.django_db

# The PK of 2025 is signed after its 31 January deadline: the signer gives the reason (laporan/batas.py).
LAMPAU = "Contoh data tahun lalu"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _urls(org, role):
    jabatan = org.awayan.positions[role]
    args = [org.awayan.unit.pk, 2025, jabatan.pk]
    return reverse("laporan:pk_jabatan_dokumen", args=args), reverse("laporan:pk_jabatan_ajukan", args=args)


@pytest.fixture
def kasi_pk(org):
    camat_pk = make_pk(org.awayan, 2025, 2)
    child = cascading(org, Role.KASI, parent=camat_pk[0], uraian="Jumlah desa yang dibina ketenteramannya")
    return child.sasaran.perjanjian


def _sign(client, report, **extra):
    return client.post(
        reverse("laporan:tandatangani", args=[report.pk]),
        {"password": PASSWORD, "alasan_terlambat": LAMPAU, **extra},
    )


def test_the_kasi_submits_the_established_pk_and_the_camat_signs_a_verifiable_document(
    org, client_for, kasi_pk, signing_cert
):
    kasi, camat = org.person("awayan", Role.KASI), org.person("awayan", Role.CAMAT)
    svc.pk_tetapkan(user=kasi, pk=kasi_pk, password=PASSWORD)
    halaman, ajukan = _urls(org, Role.KASI)
    pk_page = reverse("kinerja:pk_jabatan", args=[org.awayan.unit.pk, 2025, org.awayan.positions[Role.KASI].pk])
    assert halaman in client_for(kasi).get(pk_page).content.decode()  # linked once the PK is established
    assert ajukan in client_for(kasi).get(halaman).content.decode()

    response = client_for(kasi).post(ajukan)
    report = Report.objects.get(kind=Report.Kind.PK_JABATAN, jabatan=org.awayan.positions[Role.KASI])
    assert response.status_code == 302 and response["Location"] == reverse("laporan:detail", args=[report.pk])
    assert report.status == Report.Status.DIAJUKAN and report.diajukan_oleh == kasi
    # The Camat is told and finds it among what waits for the signature; the page now leads to the report.
    assert Notifikasi.objects.filter(penerima=camat, jenis=Notifikasi.Jenis.LAPORAN_DIAJUKAN).exists()
    assert report in waiting_for_signature(camat)
    assert client_for(kasi).get(halaman)["Location"] == reverse("laporan:detail", args=[report.pk])
    # The holder submitted: the holder does not sign (not the superior, and separation of duties).
    assert _sign(client_for(kasi), report).status_code == 403

    assert _sign(client_for(camat), report).status_code == 302
    report.refresh_from_db()
    doc = SignedDocument.objects.get(report=report)
    assert report.status == Report.Status.DITANDATANGANI and doc.penandatangan == camat
    assert doc.jabatan_penandatangan == org.awayan.positions[Role.CAMAT].nama.upper()
    text = _text(bytes(doc.pdf))
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text and "DRAF" not in text
    assert kasi.nama in text and camat.nama in text and "Ditetapkan secara elektronik" in text
    assert doc.kode_verifikasi in text and "Jumlah desa yang dibina ketenteramannya" in text
    assert PdfReader(io.BytesIO(bytes(doc.pdf))).get_fields()  # the PAdES signature field
    # Anyone verifies the file: ASLI for the signed bytes.
    verifikasi = reverse("laporan:verifikasi", args=[doc.kode_verifikasi])
    hasil = client_for(org.person("tebing", Role.PELAKSANA)).post(
        verifikasi, {"berkas": SimpleUploadedFile("pk.pdf", bytes(doc.pdf), "application/pdf")}
    )
    assert hasil.context["hasil"] == "asli"
    # The holder hears it is signed, and downloads it.
    assert Notifikasi.objects.filter(penerima=kasi, jenis=Notifikasi.Jenis.LAPORAN_DITANDATANGANI).exists()
    assert client_for(kasi).get(reverse("laporan:pdf", args=[report.pk])).status_code == 200


def test_the_kasubbag_pk_is_signed_by_the_sekretaris_and_not_by_the_camat(org, client_for, signing_cert):
    camat_pk = make_pk(org.awayan, 2025, 2)
    pk = cascading(org, Role.KASUBBAG_PERENCANAAN, parent=camat_pk[0]).sasaran.perjanjian
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    svc.pk_tetapkan(user=kasubbag, pk=pk, password=PASSWORD)
    _, ajukan = _urls(org, Role.KASUBBAG_PERENCANAAN)
    assert client_for(kasubbag).post(ajukan).status_code == 302
    report = Report.objects.get(jabatan=org.awayan.positions[Role.KASUBBAG_PERENCANAAN])

    camat, sekretaris = org.person("awayan", Role.CAMAT), org.person("awayan", Role.SEKRETARIS)
    assert report not in waiting_for_signature(camat)
    assert _sign(client_for(camat), report).status_code == 403
    assert report in waiting_for_signature(sekretaris)
    assert _sign(client_for(sekretaris), report).status_code == 302
    doc = SignedDocument.objects.get(report=report)
    assert doc.penandatangan == sekretaris
    assert doc.jabatan_penandatangan == org.awayan.positions[Role.SEKRETARIS].nama.upper()


def test_a_pk_not_yet_established_is_not_submitted_and_the_page_says_why(org, client_for, kasi_pk):
    kasi = org.person("awayan", Role.KASI)
    halaman, ajukan = _urls(org, Role.KASI)
    page = client_for(kasi).get(halaman).content.decode()
    assert "belum ditetapkan oleh pemegang jabatannya" in page and "data-ajukan-pk-jabatan disabled" in page

    refused = client_for(kasi).post(ajukan)
    assert refused.status_code == 400 and "belum ditetapkan oleh pemegang jabatannya" in refused.content.decode()
    assert not Report.objects.filter(kind=Report.Kind.PK_JABATAN).exists()  # nothing half-made

    svc.pk_tetapkan(user=kasi, pk=kasi_pk, password=PASSWORD)
    assert client_for(kasi).post(ajukan).status_code == 302


def test_only_the_holder_submits_and_another_kecamatan_sees_nothing(org, client_for, kasi_pk):
    svc.pk_tetapkan(user=org.person("awayan", Role.KASI), pk=kasi_pk, password=PASSWORD)
    halaman, ajukan = _urls(org, Role.KASI)
    for role in (Role.KASUBBAG_PERENCANAAN, Role.CAMAT, Role.SEKRETARIS, Role.PELAKSANA):
        assert client_for(org.person("awayan", role)).post(ajukan).status_code == 403, role
    assert "data-bukan-pemegang" in client_for(org.person("awayan", Role.CAMAT)).get(halaman).content.decode()
    assert client_for(org.person("tebing", Role.KASI)).post(ajukan).status_code == 404
    assert client_for(org.person("tebing", Role.CAMAT)).get(halaman).status_code == 404
    assert not Report.objects.filter(kind=Report.Kind.PK_JABATAN).exists()


def test_a_return_goes_back_to_the_holder_who_submits_again(org, client_for, kasi_pk, signing_cert):
    kasi, camat = org.person("awayan", Role.KASI), org.person("awayan", Role.CAMAT)
    svc.pk_tetapkan(user=kasi, pk=kasi_pk, password=PASSWORD)
    _, ajukan = _urls(org, Role.KASI)
    client_for(kasi).post(ajukan)
    report = Report.objects.get(kind=Report.Kind.PK_JABATAN)
    response = client_for(camat).post(reverse("laporan:kembalikan", args=[report.pk]), {"alasan": "Target kurang"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    told = Notifikasi.objects.get(jenis=Notifikasi.Jenis.LAPORAN_DIKEMBALIKAN)
    assert told.penerima == kasi and "Target kurang" in told.isi

    assert client_for(kasi).post(reverse("laporan:ajukan", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DIAJUKAN


def test_a_pk_perubahan_gives_a_new_revision_and_the_signed_one_stays_verifiable(
    org, client_for, kasi_pk, signing_cert
):
    kasi, camat = org.person("awayan", Role.KASI), org.person("awayan", Role.CAMAT)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    svc.pk_tetapkan(user=kasi, pk=kasi_pk, password=PASSWORD)
    _, ajukan = _urls(org, Role.KASI)
    client_for(kasi).post(ajukan)
    first = Report.objects.get(kind=Report.Kind.PK_JABATAN)
    _sign(client_for(camat), first)
    assert "telah ditandatangani" in client_for(kasi).post(ajukan).content.decode()

    baru = svc.pk_perubahan(user=kasubbag, pk=kasi_pk, alasan="Target disesuaikan dengan APBD Perubahan")
    svc.pk_tetapkan(user=kasi, pk=baru, password=PASSWORD)
    assert client_for(kasi).post(ajukan).status_code == 302
    first.refresh_from_db()
    second = Report.objects.get(kind=Report.Kind.PK_JABATAN, revisi=1)
    assert first.status == Report.Status.DIGANTIKAN and second.status == Report.Status.DIAJUKAN
    assert second.alasan_perubahan == "Target disesuaikan dengan APBD Perubahan"
    old = client_for(camat).get(reverse("laporan:verifikasi", args=[first.dokumen.kode_verifikasi]))
    assert old.status_code == 200
    # The report page of the new revision lists this position's revisions only.
    page = client_for(camat).get(reverse("laporan:detail", args=[second.pk]))
    assert [r.pk for r in page.context["revisions"]] == [second.pk, first.pk]


def test_the_report_form_does_not_offer_a_position_pk(org, client_for):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    response = client_for(kasubbag).post(
        reverse("laporan:index"), {"kind": "pk_jabatan", "tahun": 2025, "kecamatan": org.awayan.unit.pk}
    )
    assert response.status_code in (200, 400)
    assert not Report.objects.filter(kind=Report.Kind.PK_JABATAN).exists()
