"""The scoring of the AKIP evaluation: answers, sub-component and component values, total and predikat.

Source: Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi
Pemerintah, Lampiran (Pedoman Evaluasi AKIP and the Lembar Kerja Evaluasi):

* components and weights: Perencanaan Kinerja 30, Pengukuran Kinerja 30, Pelaporan Kinerja 15, Evaluasi
  Akuntabilitas Kinerja Internal 25 (they are data of the criteria set: `KriteriaSet` > `Komponen.bobot`);
* each component split into sub-components keberadaan 20%, kualitas 30%, pemanfaatan 50% of its weight
  (`SubKomponen.porsi`, data too);
* answers: Y = 1, T = 0; A = 1, B = 0,75, C = 0,5, D = 0,25, E = 0;
* value of a sub-component = mean of its criteria scores × its share × the component's weight;
  value of a component = sum of its sub-components; total = sum of the components (0–100);
* predikat: AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, otherwise D ("AA: > 90–100, A: > 80–90,
  BB: > 70–80, B: > 60–70, CC: > 50–60, C: > 30–50, D: 0–30"): a band's lower edge belongs to the band
  below, so exactly 90,00 is A and 30,00 is D.

Decisions of this app (the regulation is silent): an unanswered criterion scores 0 (nothing shown is
nothing proven) and is counted in `belum_dijawab`; every sub-component value is rounded once to the two
decimals the LKE prints (ROUND_HALF_UP) and the component values and the total are sums of those printed
values, so a printed table always adds up; the predikat is read from the printed total.
Pure module: Decimal only, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

YA_TIDAK = "YT"
SKALA_AE = "AE"
SKOR = {
    YA_TIDAK: {"Y": Decimal("1"), "T": Decimal("0")},
    SKALA_AE: {
        "A": Decimal("1"),
        "B": Decimal("0.75"),
        "C": Decimal("0.5"),
        "D": Decimal("0.25"),
        "E": Decimal("0"),
    },
}
LABEL_JAWABAN = {"Y": "Ya", "T": "Tidak", "A": "A", "B": "B", "C": "C", "D": "D", "E": "E"}
# (exclusive lower edge, predikat), highest first.
PREDIKAT = (
    (Decimal("90"), "AA"),
    (Decimal("80"), "A"),
    (Decimal("70"), "BB"),
    (Decimal("60"), "B"),
    (Decimal("50"), "CC"),
    (Decimal("30"), "C"),
)
PREDIKAT_TERENDAH = "D"
ARTI_PREDIKAT = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}
TWO = Decimal("0.01")
SERATUS = Decimal("100")


def bulat(value: Decimal) -> Decimal:
    """The printed precision of the LKE: two decimals, half up."""
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def pilihan(jenis: str) -> list[str]:
    """The answers a criterion of this kind accepts, in order."""
    return list(SKOR[jenis])


def skor(jawaban: str, jenis: str) -> Decimal | None:
    """The score of one answer; None when unanswered. An answer outside the criterion's scale is an error."""
    if not jawaban:
        return None
    try:
        return SKOR[jenis][jawaban]
    except KeyError:
        raise ValueError(f"Jawaban {jawaban!r} tidak dikenal untuk jenis {jenis!r}.") from None


def nilai_subkomponen(skor_list: list[Decimal | None], porsi: Decimal, bobot_komponen: Decimal) -> Decimal:
    """Mean of the criteria scores (unanswered = 0) × the share (percent) × the component weight, rounded."""
    if not skor_list:
        return Decimal("0.00")
    rata = sum((s or Decimal(0) for s in skor_list), Decimal(0)) / len(skor_list)
    return bulat(rata * Decimal(porsi) / SERATUS * Decimal(bobot_komponen))


def predikat(total: Decimal) -> str:
    """AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, else D (on the printed total)."""
    value = bulat(total)
    for batas, label in PREDIKAT:
        if value > batas:
            return label
    return PREDIKAT_TERENDAH


@dataclass
class HasilSub:
    kode: str
    nama: str
    jenis: str
    porsi: Decimal
    bobot: Decimal  # the sub-component's share of the total (porsi × component weight)
    nilai: Decimal
    terjawab: int
    jumlah: int


@dataclass
class HasilKomponen:
    kode: str
    nama: str
    bobot: Decimal
    sub: list[HasilSub] = field(default_factory=list)

    @property
    def nilai(self) -> Decimal:
        return sum((s.nilai for s in self.sub), Decimal("0.00"))

    @property
    def persen(self) -> Decimal:
        """The component's value as a share of its weight (for comparing components)."""
        return bulat(self.nilai / self.bobot * SERATUS) if self.bobot else Decimal("0.00")


@dataclass
class Hasil:
    komponen: list[HasilKomponen]
    belum_dijawab: int

    @property
    def total(self) -> Decimal:
        return sum((k.nilai for k in self.komponen), Decimal("0.00"))

    @property
    def predikat(self) -> str:
        return predikat(self.total)

    @property
    def arti_predikat(self) -> str:
        return ARTI_PREDIKAT[self.predikat]

    def ringkas(self) -> dict:
        """The figures kept with a signed evaluation (strings, for a JSON field)."""
        return {
            "komponen": {k.kode: str(k.nilai) for k in self.komponen},
            "total": str(self.total),
            "predikat": self.predikat,
        }


def hitung(komponen_list, jawaban: dict[int, str]) -> Hasil:
    """The result of a criteria set (duck-typed: komponen with `kode`, `nama`, `bobot`, `sub_list`; each sub
    with `kode`, `nama`, `jenis`, `porsi`, `kriteria_list`; each criterion with `pk`, `jenis_jawaban`) for
    the answers {kriteria id: "Y"/"T"/"A".."E"/""}."""
    hasil = []
    belum = 0
    for komponen in komponen_list:
        bobot = Decimal(komponen.bobot)
        item = HasilKomponen(komponen.kode, komponen.nama, bobot)
        for sub in komponen.sub_list:
            scores = [skor(jawaban.get(k.pk, ""), k.jenis_jawaban) for k in sub.kriteria_list]
            terjawab = sum(1 for s in scores if s is not None)
            belum += len(scores) - terjawab
            item.sub.append(
                HasilSub(
                    kode=sub.kode,
                    nama=sub.nama,
                    jenis=sub.jenis,
                    porsi=Decimal(sub.porsi),
                    bobot=bulat(Decimal(sub.porsi) / SERATUS * bobot),
                    nilai=nilai_subkomponen(scores, sub.porsi, bobot),
                    terjawab=terjawab,
                    jumlah=len(scores),
                )
            )
        hasil.append(item)
    return Hasil(hasil, belum)
