"""A document judged as paper: the checks an evaluator makes on the printed pages, read off the laid-out PDF.

pypdfium2 gives every printed character with its box and its effective size (the font size times the text and
drawing matrices, so an SVG scaled down to fit a page reports the size it is printed at). Each check returns
the problems it finds as sentences naming the page (empty list: the paper passes); tests assert the list
is empty so that a failure says what an evaluator would circle.

* `di_luar_area`: nothing printed beyond the page's content area (the margins of the document's
  stylesheet; the running header and the page number live in the top and bottom margins, inside the
  content area's width);
* `huruf_kecil`: no text under 7 pt;
* `nomor_halaman`: every "Halaman n dari N" true over the whole file, appended pages included;
* `kata_ganda`: no word or phrase printed twice in a row ("TAHUN TAHUN", "s.d. s.d.");
* `teks_sementara`: no "belum …" placeholder in a submitted or signed document, on one line or wrapped;
* `jumlah_terpisah`: a table's total row ("Jumlah") kept with its table: not repeated at the foot of every
  page the table crosses, never alone at the top of a page.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

CM = 72 / 2.54
MIN_PT = 7.0
TOLERANSI = 1.0  # points: a glyph's box may touch the margin line


@dataclass(frozen=True)
class Margin:
    top: float
    right: float
    bottom: float
    left: float

    @classmethod
    def cm(cls, top, right=None, bottom=None, left=None) -> Margin:
        right = top if right is None else right
        bottom = top if bottom is None else bottom
        left = right if left is None else left
        return cls(top * CM, right * CM, bottom * CM, left * CM)


# static/css/laporan_pdf.css: A4 portrait 2.2cm 2cm 2.2cm 2.5cm, the landscape named page 1.8cm 1.5cm.
MARGIN_LAPORAN = {"portrait": Margin.cm(2.2, 2, 2.2, 2.5), "landscape": Margin.cm(1.8, 1.5)}


@dataclass
class Kata:
    teks: str
    x0: float
    x1: float
    y0: float  # bottom, PDF points from the page's bottom edge
    y1: float
    pt: float  # the smallest printed size of its characters
    dasar: float = 0.0  # the baseline (origin of its first character)


@dataclass
class Halaman:
    nomor: int  # 1-based
    lebar: float
    tinggi: float
    kata: list[Kata] = field(default_factory=list)

    @property
    def orientasi(self) -> str:
        return "landscape" if self.lebar > self.tinggi else "portrait"

    def baris(self) -> list[str]:
        """The words grouped into printed lines (same baseline), top to bottom, left to right."""
        lines: list[list[Kata]] = []
        for word in sorted(self.kata, key=lambda w: (-w.dasar, w.x0)):
            if lines and abs(lines[-1][0].dasar - word.dasar) <= 1.5:
                lines[-1].append(word)
            else:
                lines.append([word])
        return [" ".join(w.teks for w in sorted(line, key=lambda w: w.x0)) for line in lines]

    def alur(self) -> list[str]:
        """Runs of text read as one flows, in the order printed: words follow each other on one baseline
        with no more than a wide space between them, or the next word starts the following line at the
        left of where the previous one ended (a wrapped line of the same paragraph or cell). A gap as wide
        as a table cell's padding, or a jump up, starts a new run, so neighbouring cells are not read as
        one sentence."""
        runs: list[list[str]] = []
        previous = None
        for word in self.kata:
            same = False
            if previous is not None:
                size = max(previous.pt, word.pt)
                if abs(word.dasar - previous.dasar) <= 1.5:
                    same = 0 <= word.x0 - previous.x1 <= 0.9 * size
                else:
                    drop = previous.dasar - word.dasar
                    same = 0.8 * size <= drop <= 2.2 * size and word.x0 < previous.x1
            if same:
                runs[-1].append(word.teks)
            else:
                runs.append([word.teks])
            previous = word
        return [" ".join(run) for run in runs]

    def teks(self) -> str:
        return "\n".join(self.baris())


def _effective_size(textpage, index: int) -> float:
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    matrix = pdfium_c.FS_MATRIX()
    if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
        size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    return size


def _kata(chars: list[tuple]) -> Kata:
    """A word from its characters: (char, left, right, bottom, top, size, baseline)."""
    return Kata(
        "".join(c[0] for c in chars),
        min(c[1] for c in chars),
        max(c[2] for c in chars),
        min(c[3] for c in chars),
        max(c[4] for c in chars),
        min(c[5] for c in chars),
        chars[0][6],
    )


def _halaman(page, nomor: int) -> Halaman:
    width, height = page.get_size()
    halaman = Halaman(nomor, width, height)
    textpage = page.get_textpage()
    left, right, bottom, top, ox, oy = (ctypes.c_double() for _ in range(6))
    current: list[tuple] = []
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if char.isspace() or char in "\x00\ufffe\uffff":
            if current:
                halaman.kata.append(_kata(current))
                current = []
            continue
        pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        box = (char, left.value, right.value, bottom.value, top.value, _effective_size(textpage, i), oy.value)
        # A jump back or to another baseline (a new line or a new cell without a space) ends the word.
        if current and (box[1] < current[-1][1] - 0.5 or abs(box[6] - current[-1][6]) > 1.5):
            halaman.kata.append(_kata(current))
            current = []
        current.append(box)
    if current:
        halaman.kata.append(_kata(current))
    return halaman


def baca(pdf: bytes) -> list[Halaman]:
    """Every page's words with their boxes and printed sizes."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_halaman(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


# --- the checks -----------------------------------------------------------------------------------------


def di_luar_area(pages: list[Halaman], margin: dict[str, Margin] = MARGIN_LAPORAN) -> list[str]:
    problems = []
    for page in pages:
        m = margin[page.orientasi]
        kiri, kanan = m.left - TOLERANSI, page.lebar - m.right + TOLERANSI
        keluar = [w for w in page.kata if w.x0 < kiri or w.x1 > kanan or w.y0 < 0 or w.y1 > page.tinggi]
        if keluar:
            sample = ", ".join(f"“{w.teks}” ({w.x0:.0f}–{w.x1:.0f} pt)" for w in keluar[:4])
            problems.append(
                f"halaman {page.nomor}: {len(keluar)} kata di luar bidang cetak "
                f"({kiri:.0f}–{kanan:.0f} pt dari {page.lebar:.0f} pt), mis. {sample}"
            )
    return problems


def huruf_kecil(pages: list[Halaman], minimum: float = MIN_PT) -> list[str]:
    problems = []
    for page in pages:
        kecil = [w for w in page.kata if w.pt < minimum - 0.05]
        if kecil:
            sample = ", ".join(f"“{w.teks}” {w.pt:.1f} pt" for w in kecil[:4])
            problems.append(f"halaman {page.nomor}: {len(kecil)} kata di bawah {minimum:g} pt, mis. {sample}")
    return problems


NOMOR = re.compile(r"Halaman\s+(\d+)\s+dari\s+(\d+)")
CAP = re.compile(r"Lampiran\s+—\s+halaman\s+(\d+)\s+dari\s+(\d+)")


def nomor_halaman(pages: list[Halaman], *, wajib: bool = True, salinan: range | None = None) -> list[str]:
    """Each "Halaman n dari N" says the page's place in the whole file. `wajib`: every page but the cover
    (the first) carries one. `salinan`: the pages (1-based) of a separately signed document attached as it
    was signed (the PK in the LKIP): each carries its place in the file as a stamp ("Lampiran — halaman n
    dari N") beside its own complete numbering as signed (1 to k of k)."""
    problems = []
    total = len(pages)
    for page in pages:
        if salinan is not None and page.nomor in salinan:
            stamp = CAP.findall(page.teks())
            if [(int(n), int(of)) for n, of in stamp] != [(page.nomor, total)]:
                problems.append(f"halaman {page.nomor} (salinan terlampir): cap halaman berkas {stamp or 'tidak ada'}")
            own = NOMOR.findall(page.teks())
            expected = (page.nomor - salinan.start + 1, len(salinan))
            if own and any((int(n), int(of)) != expected for n, of in own):
                problems.append(
                    f"halaman {page.nomor} (salinan terlampir) mencetak “Halaman {own[0][0]} dari {own[0][1]}”"
                )
            continue
        found = NOMOR.findall(page.teks())
        if not found:
            if wajib and page.nomor > 1:
                problems.append(f"halaman {page.nomor}: tanpa nomor halaman")
            continue
        for n, of in found:
            if (int(n), int(of)) != (page.nomor, total):
                problems.append(f"halaman {page.nomor} dari {total} mencetak “Halaman {n} dari {of}”")
    return problems


# A word with a letter (numbers repeat legitimately in tables: "100 100"), or a phrase of up to five
# words, printed twice in a row on one line.
GANDA = re.compile(r"(?<![\w.])((?=[^\s]*[A-Za-z]{2})[^\s]+(?:\s+[^\s]+){0,4})\s+\1(?![\w])", re.IGNORECASE)


def kata_ganda(pages: list[Halaman], boleh: tuple[str, ...] = ()) -> list[str]:
    problems = []
    allowed = {b.lower() for b in boleh}
    for page in pages:
        for line in page.alur():
            for match in GANDA.finditer(line):
                if match.group(1).lower() not in allowed:
                    problems.append(f"halaman {page.nomor}: “{match.group(0)}” dalam “{line[:120]}”")
    return problems


SEMENTARA = re.compile(
    r"\bbelum\s+(diisi|ada|ditetapkan|ditandatangani|direviu|lengkap|tersedia|dihitung|tercatat|disetujui)\b"
    r"|\(Bagian ini belum diisi\.\)|\bTODO\b|\bLorem\b",
    re.IGNORECASE,
)


def teks_sementara(pages: list[Halaman]) -> list[str]:
    """A placeholder on a printed line, or wrapped over two lines of one cell or drawn box ("Capaian s.d.
    TW IV: Belum" / "diisi"): read in the runs of text that flow as one (`Halaman.alur`) as well."""
    problems = []
    for page in pages:
        lines = page.baris()
        for line in lines:
            if SEMENTARA.search(line):
                problems.append(f"halaman {page.nomor}: teks sementara “{line[:120]}”")
        for run in page.alur():
            match = SEMENTARA.search(run)
            if match and not any(match.group(0) in line for line in lines):
                problems.append(f"halaman {page.nomor}: teks sementara “{run[:120]}” (dipatah baris)")
    return problems


JUMLAH = re.compile(r"^(Jumlah|Total)\b.*\d")


def jumlah_terpisah(pages: list[Halaman]) -> list[str]:
    """A total row printed at the foot of a page and again on the next (a table footer repeated at every
    page foot), or with nothing above it on its page but what the previous page also printed (running title,
    repeated header)."""
    problems = []
    previous: list[str] = []
    for page in pages:
        lines = page.baris()
        # The foot of the previous page: its last lines above the page number.
        foot = [line for line in previous if not NOMOR.search(line)][-3:]
        for index, line in enumerate(lines):
            if not JUMLAH.match(line):
                continue
            if line in foot:
                problems.append(f"halaman {page.nomor}: baris “{line}” berulang dari halaman sebelumnya")
            elif previous and not [above for above in lines[:index] if above not in previous]:
                problems.append(f"halaman {page.nomor}: baris “{line}” sendirian di puncak halaman")
        previous = lines
    return problems


def semua(pages: list[Halaman], *, margin=MARGIN_LAPORAN, final: bool = False, boleh_ganda=()) -> list[str]:
    problems = (
        di_luar_area(pages, margin)
        + huruf_kecil(pages)
        + nomor_halaman(pages)
        + kata_ganda(pages, boleh_ganda)
        + jumlah_terpisah(pages)
    )
    return problems + (teks_sementara(pages) if final else [])
