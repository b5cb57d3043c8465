"""SOP ⇄ Excel in the conventional layout (documented in README.md, "SOP Excel layout").

Sheet "Identitas": column A the label, column B the value; list items (Dasar Hukum,
Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Peringatan, Pencatatan dan
Pendataan) one row each, their label repeated.
Sheet "Prosedur": row 1 headers (No, Uraian Kegiatan, one column per lane with its printed
label, Simbol, Ya ke, Tidak ke, Kelengkapan, Waktu, Output, Keterangan, Aksi, Lajur
disimpulkan), row 2 the role code under each lane, then one row per step with "X" in the
responsible lane.

Export → import is lossless. Import validates everything first and lists every error with
sheet, row and column in Indonesian; on any error nothing is saved. Text from people that
begins with "=", "+", "-" or "@" is written as text, never as a formula.
"""

import datetime
import io

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from sakip import uploads
from sakip.errors import Penolakan
from sakip.limits import too_long
from sakip.xlsx_text import tulis_teks
from sop.aksi import pesan_aksi
from sop.models import PERAN_LAJUR, Keterkaitan, Lane, Sop, SopRevision, Step
from sop.validation import MAX_STEPS, too_many_steps
from sop.waktu import parse_waktu

SCALARS = [
    ("Pemerintah", "pemerintah"),
    ("Unit Penerbit", "unit_penerbit"),
    ("Alamat", "alamat"),
    ("Telepon", "telepon"),
    ("Email", "email"),
    ("Website", "website"),
    ("Nomor SOP", "nomor"),
    ("Nama SOP", "nama"),
    ("Tanggal Pembuatan", "tanggal_pembuatan"),
    ("Tanggal Pembuatan (tercetak)", "tanggal_pembuatan_cetak"),
    ("Tanggal Revisi", "tanggal_revisi"),
    ("Tanggal Revisi (tercetak)", "tanggal_revisi_cetak"),
    ("Tanggal Efektif", "tanggal_efektif"),
    ("Tanggal Efektif (tercetak)", "tanggal_efektif_cetak"),
    ("Disahkan Oleh (Jabatan)", "disahkan_jabatan"),
    ("Disahkan Oleh (Nama)", "disahkan_nama"),
    ("Disahkan Oleh (NIP)", "disahkan_nip"),
    ("Catatan Transkripsi", "catatan_transkripsi"),
]
DATES = {"tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"}
LISTS = [
    ("Dasar Hukum", "dasar_hukum"),
    ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
    ("Keterkaitan", None),
    ("Peralatan/Perlengkapan", "peralatan"),
    ("Peringatan", "peringatan"),
    ("Pencatatan dan Pendataan", "pencatatan"),
]
BEFORE_LANES = ["No", "Uraian Kegiatan"]
AFTER_LANES = [
    "Simbol",
    "Ya ke",
    "Tidak ke",
    "Kelengkapan",
    "Waktu",
    "Output",
    "Keterangan",
    "Aksi",
    "Lajur disimpulkan",
]
KINDS = {k.value for k in Step.Kind}
# Role codes of the office (sakip.roles) and of outside actors (PEMOHON, DESA, INSTANSI_LAIN).
LANE_CODES = {code for code, _ in PERAN_LAJUR}


class ImportErrors(Penolakan):
    """Every problem of an SOP workbook (sheet, row, column), nothing imported (see sakip.errors)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors), errors)


_text = tulis_teks  # writable characters only, never a formula (sakip/xlsx_text.py)


def export_revision(revision: SopRevision) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Identitas"
    ws.append(["Label", "Nilai"])
    for label, field in SCALARS:
        value = getattr(revision, field)
        ws.append([label, None])
        _text(ws.cell(ws.max_row, 2), value.isoformat() if isinstance(value, datetime.date) else (value or ""))
    for label, field in LISTS:
        items = [k.teks for k in revision.keterkaitan.all()] if field is None else getattr(revision, field)
        for item in items:
            ws.append([label, None])
            _text(ws.cell(ws.max_row, 2), item)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 100

    ps = wb.create_sheet("Prosedur")
    lanes = list(revision.lanes.all())
    headers = BEFORE_LANES + [lane.label for lane in lanes] + AFTER_LANES
    for col, title in enumerate(headers, start=1):
        _text(ps.cell(1, col), title)
    for k, lane in enumerate(lanes):
        ps.cell(2, len(BEFORE_LANES) + 1 + k, lane.role)
    for row, step in enumerate(revision.steps.order_by("no"), start=3):
        ps.cell(row, 1, step.no)
        _text(ps.cell(row, 2), step.uraian)
        for k, lane in enumerate(lanes):
            if lane.pk == step.lane_id:
                ps.cell(row, len(BEFORE_LANES) + 1 + k, "X")
        base = len(BEFORE_LANES) + len(lanes)
        values = [
            step.kind,
            step.ya_ke,
            step.tidak_ke,
            step.kelengkapan,
            step.waktu_cetak,
            step.output,
            step.keterangan,
            step.aksi,
            "ya" if step.lane_inferred else "",
        ]
        for offset, value in enumerate(values, start=1):
            _text(ps.cell(row, base + offset), value)
    for col in range(1, len(headers) + 1):
        ps.column_dimensions[get_column_letter(col)].width = 40 if col == 2 else 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _where(sheet: str, row: int, column: str) -> str:
    return f"Lembar {sheet}, baris {row}, kolom {column}"


def parse_workbook(content: bytes) -> dict:
    """Read and validate; return the data or raise ImportErrors listing every problem."""
    try:
        wb = load_workbook(io.BytesIO(content), data_only=True)
    except uploads.XLSX_READ_ERRORS:
        raise ImportErrors([uploads.XLSX_UNREADABLE]) from None
    errors = []
    for sheet in ("Identitas", "Prosedur"):
        if sheet not in wb.sheetnames:
            errors.append(f'Lembar "{sheet}" tidak ditemukan.')
    if errors:
        raise ImportErrors(errors)
    # A workbook may leave identity rows out: a missing date is no date, never "" (which no date field takes).
    data = {field: (None if field in DATES else "") for _, field in SCALARS}
    data.update({field: [] for _, field in LISTS if field})
    data["keterkaitan"] = []
    scalar_fields = dict(SCALARS)
    list_fields = dict(LISTS)
    for row_no, row in enumerate(wb["Identitas"].iter_rows(min_row=2, values_only=True), start=2):
        label, value = (row + (None, None))[:2]
        if label is None and value is None:
            continue
        value = "" if value is None else str(value)
        if label in scalar_fields:
            field = scalar_fields[label]
            if field in DATES and value:
                try:
                    value = datetime.date.fromisoformat(value[:10])
                except ValueError:
                    errors.append(f"{_where('Identitas', row_no, 'B')}: tanggal harus berformat TTTT-BB-HH.")
            data[field] = value or (None if field in DATES else "")
            if field not in DATES and (message := too_long(SopRevision, field, value)):
                errors.append(f"{_where('Identitas', row_no, 'B')}: {label} {message}")
        elif label in list_fields:
            if list_fields[label] is None and (message := too_long(Keterkaitan, "teks", value)):
                errors.append(f"{_where('Identitas', row_no, 'B')}: {label} {message}")
            data[list_fields[label] or "keterkaitan"].append(value)
        else:
            errors.append(f'{_where("Identitas", row_no, "A")}: label "{label}" tidak dikenal.')
    if not data["nama"]:
        errors.append('Lembar Identitas: "Nama SOP" wajib diisi.')

    ps = wb["Prosedur"]
    header = [c.value for c in ps[1]]
    roles = [c.value for c in ps[2]] if ps.max_row >= 2 else []
    try:
        first_after = header.index(AFTER_LANES[0])
    except ValueError:
        raise ImportErrors(errors + ['Lembar Prosedur, baris 1: kolom "Simbol" tidak ditemukan.']) from None
    if (
        header[: len(BEFORE_LANES)] != BEFORE_LANES
        or header[first_after : first_after + len(AFTER_LANES)] != AFTER_LANES
    ):
        raise ImportErrors(
            errors + ["Lembar Prosedur, baris 1: judul kolom tidak sesuai tata letak SOP (lihat README)."]
        )
    lane_cols = list(range(len(BEFORE_LANES), first_after))
    lanes = []
    for col in lane_cols:
        role = roles[col] if col < len(roles) else None
        role = role.strip().upper() if isinstance(role, str) else role
        if role not in LANE_CODES:
            errors.append(
                f'{_where("Prosedur", 2, get_column_letter(col + 1))}: kode peran "{role}" tidak dikenal '
                f"(peran kantor atau pelaksana luar: {', '.join(sorted(LANE_CODES))})."
            )
        if message := too_long(Lane, "label", header[col]):
            errors.append(f"{_where('Prosedur', 1, get_column_letter(col + 1))}: nama lajur {message}")
        lanes.append((str(header[col]), role))
    if not lanes:
        errors.append("Lembar Prosedur: tidak ada kolom lajur pelaksana.")
    filled = sum(1 for row in ps.iter_rows(min_row=3, values_only=True) if any(v not in (None, "") for v in row))
    if filled > MAX_STEPS:
        raise ImportErrors(errors + [f"Lembar Prosedur: {too_many_steps(filled)}"])
    steps = []
    for row_no, row in enumerate(ps.iter_rows(min_row=3, values_only=True), start=3):
        if all(v in (None, "") for v in row):
            continue
        marks = [k for k, col in enumerate(lane_cols) if str(row[col] or "").strip().upper() == "X"]
        after = {
            name: row[first_after + i] if first_after + i < len(row) else None for i, name in enumerate(AFTER_LANES)
        }
        col_of = {name: get_column_letter(first_after + i + 1) for i, name in enumerate(AFTER_LANES)}
        try:
            no = int(row[0])
        except (TypeError, ValueError, OverflowError):
            errors.append(f"{_where('Prosedur', row_no, 'A')}: nomor langkah harus angka.")
            continue
        if not 1 <= no <= MAX_STEPS:
            errors.append(f"{_where('Prosedur', row_no, 'A')}: nomor langkah harus 1 sampai {MAX_STEPS}.")
            continue
        if len(marks) != 1:
            errors.append(f'{_where("Prosedur", row_no, "C")}: tandai tepat satu lajur pelaksana dengan "X".')
        kind = str(after["Simbol"] or "")
        if kind not in KINDS:
            errors.append(
                f"{_where('Prosedur', row_no, col_of['Simbol'])}: simbol harus salah satu dari {', '.join(sorted(KINDS))}."
            )
        waktu = str(after["Waktu"] or "")
        if waktu and parse_waktu(waktu) is None:
            errors.append(
                f'{_where("Prosedur", row_no, col_of["Waktu"])}: waktu "{waktu}" tidak dapat dibaca (contoh: 10 Menit, 2 Jam, 1 Hari).'
            )
        branches = {}
        for name in ("Ya ke", "Tidak ke"):
            value = after[name]
            try:
                branches[name] = int(value) if value not in (None, "") else None
            except (TypeError, ValueError, OverflowError):
                errors.append(f"{_where('Prosedur', row_no, col_of[name])}: harus nomor langkah.")
                branches[name] = None
        for name, field in (("Waktu", "waktu_cetak"), ("Aksi", "aksi")):
            if message := too_long(Step, field, after[name]):
                errors.append(f"{_where('Prosedur', row_no, col_of[name])}: {message}")
        if message := pesan_aksi(str(after["Aksi"] or "")):
            errors.append(f"{_where('Prosedur', row_no, col_of['Aksi'])}: langkah {no}, {message}")
        if kind == Step.Kind.DECISION and (branches["Ya ke"] is None or branches["Tidak ke"] is None):
            errors.append(
                f"{_where('Prosedur', row_no, col_of['Ya ke'])}: keputusan harus memiliki cabang Ya dan Tidak."
            )
        steps.append(
            {
                "no": no,
                "uraian": str(row[1] or ""),
                "lane_index": marks[0] if len(marks) == 1 else 0,
                "kind": kind,
                "ya_ke": branches["Ya ke"],
                "tidak_ke": branches["Tidak ke"],
                "kelengkapan": str(after["Kelengkapan"] or ""),
                "waktu": waktu,
                "output": str(after["Output"] or ""),
                "keterangan": str(after["Keterangan"] or ""),
                "aksi": str(after["Aksi"] or ""),
                "lane_inferred": str(after["Lajur disimpulkan"] or "").lower() == "ya",
            }
        )
    numbers = {s["no"] for s in steps}
    for s in steps:
        for key in ("ya_ke", "tidak_ke"):
            if s[key] is not None and s[key] not in numbers:
                errors.append(f"Lembar Prosedur, langkah {s['no']}: cabang menunjuk langkah {s[key]} yang tidak ada.")
    if not steps:
        errors.append("Lembar Prosedur: tidak ada langkah.")
    if errors:
        raise ImportErrors(errors)
    data["lanes"], data["steps"] = lanes, steps
    return data


@transaction.atomic
def import_workbook(content: bytes, *, kecamatan) -> SopRevision:
    """Create a new draft SOP in `kecamatan` (None = library template) from a workbook.

    Idempotent: when a draft of the same kecamatan, number and name already holds exactly this
    content, that draft is returned (with `sudah_ada = True`) instead of a second copy.
    """
    try:
        uploads.check_xlsx(content)
    except uploads.UploadRefused as refused:
        raise ImportErrors([refused.message]) from None
    data = parse_workbook(content)
    for existing in SopRevision.objects.filter(
        sop__kecamatan=kecamatan, status=SopRevision.Status.DRAFT, nomor=data["nomor"], nama=data["nama"]
    ):
        if parse_workbook(export_revision(existing)) == data:
            existing.sudah_ada = True
            return existing
    sop = Sop.objects.create(kecamatan=kecamatan, catatan_asal="Diimpor dari berkas Excel.")
    fields = {field: data[field] for _, field in SCALARS}
    fields.update({field: data[field] for _, field in LISTS if field})
    revision = SopRevision.objects.create(sop=sop, nomor_revisi=0, status=SopRevision.Status.DRAFT, **fields)
    for order, text in enumerate(data["keterkaitan"], start=1):
        Keterkaitan.objects.create(revision=revision, urutan=order, teks=text)
    lanes = [
        Lane.objects.create(revision=revision, urutan=k, label=label, role=role)
        for k, (label, role) in enumerate(data["lanes"], start=1)
    ]
    for s in data["steps"]:
        parsed = parse_waktu(s["waktu"])
        Step.objects.create(
            revision=revision,
            no=s["no"],
            uraian=s["uraian"],
            lane=lanes[s["lane_index"]],
            lane_inferred=s["lane_inferred"],
            kind=s["kind"],
            ya_ke=s["ya_ke"],
            tidak_ke=s["tidak_ke"],
            kelengkapan=s["kelengkapan"],
            waktu_cetak=s["waktu"],
            waktu_nilai=parsed[0] if parsed else None,
            waktu_satuan=parsed[1] if parsed else "",
            output=s["output"],
            keterangan=s["keterangan"],
            aksi=s["aksi"],
        )
    return revision
