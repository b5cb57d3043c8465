"""Excel workbook of a report: every table, numbers as numbers, user text never a formula.

Text typed by people (indicator wording, hambatan, upaya...) is written by the one rule for workbook text,
sakip/xlsx_text.py `tulis_teks`: a string cell, never evaluated, showing exactly what was typed.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from laporan.documents import _printable
from laporan.models import Report
from sakip import periode
from sakip.xlsx_text import number_format, teks_sel, tulis_teks

HEADER_FILL = PatternFill("solid", fgColor="E8EEF3")
PERCENT = '0.00"%"'
MONEY = "#,##0.00"
NUMBER = "number"  # marker: a value's own precision, see number_format()


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return value
    return teks_sel(str(value))


def _capaian(cap):
    """A capaian cell: the rounded figure of kinerja.pengukuran as a number, or the reason it has none."""
    return cap.nilai if cap is not None and cap.status == "ok" else (cap.teks if cap is not None else None)


class _Sheet:
    def __init__(self, wb: Workbook, title: str, header: list[str]):
        self.ws = wb.create_sheet(title[:31])
        self.ws.append(header)
        for col in range(1, len(header) + 1):
            cell = self.ws.cell(row=1, column=col)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.ws.column_dimensions[get_column_letter(col)].width = 16
        self.ws.freeze_panes = "A2"

    def row(self, values: list, formats: dict[int, str] | None = None):
        self.ws.append([_cell_value(v) for v in values])
        r = self.ws.max_row
        for col, value in enumerate(values, start=1):
            if isinstance(value, str):
                tulis_teks(self.ws.cell(row=r, column=col), value)  # never a formula, whatever it starts with
        for col, fmt in (formats or {}).items():
            cell = self.ws.cell(row=r, column=col)
            cell.number_format = number_format(values[col - 1]) if fmt == NUMBER else fmt


def _pengukuran(wb, data):
    periode, sd = data["label_periode"], data["label_sd"]
    sheet = _Sheet(
        wb,
        "Pengukuran Kinerja",
        [
            "No",
            "Sasaran",
            "Indikator Kinerja",
            "Satuan",
            "Target Tahunan",
            f"Target {periode}",
            f"Realisasi {periode}",
            f"Capaian {periode} (%)",
            f"Predikat {periode}",
            f"Target {sd}",
            f"Realisasi {sd}",
            f"Capaian {sd} (%)",
            f"Predikat {sd}",
            "Progres terhadap Target Tahunan (%)",
            "Capaian Tahunan (%)",
            "Predikat Tahunan",
            "Hambatan",
            "Upaya",
        ],
    )
    for k in data["sasaran"]:
        for b in k.baris:
            sheet.row(
                [
                    b.nomor,
                    k.uraian,
                    b.indikator,
                    b.satuan,
                    b.target_tahunan,
                    b.target_periode,
                    b.realisasi_periode,
                    _capaian(b.periode.capaian),
                    b.periode.capaian.predikat or "—",
                    _printable(b.sd.target),
                    b.realisasi_kumulatif,
                    _capaian(b.sd.capaian),
                    b.sd.capaian.predikat or "—",
                    _capaian(b.progres.capaian),
                    _capaian(b.capaian_tahunan),
                    b.predikat,
                    b.hambatan,
                    b.upaya,
                ],
                {
                    5: NUMBER,
                    6: NUMBER,
                    7: NUMBER,
                    8: PERCENT,
                    10: NUMBER,
                    11: NUMBER,
                    12: PERCENT,
                    14: PERCENT,
                    15: PERCENT,
                },
            )


def _anggaran(wb, data):
    sheet = _Sheet(
        wb,
        "Realisasi Anggaran",
        ["Program", "Kegiatan", "Kode", "Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"],
    )
    for r in data["anggaran"]["rows"]:
        sheet.row(
            [r["program"], r["kegiatan"], r["kode"], r["nama"], r["pagu"], r["realisasi"], _capaian(r["serapan"])],
            {5: MONEY, 6: MONEY, 7: PERCENT},
        )


def _pk(wb, data):
    sheet = _Sheet(wb, "Perjanjian Kinerja", ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"])
    for k in data["sasaran"]:
        for b in k.baris:
            sheet.row([b.nomor, k.uraian, b.indikator, b.satuan, b.target_tahunan], {5: NUMBER})
    program = _Sheet(wb, "Program dan Anggaran", ["No", "Kode", "Program", "Anggaran (Rp)"])
    for i, p in enumerate(data["anggaran"]["program"], start=1):
        program.row([i, p["kode"], p["nama"], p["anggaran"]], {4: MONEY})


def _pk_jabatan(wb, data):
    """The attachment table of a position's PK (laporan/pk_jabatan.py), row for row as printed."""
    sheet = _Sheet(
        wb,
        "Perjanjian Kinerja Jabatan",
        ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Mendukung Indikator Kinerja Camat"],
    )
    for i, k in enumerate(data.get("sasaran") or [], start=1):
        for j, b in enumerate(k["baris"], start=1):
            target = str(b.target_level) if b.target_level_id else b.target_tahunan
            mendukung = b.mendukung.uraian if b.mendukung_id else ""
            sheet.row([f"{i}.{j}", k["uraian"], b.uraian, b.satuan, target, mendukung], {5: NUMBER})


def _rencana_aksi(wb, data):
    sheet = _Sheet(
        wb,
        "Rencana Aksi",
        ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahunan", *(periode.tw(t) for t in range(1, 5))]
        + [f"Rencana Aksi {periode.tw(t)}" for t in range(1, 5)],
    )
    for k in data["sasaran"]:
        for b in k.baris:
            sheet.row(
                [b.nomor, k.uraian, b.indikator, b.satuan, b.target_tahunan, *b.target_triwulan, *b.rencana_kegiatan],
                {c: NUMBER for c in range(5, 10)},
            )


def _renstra_per_tahun(wb, data):
    """LKIP BAB III against each year of the Renstra period: the same rows as the document."""
    if not data.get("renstra_periode"):
        return
    sheet = _Sheet(
        wb,
        "Renstra per Tahun",
        ["No", "Indikator", "Tahun", "Target Renstra", "Realisasi", "Capaian terhadap Target Renstra (%)"],
    )
    for k in data["sasaran"]:
        for b in k.baris:
            for t in b.renstra_per_tahun:
                capaian = _capaian(t.capaian) if t.capaian else "tidak ada PK"
                sheet.row(
                    [b.nomor, b.indikator, t.tahun, t.target, t.realisasi, capaian],
                    {4: NUMBER, 5: NUMBER, 6: PERCENT},
                )


def _perbandingan(wb, data, tahun):
    sheet = _Sheet(
        wb,
        "Perbandingan Tahun Lalu",
        [
            "No",
            "Indikator",
            f"Realisasi {tahun - 1}",
            f"Capaian {tahun - 1} (%)",
            f"Realisasi {tahun}",
            f"Capaian {tahun} (%)",
            f"Target Renstra {tahun}",
            f"Capaian terhadap Target Renstra {tahun} (%)",
            "Target Akhir Renstra",
            "Capaian terhadap Target Renstra (%)",
            "Standar Nasional/Provinsi",
            "Sumber Standar",
        ],
    )
    for k in data["sasaran"]:
        for b in k.baris:
            sheet.row(
                [
                    b.nomor,
                    b.indikator,
                    b.realisasi_tahun_lalu,
                    _capaian(b.capaian_tahun_lalu),
                    b.realisasi_kumulatif,
                    _capaian(b.capaian_tahunan),
                    b.target_renstra_tahun,
                    _capaian(b.capaian_renstra_tahun),
                    b.target_renstra,
                    _capaian(b.capaian_renstra),
                    b.standar,
                    b.sumber_standar,
                ],
                {
                    3: NUMBER,
                    4: PERCENT,
                    5: NUMBER,
                    6: PERCENT,
                    7: NUMBER,
                    8: PERCENT,
                    9: NUMBER,
                    10: PERCENT,
                    11: NUMBER,
                },
            )
    efisiensi = _Sheet(
        wb,
        "Efisiensi per Sasaran",
        ["Sasaran", "Capaian Rata-rata (%)", "Predikat", "Serapan Anggaran (%)", "Efisiensi"],
    )
    for k in data["sasaran"]:
        efisiensi.row(
            [k.uraian, _capaian(k.capaian_rata), k.predikat, _capaian(k.serapan), k.efisiensi], {2: PERCENT, 4: PERCENT}
        )


def _anggaran_sasaran(wb, data):
    sheet = _Sheet(wb, "Anggaran per Sasaran", ["Sasaran", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"])
    for r in data["anggaran_sasaran"]:
        sheet.row(
            [r["label"], r["uraian"], r["item"].pagu, r["item"].realisasi, _capaian(r["serapan"])],
            {3: MONEY, 4: MONEY, 5: PERCENT},
        )


PENILAIAN = {"baik": "Berjalan dengan baik", "tidak": "Tidak berjalan dengan baik"}


def _monitoring_sop(wb, data):
    """The 35/2012 monitoring form as rows: one per step of each SOP carried out, figures as numbers."""
    narasi = data["narasi"]
    sheet = _Sheet(
        wb,
        "Monitoring SOP",
        [
            "SOP",
            "Nomor SOP",
            "No",
            "Prosedur",
            "Waktu Baku",
            "Selesai",
            "Dalam Mutu Baku",
            "Dengan Mutu Baku Terukur",
            "Penilaian",
            "Catatan Penilaian",
            "Tindakan yang Harus Diambil",
        ],
    )
    for table in data["monitoring"]["sop"]:
        for b in table.baris:
            u = b.ukuran
            sheet.row(
                [
                    table.nama,
                    table.nomor,
                    b.no,
                    b.prosedur,
                    b.waktu_baku,
                    u.selesai if u else 0,
                    u.dalam_baku if u else 0,
                    u.dengan_baku if u else 0,
                    PENILAIAN.get(b.penilaian, "Tidak dinilai"),
                    b.catatan,
                    narasi.get(b.tindakan_key, "") if b.penilaian == "tidak" else "",
                ],
                {3: "0", 6: "0", 7: "0", 8: "0"},
            )


def _renstra(wb, data, *, iku_only: bool):
    """The Renstra (or its IKU): one row per indicator, baseline, a target per year and the end target."""
    doc = data["renstra"]
    if doc["renstra"] is None:
        return
    years = doc["tahun_list"]
    header = ["No", "Tujuan", "Sasaran strategis", "Sasaran RPJMD", "Indikator", "IKU", "Satuan", "Kondisi awal"]
    header += [f"Target {y}" for y in years] + [
        "Target akhir",
        "Definisi",
        "Formula",
        "Sumber data",
        "Penanggung jawab",
    ]
    sheet = _Sheet(wb, "IKU" if iku_only else "Renstra", header)
    first_number = header.index("Kondisi awal") + 1
    for tujuan in doc["tujuan_list"]:
        for sasaran in tujuan.sasaran.all():
            for ind in sasaran.indikator.all():
                if iku_only and not ind.iku:
                    continue
                values = [
                    f"{sasaran.urutan}.{ind.urutan}",
                    tujuan.uraian,
                    sasaran.uraian,
                    sasaran.sasaran_rpjmd.uraian,
                    ind.uraian,
                    "IKU" if ind.iku else "",
                    ind.satuan,
                    ind.kondisi_awal_cetak,
                    *ind.target_per_tahun,
                    ind.target_akhir_cetak,
                    ind.definisi,
                    ind.formula,
                    ind.sumber_data,
                    ind.penanggung_jawab.nama if ind.penanggung_jawab_id else "",
                ]
                sheet.row(values, {col: NUMBER for col in range(first_number, first_number + len(years) + 2)})


def _skm(wb, data):
    """The SKM results (PermenPAN-RB 14/2017): one row per service and the kecamatan's total, figures as numbers."""
    skm = data["skm"]
    header = ["Layanan", "Responden", "Populasi (penerima layanan)", "Sampel minimal", "Sampel"]
    header += [f"NRR U{u.nomor} {u.nama}" for u in skm["unsur"]]
    header += ["NRR tertimbang", "IKM", "Mutu pelayanan", *(f"IKM {label}" for label in skm["triwulan_label"])]
    sheet = _Sheet(wb, "Hasil SKM", header)
    nrr_cols = range(6, 6 + len(skm["unsur"]))
    lines = [(b.layanan, b.hasil, b.tren, b.sampel_teks) for b in skm["baris"]]
    total = skm["gabungan"]
    lines.append(
        (
            "Seluruh layanan",
            total,
            [],
            "—" if total.sampel_cukup is None else ("terpenuhi" if total.sampel_cukup else "belum terpenuhi"),
        )
    )
    for nama, hasil, tren, sampel in lines:
        nrr = list(hasil.nrr or (None,) * len(skm["unsur"]))
        mutu = f"{hasil.mutu.huruf} ({hasil.mutu.kinerja})" if hasil.mutu else "—"
        tren = tren + [None] * (len(skm["triwulan_label"]) - len(tren))
        values = [
            nama,
            hasil.responden,
            hasil.populasi,
            hasil.sampel_minimal,
            sampel,
            *nrr,
            hasil.nrr_tertimbang,
            hasil.ikm,
            mutu,
            *tren,
        ]
        formats = {2: "0", 3: "0", 4: "0", **{c: "0.00" for c in nrr_cols}}
        formats[6 + len(nrr)] = "0.0000"
        formats[7 + len(nrr)] = "0.00"
        formats.update({9 + len(nrr) + i: "0.00" for i in range(len(tren))})
        sheet.row(values, formats)


def _skm_profil(wb, data):
    """The respondents' profile of the SKM report (the questionnaire's first part): one row per characteristic
    and category with its count and share, the same respondents the IKM counts, as in the PDF's table A."""
    skm = data["skm"]
    sheet = _Sheet(wb, "Profil Responden", ["Karakteristik", "Kategori", "Jumlah", "%"])
    for karakteristik in skm["profil"]:
        for baris in karakteristik.baris:
            sheet.row([karakteristik.nama, baris.kategori, baris.jumlah, baris.persen], {3: "0", 4: "0.00"})
        sheet.row([karakteristik.nama, "Jumlah", skm["responden_profil"], 100 if skm["responden_profil"] else None])
    sheet.ws.column_dimensions["A"].width = 22
    sheet.ws.column_dimensions["B"].width = 24


def build_workbook(report: Report, data: dict) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = "Keterangan"
    for label, value in [
        ("Laporan", report.judul),
        ("Kecamatan", str(report.kecamatan)),
        ("Tahun", report.tahun),
        ("Status", report.get_status_display()),
    ]:
        info.append([label, None])
        tulis_teks(info.cell(row=info.max_row, column=2), _cell_value(value))
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 60
    if report.kind in (Report.Kind.TRIWULAN, Report.Kind.SEMESTER):
        _pengukuran(wb, data)
        _anggaran(wb, data)
    elif report.kind == Report.Kind.LKIP:
        _pengukuran(wb, data)
        _perbandingan(wb, data, report.tahun)
        _renstra_per_tahun(wb, data)
        _anggaran(wb, data)
        _anggaran_sasaran(wb, data)
        _pk(wb, data)
        _rencana_aksi(wb, data)
    elif report.kind == Report.Kind.PK:
        _pk(wb, data)
    elif report.kind == Report.Kind.PK_JABATAN:
        _pk_jabatan(wb, data)
    elif report.kind == Report.Kind.MONITORING_SOP:
        _monitoring_sop(wb, data)
    elif report.kind == Report.Kind.SKM:
        _skm(wb, data)
        _skm_profil(wb, data)
    elif report.kind in (Report.Kind.RENSTRA, Report.Kind.IKU):
        _renstra(wb, data, iku_only=report.kind == Report.Kind.IKU)
    else:
        _rencana_aksi(wb, data)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
