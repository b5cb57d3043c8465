"""The "Monitoring Pelaksanaan SOP" form (PermenPAN-RB 35/2012, Bab IV) of a quarter, filled from the SOP
runs: berjalan baik = every execution within its Mutu Baku; the action required for each step that did
not go well; signed like the other documents, read back from its PDF (pypdf) and workbook (openpyxl)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from laporan import documents, gates
from laporan import pdf as laporan_pdf
from laporan.models import Report
from laporan.services import LaporanError, ajukan, buat_laporan, simpan_narasi, tandatangani
from laporan.templatetags.laporan_tags import paraf
from sakip.roles import Role
from sop.models import Lane, Step
from tests.factories import LAMPAU, PASSWORD
from tests.workflow.test_compliance_report import walk
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services

pytestmark = pytest.mark.django_db

TINDAKAN = "Kasubbag menyiapkan bahan sehari sebelum rapat agar langkah 2 selesai dalam satu jam."


@pytest.fixture
def monitoring(org):
    walk(org)  # March 2025: step 2 once late (90 min against 1 Jam), the other steps within
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(
        user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.MONITORING_SOP, tahun=2025, periode=1
    )


def text_of(content: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def test_each_step_is_judged_by_its_mutu_baku(monitoring):
    data = documents.build(monitoring)["monitoring"]
    (table,) = data["sop"]
    judged = {b.no: (b.penilaian, b.catatan) for b in table.baris}
    assert judged[1][0] == "baik" and judged[3][0] == "baik" and judged[4][0] == "baik"
    assert judged[2] == (
        "tidak",
        "1 dari 2 pelaksanaan dalam mutu baku 1 Jam; median 55 menit; terlama 1 jam 30 menit; 1 pengulangan.",
    )


def test_submitting_needs_the_action_for_each_failing_step_and_a_conclusion(org, monitoring):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    reasons = " ".join(gates.alasan_tidak_dapat_diajukan(monitoring))
    assert "Tindakan yang harus diambil — langkah 2: Langkah uji 2" in reasons
    assert "Kesimpulan dan Tindak Lanjut" in reasons
    assert "langkah 1:" not in reasons  # a step that went well needs no action
    with pytest.raises(LaporanError):
        ajukan(user=kasubbag, report_id=monitoring.pk)
    sop_id = documents.build(monitoring)["monitoring"]["sop"][0].sop_id
    report = simpan_narasi(
        user=kasubbag,
        report_id=monitoring.pk,
        narasi={
            f"tindakan_{sop_id}_2": TINDAKAN,
            "kesimpulan": "Tiga dari empat prosedur berjalan baik.",
        },
        versi=monitoring.versi,
    )
    assert gates.alasan_tidak_dapat_diajukan(report) == []
    assert ajukan(user=kasubbag, report_id=report.pk).status == Report.Status.DIAJUKAN


def test_a_quarter_without_sop_work_cannot_be_submitted(org):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(
        user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.MONITORING_SOP, tahun=2025, periode=2
    )
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi={"kesimpulan": "—"}, versi=report.versi)
    assert gates.alasan_tidak_dapat_diajukan(report) == [
        "Belum ada langkah SOP yang diselesaikan pada periode ini; tidak ada yang dimonitor."
    ]


def test_signed_form_prints_the_regulation_table_without_typed_paraf_and_the_workbook_agrees(
    org, client_for, monitoring
):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    camat = org.person("awayan", Role.CAMAT)
    sop_id = documents.build(monitoring)["monitoring"]["sop"][0].sop_id
    report = simpan_narasi(
        user=kasubbag,
        report_id=monitoring.pk,
        narasi={f"tindakan_{sop_id}_2": TINDAKAN, "kesimpulan": "Tiga dari empat prosedur berjalan baik."},
        versi=monitoring.versi,
    )
    ajukan(user=kasubbag, report_id=report.pk)
    doc = tandatangani(alasan_terlambat=LAMPAU, user=camat, report_id=report.pk, password=PASSWORD)
    text = text_of(bytes(doc.pdf))
    for must in (
        "FORMULIR MONITORING PELAKSANAAN SOP",
        "PEMERINTAH KABUPATEN BALANGAN",
        "Periode Triwulan I 2025 (1 Januari 2025 s.d. 31 Maret 2025)",
        "Berjalan dengan baik",
        "Tidak berjalan dengan baik",
        "Tindakan yang Harus Diambil",
        "Paraf Penilai",
        "1 dari 2 pelaksanaan dalam mutu baku 1 Jam",
        TINDAKAN,
        "Tiga dari empat prosedur berjalan baik.",
    ):
        assert must in text, must
    assert "(Bagian ini belum diisi.)" not in text and "DRAF" not in text
    # No typed initials standing in for a paraf; the e-signature attests the assessment (issue 24).
    body = laporan_pdf.render_body(report, laporan_pdf.context(report, data=documents.build(report)))
    assert body.count("<td></td>") >= 4  # the paraf cells left empty
    assert "disahkan dengan tanda tangan elektronik penilai" in text
    page = client_for(kasubbag).get(reverse("laporan:detail", args=[report.pk])).content.decode()
    assert page.count('data-penilaian="baik"') == 3 and page.count('data-penilaian="tidak"') == 1
    workbook = client_for(kasubbag).get(reverse("laporan:xlsx", args=[report.pk]))
    rows = list(load_workbook(io.BytesIO(workbook.content))["Monitoring SOP"].iter_rows(min_row=2, values_only=True))
    step2 = next(r for r in rows if r[2] == 2)
    assert step2[5:9] == (2, 1, 2, "Tidak berjalan dengan baik")
    assert step2[10] == TINDAKAN
    assert [r[8] for r in rows].count("Berjalan dengan baik") == 3


def test_lanes_of_one_role_count_together_under_the_role(org):
    """ "Pelaksana" and the label a lane prints for it ("Staf/JF") are one row of the per-role table."""
    revision = make_sop(org.awayan.unit, lanes=("CAMAT", "PELAKSANA", "PELAKSANA"), steps=3)
    Lane.objects.filter(revision=revision, urutan=3).update(label="Staf/JF")
    camat, pelaksana = org.person("awayan", Role.CAMAT), org.person("awayan", Role.PELAKSANA)
    run = workflow_services.run_start(user=camat, revision=revision, tahun=2025, triwulan=1)
    for no, person in ((1, camat), (2, pelaksana), (3, pelaksana)):
        workflow_services.task_complete(user=person, task=run.tasks.get(step__no=no, status="aktif"))
    assert Step.objects.filter(revision=revision, lane__role="PELAKSANA").count() == 2
    from django.utils import timezone

    from workflow.selectors import compliance_of_kecamatan

    today = timezone.localdate()
    peran = {u.label: u.selesai for u in compliance_of_kecamatan(org.awayan.unit, mulai=today, sampai=today).peran}
    assert peran == {"Camat": 1, "Pelaksana / Staf / Jabatan Fungsional (lajur SOP: Pelaksana, Staf/JF)": 2}


@pytest.mark.parametrize(
    "nama,initials",
    [("Drs. H. Ahmad Yani, M.Si", "AY"), ("Hj. Siti Rahmah, S.Sos", "SR"), ("Camat Awayan", "CA"), ("", "")],
)
def test_paraf_is_the_initials_without_titles(nama, initials):
    assert paraf(nama) == initials
