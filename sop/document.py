"""Assemble the official SOP document (HTML page and PDF share this).

The flowchart sheet is laid out here, in millimetres, for an A4 landscape page
(templates/sop/document_pdf.html: 10 mm margins, 12 mm at the bottom):

* columns: the table is exactly as wide as the page's text area; the lanes
  share what No, Mutu Baku and Keterangan leave, with a minimum for Uraian
  Kegiatan, so the SVG's lane rules fall on the header's column borders;
* lane headers: one font size for all, the largest (7 pt down to 6 pt) at which
  every word of every label fits its column, so a header wraps only between
  words; a word too long even at 6 pt gets soft hyphens (Indonesian patterns,
  printed as a hyphen where it breaks);
* rows: each row is as tall as its text needs (Uraian, Kelengkapan, Output,
  Keterangan wrapped at their column widths with DejaVu Sans metrics) and at
  least as tall as its symbol with its arrows and off-page connectors
  (`flowchart.min_row_height`); the row's SVG is drawn at exactly that height,
  so the lane rules run unbroken from row to row;
* pages: rows are put on pages by height (`page_breaks`): as few pages as
  possible, no page with one lone step when that can be avoided, page breaks
  that no loop crosses when possible, pages balanced.

The text metrics and boxes mirror static/css/sop.css (.sop-flow); keep both in
step.
"""

import math
from dataclasses import dataclass

from sop import flowchart, galat, selectors

PT = 25.4 / 72  # millimetres per point
PAGE_WIDTH = 277.0  # A4 landscape less 2 × 10 mm margins
PAGE_HEIGHT = 188.0  # 210 mm less 10 mm (top) and 12 mm (bottom, the footer)
PAGE_SAFETY = 4.0  # left free on every flowchart page against rounding in the estimate

BODY_PT = 7.5  # table text
HEAD_PT = 7.5  # table headers (bold)
LANE_HEAD_PT = (7.0, 6.5, 6.0)  # lane headers (bold): the first size at which every word fits, else the last
TITLE_PT = 10.0  # the SOP's name above the flowchart table (bold)
TITLE_GAP = 2.0
NOTE_PT = 7.0  # the lane review note under the title
NOTE_GAP = 1.0
LINE_HEIGHT = 1.2
PAD_X = 1.5
PAD_Y = 1.0
LANE_PAD_X = 0.6
BORDER = 0.3
WIDTH_SAFETY = 0.96  # wrap text as if columns were this much narrower (kerning, rounding)

FIXED_COLUMNS = {"no": 8.0, "kel": 29.0, "waktu": 15.5, "output": 29.0, "ket": 22.0}
URAIAN_MIN = 60.0
URAIAN_FLOOR = 40.0
LANE_MAX = 28.0
LANE_MIN = 20.0

CATATAN_LAJUR = "Lajur pelaksana disimpulkan dari teks dan perlu diperiksa terhadap dokumen asli."

# Advance widths of DejaVu Sans (Book, Bold) for U+0020..U+007E, in thousandths of an em.
_REGULAR = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 "
    "337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 "
    "611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 "
    "634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
)
_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 "
    "400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 "
    "682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 "
    "712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838"
)
_WIDTHS = {
    False: {chr(32 + k): int(w) for k, w in enumerate(_REGULAR.split())},
    True: {chr(32 + k): int(w) for k, w in enumerate(_BOLD.split())},
}
_WIDE = {False: 1000, True: 1000}  # anything else: as wide as an em (never too narrow)
_WIDTHS[False].update({"–": 500, "—": 1000, "’": 318, "‘": 318, "“": 518, "”": 518, "•": 590, "…": 1000, "\xad": 0})
_WIDTHS[True].update({"–": 500, "—": 1000, "’": 380, "‘": 380, "“": 657, "”": 657, "•": 639, "…": 1000, "\xad": 0})


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text in millimetres (DejaVu Sans)."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, _WIDE[bold]) for ch in text) / 1000 * size_pt * PT


def line_count(text: str, width_mm: float, size_pt: float, *, bold: bool = False, keep_newlines: bool = False) -> int:
    """Lines `text` takes wrapped at spaces in `width_mm` (a longer word breaks anywhere: overflow-wrap)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return 0
    width_mm *= WIDTH_SAFETY
    space = text_width(" ", size_pt, bold)
    paragraphs = text.split("\n") if keep_newlines else [text]
    total = 0
    for paragraph in paragraphs:
        lines, current = 1, 0.0
        for word in paragraph.split():
            w = text_width(word, size_pt, bold)
            if current and current + space + w <= width_mm:
                current += space + w
                continue
            if current:
                lines += 1
            if w > width_mm:  # broken inside the word
                pieces = math.ceil(w / width_mm)
                lines += pieces - 1
                w -= (pieces - 1) * width_mm
            current = w
        total += lines
    return total


def line_height(size_pt: float) -> float:
    return size_pt * PT * LINE_HEIGHT


@dataclass(frozen=True)
class Columns:
    """Widths (mm) of the flowchart table's columns; they add up to `PAGE_WIDTH`."""

    no: float
    uraian: float
    lane: float
    lane_count: int
    kel: float
    waktu: float
    output: float
    ket: float

    @property
    def total(self) -> float:
        return self.no + self.uraian + self.lane * self.lane_count + self.kel + self.waktu + self.output + self.ket

    @property
    def lanes_left(self) -> float:
        """x of the first lane rule from the table's left edge."""
        return self.no + self.uraian

    def lane_rules(self) -> list[float]:
        """x of every lane rule (the first and last included) from the table's left edge."""
        return [self.lanes_left + k * self.lane for k in range(self.lane_count + 1)]


def columns_for(lane_count: int) -> Columns:
    lane_count = max(lane_count, 1)
    room = PAGE_WIDTH - sum(FIXED_COLUMNS.values())
    lane = min(LANE_MAX, (room - URAIAN_MIN) / lane_count)
    if lane < LANE_MIN:
        lane = min(LANE_MIN, (room - URAIAN_FLOOR) / lane_count)
    lane = math.floor(lane * 100) / 100  # to 0.01 mm, as static/css/sop.css writes it
    return Columns(uraian=round(room - lane * lane_count, 2), lane=lane, lane_count=lane_count, **FIXED_COLUMNS)


def _hyphenated(word: str, width_mm: float, size_pt: float) -> str:
    """`word` with soft hyphens where it may break (Indonesian patterns), if it is too wide for its column."""
    if text_width(word, size_pt, bold=True) <= width_mm * WIDTH_SAFETY:
        return word
    import pyphen  # WeasyPrint's own dependency

    return pyphen.Pyphen(lang="id").inserted(word, hyphen="\xad")


def lane_headers(lanes, lane_width: float) -> tuple[list[str], float, int]:
    """The lane labels as printed (soft hyphens only where a word cannot fit), their font size, their lines."""
    room = lane_width - 2 * LANE_PAD_X - BORDER
    words = [w for lane in lanes for w in lane.label.split()]
    size = LANE_HEAD_PT[-1]
    for candidate in LANE_HEAD_PT:
        if all(text_width(w, candidate, bold=True) <= room * WIDTH_SAFETY for w in words):
            size = candidate
            break
    labels = [" ".join(_hyphenated(w, room, size) for w in lane.label.split()) for lane in lanes]
    lines = max((_header_lines(label, room, size) for label in labels), default=1)
    return labels, size, max(lines, 1)


def _header_lines(label: str, room: float, size: float) -> int:
    if "\xad" not in label:
        return line_count(label, room, size, bold=True)
    # A hyphenated word takes as many lines as its width needs, plus one for the hyphens.
    return line_count(label.replace("\xad", ""), room, size, bold=True) + 1


def row_text_height(step, columns: Columns) -> float:
    """Height (mm) the row's text needs, padding included (border excluded)."""
    lh = line_height(BODY_PT)
    cells = [
        line_count(str(step.no), columns.no - 2 * PAD_X, BODY_PT),
        line_count(step.uraian, columns.uraian - 2 * PAD_X, BODY_PT),
        line_count(step.kelengkapan, columns.kel - 2 * PAD_X, BODY_PT, keep_newlines=True),
        1 if step.waktu_cetak else 0,
        line_count(step.output, columns.output - 2 * PAD_X, BODY_PT),
        line_count(step.keterangan, columns.ket - 2 * PAD_X, BODY_PT),
    ]
    return max(cells) * lh + 2 * PAD_Y


def page_overhead(title: str, lane_lines: int, lane_size: float, *, note: bool) -> float:
    """Height (mm) above the first step row of a flowchart page: title, note, the two header rows."""
    title_h = max(line_count(title, PAGE_WIDTH, TITLE_PT, bold=True), 1) * line_height(TITLE_PT) + TITLE_GAP
    note_h = line_height(NOTE_PT) + NOTE_GAP if note else 0.0
    first = line_height(HEAD_PT) + 2 * PAD_Y + BORDER
    second = max(lane_lines * line_height(lane_size), line_height(HEAD_PT)) + 2 * PAD_Y + BORDER
    return title_h + note_h + first + second + BORDER


def page_breaks(nodes, text_heights: list[float], capacity: float) -> list[int]:
    """Where the pages break: row indexes after which a new page starts.

    Best first: no page holding a lone step (when the SOP has more than one), the fewest pages, the fewest
    loops cut by a break, then pages of even height. A row taller than a page gets a page of its own.
    """
    n = len(nodes)
    if n <= 1:
        return []
    crossed = [flowchart.flows_across(nodes, b) for b in range(n - 1)]
    has_flow = [main or bool(branches) for main, branches in crossed]
    kinds = [flowchart.drawn_kind(nodes, i) for i in range(n)]

    def height(i: int, top: bool, bottom: bool) -> float:
        least = flowchart.min_row_height(kinds[i], top_connector=top, bottom_connector=bottom)
        return max(least, text_heights[i]) + BORDER

    plain = [height(i, False, False) for i in range(n)]
    prefix = [0.0]
    for h in plain:
        prefix.append(prefix[-1] + h)

    def page_height(i: int, j: int) -> float:
        total = prefix[j + 1] - prefix[i]
        top = i > 0 and has_flow[i - 1]
        bottom = j < n - 1 and has_flow[j]
        if i == j:
            return height(i, top, bottom)
        return total - plain[i] - plain[j] + height(i, top, False) + height(j, False, bottom)

    # best[j]: cost of laying out rows 0..j-1, with the start of its last page.
    best: list[tuple | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0, 0.0), -1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            used = page_height(i, j - 1)
            if used > capacity and i < j - 1:
                break  # longer pages only get taller
            if best[i] is None:
                continue
            (orphans, pages, cut, uneven), _ = best[i]
            cost = (
                orphans + (1 if j - i == 1 else 0),
                pages + 1,
                cut + (len(crossed[j - 1][1]) if j < n else 0),
                uneven + max(capacity - used, 0.0) ** 2,
            )
            if best[j] is None or cost < best[j][0]:
                best[j] = (cost, i)
    breaks, j = [], n
    while j > 0:
        i = best[j][1]
        if i > 0:
            breaks.append(i - 1)
        j = i
    return sorted(breaks)


def lambang_for(revision) -> str:
    """The lambang daerah for the issuer cell: the kabupaten's, else the kecamatan's own; "" without one."""
    kecamatan = revision.sop.kecamatan
    if kecamatan is None:
        return ""
    kabupaten = kecamatan.kabupaten if kecamatan.kabupaten_id else None
    return (kabupaten.lambang_data_uri if kabupaten else "") or kecamatan.lambang_data_uri or ""


def watermark_for(revision) -> str:
    """The mark printed across every page of a revision that is not in force: "" for an effective one."""
    status = revision.status
    if status == "efektif":
        return ""
    return "DIGANTIKAN" if status == "digantikan" else "DRAF"


def _mm(value: float) -> str:
    """A length for inline CSS/SVG: always a dot as decimal separator, whatever the locale."""
    return f"{value:.2f}"


def context(revision, *, paginate: bool) -> dict:
    data = selectors.document(revision)
    steps, lanes = data["steps"], data["lanes"]
    nodes = flowchart.nodes_from_steps(steps, lanes)
    columns = columns_for(len(lanes))
    labels, lane_size, lane_lines = lane_headers(lanes, columns.lane)
    lanes_flagged = bool(getattr(revision, "lajur_perlu_diperiksa", False))
    note = paginate and lanes_flagged
    text_heights = [row_text_height(s, columns) for s in steps]
    breaks: list[int] = []
    if paginate:
        overhead = page_overhead(revision.nama, lane_lines, lane_size, note=note)
        breaks = page_breaks(nodes, text_heights, PAGE_HEIGHT - PAGE_SAFETY - overhead)
    least = flowchart.row_heights(nodes, set(breaks))
    heights = [max(t, m) for t, m in zip(text_heights, least, strict=True)]
    svgs = flowchart.row_svgs(
        nodes, len(lanes), set(breaks), lane_width=columns.lane, heights=heights, inset=BORDER / 2
    )
    rows = [
        {"step": s, "svg": svg, "height": h, "height_mm": _mm(h)}
        for s, svg, h in zip(steps, svgs, heights, strict=True)
    ]
    bounds = [0, *(b + 1 for b in breaks), len(rows)]
    chunks = [rows[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a] or [[]]
    return {
        **data,
        "chunks": chunks,
        "breaks_after": breaks,
        "columns": columns,
        "column_mm": {
            "no": _mm(columns.no),
            "uraian": _mm(columns.uraian),
            "lane": _mm(columns.lane),
            "kel": _mm(columns.kel),
            "waktu": _mm(columns.waktu),
            "output": _mm(columns.output),
            "ket": _mm(columns.ket),
            "total": _mm(columns.total),
        },
        "lane_headers": [{"lane": lane, "label": label} for lane, label in zip(lanes, labels, strict=True)],
        "lane_head_pt": f"{lane_size:.1f}",
        "lane_head_class": f"lajur-pt-{round(lane_size * 10)}",
        "lane_cols": list(range(columns.lane_count)),
        "lane_colspan": columns.lane_count,
        "lambang": lambang_for(revision),
        "tanda_air": watermark_for(revision),
        "catatan_lajur": CATATAN_LAJUR if note else "",
        **_galat_draf(revision, data),
    }


def _galat_draf(revision, data: dict) -> dict:
    """Source errors a draft still prints (sop/galat.py), marked on its paper: the parts carrying one and the
    list printed after the flowchart. Never on an effective revision, whose paper is the office's own."""
    if revision.status != "draft":
        return {"galat_draf": [], "galat_bagian": set(), "galat_pengesah": False}
    found = [g for g in galat.daftar(revision, steps=data["steps"], keterkaitan=data["keterkaitan"]) if g.masih_ada]
    bagian = {g.bagian for g in found}
    return {
        "galat_draf": found,
        "galat_bagian": bagian,
        "galat_pengesah": any(b.startswith("disahkan_") for b in bagian),
    }
