"""Issue 14, PK berjenjang in the kecamatan's documents: the LKIP and the PK still read the Camat's PK only,
and a Camat's indicator computed from its supporting indicators prints the figures its children make."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kinerja import pengukuran
from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran
from laporan import documents, pdf
from laporan.models import Report
from sakip.roles import Role

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _cascade(org, parent, values_per_child):
    """One cascading PK per position (Kasi, Sekretaris), each with an indicator supporting `parent`; their
    realisations written in bulk (the quarters are already approved: test data, not a user path)."""
    rows = []
    for number, (role, value) in enumerate(zip((Role.KASI, Role.SEKRETARIS), values_per_child, strict=True), 1):
        pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=2025, jabatan=org.awayan.positions[role])
        sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian=f"Sasaran pendukung {number}")
        child = Indikator.objects.create(
            sasaran=sasaran,
            urutan=1,
            uraian=f"Indikator pendukung berjenjang {number}",
            satuan="%",
            target_tahunan=Decimal(50),
            mendukung=parent,
        )
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(indikator=child, triwulan=tw, target=Decimal("12.5"))
            rows.append(Realisasi(indikator=child, kecamatan=org.awayan.unit, tahun=2025, triwulan=tw, nilai=value))
    Realisasi.objects.bulk_create(rows)


def test_the_lkip_reads_only_the_camats_pk_and_prints_the_computed_figures_of_its_children(org, make_report):
    report = make_report(kind=Report.Kind.LKIP, periode=0, submitted=False)
    before = documents.build(report)["jumlah_indikator"]
    parent = Indikator.objects.filter(kecamatan=org.awayan.unit, tahun=2025).order_by("sasaran__urutan", "urutan")[0]
    stored = pengukuran.ukur_kecamatan(org.awayan.unit, 2025).indikator[0].tahunan.capaian.teks  # 84 of 101
    _cascade(org, parent, (Decimal(10), Decimal(15)))
    # Declared on the (established-in-practice) PK as the demo does; users declare it while every quarter is draft.
    Indikator.objects.filter(pk=parent.pk).update(hitung_dari_pendukung="jumlah")
    data = documents.build(report)
    assert data["jumlah_indikator"] == before == 4
    item = pengukuran.ukur_kecamatan(org.awayan.unit, 2025).indikator[0]
    assert item.indikator.pk == parent.pk
    assert item.tahunan.realisasi == Decimal(100)  # (10 + 15) per quarter, kumulatif over four quarters
    computed = item.tahunan.capaian.teks
    assert computed == "99,01%" and stored == "83,17%"
    text = _text(pdf.render_pdf(report))
    assert computed in text and stored not in text
    # The PK document of the kecamatan is still the Camat's: no cascading indicator in its lampiran.
    pk_report = make_report(kind=Report.Kind.PK, periode=0, submitted=False)
    pk_text = _text(pdf.render_pdf(pk_report))
    assert parent.uraian in pk_text and "Indikator pendukung berjenjang" not in pk_text
