"""The Survei Kepuasan Masyarakat (SKM) and its index (IKM): the rules of PermenPAN-RB 14/2017.

Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat
Unit Penyelenggara Pelayanan Publik. Sources read (public copies of the regulation and of reports
applying it, found with the project's reference search):

* the regulation's text: https://puskaandriana.blogspot.com/2023/03/permenpan-no-14-th-2017-tentang-survey.html
* its example questionnaire as used by a kantor camat (the nine questions and their four answers):
  https://pdfcoffee.com/permen-14-2017-okkk-pdf-free.html
* the table "Nilai Persepsi, Nilai Interval, Nilai Interval Konversi, Mutu Pelayanan, Kinerja Unit
  Pelayanan" (25,00–64,99 D Tidak Baik; 65,00–76,60 C Kurang Baik; 76,61–88,30 B Baik;
  88,31–100,00 A Sangat Baik): https://fliphtml5.com/reidny/aaer/BUKU_KINERJA_BLU_BPPP_TEGAL_2024_Final_14_08_24/64
  (that copy prints "76,66" for the upper edge of C, a typo: the next band starts at 76,61 and the
  regulation's nilai interval 2,60–3,064 × 25 ends at 76,60)
* checked again for issue 17 (the bands are the regulation's and unchanged here): reports still print
  the bands of the repealed KEPMENPAN KEP/25/M.PAN/2/2004 (25–43,75 D; 43,76–62,50 C; 62,51–81,25 B;
  81,26–100 A), e.g. https://123dok.com/document/yjvon25y-laporan-penyusunan-kepuasan-masyarakat-sertifikasi-perindustrian-perdagangan-provinsi.html
  — those are not 14/2017's and must not be used
* the Krejcie–Morgan table of minimum samples the regulation reproduces (Krejcie & Morgan 1970,
  "Determining Sample Size for Research Activities", 5 % error, 95 % confidence):
  https://sindopos.com/2022/08/cara-menghitung-sampel-dengan-rumus.html

Rules:
* Nine unsur, each answered 1..4 (the regulation's numbering of the unsur: 8 is Penanganan
  Pengaduan, 9 is Sarana dan Prasarana; its example questionnaire asks about them in the other order,
  which changes nothing as long as the answers are stored per unsur).
* NRR per unsur = the mean of its answers. NRR tertimbang = Σ NRR × 1/9 (equal weights; the
  regulation's worked example writes the weight as 0,111, which would make a perfect score 99,9 —
  the exact 1/9 is used here). IKM = NRR tertimbang × 25.
* Computed exactly (fractions) and rounded once, to two decimals ROUND_HALF_UP; the mutu is read
  from the printed (rounded) IKM.
* Minimum sample: the Krejcie–Morgan row of the smallest tabulated population at least as large as
  the one given (a population between two rows takes the larger row); above 1.000.000 it is 384; a
  population smaller than its row's sample needs everyone.

Respondent profile (issue 24): the regulation's questionnaire opens with the respondent's profile
before the nine questions — Umur (… tahun), Jenis Kelamin (L / P), Pendidikan, Pekerjaan (PNS, TNI,
POLRI, Swasta, Wirausaha, Lainnya) — and reports applying it tabulate it as "Profil Responden"
(No | Karakteristik | Jumlah | Persentase, one block per characteristic with its total). Sources: the
kantor camat copy of the questionnaire above (pdfcoffee.com, "PROFIL Jenis Kelamin L P, Usia …
tahun, Pendidikan SD SMP SMA … S1 S2 S3, Pekerjaan PNS TNI POLRI SWASTA WIRAUSAHA LAINNYA …
(sebutkan)"), and a report applying the regulation that tabulates education up to "S-2 Keatas"
(https://123dok.com/article/pendahuluan-survey-indeks-kepuasan-masyarakat-kepegawaian-pendidikan-pelatiha.yngow5vk).
The regulation's own lampiran text was not readable in the copies found; the six education levels
below follow the brief of issue 24 and that report.
* Pendidikan is asked in six levels: SD ke bawah, SMP, SMA, D1–D3–D4, S1, S2 ke atas (S2 and S3
  together, as that report prints them).
* Pekerjaan is the questionnaire's list; "Pelajar/Mahasiswa" is not in it and is not added (a
  student answers "Lainnya"); the free text after "Lainnya" is not asked (answers stay anonymous).
* Umur is typed in whole years, 15..120 (a database constraint holds it); the report groups it in
  ten-year bands (our choice: the regulation prints no bands).
* Answers saved before the profile was asked have none; the report counts them as "Tidak diisi".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import TextChoices

JUMLAH_UNSUR = 9
NILAI_MIN, NILAI_MAKS = 1, 4


@dataclass(frozen=True)
class Unsur:
    nomor: int
    nama: str
    pertanyaan: str
    jawaban: tuple[str, str, str, str]  # labels of the answers 1, 2, 3, 4


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        1,
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        2,
        "Sistem, Mekanisme, dan Prosedur",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        3,
        "Waktu Penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        4,
        "Biaya/Tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        5,
        "Produk Spesifikasi Jenis Pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
        "standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        6,
        "Kompetensi Pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        7,
        "Perilaku Pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Unsur(
        8,
        "Penanganan Pengaduan, Saran dan Masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    Unsur(
        9,
        "Sarana dan Prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)


UMUR_MIN, UMUR_MAKS = 15, 120


class JenisKelamin(TextChoices):
    LAKI_LAKI = "L", "Laki-laki"
    PEREMPUAN = "P", "Perempuan"


class Pendidikan(TextChoices):
    SD = "sd", "SD ke bawah"
    SMP = "smp", "SMP"
    SMA = "sma", "SMA"
    DIPLOMA = "diploma", "D1–D3–D4"
    S1 = "s1", "S1"
    S2 = "s2", "S2 ke atas"


class Pekerjaan(TextChoices):
    PNS = "pns", "PNS"
    TNI = "tni", "TNI"
    POLRI = "polri", "POLRI"
    SWASTA = "swasta", "Swasta"
    WIRAUSAHA = "wirausaha", "Wirausaha"
    LAINNYA = "lainnya", "Lainnya"


# Age bands of the report: (label, lowest age, highest age or None), youngest first.
KELOMPOK_UMUR: tuple[tuple[str, int, int | None], ...] = (
    ("15–24 tahun", UMUR_MIN, 24),
    ("25–34 tahun", 25, 34),
    ("35–44 tahun", 35, 44),
    ("45–54 tahun", 45, 54),
    ("55 tahun ke atas", 55, None),
)


@dataclass(frozen=True)
class Mutu:
    huruf: str
    kinerja: str


# (lower edge of the nilai interval konversi, mutu), highest first.
KONVERSI: tuple[tuple[Decimal, Mutu], ...] = (
    (Decimal("88.31"), Mutu("A", "Sangat Baik")),
    (Decimal("76.61"), Mutu("B", "Baik")),
    (Decimal("65.00"), Mutu("C", "Kurang Baik")),
    (Decimal("25.00"), Mutu("D", "Tidak Baik")),
)

# Krejcie & Morgan (1970): population N -> sample S.
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148), (250, 152),
    (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175), (340, 181), (360, 186),
    (380, 191), (400, 196), (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226),
    (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274),
    (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361),
    (7000, 364), (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379),
    (40000, 380), (50000, 381), (75000, 382), (1000000, 384),
)  # fmt: skip

DUA_DESIMAL = Decimal("0.01")


def bulat(value: Fraction) -> Decimal:
    """Two decimals, ROUND_HALF_UP, from an exact fraction."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def mutu(ikm: Decimal) -> Mutu | None:
    """The nilai interval konversi of a printed IKM (rounded to two decimals first)."""
    ikm = Decimal(ikm).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    for batas, m in KONVERSI:
        if ikm >= batas:
            return m
    return None  # below 25,00: not an IKM (answers start at 1)


def sampel_minimal(populasi: int) -> int:
    """The Krejcie–Morgan minimum sample for a population (number of service recipients): the sample of
    its row (`baris_krejcie_morgan`), or the whole population when that is smaller."""
    baris = baris_krejcie_morgan(populasi)
    return 0 if baris is None else min(baris[1], populasi)


def baris_krejcie_morgan(populasi: int) -> tuple[int, int] | None:
    """The Krejcie–Morgan row (N, S) the minimum sample of a population is read from: the smallest
    tabulated N at least as large as the population (the last row above 1.000.000); None for no one."""
    if populasi <= 0:
        return None
    for n, s in KREJCIE_MORGAN:
        if populasi <= n:
            return n, s
    return KREJCIE_MORGAN[-1]


@dataclass(frozen=True)
class HasilIkm:
    responden: int
    nrr: tuple[Decimal, ...] | None  # per unsur, two decimals; None without respondents
    nrr_tertimbang: Decimal | None  # four decimals (as the regulation's tables print it)
    ikm: Decimal | None
    mutu: Mutu | None
    populasi: int | None
    sampel_minimal: int | None
    sampel_cukup: bool | None  # None when no population was given

    @property
    def baris_tabel(self) -> tuple[int, int] | None:
        """The Krejcie–Morgan row the minimum sample was read from (None without a population)."""
        return None if self.populasi is None else baris_krejcie_morgan(self.populasi)

    @property
    def baris_unsur(self) -> list[tuple[Unsur, Decimal | None]]:
        return list(zip(UNSUR, self.nrr or (None,) * JUMLAH_UNSUR, strict=True))


def hitung(*, jumlah: Sequence[int], responden: int, populasi: int | None = None) -> HasilIkm:
    """IKM from the total of the answers per unsur (nine sums) and the number of respondents."""
    if len(jumlah) != JUMLAH_UNSUR:
        raise ValueError(f"expected {JUMLAH_UNSUR} sums, got {len(jumlah)}")
    minimal = sampel_minimal(populasi) if populasi is not None else None
    cukup = None if minimal is None else responden >= minimal
    if responden <= 0:
        return HasilIkm(0, None, None, None, None, populasi, minimal, cukup)
    nrr_exact = [Fraction(int(total), responden) for total in jumlah]
    tertimbang = sum(nrr_exact, Fraction(0)) / JUMLAH_UNSUR
    ikm = bulat(tertimbang * 25)
    return HasilIkm(
        responden=responden,
        nrr=tuple(bulat(v) for v in nrr_exact),
        nrr_tertimbang=(Decimal(tertimbang.numerator) / Decimal(tertimbang.denominator)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        ),
        ikm=ikm,
        mutu=mutu(ikm),
        populasi=populasi,
        sampel_minimal=minimal,
        sampel_cukup=cukup,
    )


def hitung_jawaban(jawaban: Iterable[Sequence[int]], *, populasi: int | None = None) -> HasilIkm:
    """IKM from the answers themselves (one sequence of nine values 1..4 per respondent)."""
    jumlah = [0] * JUMLAH_UNSUR
    n = 0
    for baris in jawaban:
        if len(baris) != JUMLAH_UNSUR or any(not NILAI_MIN <= v <= NILAI_MAKS for v in baris):
            raise ValueError(f"an answer needs nine values {NILAI_MIN}..{NILAI_MAKS}: {baris!r}")
        for i, v in enumerate(baris):
            jumlah[i] += v
        n += 1
    return hitung(jumlah=jumlah, responden=n, populasi=populasi)
