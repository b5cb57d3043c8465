"""Validation of an SOP revision: errors block making it effective; warnings are for a person to review.

Every issue names the step and the field ("Langkah 7, kolom Waktu: …"). Printed values are
never corrected here: suspicious ones ("2 Menit" to process data, "120 Hari", a lane inferred
during transcription and not yet checked by the Camat) are listed as warnings.

The lane review (`lajur_tertunda`) is its own gate, asked by `sop_revision_make_effective` and
shown on the SOP pages: while a revision `lajur_perlu_diperiksa`, it names the steps whose lane
is an inference and the lanes without a step.
"""

from dataclasses import dataclass
from decimal import Decimal

from sop import galat
from sop.aksi import pesan_aksi
from sop.models import Lane, SopRevision, Step
from sop.waktu import parse_waktu

ERROR, WARNING = "error", "warning"
# The most steps an SOP may have: the flowchart of a longer one is unreadable on paper, and its PDF would cost
# minutes of CPU. The importer, the step editor and this validation all refuse more.
MAX_STEPS = 200


def too_many_steps(count: int) -> str:
    return f"SOP paling banyak memiliki {MAX_STEPS} langkah (terisi {count}); pecah menjadi beberapa SOP."


@dataclass(frozen=True)
class Issue:
    severity: str
    message: str


def validate_revision(revision: SopRevision) -> list[Issue]:
    steps = list(revision.steps.select_related("lane").order_by("no"))
    lanes = {lane.pk for lane in revision.lanes.all()}
    issues: list[Issue] = []
    if not steps:
        return [Issue(ERROR, "SOP belum memiliki langkah.")]
    if len(steps) > MAX_STEPS:
        return [Issue(ERROR, too_many_steps(len(steps)))]
    numbers = {s.no for s in steps}
    office_steps = [s for s in steps if not s.lane.eksternal]
    for index, s in enumerate(steps):
        where = f"Langkah {s.no}"
        if s.lane_id not in lanes:
            issues.append(Issue(ERROR, f"{where}, kolom Pelaksana: lajur tidak ada pada SOP ini."))
        if message := pesan_aksi(s.aksi):
            issues.append(Issue(ERROR, f"{where}, kolom Aksi: {message}"))
        if s.lane.eksternal and s.aksi:
            issues.append(
                Issue(
                    ERROR,
                    f"{where}, kolom Aksi: langkah pelaksana luar ({s.lane.label}) dicatat oleh pegawai penerima "
                    "dan tidak dapat diikat pada aksi.",
                )
            )
        if s.lane.eksternal and not office_steps:
            issues.append(
                Issue(
                    ERROR,
                    f"{where}, kolom Pelaksana: SOP memerlukan sedikitnya satu langkah pegawai kantor untuk "
                    f"mencatat langkah {s.lane.label}.",
                )
            )
        terminal = index in (0, len(steps) - 1)
        if terminal and s.kind == Step.Kind.PROCESS:
            issues.append(
                Issue(ERROR, f"{where}, kolom Simbol: langkah pertama dan terakhir harus terminator (mulai/selesai).")
            )
        if not terminal and s.kind in (Step.Kind.START, Step.Kind.END):
            issues.append(Issue(ERROR, f"{where}, kolom Simbol: terminator hanya untuk langkah pertama dan terakhir."))
        if s.kind == Step.Kind.DECISION:
            for field, label in (("ya_ke", "Ya"), ("tidak_ke", "Tidak")):
                target = getattr(s, field)
                if target is None or target not in numbers:
                    issues.append(
                        Issue(ERROR, f"{where}, kolom {label}: cabang keputusan harus menunjuk langkah yang ada.")
                    )
        elif s.ya_ke or s.tidak_ke:
            issues.append(Issue(ERROR, f"{where}, kolom Ya/Tidak: hanya langkah keputusan yang memiliki cabang."))
        parsed = parse_waktu(s.waktu_cetak) if s.waktu_cetak else None
        if s.waktu_cetak and parsed is None:
            issues.append(Issue(ERROR, f'{where}, kolom Waktu: "{s.waktu_cetak}" tidak dapat dibaca.'))
        if not s.waktu_cetak:
            issues.append(Issue(WARNING, f"{where}, kolom Waktu: waktu baku belum diisi."))
        if parsed:
            value, unit = parsed
            if unit == "menit" and value < 5 and "olah" in s.uraian.lower():
                issues.append(
                    Issue(
                        WARNING,
                        f'{where}, kolom Waktu: "{s.waktu_cetak}" terlalu singkat untuk mengolah data? Periksa dokumen asli.',
                    )
                )
            if unit == "menit" and value >= 60:
                issues.append(
                    Issue(WARNING, f'{where}, kolom Waktu: "{s.waktu_cetak}" mungkin lebih tepat ditulis dalam Jam.')
                )
            if unit == "hari" and value >= Decimal(30):
                issues.append(
                    Issue(
                        WARNING,
                        f'{where}, kolom Waktu: "{s.waktu_cetak}" sangat panjang untuk satu langkah; periksa kembali.',
                    )
                )
        if s.lane_inferred and revision.lajur_diperiksa_pada is None:
            issues.append(
                Issue(WARNING, f"{where}, kolom Pelaksana: lajur disimpulkan saat transkripsi; mohon ditinjau.")
            )
    # Errors of the source document kept as printed (sop/galat.py): for the office to correct, not a block.
    issues.extend(Issue(WARNING, galat.pesan(g)) for g in galat.daftar(revision, steps=steps) if g.masih_ada)
    return issues


def errors(revision: SopRevision) -> list[str]:
    return [i.message for i in validate_revision(revision) if i.severity == ERROR]


def lajur_tanpa_langkah(lanes: list[Lane], steps: list[Step]) -> list[Lane]:
    """Lanes (Pelaksana columns) no step sits in: printed in the document, or a sign of a lost lane mark."""
    used = {s.lane_id for s in steps}
    return [lane for lane in lanes if lane.pk not in used]


def _daftar(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def lajur_tertunda(revision: SopRevision) -> str:
    """Why the lanes still need the Camat's review ("" when they do not): the inferred steps, the empty lanes."""
    if not revision.lajur_perlu_diperiksa:
        return ""
    lanes = list(revision.lanes.all())
    steps = list(revision.steps.order_by("no"))
    inferred = [str(s.no) for s in steps if s.lane_inferred]
    message = (
        "Lajur pelaksana belum diperiksa terhadap dokumen asli: lajur langkah "
        f"{_daftar(inferred)} disimpulkan saat transkripsi"
    )
    empty = lajur_tanpa_langkah(lanes, steps)
    if empty:
        message += f"; lajur tanpa langkah: {_daftar([lane.label for lane in empty])}"
    return message + ". Camat kecamatan perlu memeriksa dan mengonfirmasi lajur (Periksa lajur)."
