"""Realisations the app proposes from what it recorded: the one place where such a proposal is computed.

An indicator may declare a data source (kinerja.models.SumberHitung) instead of manual entry. For each
quarter the app then proposes the realisation with its calculation (numerator, denominator, the
records counted); the responsible person confirms it or replaces it with a reason
(kinerja/services/usulan.py). Only the confirmed value is stored (Realisasi.nilai, with the proposal
and its calculation beside it), and every figure is then read from the stored value by
kinerja/pengukuran.py like any other realisation: this module never feeds a figure directly.

Period: the quarter's calendar dates in WITA (1 Juli – 30 September for TW III). A run belongs to the
quarter in which it finished (as in the SOP compliance report, workflow.selectors.compliance); an SKM
answer to the quarter stored with it (layanan.models.ResponSkm.triwulan, the quarter in WITA).

Definitions:

* ``sop_tepat_waktu`` — share of runs of the chosen SOPs finished within their Mutu Baku, by the one
  rule of workflow/timing.py: a run is due at the moment stored when it started (`Run.batas_selesai`:
  the Mutu Baku "Waktu" of the steps on the SOP's main path walked forward from its start on the
  kabupaten's working calendar — Menit and Jam office time, Hari working days; weekends, national
  holidays and the kabupaten's own days off skipped; steps of outside actors such as the Pemohon
  count like any other) and is on time when it finished no later. Numerator = finished runs on time;
  denominator = finished runs that have a standard (`workflow.timing.ringkasan`); × 100, rounded once
  to two decimals (ROUND_HALF_UP). Cancelled and still open runs are not counted (an open run counts in
  the quarter it finishes). A run without a standard (no step states a time, or started before the
  deadline was stored) is listed as "tidak terukur" and left out of both numbers. No finished run:
  "0 dari 0", no value (the person may replace it with a reason or declare "tidak ada kegiatan").
* ``sop_selesai`` — the number of runs of the chosen SOPs finished in the quarter.
* ``ikm`` — the Indeks Kepuasan Masyarakat of the chosen services in the quarter, per PermenPAN-RB
  14/2017 as layanan/ikm.py computes it (NRR per unsur, weight 1/9, × 25, rounded once); several
  services are pooled as one survey (the answers of all their respondents together, as the results
  page's "Semua layanan" row). No respondent: no value.

Every proposal carries its source list (the runs with start, finish, working time and deadline; the
services with respondents and NRR per unsur) and is exported as a workbook (`ekspor_xlsx`) that the
confirmation attaches as evidence (BuktiDukung). Reads go through sakip.permissions.scope when a user
is given, and cost a constant number of queries whatever the number of indicators, runs or answers.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from kinerja.gates import akhir_triwulan
from kinerja.models import SumberHitung
from kinerja.pengukuran import bulat, label_tw
from layanan import ikm
from layanan import selectors as layanan_selectors
from layanan.models import ResponSkm
from sakip import permissions
from sakip.formatting import format_angka, format_tanggal, format_waktu
from sop.models import SopRevision
from workflow import timing
from workflow.calendar import Calendar, format_minutes
from workflow.models import Run

J = SumberHitung.Jenis


@dataclass(frozen=True)
class BarisPelaksanaan:
    """One finished run counted by a proposal."""

    run_id: int
    sop: str
    dimulai: datetime.datetime
    selesai: datetime.datetime
    menit_kerja: int
    batas: datetime.datetime | None  # the Mutu Baku deadline; None = not measurable
    tepat_waktu: bool | None

    @property
    def durasi(self) -> str:
        return format_minutes(self.menit_kerja)

    @property
    def penilaian(self) -> str:
        if self.tepat_waktu is None:
            return "Tidak terukur"
        return "Dalam Mutu Baku" if self.tepat_waktu else "Melewati Mutu Baku"


@dataclass(frozen=True)
class BarisLayanan:
    nama: str
    hasil: ikm.HasilIkm


@dataclass
class Usulan:
    """The proposal for one indicator and quarter, with what it was computed from."""

    indikator_id: int
    jenis: str
    tahun: int
    triwulan: int
    mulai: datetime.date
    sampai: datetime.date
    nilai: Decimal | None
    perhitungan: str
    sumber: list[str]  # the chosen SOPs or services, by name
    pembilang: Decimal | None = None
    penyebut: int | None = None
    pelaksanaan: list[BarisPelaksanaan] = field(default_factory=list)
    layanan: list[BarisLayanan] = field(default_factory=list)
    gabungan: ikm.HasilIkm | None = None

    @property
    def jenis_label(self) -> str:
        return J(self.jenis).label

    @property
    def sumber_teks(self) -> str:
        return "; ".join(self.sumber) or "belum ada yang dipilih"

    @property
    def periode(self) -> str:
        return (
            f"{label_tw(self.triwulan)} {self.tahun} ({format_tanggal(self.mulai)} s.d. {format_tanggal(self.sampai)})"
        )

    @property
    def digest(self) -> str:
        """What the page showed: confirming is refused when the proposal changed since (new runs, answers)."""
        text = f"{self.jenis}|{self.nilai}|{self.perhitungan}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def periode_triwulan(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(tahun, 3 * triwulan - 2, 1), akhir_triwulan(tahun, triwulan)


def _bounds(mulai: datetime.date, sampai: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(mulai, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(sampai + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def _nama_sop(sop) -> str:
    revisions = sorted(sop.revisi_list, key=lambda r: r.nomor_revisi)
    return revisions[-1].nama if revisions else f"SOP #{sop.pk}"


def usulan_kecamatan(kecamatan, tahun: int, triwulan: int, *, user=None, indikator_ids=None) -> dict[int, Usulan]:
    """{indikator id: Usulan} for the kecamatan's computed indicators of the year in one quarter.

    With `user`, every read goes through sakip.permissions.scope. At most eight queries, whatever the
    number of indicators, runs and answers (none beyond the first when no indicator is computed).
    """
    sumber_qs = SumberHitung.objects.filter(kecamatan=kecamatan, indikator__tahun=tahun)
    if user is not None:
        sumber_qs = permissions.scope(user, sumber_qs)
    if indikator_ids is not None:
        sumber_qs = sumber_qs.filter(indikator_id__in=list(indikator_ids))
    sumber_list = list(
        sumber_qs.prefetch_related(
            Prefetch(
                "sop__revisions",
                queryset=SopRevision.objects.only("id", "sop_id", "nama", "nomor_revisi"),
                to_attr="revisi_list",
            ),
            "layanan",
        )
    )
    if not sumber_list:
        return {}
    mulai, sampai = periode_triwulan(tahun, triwulan)
    start, end = _bounds(mulai, sampai)
    sop_ids = {s.pk for item in sumber_list if item.dari_sop for s in item.sop.all()}
    layanan_ids = {lay.pk for item in sumber_list if item.jenis == J.IKM for lay in item.layanan.all()}
    runs = _pelaksanaan(kecamatan, sop_ids, start, end, user) if sop_ids else {}
    hasil = _hasil_skm(kecamatan, layanan_ids, tahun, triwulan, user) if layanan_ids else {}
    result = {}
    for item in sumber_list:
        base = {"indikator_id": item.indikator_id, "jenis": item.jenis, "tahun": tahun, "triwulan": triwulan}
        base.update(mulai=mulai, sampai=sampai)
        if item.dari_sop:
            chosen = sorted(item.sop.all(), key=_nama_sop)
            rows = sorted((row for s in chosen for row in runs.get(s.pk, [])), key=lambda r: (r.selesai, r.run_id))
            names = [_nama_sop(s) for s in chosen]
            result[item.indikator_id] = (
                _tepat_waktu(base, rows, names) if item.jenis == J.SOP_TEPAT_WAKTU else _selesai(base, rows, names)
            )
        else:
            chosen = sorted(item.layanan.all(), key=lambda lay: (lay.nama, lay.pk))
            result[item.indikator_id] = _ikm(base, [(lay.nama, hasil.get(lay.pk)) for lay in chosen])
    return result


def _pelaksanaan(kecamatan, sop_ids, start, end, user) -> dict[int, list[BarisPelaksanaan]]:
    """Finished runs of the SOPs in the period, each judged by workflow.timing (3 queries)."""
    runs = Run.objects.filter(
        kecamatan=kecamatan,
        sop_id__in=sop_ids,
        status=Run.Status.SELESAI,
        selesai_pada__gte=start,
        selesai_pada__lt=end,
    )
    if user is not None:
        runs = permissions.scope(user, runs)
    runs = list(runs.select_related("revision").order_by("selesai_pada", "pk"))
    if not runs:
        return {}
    calendar = Calendar.for_kabupaten(kecamatan.kabupaten_id)
    result: dict[int, list[BarisPelaksanaan]] = {}
    for run in runs:
        waktu = timing.waktu_run(run, calendar)
        result.setdefault(run.sop_id, []).append(
            BarisPelaksanaan(
                run_id=run.pk,
                sop=run.revision.nama,
                dimulai=run.dimulai_pada,
                selesai=run.selesai_pada,
                menit_kerja=waktu.menit_kerja or 0,
                batas=waktu.batas,
                tepat_waktu=waktu.tepat_waktu,
            )
        )
    return result


def _hasil_skm(kecamatan, layanan_ids, tahun, triwulan, user) -> dict[int, tuple[int, list[int]]]:
    """{layanan id: (respondents, nine sums)} of the quarter (one GROUP BY query)."""
    qs = ResponSkm.objects.filter(
        layanan_id__in=layanan_ids, layanan__kecamatan=kecamatan, tahun=tahun, triwulan=triwulan
    )
    if user is not None:
        qs = permissions.scope(user, qs, field="layanan__kecamatan")
    return {layanan_id: found for (layanan_id, _), found in layanan_selectors.jumlah_jawaban(qs).items()}


def _tepat_waktu(base: dict, rows: list[BarisPelaksanaan], names: list[str]) -> Usulan:
    measured = [r for r in rows if r.tepat_waktu is not None]
    on_time = sum(1 for r in measured if r.tepat_waktu)
    text = f"{on_time} dari {len(measured)} pelaksanaan selesai dalam Mutu Baku"
    nilai = None
    if measured:
        nilai = bulat(Decimal(100) * on_time / len(measured))
        text += f" = {on_time} / {len(measured)} × 100 = {format_angka(nilai, 2)}%"
    else:
        text += "; persentase tidak dapat dihitung karena belum ada pelaksanaan yang selesai dan terukur"
    unmeasured = len(rows) - len(measured)
    if unmeasured:
        text += f"; {unmeasured} pelaksanaan tidak dihitung karena Mutu Baku waktunya tidak terukur"
    return Usulan(
        **base,
        nilai=nilai,
        perhitungan=text + ".",
        sumber=names,
        pembilang=Decimal(on_time),
        penyebut=len(measured),
        pelaksanaan=rows,
    )


def _selesai(base: dict, rows: list[BarisPelaksanaan], names: list[str]) -> Usulan:
    text = (
        f"{len(rows)} pelaksanaan selesai antara {format_tanggal(base['mulai'])} dan {format_tanggal(base['sampai'])}."
    )
    return Usulan(
        **base, nilai=Decimal(len(rows)), perhitungan=text, sumber=names, pembilang=Decimal(len(rows)), pelaksanaan=rows
    )


def _ikm(base: dict, chosen: list[tuple[str, tuple | None]]) -> Usulan:
    per_layanan, total, n_total = [], [0] * ikm.JUMLAH_UNSUR, 0
    for nama, found in chosen:
        n, sums = found or (0, [0] * ikm.JUMLAH_UNSUR)
        per_layanan.append(BarisLayanan(nama, ikm.hitung(jumlah=sums, responden=n)))
        total = [a + b for a, b in zip(total, sums, strict=True)]
        n_total += n
    gabungan = ikm.hitung(jumlah=total, responden=n_total)
    if gabungan.ikm is None:
        text = "0 responden pada periode ini; IKM tidak dapat dihitung."
    else:
        text = (
            f"IKM = NRR tertimbang {format_angka(gabungan.nrr_tertimbang, 4)} × 25 = {format_angka(gabungan.ikm, 2)} "
            f"(mutu pelayanan {gabungan.mutu.huruf}, {gabungan.mutu.kinerja}) dari {n_total} responden."
        )
    return Usulan(
        **base,
        nilai=gabungan.ikm,
        perhitungan=text,
        sumber=[nama for nama, _ in chosen],
        pembilang=gabungan.nrr_tertimbang,
        penyebut=n_total,
        layanan=per_layanan,
        gabungan=gabungan,
    )


def keterangan_keputusan(row) -> str:
    """ "Usulan aplikasi 80 dikonfirmasi oleh Siti, 8 Oktober 2024 09.00 WITA" (or replaced, with the reason)."""
    if row is None or row.usulan_oleh_id is None:
        return ""
    who = f"oleh {row.usulan_oleh.nama}, {format_waktu(row.usulan_pada)}"
    proposed = format_angka(row.usulan_nilai) if row.usulan_nilai is not None else "tidak dapat dihitung"
    if row.usulan_alasan_ganti:
        return f"Usulan aplikasi ({proposed}) diganti {who}. Alasan: {row.usulan_alasan_ganti}"
    return f"Usulan aplikasi dikonfirmasi {who}."


# --- The evidence: the records counted, as a workbook ---


def nama_berkas(usulan: Usulan) -> str:
    kind = {J.SOP_TEPAT_WAKTU: "sop-tepat-waktu", J.SOP_SELESAI: "sop-selesai", J.IKM: "ikm"}[usulan.jenis]
    return f"sumber-{kind}-{usulan.tahun}-tw{usulan.triwulan}-indikator-{usulan.indikator_id}.xlsx"


def ekspor_xlsx(usulan: Usulan, *, indikator, kecamatan) -> bytes:
    """The calculation and its source list as a workbook (the evidence attached at confirmation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from sakip.xlsx_text import number_format, tulis_teks

    wb = Workbook()
    sheet = wb.active
    sheet.title = "Perhitungan"
    rows = [
        ("Kecamatan", str(kecamatan)),
        ("Indikator", indikator.uraian),
        ("Satuan", indikator.satuan),
        ("Periode", usulan.periode),
        ("Sumber perhitungan", usulan.jenis_label),
        ("SOP / layanan yang dihitung", usulan.sumber_teks),
        ("Perhitungan", usulan.perhitungan),
        ("Nilai usulan", usulan.nilai),
        ("Dibuat pada", format_waktu(timezone.now())),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        sheet.cell(r, 1, label).font = Font(bold=True)
        cell = sheet.cell(r, 2)
        if isinstance(value, Decimal):
            cell.value, cell.number_format = value, number_format(value)
        else:
            tulis_teks(cell, value if value is not None else "tidak dapat dihitung")
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 28, 90
    if usulan.jenis == J.IKM:
        detail = wb.create_sheet("Hasil SKM")
        header = ["Layanan", "Responden", *(f"NRR U{u.nomor} {u.nama}" for u in ikm.UNSUR)]
        header += ["NRR tertimbang", "IKM", "Mutu pelayanan"]
        detail.append(header)
        lines = [(b.nama, b.hasil) for b in usulan.layanan] + [("Semua layanan yang dihitung", usulan.gabungan)]
        for nama, hasil in lines:
            values = [hasil.responden, *(hasil.nrr or (None,) * ikm.JUMLAH_UNSUR), hasil.nrr_tertimbang, hasil.ikm]
            detail.append([None, *values, f"{hasil.mutu.huruf} ({hasil.mutu.kinerja})" if hasil.mutu else "—"])
            tulis_teks(detail.cell(detail.max_row, 1), nama)
    else:
        detail = wb.create_sheet("Pelaksanaan SOP")
        detail.append(
            [
                "No",
                "Nomor pelaksanaan",
                "SOP",
                "Dimulai",
                "Selesai",
                "Durasi kerja (menit)",
                "Batas Mutu Baku",
                "Penilaian",
            ]
        )
        for n, row in enumerate(usulan.pelaksanaan, start=1):
            detail.append(
                [
                    n,
                    row.run_id,
                    None,
                    format_waktu(row.dimulai),
                    format_waktu(row.selesai),
                    row.menit_kerja,
                    format_waktu(row.batas) if row.batas else "—",
                    row.penilaian,
                ]
            )
            tulis_teks(detail.cell(detail.max_row, 3), row.sop)
    for cell in detail[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
