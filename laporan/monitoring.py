"""The "Monitoring Pelaksanaan SOP" form of a kecamatan for a quarter, filled from the SOP runs.

Source: PermenPAN-RB No. 35 Tahun 2012 (Pedoman Penyusunan SOP Administrasi
Pemerintahan), Bab IV "Monitoring dan Evaluasi": the form lists, per SOP, each
procedure (step) with the assessment of its application — berjalan dengan baik
/ tidak berjalan dengan baik — the assessor's notes (catatan penilaian), the
action to be taken (tindakan yang harus diambil) and the assessor's initials
(paraf penilai).

How the app fills it from what it recorded (workflow.selectors, the same figures
as the compliance page):
* a step *berjalan dengan baik* when it was carried out in the quarter and every
  execution with a measurable Mutu Baku finished within it; *tidak berjalan
  dengan baik* when at least one did not;
* a step not carried out in the quarter, or whose Mutu Baku has no measurable
  time ("Sesuai kebutuhan"), is not judged and says why;
* the catatan penilaian is the figures ("3 dari 4 pelaksanaan dalam mutu baku
  1 Jam; median 45 menit; terlama 1 jam 30 menit; 1 pengulangan");
* for every step that did not go well the assessor must write the action to be
  taken (a narrative section; laporan.gates refuses submission without it), and
  a conclusion for the whole form;
* the paraf penilai is not printed as typed initials (an evaluator reads typed
  initials as a paraf nobody made): the column stays for a hand paraf on a printed
  copy, and a note says the assessment is attested by the signer's electronic
  signature at the end of the form.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from laporan.models import Report
from sop.models import Step
from workflow.selectors import Ukuran, compliance_of_kecamatan

BAIK = "baik"
TIDAK_BAIK = "tidak"

SECTIONS = [("kesimpulan", "Kesimpulan dan Tindak Lanjut")]


@dataclass
class BarisMonitoring:
    """One procedure (step) of one SOP on the form."""

    sop_id: int
    no: int
    prosedur: str
    waktu_baku: str
    ukuran: Ukuran | None
    penilaian: str | None  # BAIK, TIDAK_BAIK or None (not judged)
    catatan: str

    @property
    def tindakan_key(self) -> str:
        return f"tindakan_{self.sop_id}_{self.no}"

    @property
    def tindakan_judul(self) -> str:
        return f"Tindakan yang harus diambil — langkah {self.no}: {self.prosedur[:80]}"


@dataclass
class SopMonitoring:
    sop_id: int
    nama: str
    nomor: str
    baris: list[BarisMonitoring]
    ringkasan: Ukuran
    peran: list[Ukuran]

    @property
    def tidak_baik(self) -> list[BarisMonitoring]:
        return [b for b in self.baris if b.penilaian == TIDAK_BAIK]


def quarter_dates(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(tahun, 3 * triwulan - 2, 1)
    after = datetime.date(tahun + 1, 1, 1) if triwulan == 4 else datetime.date(tahun, 3 * triwulan + 1, 1)
    return first, after - datetime.timedelta(days=1)


def _penilaian(ukuran: Ukuran | None) -> tuple[str | None, str]:
    if ukuran is None or not ukuran.selesai:
        return None, "Tidak dilaksanakan pada periode ini."
    figures = f"median {ukuran.median}; terlama {ukuran.terlama}"
    if ukuran.pengulangan:
        figures += f"; {ukuran.pengulangan} pengulangan"
    if not ukuran.dengan_baku:
        return None, f"{ukuran.selesai} pelaksanaan; mutu baku waktu tidak terukur ({ukuran.waktu_baku}); {figures}."
    verdict = BAIK if ukuran.dalam_baku == ukuran.dengan_baku else TIDAK_BAIK
    return verdict, (
        f"{ukuran.dalam_baku} dari {ukuran.dengan_baku} pelaksanaan dalam mutu baku {ukuran.waktu_baku}; {figures}."
    )


def build(report: Report) -> dict:
    """The form's data: one table per SOP carried out in the quarter, every step of its latest revision
    used (two queries for the tasks and the steps, plus one calendar)."""
    mulai, sampai = quarter_dates(report.tahun, report.periode)
    kepatuhan = compliance_of_kecamatan(report.kecamatan, mulai=mulai, sampai=sampai)
    latest = {s.sop_id: max(s.revision_ids) for s in kepatuhan.sop}
    steps: dict[int, list[Step]] = {}
    for step in Step.objects.filter(revision_id__in=latest.values()).select_related("revision").order_by("no"):
        steps.setdefault(step.revision.sop_id, []).append(step)
    tables = []
    for sop in kepatuhan.sop:
        done = {u.no: u for u in sop.langkah}
        rows = []
        for step in steps.get(sop.sop_id, []):
            ukuran = done.get(step.no)
            penilaian, catatan = _penilaian(ukuran)
            rows.append(
                BarisMonitoring(
                    sop_id=sop.sop_id,
                    no=step.no,
                    prosedur=step.uraian,
                    waktu_baku=step.waktu_cetak or "—",
                    ukuran=ukuran,
                    penilaian=penilaian,
                    catatan=catatan,
                )
            )
        tables.append(
            SopMonitoring(
                sop_id=sop.sop_id, nama=sop.nama, nomor=sop.nomor, baris=rows, ringkasan=sop.ringkasan, peran=sop.peran
            )
        )
    return {"mulai": mulai, "sampai": sampai, "sop": tables, "peran": kepatuhan.peran}


def section_keys(data: dict) -> list[tuple[str, str]]:
    """Required narrative: the action for every step that did not go well, then the conclusion."""
    keys = [(row.tindakan_key, row.tindakan_judul) for table in data["sop"] for row in table.tidak_baik]
    return keys + SECTIONS


def alasan_kosong(data: dict) -> list[str]:
    return (
        [] if data["sop"] else ["Belum ada langkah SOP yang diselesaikan pada periode ini; tidak ada yang dimonitor."]
    )
