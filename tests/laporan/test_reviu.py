"""Issue 15: the Inspektorat reviews a submitted LKIP before the Camat signs it (laporan/reviu.py)."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from laporan import gates, reviu
from laporan.models import NaskahDiajukan, Report, ReportRiwayat, Reviu
from laporan.services import ajukan, kembalikan, tandatangani
from pengaturan.services import reviu_lkip_atur
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD, make_person

pytestmark = pytest.mark.django_db
SEMUA = {key: True for key, _ in reviu.DAFTAR_PERIKSA}
# No realisation of the test data has an evidence file: ticking "bukti" needs the reviewer's written reason.
ALASAN = {"bukti": "Bukti fisik diperiksa langsung di kantor kecamatan."}


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def wajib(org):
    return reviu_lkip_atur(user=org.admin, kabupaten=org.kabupaten, wajib=True)


@pytest.fixture
def lkip(make_report):
    return make_report(kind=Report.Kind.LKIP, periode=0)


def test_a_required_review_blocks_the_camats_signature_until_it_is_done(org, wajib, lkip):
    camat = org.person("awayan", Role.CAMAT)
    assert gates.alasan_tidak_dapat_ditandatangani(lkip) == [
        "LKIP wajib direviu Inspektorat sebelum ditandatangani; reviu belum selesai."
    ]
    with pytest.raises(ValidationError, match="wajib direviu Inspektorat"):
        tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=lkip.pk, password=PASSWORD)
    assert Report.objects.get(pk=lkip.pk).status == Report.Status.DIAJUKAN


def test_without_the_kabupaten_setting_the_camat_signs_as_before(org, lkip):
    assert gates.alasan_tidak_dapat_ditandatangani(lkip) == []
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=lkip.pk, password=PASSWORD
    )
    assert "PERNYATAAN TELAH DIREVIU" not in pdf_text(bytes(doc.pdf))


def test_the_signed_lkip_carries_the_statement_the_evaluator_signed(org, wajib, lkip):
    before = NaskahDiajukan.objects.get(report=lkip)
    pages_before = len(PdfReader(io.BytesIO(bytes(before.pdf))).pages)
    done = reviu.reviu_selesai(
        user=org.evaluator,
        report_id=lkip.pk,
        password=PASSWORD,
        periksa=SEMUA,
        catatan={"bab3": "Analisis cukup."},
        alasan_periksa=ALASAN,
    )
    assert done.status == Reviu.Status.SELESAI and done.naskah_sha256 == before.sha256
    naskah = NaskahDiajukan.objects.get(report=lkip)
    assert len(PdfReader(io.BytesIO(bytes(naskah.pdf))).pages) == pages_before + 1
    assert naskah.sha256 != before.sha256
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=lkip.pk, password=PASSWORD
    )
    text = pdf_text(bytes(doc.pdf))
    assert "Belum direviu" not in text
    assert "Pernyataan Telah Direviu yang ditandatangani Inspektorat dilampirkan pada halaman terakhir" in text
    last_page = " ".join(PdfReader(io.BytesIO(bytes(doc.pdf))).pages[-1].extract_text().split())
    assert "PERNYATAAN TELAH DIREVIU" in last_page
    assert "tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan" in last_page
    assert org.evaluator.nama in last_page and before.sha256 in last_page
    assert done.kode_verifikasi in last_page


def test_the_statement_needs_every_checklist_item_and_the_password(org, wajib, lkip):
    with pytest.raises(ValidationError) as refused:
        reviu.reviu_selesai(user=org.evaluator, report_id=lkip.pk, password="salah", periksa=SEMUA, catatan={})
    assert "password" in refused.value.error_dict
    partial = {**SEMUA, "bukti": False}
    with pytest.raises(ValidationError, match="belum: Bukti dukung realisasi tersedia"):
        reviu.reviu_selesai(user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=partial, catatan={})
    assert not Reviu.objects.filter(report=lkip, status=Reviu.Status.SELESAI).exists()
    assert gates.alasan_tidak_dapat_ditandatangani(lkip)


def test_a_return_by_the_evaluator_goes_back_to_draft_with_the_reason_for_the_kasubbag(org, wajib, lkip, client_for):
    with pytest.raises(ValidationError) as refused:
        reviu.reviu_kembalikan(user=org.evaluator, report_id=lkip.pk, alasan="  ")
    assert "alasan" in refused.value.error_dict
    reviu.reviu_kembalikan(
        user=org.evaluator, report_id=lkip.pk, alasan="Bab III belum membandingkan dengan tahun lalu."
    )
    lkip.refresh_from_db()
    assert lkip.status == Report.Status.DRAFT
    assert not NaskahDiajukan.objects.filter(report=lkip).exists()
    event = ReportRiwayat.objects.filter(report=lkip).last()
    assert event.pengembalian and event.oleh == org.evaluator
    assert event.alasan == "Reviu Inspektorat: Bab III belum membandingkan dengan tahun lalu."
    beranda = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(reverse("beranda")).content.decode()
    assert "Bab III belum membandingkan dengan tahun lalu." in beranda
    # Submitted again, it is reviewed again (the earlier return stays in the history).
    ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=lkip.pk)
    assert reviu.belum_direviu(Report.objects.get(pk=lkip.pk))
    assert list(Reviu.objects.filter(report=lkip).values_list("status", flat=True)) == [Reviu.Status.DIKEMBALIKAN]


def test_a_return_by_the_camat_voids_the_review(org, wajib, lkip):
    reviu.reviu_selesai(
        user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=SEMUA, catatan={}, alasan_periksa=ALASAN
    )
    kembalikan(user=org.person("awayan", Role.CAMAT), report_id=lkip.pk, alasan="Perbaiki ikhtisar.")
    voided = Reviu.objects.get(report=lkip)
    assert voided.status == Reviu.Status.BATAL
    assert voided.history.first().history_change_reason == "Dibatalkan: LKIP dikembalikan oleh Camat"
    ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), report_id=lkip.pk)
    assert reviu.belum_direviu(Report.objects.get(pk=lkip.pk))


def test_only_the_evaluator_of_the_kabupaten_reviews(org, wajib, lkip):
    for person in (org.person("awayan", Role.CAMAT), org.admin, org.person("awayan", Role.KASUBBAG_PERENCANAAN)):
        with pytest.raises(PermissionDenied):
            reviu.reviu_simpan(user=person, report_id=lkip.pk, periksa=SEMUA, catatan={})


def test_the_review_page_shows_the_app_findings_and_keeps_typed_notes_on_error(org, wajib, lkip, client_for):
    client = client_for(org.evaluator)
    url = reverse("laporan:reviu", args=[lkip.pk])
    page = client.get(url).content.decode()
    assert "Data saat ini sama dengan data pada naskah yang diajukan." in page
    assert "realisasi terisi memiliki bukti dukung" in page
    selesai = reverse("laporan:reviu_selesai", args=[lkip.pk])
    response = client.post(selesai, {"password": "salah", "catatan_bab2": "Renstra sudah dirujuk."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kata sandi tidak sesuai" in body and "Renstra sudah dirujuk." in body
    simpan = reverse("laporan:reviu_simpan", args=[lkip.pk])
    response = client.post(simpan, {"periksa_rumus": "on", "catatan_bab2": "Renstra sudah dirujuk."})
    assert response.status_code == 302
    saved = Reviu.objects.get(report=lkip)
    assert saved.periksa["rumus"] is True and saved.catatan == {"bab2": "Renstra sudah dirujuk."}


def test_the_evaluator_sees_the_submitted_lkip_and_its_file_but_no_draft(org, wajib, lkip, make_report, client_for):
    client = client_for(org.evaluator)
    assert client.get(reverse("laporan:detail", args=[lkip.pk])).status_code == 200
    assert client.get(reverse("laporan:pdf", args=[lkip.pk]))["Content-Type"] == "application/pdf"
    beranda = client.get(reverse("beranda")).content.decode()
    assert f'data-reviu-lkip="{lkip.pk}"' in beranda
    quarterly = make_report(submitted=True)
    assert client.get(reverse("laporan:detail", args=[quarterly.pk])).status_code == 404
    assert client.get(reverse("laporan:reviu", args=[quarterly.pk])).status_code == 404


def test_the_statement_code_is_verifiable_publicly(org, wajib, lkip, client):
    done = reviu.reviu_selesai(
        user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=SEMUA, catatan={}, alasan_periksa=ALASAN
    )
    page = client.get(reverse("laporan:verifikasi", args=[done.kode_verifikasi])).content.decode()
    assert "telah direviu" in page and done.naskah_sha256 in page


def test_the_kabupaten_administrator_switches_the_requirement(org, client_for):
    client = client_for(org.admin)
    assert client.post(reverse("pengaturan:reviu_lkip"), {"wajib": "on"}).status_code == 302
    org.kabupaten.refresh_from_db()
    assert org.kabupaten.wajib_reviu_lkip is True
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("pengaturan:reviu_lkip")).status_code in (
        403,
        404,
    )


def test_ticking_an_item_the_app_contradicts_needs_a_reason_printed_in_the_statement(org, wajib, lkip):
    """Issue 25: the statement certified "Bukti dukung realisasi tersedia — Terpenuhi" while the page had just
    said "0 dari 72 realisasi terisi memiliki bukti dukung"."""
    found = reviu.temuan_aplikasi(lkip, NaskahDiajukan.objects.get(report=lkip))
    assert found["bukti"].bertentangan and str(found["bukti"]).startswith("0 dari ")
    with pytest.raises(ValidationError, match="Bukti dukung realisasi tersedia"):
        reviu.reviu_selesai(user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=SEMUA, catatan={})
    done = reviu.reviu_selesai(
        user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=SEMUA, catatan={}, alasan_periksa=ALASAN
    )
    statement = pdf_text(bytes(done.pernyataan_pdf))
    assert "Terpenuhi, dengan catatan: Bukti fisik diperiksa langsung di kantor kecamatan." in statement


@pytest.fixture
def inspektur_paringin(org):
    from sakip.models import Position

    position = Position.objects.create(
        unit=org.kabupaten, nama="Inspektur Kabupaten Balangan", role=Role.EVALUATOR, inspektur=True
    )
    org.kabupaten.ibukota = "Paringin"
    org.kabupaten.save()
    return make_person("inspektur.balangan", position, nama="Inspektur Uji")


def test_the_statement_is_signed_under_the_inspektur_title_at_the_kabupaten_capital(
    org, inspektur_paringin, wajib, lkip
):
    done = reviu.reviu_selesai(
        user=inspektur_paringin,
        report_id=lkip.pk,
        password=PASSWORD,
        periksa=SEMUA,
        catatan={},
        alasan_periksa=ALASAN,
    )
    assert done.jabatan_reviewer == "INSPEKTUR KABUPATEN BALANGAN"
    text = " ".join(pdf_text(bytes(done.pernyataan_pdf)).split())
    assert "INSPEKTUR KABUPATEN BALANGAN" in text and "Inspektur Uji" in text and "a.n." not in text
    assert "Paringin, " in text and "INSPEKTORAT BALANGAN" not in text


def test_an_auditor_signs_the_statement_on_behalf_of_the_inspektur_under_their_own_position(
    org, inspektur_paringin, wajib, lkip
):
    done = reviu.reviu_selesai(
        user=org.evaluator, report_id=lkip.pk, password=PASSWORD, periksa=SEMUA, catatan={}, alasan_periksa=ALASAN
    )
    auditor = org.evaluator.jabatan.nama.upper()
    assert done.jabatan_reviewer == f"a.n. INSPEKTUR KABUPATEN BALANGAN\n{auditor}"
    text = " ".join(pdf_text(bytes(done.pernyataan_pdf)).split())
    assert f"a.n. INSPEKTUR KABUPATEN BALANGAN {auditor} " in text and org.evaluator.nama in text
