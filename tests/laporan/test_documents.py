import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.models import Indikator, Realisasi, SubKegiatan, Triwulan
from laporan import documents, pdf, xlsx
from laporan.documents import LKIP_CHAPTERS
from laporan.models import Report
from laporan.services import simpan_narasi
from sakip.formatting import format_angka
from sakip.roles import Role

pytestmark = pytest.mark.django_db


def pdf_pages(data: bytes) -> list[str]:
    # Justified text extracts with doubled spaces: compare on single-spaced text.
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def lkip(make_report):
    return make_report(
        kind=Report.Kind.LKIP,
        periode=0,
        submitted=False,
        narasi={
            "kata_pengantar": "Puji syukur kami panjatkan.",
            "analisis_sasaran_1": "- Penyebab berhasil\n- Kendala",
        },
    )


def test_lkip_pdf_contains_every_chapter_and_the_measurement_values(org, lkip):
    pages = pdf_pages(pdf.render_pdf(lkip))
    text = "\n".join(pages)
    for chapter in LKIP_CHAPTERS:
        assert chapter in text, chapter
    assert "A. Capaian Kinerja Organisasi" in text and "B. Realisasi Anggaran" in text
    assert "Puji syukur kami panjatkan." in text
    for ind in Indikator.objects.filter(kecamatan=org.awayan.unit, tahun=2025):
        values = list(Realisasi.objects.filter(indikator=ind).values_list("nilai", flat=True))
        total = sum(values, Decimal(0))
        assert ind.uraian in text
        assert format_angka(ind.target_tahunan) in text
        assert format_angka(total) in text
        assert f"{format_angka(total / ind.target_tahunan * 100, 2)}%" in text


def test_lkip_table_of_contents_shows_real_page_numbers(lkip):
    pages = pdf_pages(pdf.render_pdf(lkip))
    toc_page = next(i for i, p in enumerate(pages) if "DAFTAR ISI" in p and "BAB I PENDAHULUAN" in p)
    toc = pages[toc_page]
    match = re.search(r"BAB III AKUNTABILITAS KINERJA[ .]*?(\d+)", toc)
    assert match, toc
    page_no = int(match.group(1))
    assert "BAB III AKUNTABILITAS KINERJA" in pages[page_no - 1]
    assert page_no - 1 != toc_page


def test_lkip_pdf_has_page_numbers_and_landscape_pages(lkip):
    reader = PdfReader(io.BytesIO(pdf.render_pdf(lkip)))
    total = len(reader.pages)
    assert f"Halaman 2 dari {total}" in reader.pages[1].extract_text()
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert (595, 842) in sizes and (842, 595) in sizes


def test_narrative_text_is_escaped_and_rendered_as_lists(org, make_report):
    report = make_report(
        submitted=False, narasi={"penutup": "<script>alert(1)</script>\n\n- satu\n- dua\n\n1. pertama"}
    )
    ctx = pdf.context(report)
    body = pdf.render_body(report, ctx)
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "<ul><li>satu</li><li>dua</li></ul>" in body
    assert "<ol><li>pertama</li></ol>" in body


def test_quarterly_report_figures_come_from_the_quarter(org, make_report):
    report = make_report(periode=2, submitted=False)
    data = documents.build(report)
    row = data["sasaran"][0].baris[0]
    ind = Indikator.objects.get(kecamatan=org.awayan.unit, sasaran__urutan=1, urutan=1)
    tw2 = Realisasi.objects.get(indikator=ind, triwulan=2).nilai
    tw1 = Realisasi.objects.get(indikator=ind, triwulan=1).nilai
    assert row.realisasi_periode == tw2
    assert row.realisasi_kumulatif == tw1 + tw2
    assert row.target_periode == ind.target_tahunan / 4  # TW II's own target
    assert row.sd.target == ind.target_tahunan / 4 * 2  # s.d. TW II
    assert row.capaian_periode.status == "ok"
    assert row.hambatan.startswith("Hambatan")
    text = "\n".join(pdf_pages(pdf.render_pdf(report)))
    assert "CAPAIAN KINERJA TRIWULAN II 2025" in text
    assert format_angka(tw1 + tw2) in text


def test_blank_realisation_shows_belum_diisi_not_zero(org, make_report):
    # Realisations of an approved quarter cannot be deleted (kinerja/locks.py): TW I is a draft here.
    Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=1).update(status=Triwulan.Status.DRAFT)
    Realisasi.objects.filter(kecamatan=org.awayan.unit, triwulan=1).delete()
    report = make_report(periode=1, submitted=False)
    row = documents.build(report)["sasaran"][0].baris[0]
    assert row.realisasi_periode is None
    assert row.capaian_periode.teks == "Belum diisi"


def test_pk_document_has_the_statement_and_both_parties(org, make_report):
    report = make_report(kind=Report.Kind.PK, periode=0, submitted=False)
    text = "\n".join(pdf_pages(pdf.render_pdf(report)))
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif" in text
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text
    assert "H. Abdul Hadi" in text
    assert org.person("awayan", Role.CAMAT).nama in text
    assert "Program Penunjang" in text
    assert format_angka(Decimal("20000000"), 2) in text


def test_rencana_aksi_document_lists_quarter_targets(org, make_report):
    report = make_report(kind=Report.Kind.RENCANA_AKSI, periode=0, submitted=False)
    text = "\n".join(pdf_pages(pdf.render_pdf(report)))
    assert "RENCANA AKSI TAHUN 2025" in text
    assert format_angka(Decimal(101) / 4) in text
    assert "TW I: Aksi TW 1" in text and "TW 1:" not in text
    assert "PEMERINTAH KABUPATEN BALANGAN" in text
    # Programme / kegiatan / sub kegiatan with their anggaran for each indicator.
    assert "7.01.01.2.01.0001 Sub kegiatan sasaran 1" in text
    assert format_angka(Decimal("10000000"), 2) in text


def test_pk_is_dated_with_its_own_date_and_both_parties_sign_statement_and_lampiran(org, make_report):
    import datetime

    from kinerja.models import PerjanjianKinerja

    PerjanjianKinerja.objects.filter(kecamatan=org.awayan.unit, tahun=2025).update(tanggal=datetime.date(2025, 1, 15))
    report = make_report(kind=Report.Kind.PK, periode=0, submitted=False)
    text = "\n".join(pdf_pages(pdf.render_pdf(report)))
    assert text.count("Awayan, 15 Januari 2025") == 2  # statement page and lampiran
    assert text.count("PIHAK KEDUA, BUPATI BALANGAN") == 2 and text.count("PIHAK PERTAMA, CAMAT AWAYAN") == 2
    assert text.count("H. Abdul Hadi") >= 3  # named in the statement and under both signature blocks


def test_unsigned_documents_are_marked_draft_on_every_page_and_carry_no_product_name(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    pages = pdf_pages(pdf.render_pdf(report))
    assert all("DRAF" in page for page in pages)
    assert not any("SAKIP Kecamatan" in page for page in pages)


def test_lkip_compares_with_earlier_years_the_renstra_and_a_national_standard(org, make_report):
    from tests.laporan.data import build_kinerja

    build_kinerja(org.awayan.unit, 2023)  # two years back; 2024 has no PK in the app
    ind = Indikator.objects.get(kecamatan=org.awayan.unit, tahun=2025, sasaran__urutan=1, urutan=1)
    ind.target_renstra, ind.standar_nasional, ind.sumber_standar = Decimal(120), Decimal(90), "SPM Kemendagri"
    ind.save()
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    row = documents.build(report)["sasaran"][0].baris[0]
    assert [y for y, _r, _c in row.tahun_lalu] == [2023]
    assert row.tahun_lalu[0][1] == Decimal(84)  # 4 x 21 in 2023 as in 2025
    assert row.capaian_renstra.teks == "70,00%"  # 84 of the Renstra's 120
    text = " ".join(pdf_pages(pdf.render_pdf(report)))
    assert "Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya" in text and "2023" in text
    assert "SPM Kemendagri" in text and "70,00%" in text
    assert "Belum direviu" in text


def test_semester_report_covers_its_two_quarters(org, make_report):
    report = make_report(kind=Report.Kind.SEMESTER, periode=2, submitted=False)
    assert report.triwulan_tercakup == [3, 4]
    row = documents.build(report)["sasaran"][0].baris[0]
    assert row.realisasi_periode == Decimal(21) * 2
    assert row.realisasi_kumulatif == Decimal(21) * 4


def test_xlsx_cells_equal_database_values(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    wb = load_workbook(io.BytesIO(xlsx.build_workbook(report, documents.build(report))))
    ws = wb["Pengukuran Kinerja"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    for ind in Indikator.objects.filter(kecamatan=org.awayan.unit, tahun=2025).select_related("sasaran"):
        row = rows[f"{ind.sasaran.urutan}.{ind.urutan}"]
        total = sum(Realisasi.objects.filter(indikator=ind).values_list("nilai", flat=True), Decimal(0))
        assert row["Indikator Kinerja"] == ind.uraian
        assert Decimal(str(row["Target Tahunan"])) == ind.target_tahunan
        assert isinstance(row["Realisasi s.d. TW IV"], int | float)
        assert Decimal(str(row["Realisasi s.d. TW IV"])) == total
        assert round(row["Capaian Tahunan (%)"], 2) == float(round(total / ind.target_tahunan * 100, 2))
    anggaran = wb["Realisasi Anggaran"]
    pagu = {r[2]: r[4] for r in anggaran.iter_rows(min_row=2, values_only=True)}
    for sub in SubKegiatan.objects.filter(kecamatan=org.awayan.unit):
        assert Decimal(str(pagu[sub.kode])) == sub.pagu
    assert {"Perjanjian Kinerja", "Rencana Aksi", "Perbandingan Tahun Lalu"} <= set(wb.sheetnames)


def test_xlsx_neutralises_formula_injection(org, make_report):
    Realisasi.objects.filter(kecamatan=org.awayan.unit, triwulan=4).update(
        hambatan='=HYPERLINK("http://jahat.example","klik")', upaya="+1+1"
    )
    Indikator.objects.filter(kecamatan=org.awayan.unit, urutan=1).update(uraian="@SUM(A1:A9)")
    report = make_report(periode=4, submitted=False)  # one quarter: hambatan printed as typed
    wb = load_workbook(io.BytesIO(xlsx.build_workbook(report, documents.build(report))))
    ws = wb["Pengukuran Kinerja"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    # Shown exactly as typed, stored as text with the quote prefix (sakip/xlsx_text.py, the one rule).
    for typed in ('=HYPERLINK("http://jahat.example","klik")', "+1+1", "@SUM(A1:A9)"):
        assert texts[typed].data_type == "s" and texts[typed].quotePrefix, typed
    assert all(c.data_type != "f" for c in cells)


def test_draft_preview_pdf_is_marked_draft(make_report):
    report = make_report(submitted=False)
    assert "DRAF" in "\n".join(pdf_pages(pdf.render_pdf(report)))


def test_narrative_edit_refuses_a_stale_version(org, make_report):
    from django.core.exceptions import ValidationError

    report = make_report(submitted=False)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    simpan_narasi(user=kasubbag, report_id=report.pk, narasi={"penutup": "Versi A"}, versi=report.versi)
    with pytest.raises(ValidationError, match="diubah oleh pengguna lain"):
        simpan_narasi(user=kasubbag, report_id=report.pk, narasi={"penutup": "Versi B"}, versi=report.versi)
    report.refresh_from_db()
    assert report.narasi["penutup"] == "Versi A"


def test_negative_indicator_and_zero_target_follow_the_capaian_rules(org, make_report):
    ind = Indikator.objects.get(kecamatan=org.awayan.unit, sasaran__urutan=1, urutan=1)
    ind.polaritas = Indikator.Polaritas.NEGATIF
    ind.agregasi = Indikator.Agregasi.NILAI_AKHIR
    ind.target_tahunan = Decimal(10)
    ind.save()
    Realisasi.objects.filter(indikator=ind, triwulan=4).update(nilai=Decimal(12))
    other = Indikator.objects.get(kecamatan=org.awayan.unit, sasaran__urutan=1, urutan=2)
    other.target_tahunan = Decimal(0)
    other.save()
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    rows = documents.build(report)["sasaran"][0].baris
    assert rows[0].realisasi_kumulatif == Decimal(12)
    assert rows[0].capaian_tahunan.nilai == Decimal("80.00")  # (2 x 10 - 12) / 10 x 100
    assert rows[0].predikat == "Tinggi"
    assert rows[1].capaian_tahunan.status == "tidak_dapat_dihitung"
    assert rows[1].capaian_tahunan.teks.startswith("Tidak dapat dihitung")


def test_qualitative_indicator_shows_level_labels(org, make_report):
    from kinerja.models import RencanaAksi, Skala, SkalaLevel

    skala = Skala.objects.create(kabupaten=org.kabupaten, nama="Opini BPK")
    levels = {
        label: SkalaLevel.objects.create(skala=skala, urutan=i, label=label, skor=Decimal(i * 25))
        for i, label in enumerate(["TMP", "TW", "WDP", "WTP"], start=1)
    }
    ind = Indikator.objects.get(kecamatan=org.awayan.unit, sasaran__urutan=2, urutan=1)
    ind.skala = skala
    ind.target_level = levels["WTP"]
    ind.target_tahunan = None
    ind.save()
    RencanaAksi.objects.filter(indikator=ind, triwulan=4).update(target_level=levels["WTP"])
    Realisasi.objects.filter(indikator=ind, triwulan=4).update(nilai=None, nilai_level=levels["WDP"])
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    row = documents.build(report)["sasaran"][1].baris[0]
    assert row.target_tahunan == "WTP"
    assert row.realisasi_kumulatif == "WDP"
    assert row.capaian_tahunan.nilai == Decimal("75.00")
    text = " ".join(pdf_pages(pdf.render_pdf(report)))
    assert "WTP" in text and "WDP" in text


def test_quarterly_predikat_rates_the_quarter_against_its_own_target(org, make_report):
    report = make_report(periode=2, submitted=False)
    row = documents.build(report)["sasaran"][0].baris[0]
    # Indicator 1: target 101/4 per quarter, realisation 21 per quarter: 42 / 50,5 = 83,17% (Tinggi);
    # against the annual target only 41,58%.
    assert row.sd.capaian.nilai == Decimal("83.17")
    assert row.sd.capaian.predikat == "Tinggi"
    assert row.capaian_periode.nilai == Decimal("83.17")  # TW II alone: 21 / 25,25
    assert row.progres.capaian.nilai == Decimal("41.58")  # progress toward the annual target
    assert row.progres.capaian.predikat is None  # progress is never given a predikat


def test_efficiency_per_sasaran_sets_capaian_against_budget_absorption(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    sasaran = documents.build(report)["sasaran"][0]
    # Indicators 1 and 2: 84/101 and 88/102 -> mean 84,72%; budget 8.000.000 of 10.000.000 = 80%.
    assert sasaran.capaian_rata.nilai == Decimal("84.72")
    assert sasaran.serapan.nilai == Decimal("80.00")
    assert sasaran.efisiensi.endswith(": efisien.")
    assert "+4,72 poin persentase" in sasaran.efisiensi
    assert sasaran.pendukung == ["7.01.01.2.01.0001 Sub kegiatan sasaran 1"]
    text = " ".join(pdf_pages(pdf.render_pdf(report)))
    assert "Sub kegiatan pendukung: 7.01.01.2.01.0001 Sub kegiatan sasaran 1" in text


def test_xlsx_with_a_control_character_already_stored_does_not_fail(org, make_report):
    """Issue 12, finding 7: text stored before input refused control characters is written without them."""
    Realisasi.objects.filter(kecamatan=org.awayan.unit, triwulan=4).update(hambatan="lama\x01sekali", upaya="a\x1bb")
    Indikator.objects.filter(kecamatan=org.awayan.unit, urutan=1).update(uraian="Indeks\x01 kepuasan")
    report = make_report(periode=4, submitted=False)
    wb = load_workbook(io.BytesIO(xlsx.build_workbook(report, documents.build(report))))
    texts = [c.value for row in wb["Pengukuran Kinerja"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert "lamasekali" in texts and "ab" in texts and "Indeks kepuasan" in texts
    assert not any("\x01" in t or "\x1b" in t for t in texts)


def test_budget_per_sasaran_sums_to_the_total_with_shared_and_unlinked_sub_kegiatan(org, make_report):
    from kinerja.models import AnggaranTriwulan, Kegiatan

    kegiatan = Kegiatan.objects.get(program__kecamatan=org.awayan.unit, program__tahun=2025)
    shared = SubKegiatan.objects.create(
        kegiatan=kegiatan, kode="7.01.01.2.01.0099", nama="Bersama", pagu=Decimal("100")
    )
    shared.indikator.add(*Indikator.objects.filter(kecamatan=org.awayan.unit, tahun=2025, urutan=1))  # both sasaran
    alone = SubKegiatan.objects.create(kegiatan=kegiatan, kode="7.01.01.2.01.0098", nama="Tanpa", pagu=Decimal("50"))
    quarter = Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    quarter.update(status=Triwulan.Status.DRAFT)  # entered while TW I was open, then approved again
    AnggaranTriwulan.objects.create(sub_kegiatan=shared, triwulan=1, realisasi=Decimal("33.33"))
    AnggaranTriwulan.objects.create(sub_kegiatan=alone, triwulan=1, realisasi=Decimal("10"))
    quarter.update(status=Triwulan.Status.DISETUJUI)
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    data = documents.build(report)
    rows = data["anggaran_sasaran"]
    assert sum(r["item"].pagu for r in rows) == data["anggaran"]["total_pagu"] == Decimal("20000150")
    assert sum(r["item"].realisasi for r in rows) == data["anggaran"]["total_realisasi"]
    assert [r["uraian"] for r in rows][-1] == "Tidak terkait sasaran"
    assert rows[0]["item"].pagu == Decimal("10000050")  # its own 10.000.000 and half of the shared 100
    text = " ".join(pdf_pages(pdf.render_pdf(report)))
    assert "Anggaran per Sasaran" in text and "Tidak terkait sasaran" in text


def test_budget_realisation_has_programme_and_kegiatan_subtotals(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    rows = documents.build(report)["anggaran"]["berjenjang"]
    assert [r["jenis"] for r in rows] == ["program", "kegiatan", "sub", "sub"]
    program, kegiatan, *subs = rows
    assert program["pagu"] == kegiatan["pagu"] == sum(s["pagu"] for s in subs) == Decimal("20000000")
    assert program["realisasi"] == sum(s["realisasi"] for s in subs) == Decimal("16000000")
    assert program["serapan"] == Decimal("80.00")
    text = " ".join(pdf_pages(pdf.render_pdf(report)))
    assert "7.01.01.2.01 Perencanaan dan Pelaporan 20.000.000,00 16.000.000,00 80,00%" in text  # the subtotal row


def test_budget_totals_read_for_the_dashboard_equal_the_documents_totals(org, make_report):
    """`load_anggaran(ringkas=True)` (the dashboard: one query of tuples) gives the pagu, quarterly realisation
    and serapan of the full load the documents print, a sub kegiatan without any quarter included."""
    from kinerja import pengukuran
    from kinerja.models import AnggaranTriwulan, Kegiatan

    make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)  # the year's PK, data and budget
    kegiatan = Kegiatan.objects.get(program__kecamatan=org.awayan.unit, program__tahun=2025)
    SubKegiatan.objects.create(kegiatan=kegiatan, kode="7.01.01.2.01.0097", nama="Belum", pagu=Decimal("75.50"))
    later = SubKegiatan.objects.create(kegiatan=kegiatan, kode="7.01.01.2.01.0096", nama="TW III", pagu=Decimal("40"))
    quarter = Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=2025, triwulan=3)
    status = quarter.get().status
    quarter.update(status=Triwulan.Status.DRAFT)
    AnggaranTriwulan.objects.create(sub_kegiatan=later, triwulan=3, realisasi=Decimal("12.25"))
    quarter.update(status=status)
    full = pengukuran.load_anggaran(org.awayan.unit.pk, 2025)
    light = pengukuran.load_anggaran(org.awayan.unit.pk, 2025, ringkas=True)
    assert len(light.baris) == len(full.baris) == 4
    assert light.total_pagu == full.total_pagu == Decimal("20000115.50")
    for t in (1, 2, 3, 4):
        assert light.realisasi_triwulan(t) == full.realisasi_triwulan(t)
        assert light.serapan_triwulan(t) == full.serapan_triwulan(t)
        assert light.total_serapan(t) == full.total_serapan(t)
    assert light.realisasi_triwulan(3) is not None
