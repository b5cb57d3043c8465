"""The SKM report (PermenPAN-RB 14/2017, laporan/skm.py): IKM per service and per quarter, respondents against
the Krejcie–Morgan minimum for the applicants the counter registered, signed like the other documents and
read back from its PDF (pypdf) and workbook (openpyxl)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from laporan import documents, gates
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi, tandatangani
from layanan.models import JenisLayanan, ResponSkm
from loket.models import Permohonan
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.workflow.test_views import make_sop
from workflow.models import Run

pytestmark = pytest.mark.django_db

WITA = datetime.timezone(datetime.timedelta(hours=8))
# The hand-computed example of tests/layanan/test_ikm.py: 91/27 × 25 = 84,26 (B).
KTP = [[4, 4, 3, 4, 3, 4, 4, 2, 3], [3, 4, 3, 4, 2, 3, 4, 3, 3], [3, 3, 3, 4, 3, 4, 4, 3, 4]]


def answers(layanan, rows, triwulan):
    moment = datetime.datetime(2025, 3 * triwulan - 1, 10, 9, tzinfo=WITA)
    ResponSkm.objects.bulk_create(
        ResponSkm(
            layanan=layanan,
            tahun=2025,
            triwulan=triwulan,
            dibuat_pada=moment,
            tanda_terima_sah=True,  # each proven by its receipt (layanan.tanda_terima)
            **dict(zip([f"u{i}" for i in range(1, 10)], r, strict=True)),
        )
        for r in rows
    )


def registered(org, layanan, n, when):
    """`n` applicants the counter registered for the service (loket's register, as the counter stores it)."""
    revision = make_sop(org.awayan.unit, steps=2)
    camat = org.person("awayan", Role.CAMAT)
    for _ in range(n):
        run = Run.objects.create(
            sop=revision.sop,
            revision=revision,
            kecamatan=org.awayan.unit,
            tahun=2025,
            triwulan=when.month // 4 + 1,
            dimulai_oleh=camat,
            dimulai_pada=when,
            jenis=Run.Jenis.LAYANAN,
        )
        Permohonan.objects.create(
            run=run,
            kecamatan=org.awayan.unit,
            nama_pemohon="Pemohon",
            layanan=layanan,
            dicatat_oleh=camat,
            dibuat_pada=when,
        )


@pytest.fixture
def skm_report(org):
    ktp = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Surat Keterangan")
    rek = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Rekomendasi")
    answers(ktp, KTP, 2)
    answers(ktp, [[4] * 9], 1)
    answers(rek, [[3] * 9], 2)
    registered(org, ktp, 3, datetime.datetime(2025, 5, 2, 9, tzinfo=WITA))  # 3 served, 3 answered: enough
    registered(org, rek, 2, datetime.datetime(2025, 5, 3, 9, tzinfo=WITA))  # 2 served, 1 answered: not enough
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.SKM, tahun=2025, periode=2)


def test_ikm_per_service_and_quarter_with_the_sample_check(skm_report):
    data = documents.build(skm_report)["skm"]
    rows = {b.layanan: b for b in data["baris"]}
    ktp, rek = rows["Surat Keterangan"], rows["Rekomendasi"]
    assert (ktp.hasil.responden, ktp.hasil.ikm, ktp.hasil.mutu.huruf) == (3, Decimal("84.26"), "B")
    assert (ktp.hasil.populasi, ktp.hasil.sampel_minimal, ktp.sampel_teks) == (3, 3, "terpenuhi")
    assert (rek.hasil.populasi, rek.hasil.sampel_minimal, rek.sampel_teks) == (2, 2, "belum terpenuhi")
    assert ktp.tren == [Decimal("100.00"), Decimal("84.26")] and rek.tren == [None, Decimal("75.00")]
    total = data["gabungan"]  # four respondents pooled: (91 + 27) / 36 × 25 = 81,94
    assert (total.responden, total.ikm, total.populasi) == (4, Decimal("81.94"), 5)


def test_a_quarter_without_answers_cannot_be_submitted(org):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.SKM, tahun=2025, periode=3)
    assert gates.alasan_tidak_dapat_diajukan(report)[0].startswith("Belum ada jawaban Survei Kepuasan Masyarakat")


def test_signed_skm_report_prints_the_regulation_figures_and_the_workbook_agrees(org, client_for, skm_report):
    kasubbag, camat = org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.person("awayan", Role.CAMAT)
    reasons = " ".join(gates.alasan_tidak_dapat_diajukan(skm_report))
    assert "Analisis Hasil Survei" in reasons and "Rencana Tindak Lanjut" in reasons
    report = simpan_narasi(
        user=kasubbag,
        report_id=skm_report.pk,
        narasi={"analisis": "Unsur penanganan pengaduan terendah.", "tindak_lanjut": "Menyediakan kotak pengaduan."},
        versi=skm_report.versi,
    )
    ajukan(user=kasubbag, report_id=report.pk)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(doc.pdf))).pages).split())
    for must in (
        "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "Periode Triwulan II 2025 (1 April 2025 s.d. 30 Juni 2025)",
        "Peraturan Menteri PANRB Nomor 14 Tahun 2017",
        "84,26",
        "B (Baik)",
        "belum terpenuhi",
        "81,94",
        "Menyediakan kotak pengaduan.",
    ):
        assert must in text, must
    assert "DRAF" not in text and "(Bagian ini belum diisi.)" not in text
    workbook = client_for(kasubbag).get(reverse("laporan:xlsx", args=[report.pk]))
    rows = list(load_workbook(io.BytesIO(workbook.content))["Hasil SKM"].iter_rows(min_row=2, values_only=True))
    ktp = next(r for r in rows if r[0] == "Surat Keterangan")
    assert ktp[1:5] == (3, 3, 3, "terpenuhi") and ktp[15] == 84.26 and ktp[16] == "B (Baik)"
    assert rows[-1][0] == "Seluruh layanan" and rows[-1][15] == 81.94


def test_the_workbook_carries_the_respondents_profile_of_the_report(org, client_for, skm_report):
    ktp_answers = list(ResponSkm.objects.filter(layanan__nama="Surat Keterangan", triwulan=2).order_by("pk"))
    for answer, kelamin in zip(ktp_answers, ["P", "P", "L"], strict=True):
        answer.jenis_kelamin, answer.umur = kelamin, 34
        answer.save(update_fields=["jenis_kelamin", "umur"])
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    workbook = load_workbook(
        io.BytesIO(client_for(kasubbag).get(reverse("laporan:xlsx", args=[skm_report.pk])).content)
    )
    rows = list(workbook["Profil Responden"].iter_rows(min_row=2, values_only=True))
    kelamin = {r[1]: r[2:] for r in rows if r[0] == "Jenis kelamin"}
    # TW II: three answers of Surat Keterangan (two women, one man) and one of Rekomendasi without a profile.
    assert kelamin["Perempuan"] == (2, 50) and kelamin["Laki-laki"] == (1, 25)
    assert kelamin["Tidak diisi"] == (1, 25) and kelamin["Jumlah"] == (4, 100)
    assert {r[0] for r in rows} == {"Umur", "Jenis kelamin", "Pendidikan", "Pekerjaan"}
    pdf_profile = documents.build(skm_report)["skm"]["profil"]
    assert sum(len(k.baris) + 1 for k in pdf_profile) == len(rows)  # the same table as the PDF's, row for row
