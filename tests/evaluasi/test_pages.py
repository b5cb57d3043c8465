"""The pages: self-assessment, scoring side by side with one answer returned, result, kabupaten view with its
XLSX and PDF; constant query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluasi import services
from evaluasi.models import Evaluasi, Jawaban
from sakip.roles import Role
from tests.evaluasi.conftest import isi_semua

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_self_assessment_page_saves_answers_and_keeps_them_when_refused(org, evaluasi, client_for):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    url = reverse("evaluasi:mandiri", args=[evaluasi.pk])
    rows = list(Jawaban.objects.filter(evaluasi=evaluasi, kriteria__sub__komponen__kode="1").select_related("kriteria"))
    yt = next(j for j in rows if j.kriteria.jenis_jawaban == "YT")
    html = client.get(url).content.decode()
    assert "Belum ada Perjanjian Kinerja 2025." in html  # the app's evidence beside the PK criterion
    simpan = reverse("evaluasi:mandiri_simpan", args=[evaluasi.pk])
    response = client.post(simpan, {"komponen": "1", f"jawaban_{yt.pk}": "Y", f"catatan_{yt.pk}": "Ada"})
    assert response.status_code == 302
    yt.refresh_from_db()
    assert (yt.mandiri, yt.mandiri_catatan) == ("Y", "Ada")
    refused = client.post(simpan, {"komponen": "1", f"jawaban_{yt.pk}": "B", f"catatan_{yt.pk}": "Catatan baru"})
    assert refused.status_code == 400 and "Catatan baru" in refused.content.decode()
    upload = SimpleUploadedFile("notulen.pdf", PDF, content_type="application/pdf")
    unggah = reverse("evaluasi:mandiri_unggah", args=[evaluasi.pk])
    assert client.post(unggah, {"komponen": "1", "jawaban": yt.pk, "berkas": upload}).status_code == 302
    assert yt.bukti.get().nama_asli == "notulen.pdf"
    assert client_for(org.person("tebing", Role.CAMAT)).get(url).status_code == 404


def test_the_evaluator_sees_both_versions_and_returns_one_answer(org, dinilai, client_for):
    client = client_for(org.evaluator)
    url = reverse("evaluasi:penilaian", args=[dinilai.pk])
    row = Jawaban.objects.filter(evaluasi=dinilai, kriteria__sub__kode="1.b", kriteria__nomor=3).get()
    html = client.get(url).content.decode()
    assert f'data-jawaban-id="{row.pk}"' in html and 'data-mandiri="A"' in html
    response = client.post(
        reverse("evaluasi:penilaian_kembalikan", args=[dinilai.pk]),
        {"komponen": "1", "jawaban": row.pk, "alasan": "Lampirkan bukti."},
    )
    assert response.status_code == 302
    kecamatan_page = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(
        reverse("evaluasi:mandiri", args=[dinilai.pk])
    )
    assert "Lampirkan bukti." in kecamatan_page.content.decode()
    assert client_for(org.person("awayan", Role.CAMAT)).get(url).status_code == 403


def test_pages_cost_the_same_queries_with_more_answers_and_evidence(org, evaluasi, client_for):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    client = client_for(kasubbag)
    urls = [reverse(name, args=[evaluasi.pk]) for name in ("evaluasi:mandiri", "evaluasi:hasil")]
    before = [_count(client, url) for url in urls]
    isi_semua(evaluasi, user=kasubbag)
    for row in Jawaban.objects.filter(evaluasi=evaluasi)[:5]:
        services.bukti_unggah(user=kasubbag, jawaban=row, berkas=SimpleUploadedFile("b.pdf", PDF))
    assert [_count(client, url) for url in urls] == before


def test_the_kabupaten_view_lists_every_kecamatan_with_signed_figures_and_exports(org, dinilai, client_for):
    Evaluasi.objects.filter(pk=dinilai.pk).update(
        status="ditandatangani",
        hasil={"komponen": {"1": "20.5", "2": "21", "3": "10", "4": "12"}, "total": "63.50", "predikat": "B"},
    )
    client = client_for(org.evaluator)
    html = client.get(reverse("evaluasi:rekap") + "?tahun=2025").content.decode()
    assert 'data-rekap-kecamatan="Awayan"' in html and "63,50" in html and "Belum dibuka" in html
    workbook = load_workbook(io.BytesIO(client.get(reverse("evaluasi:rekap_xlsx") + "?tahun=2025").content))
    sheet = workbook.active
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "Awayan")
    assert row[1:7] == (20.5, 21.0, 10.0, 12.0, 63.5, "B")
    assert sheet.cell(row=3, column=6).number_format == "0.00"
    pdf = client.get(reverse("evaluasi:rekap_pdf") + "?tahun=2025").content
    assert "Awayan" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("evaluasi:rekap")).status_code == 403
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("evaluasi:rekap") + "?tahun=2025")
    services.evaluasi_buka(user=org.evaluator, kecamatan=org.tebing.unit, tahun=2025)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("evaluasi:rekap") + "?tahun=2025")
    assert len(small.captured_queries) == len(large.captured_queries)
