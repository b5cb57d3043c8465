"""The one measurement model: every figure of an indicator, computed here and only here.

Pages (entry, quarter, Beranda, dashboard, kabupaten rekap), documents
(quarterly, semester, LKIP), workbooks and workflow blockers read these
objects and compute nothing themselves. The formulas are in kinerja.capaian;
this module decides which target each realisation is judged against.

Definitions, per indicator and span of quarters (a quarter "TW III", a
semester, or "s.d. TW III" = TW I..TW III):

* target periode — the Rencana Aksi targets of the span, combined by the
  indicator's aggregation (kumulatif: sum; akhir: the last quarter's target;
  rata: mean). Qualitative indicators: the target level of the span's last
  quarter, or the annual target level when the Rencana Aksi sets none.
* realisasi periode — the realisations of the span, combined the same way.
  Kumulatif needs every quarter of the span filled; akhir and rata need the
  span's last quarter filled (rata is the mean of the quarters reported).
  Otherwise "belum diisi", with the quarter named.
* tidak ada kegiatan — an indicator may carry, instead of a value, an
  explicit "tidak ada kegiatan" with a reason (Realisasi.tidak_ada_kegiatan).
  PermenPAN-RB 53/2014 measures capaian only as realisation against target
  and gives no rule for a quarter without activity; reading it as 0 would
  print a capaian of 0% (and a predikat) for work that was never scheduled.
  So the quarter counts as reported (it may be submitted: kinerja.gates)
  while its figures stay "belum diisi", the reason naming the declaration;
  like any "belum diisi" it is left out of the sasaran mean.
* capaian periode — realisasi periode against target periode (PermenPAN-RB
  53/2014 measurement: R/T × 100; negative indicators (2T − R)/T × 100 floored
  at 0 per PermenPAN-RB 8/2021, or T/R × 100 per indicator). A quarter is
  judged against that quarter's target, "s.d. TW III" against the target
  s.d. TW III: never a mid-year realisation against the annual target.
* capaian tahunan — realisasi s.d. TW IV against the annual target (PK).
* progres terhadap target tahunan — realisasi s.d. a quarter against the
  annual target, shown as progress and never with a predikat. A negative
  indicator has no mid-year progress: lower-is-better is judged only when the
  year ends.
* predikat — the kabupaten's bands (Permendagri 86/2017 defaults) on a
  capaian judged against its matching target, taken from the printed
  (two-decimal) value so "91,00%" is never printed beside "Tinggi".
* status — each figure carries the status of the quarters it is made of
  (draft / diajukan / diverifikasi / disetujui); it is final only when every
  one of them is disetujui.
* sasaran — mean of its indicators' computable capaian (kinerja.capaian).
* budget per sasaran — a sub kegiatan's pagu and realisation are attributed to
  the sasaran of the indicators it supports, in equal shares when they belong
  to several sasaran; sub kegiatan supporting none appear as "tidak terkait
  sasaran", so the per-sasaran table always sums to the totals.

Printed precision lives here too: capaian, serapan, progres and averages are
rounded once to two decimals (`bulat`); stored values keep their own
precision. Every builder costs a constant number of SQL queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Prefetch, Sum

from kinerja import berjenjang
from kinerja import capaian as rumus
from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    KriteriaPredikat,
    PerjanjianKinerja,
    Realisasi,
    RencanaAksi,
    Sasaran,
    SubKegiatan,
    Triwulan,
)
from sakip import periode, permissions

S = Triwulan.Status
STATUS_ORDER = [S.DRAFT, S.DIAJUKAN, S.DIVERIFIKASI, S.DISETUJUI]
STATUS_LABEL = dict(Triwulan.Status.choices)
TWO = Decimal("0.01")


def bulat(value) -> Decimal | None:
    """The printed precision of derived figures (capaian, serapan, progres, averages): two decimals."""
    if value is None:
        return None
    return (value if type(value) is Decimal else Decimal(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def serapan(realisasi, pagu) -> Decimal | None:
    """Budget absorption as every page and document prints it (kinerja.capaian.serapan, two decimals)."""
    return bulat(rumus.serapan(realisasi, pagu))


def _rounded(cap: rumus.Capaian, bands, *, berpredikat: bool = True) -> rumus.Capaian:
    if bands and type(bands) is not tuple:
        bands = tuple(bands)
    return rumus.Capaian(cap.status, bulat(cap.nilai), cap.alasan, bands=bands or None, berpredikat=berpredikat)


def label_tw(triwulan: int) -> str:
    return periode.tw(triwulan)


def label_rentang(dari: int, sampai: int) -> str:
    if dari == sampai:
        return label_tw(sampai)
    if dari == 1:
        return f"s.d. {label_tw(sampai)}"
    return f"{label_tw(dari)}–{label_tw(sampai)}"


@dataclass(slots=True)  # built per value: see kinerja.capaian.Capaian
class Level:
    """A qualitative value: a level of the indicator's scale and its score."""

    label: str
    skor: Decimal

    def __str__(self):
        return self.label


@dataclass(slots=True)
class Spec:
    """What the formulas need to know of an indicator."""

    target_tahunan: object  # Decimal | Level | None
    agregasi: str
    polaritas: str
    rumus_negatif: str
    kualitatif: bool


def _level(obj) -> Level | None:
    return None if obj is None else Level(obj.label, Decimal(obj.skor))


def _combine(values: list, cara: str, *, strict: bool):
    """Combine quarterly values of a span; `strict` (realisations) needs them present (see module docstring)."""
    if strict:
        if values[-1] is None:
            return None
        if cara == "kumulatif" and any(v is None for v in values):
            return None
    result = rumus.agregasi(values, cara)
    if result is not None and cara == "rata":
        return bulat(result)
    return result


def _missing_quarter(values: list, dari: int, cara: str) -> int | None:
    """The quarter whose blank realisation makes the span "belum diisi" (for the reason shown)."""
    if values[-1] is None:
        return dari + len(values) - 1
    if cara == "kumulatif":
        for offset, v in enumerate(values):
            if v is None:
                return dari + offset
    return None


def _capaian(spec: Spec, target, realisasi) -> rumus.Capaian:
    if spec.kualitatif:
        return rumus.hitung_capaian_level(target_level=target, realisasi_level=realisasi)
    return rumus.hitung_capaian(
        target=target, realisasi=realisasi, polaritas=spec.polaritas, rumus_negatif=spec.rumus_negatif
    )


_STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_ORDER)}


def _status_of(statuses: dict[int, str], quarters) -> str:
    """The least advanced status of the quarters a figure is made of."""
    return STATUS_ORDER[min(_STATUS_RANK[statuses.get(t, S.DRAFT)] for t in quarters)]


@dataclass(slots=True)
class Angka:
    """The figures of one indicator over one span of quarters."""

    dari: int
    sampai: int
    target: object  # Decimal | Level | None
    realisasi: object
    capaian: rumus.Capaian
    statuses: dict = field(repr=False, compare=False)  # the kecamatan's {tw: status}

    @property
    def status(self) -> str:
        """The least advanced status of the quarters the figure is made of (read when shown: the rekap,
        which builds hundreds of figures, never shows it; make bench)."""
        return _status_of(self.statuses, range(self.dari, self.sampai + 1))

    @property
    def label(self) -> str:
        return label_rentang(self.dari, self.sampai)

    @property
    def final(self) -> bool:
        return self.status == S.DISETUJUI

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]


class Ukuran:
    """Every figure of one indicator for one year (pure: built from plain values, no queries)."""

    def __init__(
        self, spec: Spec, targets: dict, values: dict, statuses: dict, bands, *, indikator=None, tanpa_kegiatan=None
    ):
        self.spec = spec
        self.tanpa_kegiatan = tanpa_kegiatan or {}  # {tw: reason} quarters declared "tidak ada kegiatan"
        self.targets = targets  # {tw: Decimal | Level}
        self.values = values  # {tw: Decimal | Level}
        self.statuses = statuses  # {tw: status} of the kecamatan's quarters
        self.bands = bands
        self.indikator = indikator
        self._spans: dict[tuple[int, int], Angka] = {}

    def rentang(self, dari: int, sampai: int) -> Angka:
        key = (dari, sampai)
        if key not in self._spans:
            self._spans[key] = self._build(dari, sampai)
        return self._spans[key]

    def _build(self, dari: int, sampai: int) -> Angka:
        quarters = range(dari, sampai + 1)
        cara = "akhir" if self.spec.kualitatif else self.spec.agregasi
        targets = [self.targets.get(t) for t in quarters]
        values = [self.values.get(t) for t in quarters]
        if self.spec.kualitatif:
            # A qualitative target is a level to hold: a quarter without its own level holds the annual one.
            target, realisasi = targets[-1] or self.spec.target_tahunan, values[-1]
        else:
            target = _combine(targets, cara, strict=False)
            realisasi = _combine(values, cara, strict=True)
        if realisasi is None:
            missing = _missing_quarter(values, dari, cara)
            if missing in self.tanpa_kegiatan:
                cap = rumus.belum_diisi(f"Tidak ada kegiatan pada {label_tw(missing)}: {self.tanpa_kegiatan[missing]}")
            else:
                cap = rumus.belum_diisi(f"Realisasi {label_tw(missing)} belum diisi." if missing else "")
        elif target is None:
            cap = rumus.tidak_dapat_dihitung(f"target {label_rentang(dari, sampai)} belum ditetapkan")
        else:
            cap = _capaian(self.spec, target, realisasi)
        return Angka(dari, sampai, target, realisasi, _rounded(cap, self.bands), self.statuses)

    def triwulan(self, t: int) -> Angka:
        """TW t against the target of TW t."""
        return self.rentang(t, t)

    def sampai(self, t: int) -> Angka:
        """s.d. TW t against the target s.d. TW t."""
        return self.rentang(1, t)

    @cached_property
    def tahunan(self) -> Angka:
        """The year: realisasi s.d. TW IV against the annual target of the PK."""
        sd = self.sampai(4)
        if sd.realisasi is None:
            cap = sd.capaian
        elif self.spec.target_tahunan is None:
            cap = rumus.tidak_dapat_dihitung("target tahunan belum ditetapkan")
        else:
            cap = _capaian(self.spec, self.spec.target_tahunan, sd.realisasi)
        return Angka(1, 4, self.spec.target_tahunan, sd.realisasi, _rounded(cap, self.bands), self.statuses)

    def terhadap(self, target) -> rumus.Capaian:
        """The year's realisation against another target (the Renstra's end target): no predikat."""
        realisasi = self.tahunan.realisasi
        if realisasi is None:
            cap = self.tahunan.capaian
        elif target is None:
            cap = rumus.tidak_dapat_dihitung("target belum diisi")
        else:
            cap = _capaian(self.spec, target, realisasi)
        return _rounded(cap, None, berpredikat=False)

    def progres(self, t: int) -> Angka:
        """Realisasi s.d. TW t against the annual target: progress, never with a predikat."""
        if t == 4:
            year = self.tahunan
            return Angka(
                1, 4, year.target, year.realisasi, _rounded(year.capaian, None, berpredikat=False), self.statuses
            )
        sd = self.sampai(t)
        if sd.realisasi is None:
            cap = sd.capaian
        elif self.spec.polaritas == "negatif" and not self.spec.kualitatif:
            cap = rumus.tidak_dapat_dihitung("indikator negatif dinilai terhadap target tahunan pada akhir tahun")
        elif self.spec.target_tahunan is None:
            cap = rumus.tidak_dapat_dihitung("target tahunan belum ditetapkan")
        else:
            cap = _capaian(self.spec, self.spec.target_tahunan, sd.realisasi)
        return Angka(
            1, t, self.spec.target_tahunan, sd.realisasi, _rounded(cap, None, berpredikat=False), self.statuses
        )


def rata_sasaran(caps, bands) -> rumus.Capaian:
    """A sasaran's (or the whole report's) capaian: the mean of its computable indicators, rounded once."""
    return _rounded(rumus.capaian_sasaran(list(caps)), bands)


@dataclass
class IndikatorUkur:
    indikator: Indikator
    nomor: str
    ukuran: Ukuran
    # {tw: Realisasi} stored rows (hambatan, upaya, evidence, who entered); None when read with baris=False
    realisasi: dict | None
    rencana: dict | None  # {tw: RencanaAksi}

    def __getattr__(self, name):
        # triwulan(t), sampai(t), tahunan, progres(t), rentang(a, b) come from the figures.
        if name in {"triwulan", "sampai", "tahunan", "progres", "rentang", "terhadap"}:
            return getattr(self.ukuran, name)
        raise AttributeError(name)

    @property
    def target_tahunan(self):
        return self.ukuran.spec.target_tahunan

    @property
    def kuartal(self) -> list[Angka]:
        """TW I..IV, each against its own target."""
        return [self.ukuran.triwulan(t) for t in (1, 2, 3, 4)]


@dataclass
class SasaranUkur:
    sasaran: Sasaran
    indikator: list[IndikatorUkur]
    bands: tuple

    def rentang(self, dari: int, sampai: int) -> rumus.Capaian:
        return rata_sasaran((i.ukuran.rentang(dari, sampai).capaian for i in self.indikator), self.bands)

    @cached_property
    def tahunan(self) -> rumus.Capaian:
        return rata_sasaran((i.ukuran.tahunan.capaian for i in self.indikator), self.bands)


@dataclass
class AnggaranBaris:
    sub: SubKegiatan | None  # None when read for the totals only (`load_anggaran(ringkas=True)`)
    program: str
    kegiatan: str
    realisasi_tw: list  # Decimal | None per quarter
    sasaran_ids: list[int]
    indikator_ids: list[int] = field(default_factory=list)
    pagu: Decimal = Decimal(0)

    def realisasi_sampai(self, t: int) -> Decimal:
        return sum((v for v in self.realisasi_tw[:t] if v is not None), Decimal(0))

    def serapan_sampai(self, t: int) -> Decimal | None:
        return serapan(self.realisasi_sampai(t), self.pagu)


@dataclass
class AnggaranSasaran:
    """The budget attributed to one sasaran (None = sub kegiatan that support no sasaran)."""

    sasaran_id: int | None
    pagu: Decimal = Decimal(0)
    realisasi: Decimal = Decimal(0)
    pendukung: list = field(default_factory=list)

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.realisasi, self.pagu)


@dataclass
class Anggaran:
    baris: list[AnggaranBaris]

    @property
    def total_pagu(self) -> Decimal:
        return sum((b.pagu for b in self.baris), Decimal(0))

    def total_realisasi(self, t: int = 4) -> Decimal:
        return sum((b.realisasi_sampai(t) for b in self.baris), Decimal(0))

    def total_serapan(self, t: int = 4) -> Decimal | None:
        return serapan(self.total_realisasi(t), self.total_pagu)

    def serapan_triwulan(self, t: int) -> Decimal | None:
        """Realisation in TW t against the year's pagu."""
        return serapan(self.realisasi_triwulan(t), self.total_pagu) if self.baris else None

    def realisasi_triwulan(self, t: int) -> Decimal | None:
        known = [b.realisasi_tw[t - 1] for b in self.baris if b.realisasi_tw[t - 1] is not None]
        return sum(known, Decimal(0)) if known else None

    def berjenjang(self, t: int = 4) -> list[dict]:
        """Programme and kegiatan rows with their subtotals, each followed by its rows (PermenPAN-RB
        53/2014, Realisasi Anggaran): pagu, realisation s.d. TW t and serapan; the leaves are sub kegiatan."""
        rows, groups = [], {}
        for b in self.baris:
            kegiatan = b.sub.kegiatan
            for jenis, obj in (("program", kegiatan.program), ("kegiatan", kegiatan)):
                key = (jenis, obj.pk)
                if key not in groups:
                    groups[key] = {"jenis": jenis, "kode": obj.kode, "nama": obj.nama, "pagu": Decimal(0)}
                    groups[key]["realisasi"] = Decimal(0)
                    rows.append(groups[key])
                groups[key]["pagu"] += b.pagu
                groups[key]["realisasi"] += b.realisasi_sampai(t)
            rows.append(
                {
                    "jenis": "sub",
                    "kode": b.sub.kode,
                    "nama": b.sub.nama,
                    "pagu": b.pagu,
                    "realisasi": b.realisasi_sampai(t),
                }
            )
        for row in rows:
            row["serapan"] = serapan(row["realisasi"], row["pagu"])
        return rows

    def per_sasaran(self, t: int = 4) -> dict[int | None, AnggaranSasaran]:
        """Pagu and realisation s.d. TW t per sasaran; shared sub kegiatan split in equal shares to the sen."""
        result: dict[int | None, AnggaranSasaran] = {}
        for b in self.baris:
            keys = b.sasaran_ids or [None]
            pagu_parts, real_parts = bagi(b.pagu, len(keys)), bagi(b.realisasi_sampai(t), len(keys))
            suffix = f" (1/{len(keys)} bagian)" if len(keys) > 1 else ""
            for key, pagu, realisasi in zip(keys, pagu_parts, real_parts, strict=True):
                item = result.setdefault(key, AnggaranSasaran(key))
                item.pagu += pagu
                item.realisasi += realisasi
                item.pendukung.append(f"{b.sub.kode} {b.sub.nama}{suffix}")
        return result


def bagi(amount: Decimal, n: int) -> list[Decimal]:
    """`amount` (rupiah, two decimals) in n shares that differ by at most one sen and add up exactly."""
    sen = int((Decimal(amount) * 100).to_integral_value())
    base, rest = divmod(sen, n)
    return [Decimal(base + (1 if i < rest else 0)) / 100 for i in range(n)]


@dataclass
class Pengukuran:
    """Every figure of one kecamatan for one year."""

    kecamatan: object
    tahun: int
    pk: PerjanjianKinerja | None
    sasaran: list[SasaranUkur]
    statuses: dict[int, str]
    bands: tuple
    # The computed parents of the kecamatan's year (kinerja.berjenjang), read once here and shared with the
    # entry page, which shows each computed indicator's supporting ones (no second query).
    pendukung: berjenjang.Pendukung | None = field(default=None, repr=False, compare=False)

    @cached_property
    def anggaran(self) -> Anggaran:
        """The year's budget, loaded only by the pages and documents that show it (3 queries)."""
        return load_anggaran(self.kecamatan.pk, self.tahun)

    @cached_property
    def anggaran_ringkas(self) -> Anggaran:
        """The year's budget for its totals and serapan only (1 query, no rows to print)."""
        return load_anggaran(self.kecamatan.pk, self.tahun, ringkas=True)

    @property
    def indikator(self) -> list[IndikatorUkur]:
        return [i for s in self.sasaran for i in s.indikator]

    def status(self, t: int) -> str:
        return self.statuses.get(t, S.DRAFT)

    def rata(self, dari: int, sampai: int) -> rumus.Capaian:
        return rata_sasaran((i.ukuran.rentang(dari, sampai).capaian for i in self.indikator), self.bands)

    @cached_property
    def rata_tahunan(self) -> rumus.Capaian:
        return rata_sasaran((i.ukuran.tahunan.capaian for i in self.indikator), self.bands)

    def kosong(self, t: int) -> int:
        """Indicators with no realisation in TW t."""
        return sum(1 for i in self.indikator if i.ukuran.values.get(t) is None)

    def belum_dilaporkan(self, t: int) -> list[IndikatorUkur]:
        """Indicators of TW t with neither a value nor a declared "tidak ada kegiatan" (kinerja.gates)."""
        return [i for i in self.indikator if i.ukuran.values.get(t) is None and t not in i.ukuran.tanpa_kegiatan]


# --- Loading (constant number of queries) ---


def kriteria_predikat(kabupaten_id: int | None) -> tuple:
    """The kabupaten's predikat bands, highest first; the regulation's defaults when it set none."""
    rows = KriteriaPredikat.objects.filter(kabupaten_id=kabupaten_id).values_list("batas_bawah", "predikat")
    return tuple(rows) or rumus.DEFAULT_BANDS


def kriteria_predikat_map(kabupaten_ids) -> dict:
    """{kabupaten id: bands} for several kabupaten in one query (defaults where none are set)."""
    found: dict[int, list] = {}
    for kab_id, batas, label in KriteriaPredikat.objects.filter(kabupaten_id__in=kabupaten_ids).values_list(
        "kabupaten_id", "batas_bawah", "predikat"
    ):
        found.setdefault(kab_id, []).append((batas, label))
    return {kab_id: tuple(found.get(kab_id, ())) or rumus.DEFAULT_BANDS for kab_id in kabupaten_ids}


def quarter_statuses(kecamatan_ids, tahun: int) -> dict[int, dict[int, str]]:
    """{kecamatan id: {tw: status}}; a quarter never opened is draft (no row is created for reading)."""
    result: dict[int, dict[int, str]] = defaultdict(dict)
    for kec_id, tw, status in Triwulan.objects.filter(kecamatan_id__in=kecamatan_ids, tahun=tahun).values_list(
        "kecamatan_id", "triwulan", "status"
    ):
        result[kec_id][tw] = status
    return result


def current_pk(kecamatan_id: int, tahun: int, *, user=None) -> PerjanjianKinerja | None:
    qs = PerjanjianKinerja.objects.milik_camat().filter(kecamatan_id=kecamatan_id, tahun=tahun)
    if user is not None:
        qs = permissions.scope(user, qs)
    return (
        qs.exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .select_related("pihak_pertama")
        .order_by("-revisi")
        .first()
    )


def _spec(ind: Indikator) -> Spec:
    target = _level(ind.target_level) if ind.kualitatif else ind.target_tahunan
    return Spec(target, ind.agregasi, ind.polaritas, ind.rumus_negatif, ind.kualitatif)


def _nilai(kualitatif: bool, angka, level: Level | None):
    """A stored target or realisation as the formulas read it: the level of a qualitative indicator, else
    the number (None = blank). The one rule for both loaders below."""
    return level if kualitatif else angka


def ukur_indikator(ind: Indikator, statuses: dict, bands) -> Ukuran:
    """The figures of one indicator whose `ra_list` and `real_list` are prefetched."""
    targets, values, tanpa = {}, {}, {}
    for ra in ind.ra_list:
        value = _nilai(ind.kualitatif, ra.target, _level(ra.target_level) if ra.target_level_id else None)
        if value is not None:
            targets[ra.triwulan] = value
    for r in ind.real_list:
        value = _nilai(ind.kualitatif, r.nilai, _level(r.nilai_level) if r.nilai_level_id else None)
        if value is not None:
            values[r.triwulan] = value
        elif r.tidak_ada_kegiatan and r.alasan_tidak_ada_kegiatan.strip():
            tanpa[r.triwulan] = r.alasan_tidak_ada_kegiatan.strip()
    return Ukuran(_spec(ind), targets, values, statuses, bands, indikator=ind, tanpa_kegiatan=tanpa)


@dataclass
class _Nilai:
    """Per indicator id: {tw: target}, {tw: value} and {tw: reason} of quarters declared "tidak ada kegiatan"."""

    targets: dict = field(default_factory=lambda: defaultdict(dict))
    values: dict = field(default_factory=lambda: defaultdict(dict))
    tanpa: dict = field(default_factory=lambda: defaultdict(dict))


def _muat_nilai(ra_rows, real_rows, kualitatif: dict[int, bool]) -> _Nilai:
    """Targets and realisations of the indicators in `kualitatif` ({id: is qualitative}) from value tuples
    (2 queries, no model instances: building Realisasi and RencanaAksi instances was the dashboard's and
    the rekap's largest cost, make bench). Rows of other indicators (a superseded PK's) are skipped."""
    found = _Nilai()
    for ind_id, tw, target, label, skor in ra_rows.order_by().values_list(
        "indikator_id", "triwulan", "target", "target_level__label", "target_level__skor"
    ):
        if ind_id in kualitatif:
            value = _nilai(kualitatif[ind_id], target, None if label is None else Level(label, Decimal(skor)))
            if value is not None:
                found.targets[ind_id][tw] = value
    for ind_id, tw, nilai, label, skor, tanpa, alasan in real_rows.order_by().values_list(
        "indikator_id",
        "triwulan",
        "nilai",
        "nilai_level__label",
        "nilai_level__skor",
        "tidak_ada_kegiatan",
        "alasan_tidak_ada_kegiatan",
    ):
        if ind_id in kualitatif:
            value = _nilai(kualitatif[ind_id], nilai, None if label is None else Level(label, Decimal(skor)))
            if value is not None:
                found.values[ind_id][tw] = value
            elif tanpa and alasan.strip():
                found.tanpa[ind_id][tw] = alasan.strip()
    return found


def _indicator_queryset():
    """Indicators with their Rencana Aksi and realisations of every quarter as model instances (the
    documents: hambatan, upaya, evidence)."""
    return (
        Indikator.objects.select_related("penanggung_jawab", "skala", "target_level")
        .prefetch_related(
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.select_related("target_level"), to_attr="ra_list"),
            Prefetch(
                "realisasi",
                queryset=Realisasi.objects.select_related("nilai_level").order_by("triwulan"),
                to_attr="real_list",
            ),
        )
        .order_by("urutan")
    )


def _isian_queryset(triwulan: int):
    """The entry page's indicators: the stored row of quarter `triwulan` only (the form's value, who entered
    it, evidence) and the scale's levels; every figure comes from value tuples (`_muat_nilai`). Building
    the rows of the other quarters and the Rencana Aksi as instances was the page's largest cost (make
    bench)."""
    realisasi = (
        Realisasi.objects.filter(triwulan=triwulan)
        .select_related("nilai_level", "diisi_oleh", "kewajaran_oleh", "usulan_oleh")
        .prefetch_related(Prefetch("bukti", to_attr="bukti_list"))
    )
    return (
        Indikator.objects.select_related("penanggung_jawab", "skala", "target_level", "sumber_hitung")
        .prefetch_related("skala__levels", Prefetch("realisasi", queryset=realisasi, to_attr="real_list"))
        .order_by("urutan")
    )


def load_anggaran(kecamatan_id: int, tahun: int, *, ringkas: bool = False) -> Anggaran:
    """The year's sub kegiatan with realisation per quarter and the sasaran they support (3 queries).
    `ringkas`: pagu and realisation only, from value tuples (1 query; `sub` None, no sasaran): what the
    totals and serapan need (the dashboard)."""
    subs = SubKegiatan.objects.filter(kecamatan_id=kecamatan_id, kegiatan__program__tahun=tahun)
    if ringkas:
        # One row per sub kegiatan and quarter (a sub kegiatan without any quarter still comes, once).
        pagu: dict[int, Decimal] = {}
        by_sub: dict[int, list] = defaultdict(lambda: [None] * 4)
        for sub_id, sub_pagu, tw, realisasi in subs.order_by("pk").values_list(
            "pk", "pagu", "anggaran__triwulan", "anggaran__realisasi"
        ):
            pagu[sub_id] = sub_pagu
            if tw is not None:
                by_sub[sub_id][tw - 1] = realisasi
        return Anggaran([AnggaranBaris(None, "", "", list(by_sub[i]), [], pagu=p) for i, p in pagu.items()])
    subs = (
        subs.select_related("kegiatan__program")
        .prefetch_related(
            Prefetch("anggaran", queryset=AnggaranTriwulan.objects.order_by("triwulan"), to_attr="tw_list"),
            Prefetch(
                "indikator",
                queryset=Indikator.objects.exclude(sasaran__perjanjian__status="digantikan").only("id", "sasaran_id"),
                to_attr="ind_list",
            ),
        )
        .order_by("kegiatan__program__kode", "kegiatan__kode", "kode")
    )
    baris = []
    for sub in subs:
        by_tw = {a.triwulan: a.realisasi for a in sub.tw_list}
        sasaran_ids = sorted({i.sasaran_id for i in sub.ind_list})
        baris.append(
            AnggaranBaris(
                sub=sub,
                program=str(sub.kegiatan.program),
                kegiatan=str(sub.kegiatan),
                realisasi_tw=[by_tw.get(t) for t in (1, 2, 3, 4)],
                sasaran_ids=sasaran_ids,
                indikator_ids=sorted(i.pk for i in sub.ind_list),
                pagu=sub.pagu,
            )
        )
    return Anggaran(baris)


def indikator_queryset(*, baris: bool = True, isian: int | None = None):
    """The indicators' queryset for `ukur_list` (see `ukur_kecamatan` for `baris` and `isian`)."""
    if isian is not None:
        return _isian_queryset(isian)
    if baris:
        return _indicator_queryset()
    return Indikator.objects.select_related("target_level").order_by("urutan")


def ukur_list(indicators, statuses: dict, bands, *, baris: bool = True, isian: int | None = None):
    """An IndikatorUkur (numbered by its sasaran) per indicator of `indicators`, read through
    `indikator_queryset(baris=…, isian=…)` with `sasaran` loaded. The figures come from the prefetched
    instances when `baris` (and no `isian`), else from value tuples (2 queries)."""
    indicators = list(indicators)
    if baris and isian is None:
        figures = [ukur_indikator(ind, statuses, bands) for ind in indicators]
    else:
        kualitatif = {ind.pk: ind.kualitatif for ind in indicators}
        nilai = (
            _muat_nilai(
                RencanaAksi.objects.filter(indikator_id__in=kualitatif),
                Realisasi.objects.filter(indikator_id__in=kualitatif),
                kualitatif,
            )
            if indicators
            else _Nilai()
        )
        figures = [
            Ukuran(
                _spec(ind),
                nilai.targets.get(ind.pk, {}),
                nilai.values.get(ind.pk, {}),
                statuses,
                bands,
                indikator=ind,
                tanpa_kegiatan=nilai.tanpa.get(ind.pk, {}),
            )
            for ind in indicators
        ]
    stored_rows = baris or isian is not None  # `real_list` was prefetched (every quarter, or TW `isian`)
    return [
        IndikatorUkur(
            indikator=ind,
            nomor=f"{ind.sasaran.urutan}.{ind.urutan}",
            ukuran=ukuran,
            realisasi={r.triwulan: r for r in ind.real_list} if stored_rows else None,
            rencana={ra.triwulan: ra for ra in ind.ra_list} if baris and isian is None else None,
        )
        for ind, ukuran in zip(indicators, figures, strict=True)
    ]


def ukur_kecamatan(
    kecamatan, tahun: int, *, user=None, indikator_filter=None, baris: bool = True, isian: int | None = None
) -> Pengukuran:
    """Every figure of a kecamatan's year (the current PK), from one prefetch.

    With `user`, the PK is read through sakip.permissions.scope (documents built
    for a report pass none: the report itself was read through the scope);
    `indikator_filter` (a Q) narrows the indicators. `baris=False` is for
    readers of figures only (dashboard, gates, workflow blockers, pohon): the
    stored rows (`IndikatorUkur.realisasi`/`rencana`: hambatan, upaya, evidence)
    are not loaded and are None; the figures are the same. `isian=t` is the
    entry page's: the stored row of quarter t only (`realisasi` = {t: row},
    with who entered it and its evidence), `rencana` None.
    """
    pk = current_pk(kecamatan.pk, tahun, user=user)
    statuses = quarter_statuses([kecamatan.pk], tahun).get(kecamatan.pk, {})
    bands = kriteria_predikat(kecamatan.kabupaten_id)
    sasaran_rows = []
    if pk is not None:
        indicators = indikator_queryset(baris=baris, isian=isian)
        if indikator_filter is not None:
            indicators = indicators.filter(indikator_filter)
        sasaran_list = list(
            pk.sasaran.order_by("urutan").prefetch_related(
                Prefetch("indikator", queryset=indicators, to_attr="ind_list")
            )
        )
        for sasaran in sasaran_list:
            for ind in sasaran.ind_list:
                ind.sasaran = sasaran
        items = iter(
            ukur_list((i for s in sasaran_list for i in s.ind_list), statuses, bands, baris=baris, isian=isian)
        )
        for sasaran in sasaran_list:
            ukur = [next(items) for _ in sasaran.ind_list]
            if ukur or indikator_filter is None:
                sasaran_rows.append(SasaranUkur(sasaran, ukur, bands))
    # A Camat's indicator computed from its supporting indicators (PK berjenjang): kinerja.berjenjang (read
    # lazily: no query when none of the indicators is computed).
    pendukung = berjenjang.Pendukung([kecamatan.pk], tahun)
    pendukung.terapkan(i.ukuran for s in sasaran_rows for i in s.indikator)
    return Pengukuran(
        kecamatan=kecamatan,
        tahun=tahun,
        pk=pk,
        sasaran=sasaran_rows,
        statuses=statuses,
        bands=bands,
        pendukung=pendukung,
    )


def serapan_kabupaten(kecamatan_ids, tahun: int) -> dict[int, Decimal | None]:
    """{kecamatan id: serapan of the year} for many kecamatan (1 query); same rule as `Anggaran`.

    One row per sub kegiatan (its pagu and the sum of its quarters), added up per kecamatan here: summing
    the pagu across the join with the quarters would count it once per quarter."""
    pagu: dict[int, Decimal] = defaultdict(Decimal)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for kec_id, p, r in (
        SubKegiatan.objects.filter(kecamatan_id__in=kecamatan_ids, kegiatan__program__tahun=tahun)
        .values("pk")
        .annotate(r=Sum("anggaran__realisasi"))
        .values_list("kecamatan_id", "pagu", "r")
        .order_by()
    ):
        pagu[kec_id] += p
        spent[kec_id] += r or 0
    return {k: serapan(spent[k], pagu[k]) if pagu.get(k) else None for k in kecamatan_ids}


def disetujui_berurutan(statuses: dict[int, str]) -> int:
    """How many quarters, from TW I on without a gap, are approved (0 to 4)."""
    n = 0
    for t in (1, 2, 3, 4):
        if statuses.get(t) != S.DISETUJUI:
            break
        n = t
    return n


@dataclass
class KecamatanRingkas:
    """One kecamatan of the kabupaten rekap: the capaian judged on approved data only."""

    kecamatan: object
    statuses: dict[int, str]
    ukuran: list[Ukuran]
    bands: tuple

    @property
    def disetujui(self) -> int:
        return disetujui_berurutan(self.statuses)

    @cached_property
    def capaian(self) -> rumus.Capaian:
        """Mean capaian s.d. the last approved quarter (the year when all four are)."""
        n = self.disetujui
        if n == 0:
            return rumus.belum_diisi("Belum ada triwulan yang disetujui.")
        if n == 4:
            return rata_sasaran((u.tahunan.capaian for u in self.ukuran), self.bands)
        return rata_sasaran((u.sampai(n).capaian for u in self.ukuran), self.bands)

    @property
    def dasar(self) -> str:
        n = self.disetujui
        if n == 0:
            return "—"
        return "tahunan" if n == 4 else f"s.d. {label_tw(n)}"


def ukur_kabupaten(kecamatan_list, tahun: int, *, uraian: str | None = None) -> list[KecamatanRingkas]:
    """The figures of many kecamatan at once (rekap): plain tuples, constant queries. With `uraian`, only the
    indicator of that name (case-insensitive) in each kecamatan: the drill-down of one indicator."""
    ids = [k.pk for k in kecamatan_list]
    statuses = quarter_statuses(ids, tahun)
    bands = kriteria_predikat_map({k.kabupaten_id for k in kecamatan_list})
    current = (
        Indikator.objects.milik_camat()
        .filter(kecamatan_id__in=ids, tahun=tahun)
        .exclude(sasaran__perjanjian__status="digantikan")
    )
    if uraian is not None:
        current = current.filter(uraian__iexact=uraian.strip())
    # The rekap judges each kecamatan s.d. its last approved quarter: later quarters are never read.
    needed = max((disetujui_berurutan(statuses.get(k.pk, {})) for k in kecamatan_list), default=0)
    indicators = list(
        current.values_list(
            "pk",
            "kecamatan_id",
            "target_tahunan",
            "skala_id",
            "target_level__label",
            "target_level__skor",
            "agregasi",
            "polaritas",
            "rumus_negatif",
            "hitung_dari_pendukung",
        ).order_by("kecamatan_id", "sasaran__urutan", "urutan")
    )
    # Plans joined to their indicator by kecamatan and year, values by kecamatan and year (their own indexed
    # columns): an IN list of every indicator id cost more to build than the join (make bench). The join
    # names the indicator's kecamatan too: with the year alone PostgreSQL scanned every indicator of the
    # country (80 ms of the rekap's 95 at 7.000 kecamatan, make bench; 2,5 ms through the (kecamatan, tahun)
    # index). Later quarters than the last approved one are never read.
    kualitatif = {row[0]: row[3] is not None for row in indicators}
    nilai = (
        _muat_nilai(
            RencanaAksi.objects.filter(
                kecamatan_id__in=ids, indikator__kecamatan_id__in=ids, indikator__tahun=tahun, triwulan__lte=needed
            ),
            Realisasi.objects.filter(kecamatan_id__in=ids, tahun=tahun, triwulan__lte=needed),
            kualitatif,
        )
        if needed
        else _Nilai()
    )
    # PK berjenjang (kinerja.berjenjang): the values of indicators computed from their supporting ones.
    computed = [pk for pk, *_, hitung_dari_pendukung in indicators if hitung_dari_pendukung]
    berjenjang.Pendukung(ids, tahun).ganti(nilai.values, nilai.tanpa, computed)
    per_kecamatan: dict[int, list[Ukuran]] = defaultdict(list)
    by_kec = {k.pk: k for k in kecamatan_list}
    for pk, kec_id, target, skala_id, tl_label, tl_skor, agregasi, polaritas, rumus_neg, _ in indicators:
        kualitatif_ = skala_id is not None
        target_level = None if tl_label is None else Level(tl_label, Decimal(tl_skor))
        spec = Spec(_nilai(kualitatif_, target, target_level), agregasi, polaritas, rumus_neg, kualitatif_)
        bands_k = bands[by_kec[kec_id].kabupaten_id]
        per_kecamatan[kec_id].append(
            Ukuran(
                spec,
                nilai.targets.get(pk, {}),
                nilai.values.get(pk, {}),
                statuses[kec_id],
                bands_k,
                tanpa_kegiatan=nilai.tanpa.get(pk, {}),
            )
        )
    return [
        KecamatanRingkas(k, statuses.get(k.pk, {}), per_kecamatan.get(k.pk, []), bands[k.kabupaten_id])
        for k in kecamatan_list
    ]
