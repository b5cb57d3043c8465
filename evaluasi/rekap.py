"""The kabupaten view of the AKIP evaluation: every kecamatan's nilai per component, total and predikat for a
year, with the change from the year before; the same rows for the page, the workbook and the PDF.

Figures are those kept when each LHE was signed (`Evaluasi.hasil`, computed by evaluasi/nilai.py): an
evaluation not yet signed shows its status and no figures. Constant queries (three) for any number of
kecamatan.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from evaluasi.models import Evaluasi, Komponen
from sakip import params, permissions
from sakip import pdf as pipeline

URUTAN = {"nama": "Kecamatan", "total": "Nilai tertinggi", "perubahan": "Kenaikan terbesar"}


@dataclass
class Baris:
    kecamatan: object
    evaluasi_id: int | None = None
    status: str = ""
    nilai: list = field(default_factory=list)
    total: Decimal | None = None
    predikat: str = ""
    total_lalu: Decimal | None = None
    predikat_lalu: str = ""

    @property
    def perubahan(self) -> Decimal | None:
        if self.total is None or self.total_lalu is None:
            return None
        return self.total - self.total_lalu


@dataclass
class Rekap:
    tahun: int
    tahun_list: list[int]
    komponen: list
    baris: list[Baris]
    urut: str
    urutan: dict = field(default_factory=lambda: URUTAN)


def _urut_key(urut: str):
    def key(row: Baris):
        if urut == "nama":
            return (0, row.kecamatan.nama)
        if urut.startswith("k"):
            index = params.id_or_none(urut[1:], minimum=0, maximum=params.INT_MAX) or 0
            value = row.nilai[index] if index < len(row.nilai) else None
        elif urut == "perubahan":
            value = row.perubahan
        else:
            value = row.total
        return (1, row.kecamatan.nama) if value is None else (0, -value, row.kecamatan.nama)

    return key


def rekap(user, *, tahun=None, urut: str = "") -> Rekap:
    kecamatan = list(permissions.visible_kecamatan(user).order_by("nama"))
    evaluations = permissions.scope(user, Evaluasi.objects.all())
    years = sorted(set(evaluations.values_list("tahun", flat=True)), reverse=True)
    year = params.year_or_none(tahun) or (years[0] if years else timezone.localdate().year)
    komponen = list(
        Komponen.objects.filter(
            kriteria_set__tahun=year, kriteria_set__kabupaten_id__in={k.kabupaten_id for k in kecamatan}
        )
        .order_by("urutan")
        .values_list("kode", "nama", "bobot")
    )
    seen, header = set(), []
    for kode, nama, bobot in komponen:
        if kode not in seen:
            seen.add(kode)
            header.append((kode, nama, bobot))
    found = {
        (e.kecamatan_id, e.tahun): e
        for e in evaluations.filter(tahun__in=[year, year - 1]).only("pk", "kecamatan_id", "tahun", "status", "hasil")
    }
    rows = []
    for k in kecamatan:
        row = Baris(kecamatan=k, nilai=[None] * len(header))
        current = found.get((k.pk, year))
        if current is not None:
            row.evaluasi_id, row.status = current.pk, current.get_status_display()
            if current.status == Evaluasi.Status.DITANDATANGANI and current.hasil:
                values = current.hasil.get("komponen", {})
                row.nilai = [Decimal(values[kode]) if kode in values else None for kode, _, _ in header]
                row.total, row.predikat = Decimal(current.hasil["total"]), current.hasil["predikat"]
        previous = found.get((k.pk, year - 1))
        if previous is not None and previous.status == Evaluasi.Status.DITANDATANGANI and previous.hasil:
            row.total_lalu, row.predikat_lalu = Decimal(previous.hasil["total"]), previous.hasil["predikat"]
        rows.append(row)
    urut = (
        urut
        if urut in URUTAN or (urut.startswith("k") and params.id_or_none(urut[1:], minimum=0) is not None)
        else "total"
    )
    rows.sort(key=_urut_key(urut))
    urutan = {**URUTAN, **{f"k{i}": f"Komponen {kode}. {nama}" for i, (kode, nama, _) in enumerate(header)}}
    return Rekap(tahun=year, tahun_list=years or [year], komponen=header, baris=rows, urut=urut, urutan=urutan)


def workbook(data: Rekap) -> bytes:
    """The rekap as an XLSX: numbers as numbers with two decimals, the same rows and order as the page."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from sakip.xlsx_text import teks_sel, tulis_teks

    wb = Workbook()
    ws = wb.active
    ws.title = f"Evaluasi AKIP {data.tahun}"
    ws.append([teks_sel(f"Rekapitulasi Evaluasi AKIP Kecamatan Tahun {data.tahun}")])
    ws["A1"].font = Font(bold=True)
    header = ["Kecamatan", *[f"{kode}. {nama} ({bobot})" for kode, nama, bobot in data.komponen]]
    header += ["Nilai", "Predikat", f"Nilai {data.tahun - 1}", "Perubahan", "Status"]
    ws.append([teks_sel(h) for h in header])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in data.baris:
        values = [teks_sel(row.kecamatan.nama), *row.nilai, row.total, row.predikat or None, row.total_lalu]
        values += [row.perubahan, teks_sel(row.status or "Belum dibuka")]
        ws.append([float(v) if isinstance(v, Decimal) else None if isinstance(v, str) else v for v in values])
        for cell, value in zip(ws[ws.max_row], values, strict=False):
            if isinstance(value, str):
                tulis_teks(cell, value)
            elif isinstance(cell.value, float):
                cell.number_format = "0.00"
    ws.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def pdf(data: Rekap) -> bytes:
    html = render_to_string("evaluasi/rekap_pdf.html", {"rekap": data})
    title = f"Rekapitulasi Evaluasi AKIP Tahun {data.tahun}"
    return pipeline.render_pdf(
        html,
        static_css=["css/laporan_pdf.css"],
        css=[f"@page {{ size: A4 landscape; @top-center {{ content: {pipeline.css_string(title)}; }} }}"],
    )
