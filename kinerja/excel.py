"""The performance workbook of a kecamatan and year: its layout, writing it, and reading it back.

Sheets (one header row each; documented in README "Workbook kinerja"):
  Petunjuk      kecamatan code and year the workbook belongs to, and how to fill it
  PK            one row per indicator of the current PK (changes apply only while the PK is a draft)
  Rencana Aksi  one row per indicator: target and planned action per quarter, reason for a mismatch
  Realisasi     one row per indicator and quarter: value, notes, hambatan, upaya, and the version read
  Anggaran      one row per sub-activity: codes and names, pagu, plan and realisation per quarter
  Renstra       (when a Renstra covers the year) one row per Renstra indicator: tujuan, sasaran strategis,
                satuan, polaritas, kondisi awal, a target per year of the period, the end target, sumber data,
                penanggung jawab; kondisi awal and the targets are read back and change only a draft Renstra
                (renstra/services.py `renstra_target_impor`, applied by `terapkan_renstra`)

Reading returns plain rows with their sheet row numbers; applying them is
kinerja/services/impor.py (one transaction). Numbers typed as text go through
the one parser (kinerja/angka.py); numeric cells are taken as numbers. Text
written by people is written as text, so "=..." never becomes a formula.
"""

import datetime
import io
import math
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja import selectors
from kinerja.models import Indikator, Realisasi
from kinerja.services.perencanaan import current_pk
from renstra import selectors as renstra_selectors
from renstra import services as renstra_services
from sakip import periode, permissions
from sakip.errors import Penolakan
from sakip.formatting import format_angka, format_waktu
from sakip.xlsx_text import number_format, tulis_teks

ROMAWI = periode.ROMAWI
HEADER_FILL = PatternFill("solid", fgColor="E8EEF3")
INFO_FILL = PatternFill("solid", fgColor="F3F3F3")  # informational columns: not read back

PK_COLUMNS = [
    "Kode",
    "Sasaran",
    "Indikator",
    "Satuan",
    "Target Tahunan",
    "Polaritas",
    "Rumus Negatif",
    "Agregasi",
    "Definisi Operasional",
    "Sumber Data",
    "Penanggung Jawab",
]
RA_COLUMNS = (
    ["Kode", "Indikator", "Satuan", "Target Tahunan"]
    + [f"Target TW {r}" for r in ROMAWI]
    + [f"Rencana Aksi TW {r}" for r in ROMAWI]
    + ["Alasan"]
)
REAL_COLUMNS = [
    "Kode",
    "Indikator",
    "Triwulan",
    "Target Triwulan",
    "Realisasi",
    "Catatan",
    "Hambatan",
    "Upaya",
    "Status Triwulan",
    "Diisi Oleh",
    "Diisi Pada",
    "Versi",
]
ANGGARAN_COLUMNS = (
    ["Kode Program", "Program", "Kode Kegiatan", "Kegiatan", "Kode Sub Kegiatan", "Sub Kegiatan", "Pagu"]
    + [f"Rencana TW {r}" for r in ROMAWI]
    + [f"Realisasi TW {r}" for r in ROMAWI]
)
SHEETS = {"PK": PK_COLUMNS, "Rencana Aksi": RA_COLUMNS, "Realisasi": REAL_COLUMNS, "Anggaran": ANGGARAN_COLUMNS}
INFO_COLUMNS = {
    "PK": {"Sasaran", "Indikator", "Penanggung Jawab"},
    "Rencana Aksi": {"Indikator", "Satuan", "Target Tahunan"},
    "Realisasi": {"Indikator", "Target Triwulan", "Status Triwulan", "Diisi Oleh", "Diisi Pada", "Versi"},
    "Anggaran": set(),
    "Renstra": {"Tujuan", "Sasaran Strategis", "Indikator", "Satuan", "Polaritas", "Sumber Data", "Penanggung Jawab"},
}
RENSTRA_SHEET = "Renstra"
RENSTRA_HEAD = ["Kode", "Tujuan", "Sasaran Strategis", "Indikator", "Satuan", "Polaritas", "Kondisi Awal"]
RENSTRA_TAIL = ["Target Akhir", "Sumber Data", "Penanggung Jawab"]


def renstra_columns(tahun_list: list[int]) -> list[str]:
    """The Renstra sheet's columns: one target column per year of the Renstra's period."""
    return [*RENSTRA_HEAD, *(renstra_services.kolom_target(y) for y in tahun_list), *RENSTRA_TAIL]


CHOICES = {
    "Polaritas": [c.value for c in Indikator.Polaritas],
    "Rumus Negatif": [c.value for c in Indikator.RumusNegatif],
    "Agregasi": [c.value for c in Indikator.Agregasi],
}
MAX_ROWS = 20000
TEXT_LIMIT = 4000


@dataclass(frozen=True)
class Masalah:
    """A problem (or notice) at a place of the workbook, in words for the person who filled it."""

    lembar: str
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self) -> str:
        where = f"Lembar {self.lembar}"
        if self.baris:
            where += f", baris {self.baris}"
        if self.kolom:
            where += f", kolom {self.kolom}"
        return f"{where}: {self.pesan}"


class WorkbookError(Penolakan):
    """The workbook cannot be applied; `errors` lists every problem found (nothing was saved)."""

    def __init__(self, errors: list[Masalah]):
        super().__init__("; ".join(str(e) for e in errors[:5]), errors)


@dataclass
class Row:
    number: int
    values: dict  # header -> raw cell value


@dataclass
class ParsedWorkbook:
    kode_kecamatan: str
    tahun: int | None
    sheets: dict[str, list[Row]] = field(default_factory=dict)
    # The Renstra sheet is optional (no Renstra covers the year, or a workbook downloaded before it existed):
    # its header as read, when present.
    renstra_kolom: list[str] | None = None


def kode_indikator(ind: Indikator) -> str:
    return f"{ind.sasaran.urutan}.{ind.urutan}"


_text = tulis_teks  # the one rule for text in a cell (sakip/xlsx_text.py)


def _number(cell, value, money: bool = False) -> None:
    cell.value = value
    if value is not None:
        cell.number_format = "#,##0.00" if money else number_format(value)


def _sheet(wb: Workbook, title: str, columns: list[str]):
    ws = wb.create_sheet(title)
    for col, name in enumerate(columns, start=1):
        cell = ws.cell(1, col)
        _text(cell, name)
        cell.font = Font(bold=True)
        cell.fill = INFO_FILL if name in INFO_COLUMNS[title] else HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = 40 if name in ("Sasaran", "Indikator") else 18
    ws.freeze_panes = "A2"
    return ws


def _choice_validation(ws, column: str, columns: list[str], rows: int) -> None:
    letter = get_column_letter(columns.index(column) + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(CHOICES[column]) + '"', allow_blank=True)
    dv.error = f"Pilih salah satu: {', '.join(CHOICES[column])}."
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}{max(rows, 2)}")


def _target_value(ind: Indikator):
    return ind.target_level.label if ind.target_level_id else ind.target_tahunan


def export_workbook(*, user, kecamatan, tahun: int) -> bytes:
    """The workbook of a kecamatan and year, filled with the current data. Constant queries."""
    pk = current_pk(kecamatan, tahun)
    sasaran_list = selectors.pk_sasaran(pk) if pk else []
    indicators = [ind for s in sasaran_list for ind in s.indikator.all()]
    realisasi = {
        (r.indikator_id, r.triwulan): r
        for r in permissions.scope(user, Realisasi.objects.filter(indikator__in=indicators)).select_related(
            "diisi_oleh", "nilai_level"
        )
    }
    quarters = {q.triwulan: q for q in selectors.quarters_of(user, kecamatan, tahun)}
    renstra = renstra_services.current_renstra(kecamatan, tahun)

    wb = Workbook()
    info = wb.active
    info.title = "Petunjuk"
    for label, value in (
        ("Kecamatan", kecamatan.nama),
        ("Kode kecamatan", kecamatan.kode),
        ("Tahun", tahun),
        ("Perjanjian Kinerja", str(pk) if pk else "belum dibuat"),
        ("Diunduh pada", format_waktu(timezone.now())),
        ("Petunjuk", "Isi kolom berlatar biru. Kolom berlatar abu-abu hanya informasi dan tidak dibaca kembali."),
        ("Angka", "Gunakan koma untuk desimal (82,5) atau isi sebagai angka Excel. Kosong berarti belum diisi."),
        ("Triwulan terkunci", "Realisasi triwulan yang sudah diajukan/disetujui tidak diubah oleh unggahan."),
        ("Renstra", _renstra_petunjuk(renstra)),
    ):
        info.append([label, None])
        _text(info.cell(info.max_row, 2), value)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 100

    ws = _sheet(wb, "PK", PK_COLUMNS)
    for s in sasaran_list:
        for ind in s.indikator.all():
            ws.append([None] * len(PK_COLUMNS))
            r = ws.max_row
            for col, value in enumerate(
                [
                    kode_indikator(ind),
                    s.uraian,
                    ind.uraian,
                    ind.satuan,
                    _target_value(ind),
                    ind.polaritas,
                    ind.rumus_negatif,
                    ind.agregasi,
                    ind.definisi_operasional,
                    ind.sumber_data,
                    ind.penanggung_jawab.nama if ind.penanggung_jawab_id else "",
                ],
                start=1,
            ):
                (_number if isinstance(value, Decimal) else _text)(ws.cell(r, col), value)
    for column in CHOICES:
        _choice_validation(ws, column, PK_COLUMNS, ws.max_row)

    ws = _sheet(wb, "Rencana Aksi", RA_COLUMNS)
    for ind in indicators:
        plans = {ra.triwulan: ra for ra in ind.rencana_aksi.all()}
        ws.append([None] * len(RA_COLUMNS))
        r = ws.max_row
        targets = [
            (plans[tw].target_level.label if plans[tw].target_level_id else plans[tw].target) if tw in plans else None
            for tw in (1, 2, 3, 4)
        ]
        actions = [plans[tw].rencana_kegiatan if tw in plans else "" for tw in (1, 2, 3, 4)]
        values = [kode_indikator(ind), ind.uraian, ind.satuan, _target_value(ind), *targets, *actions]
        values.append(ind.alasan_target_triwulan)
        for col, value in enumerate(values, start=1):
            (_number if isinstance(value, Decimal) else _text)(ws.cell(r, col), value)

    ws = _sheet(wb, "Realisasi", REAL_COLUMNS)
    for ind in indicators:
        plans = {ra.triwulan: ra for ra in ind.rencana_aksi.all()}
        for tw in (1, 2, 3, 4):
            real = realisasi.get((ind.pk, tw))
            quarter = quarters.get(tw)
            ws.append([None] * len(REAL_COLUMNS))
            r = ws.max_row
            value = None
            if real is not None:
                value = real.nilai_level.label if real.nilai_level_id else real.nilai
            target = plans[tw].target if tw in plans else None
            values = [
                kode_indikator(ind),
                ind.uraian,
                tw,
                target,
                value,
                real.catatan if real else "",
                real.hambatan if real else "",
                real.upaya if real else "",
                quarter.get_status_display() if quarter else "Draf",
                real.diisi_oleh.nama if real and real.diisi_oleh_id else "",
                format_waktu(real.diisi_pada) if real and real.diisi_pada else "",
                real.versi if real else 0,
            ]
            for col, item in enumerate(values, start=1):
                if isinstance(item, int | Decimal) and not isinstance(item, bool):
                    _number(ws.cell(r, col), item)
                else:
                    _text(ws.cell(r, col), item)

    ws = _sheet(wb, "Anggaran", ANGGARAN_COLUMNS)
    for row in selectors.anggaran_rows(selectors.anggaran_tree(user, kecamatan, tahun)):
        ws.append([None] * len(ANGGARAN_COLUMNS))
        r = ws.max_row
        texts = [row.program.kode, row.program.nama, row.kegiatan.kode, row.kegiatan.nama, row.sub.kode, row.sub.nama]
        for col, value in enumerate(texts, start=1):
            _text(ws.cell(r, col), value)
        for offset, value in enumerate([row.sub.pagu, *row.rencana, *row.realisasi]):
            _number(ws.cell(r, len(texts) + 1 + offset), value, money=True)

    if renstra is not None:
        _renstra_sheet(wb, renstra)

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _renstra_petunjuk(renstra) -> str:
    if renstra is None:
        return "Belum ada Renstra yang mencakup tahun ini (lembar Renstra tidak disertakan)."
    period = f"{renstra.judul} {renstra.tahun_awal}–{renstra.tahun_akhir}"
    if renstra.status == renstra.Status.DRAFT:
        return f"{period} (draf): kondisi awal dan target pada lembar Renstra dapat diubah melalui unggahan."
    return f"{period} telah ditetapkan: lembar Renstra hanya informasi; perubahan target melalui Renstra Perubahan."


def _renstra_sheet(wb: Workbook, renstra) -> None:
    """One row per indicator of the Renstra covering the year (renstra.selectors.renstra_tree: 4 queries)."""
    columns = renstra_columns(renstra.tahun_list)
    ws = _sheet(wb, RENSTRA_SHEET, columns)
    for tujuan in renstra_selectors.renstra_tree(renstra):
        for sasaran in tujuan.sasaran.all():
            for ind in sasaran.indikator.all():
                ws.append([None] * len(columns))
                r = ws.max_row
                values = [
                    f"{sasaran.urutan}.{ind.urutan}",
                    tujuan.uraian,
                    sasaran.uraian,
                    ind.uraian,
                    ind.satuan,
                    ind.polaritas,
                    ind.kondisi_awal_cetak,
                    *ind.target_per_tahun,
                    ind.target_akhir_cetak,
                    ind.sumber_data,
                    ind.penanggung_jawab.nama if ind.penanggung_jawab_id else "",
                ]
                for col, value in enumerate(values, start=1):
                    (_number if isinstance(value, Decimal) else _text)(ws.cell(r, col), value)


def _parse_renstra(ws, errors: list) -> tuple[list[str] | None, list[Row]]:
    """The Renstra sheet's header (fixed columns around one "Target <year>" column per year) and rows."""
    rows = ws.iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    middle = header[len(RENSTRA_HEAD) : len(header) - len(RENSTRA_TAIL)]
    years = []
    for name in middle:
        year = name.removeprefix("Target ").strip()
        years.append(int(year) if name.startswith("Target ") and year.isdigit() else None)
    expected = renstra_columns([y for y in years if y is not None]) if None not in years else None
    if expected is None or header != expected or not years:
        wrong_at = next(
            (i for i, name in enumerate(header) if i >= len(expected or []) or name != (expected or [])[i]),
            len(header),
        )
        errors.append(
            Masalah(
                RENSTRA_SHEET,
                1,
                get_column_letter(min(wrong_at, max(len(header) - 1, 0)) + 1),
                "judul kolom tidak sesuai susunan lembar Renstra yang diunduh (Kode, Tujuan, Sasaran Strategis, "
                "Indikator, Satuan, Polaritas, Kondisi Awal, Target per tahun, Target Akhir, Sumber Data, "
                "Penanggung Jawab).",
            )
        )
        return None, []
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            errors.append(
                Masalah(RENSTRA_SHEET, number, None, f"Lembar terlalu panjang (lebih dari {MAX_ROWS} baris).")
            )
            break
        values = tuple(values[: len(header)]) + (None,) * (len(header) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        found.append(Row(number, dict(zip(header, values, strict=True))))
    return header, found


def parse_workbook(content: bytes) -> ParsedWorkbook:
    """Read the sheets into rows keyed by header; raise WorkbookError for structural problems."""
    try:
        wb = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise WorkbookError(
            [Masalah("-", None, None, "Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")]
        ) from None
    errors = []
    missing = [name for name in ["Petunjuk", *SHEETS] if name not in wb.sheetnames]
    if missing:
        raise WorkbookError(
            [
                Masalah(name, None, None, "Lembar tidak ditemukan. Gunakan lembar kerja yang diunduh.")
                for name in missing
            ]
        )
    info = {}
    for row in wb["Petunjuk"].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and row[0]:
            info[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    tahun = info.get("Tahun")
    try:
        tahun = int(tahun) if tahun is not None else None
    except (TypeError, ValueError):
        errors.append(Masalah("Petunjuk", None, "B", "Tahun tidak dikenali."))
        tahun = None
    parsed = ParsedWorkbook(kode_kecamatan=str(info.get("Kode kecamatan") or "").strip(), tahun=tahun)
    for name, columns in SHEETS.items():
        ws = wb[name]
        rows = ws.iter_rows(values_only=True)
        header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
        if header[: len(columns)] != columns:
            wrong = next((i for i, (a, b) in enumerate(zip(header, columns, strict=False)) if a != b), len(header))
            expected = columns[wrong] if wrong < len(columns) else columns[-1]
            errors.append(
                Masalah(
                    name, 1, get_column_letter(wrong + 1), f'judul kolom harus "{expected}" (susunan kolom diubah).'
                )
            )
            continue
        parsed.sheets[name] = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS:
                errors.append(Masalah(name, number, None, f"Lembar terlalu panjang (lebih dari {MAX_ROWS} baris)."))
                break
            values = tuple(values[: len(columns)]) + (None,) * (len(columns) - len(values))
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            parsed.sheets[name].append(Row(number, dict(zip(columns, values, strict=True))))
    if RENSTRA_SHEET in wb.sheetnames:
        header, found = _parse_renstra(wb[RENSTRA_SHEET], errors)
        if header is not None:
            parsed.renstra_kolom = header
            parsed.sheets[RENSTRA_SHEET] = found
    wb.close()
    if errors:
        raise WorkbookError(errors)
    return parsed


def terapkan_renstra(*, user, kecamatan, tahun: int, parsed: ParsedWorkbook) -> tuple[int, list[Masalah]]:
    """Apply the Renstra sheet of a parsed workbook to the kecamatan's Renstra covering the year, inside the
    caller's transaction (kinerja/services/impor.py `impor_kinerja`): returns (indicators changed, problems).
    Problems name sheet, row and column; when there is any, nothing of the sheet was saved (the service is
    all or nothing) and the caller refuses the whole upload."""
    rows = parsed.sheets.get(RENSTRA_SHEET)
    if rows is None or parsed.renstra_kolom is None:
        return 0, []
    renstra = renstra_services.current_renstra(kecamatan, tahun)
    if renstra is None:
        if not rows:
            return 0, []
        return 0, [
            Masalah(
                RENSTRA_SHEET, None, None, f"Belum ada Renstra yang mencakup tahun {tahun}; susun pada menu Renstra."
            )
        ]
    if parsed.renstra_kolom != renstra_columns(renstra.tahun_list):
        return 0, [
            Masalah(
                RENSTRA_SHEET,
                1,
                None,
                f"kolom target tidak sesuai periode {renstra.judul} {renstra.tahun_awal}–{renstra.tahun_akhir}; "
                "gunakan lembar kerja yang baru diunduh.",
            )
        ]
    baris = [
        renstra_services.BarisTarget(
            baris=row.number,
            kode=cell_text(row.values["Kode"]),
            kondisi_awal=cell_number_text(row.values["Kondisi Awal"]),
            target={y: cell_number_text(row.values[renstra_services.kolom_target(y)]) for y in renstra.tahun_list},
            target_akhir=cell_number_text(row.values["Target Akhir"]),
        )
        for row in rows
    ]
    try:
        return renstra_services.renstra_target_impor(user=user, renstra=renstra, baris=baris), []
    except renstra_services.RenstraError as error:
        if not isinstance(error.errors, list):
            return 0, [Masalah(RENSTRA_SHEET, None, None, error.message)]
        columns = parsed.renstra_kolom
        return 0, [
            Masalah(
                RENSTRA_SHEET,
                m.baris,
                get_column_letter(columns.index(m.kolom) + 1) if m.kolom in columns else None,
                m.pesan,
            )
            for m in error.errors
        ]


def column_of(sheet: str, name: str) -> str:
    return get_column_letter(SHEETS[sheet].index(name) + 1)


def cell_text(value) -> str:
    """A cell as text; numbers keep their value (12.0 -> "12")."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_number_text(value) -> str:
    """A cell for the number parser: numeric cells are written the Indonesian way so that the parser reads
    exactly that value (the float 1.234 must not become one thousand two hundred thirty-four)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return "NaN"
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return str(value)
        return format_angka(number) or "0"
    return cell_text(value)


def rekap_workbook(rows: list[dict], tahun: int) -> bytes:
    """The kabupaten rekap as a workbook: the same rows and figures as the page (kinerja.dashboard), numbers
    as numbers with their printed precision, statuses and reasons as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Rekap {tahun}"
    columns = [
        "Kecamatan",
        "TW I",
        "TW II",
        "TW III",
        "TW IV",
        "Triwulan disetujui",
        "Capaian rata-rata (%)",
        "Dasar capaian",
        "Predikat",
        "Isian terlambat",
        "Serapan anggaran (%)",
    ]
    for col, name in enumerate(columns, start=1):
        cell = ws.cell(1, col)
        _text(cell, name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = 28 if col == 1 else 16
    ws.freeze_panes = "B2"
    for r, row in enumerate(rows, start=2):
        capaian = row["capaian"]
        values = [
            row["kecamatan"].nama,
            *[q["label"] if q else "Belum dibuka" for q in row["quarters"]],
        ]
        for col, value in enumerate(values, start=1):
            _text(ws.cell(r, col), value)
        _number(ws.cell(r, 6), row["disetujui"])
        if capaian.ok:
            _number(ws.cell(r, 7), capaian.nilai)
        else:
            _text(ws.cell(r, 7), capaian.teks)
        _text(ws.cell(r, 8), row["dasar"])
        _text(ws.cell(r, 9), capaian.predikat or "—")
        _number(ws.cell(r, 10), row["terlambat"])
        _number(ws.cell(r, 11), row["serapan"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
