"""The printed SOP (PermenPAN-RB 35/2012 SOP AP), checked on the real PDF: WeasyPrint renders it
(`sop.pdf.render_revision_pdf`), pypdfium2 turns the flowchart pages into images, pypdf reads the text back.

Each SOP is rendered once per module (the eight seeds, plus one long SOP whose loops must cross page breaks
and whose text makes rows taller than the symbols need):

* a vertical rule at every lane boundary, the first and last included, through every step row, unbroken
  (sampled on the image, where the layout puts the boundaries, over each row's span as printed);
* every flow that crosses a page break (main arrow or loop) goes through a pair of off-page connectors with
  one letter, unique in the document; no symbol, connector or label overlaps another;
* headers wrap between words only; no unlabeled column; the footer says "SOP" once;
* pages by row height: each chunk of rows is one printed page and no page holds a lone step;
* a draft carries the DRAF mark on every page, an effective revision none; the lane review note; the lambang.
"""

import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from sakip.demo import load_organisation
from sakip.models import Unit
from sop import document, flowchart, seeds
from sop.models import Lane, Sop, SopRevision, Step
from sop.pdf import render_revision_pdf
from tests.workflow.test_views import make_sop

# The database is only touched by the module fixture (rolled back); the mark makes pytest-django set the test
# database up even when only these tests run.
pytestmark = pytest.mark.django_db

DPI = 150
PX_PER_MM = DPI / 25.4
MARGIN_LEFT = 10.0  # templates/sop/document_pdf.html @page margins
CONTENT_BOTTOM = 198.0  # 210 mm less the 12 mm bottom margin (the footer lies below)
DARK = 110  # a grey level below this is ink
SCREENSHOT = Path(settings.BASE_DIR) / "artifacts" / "screenshots" / "dokumen-sop-pdf.png"
NOTE = "Lajur pelaksana disimpulkan dari teks dan perlu diperiksa terhadap dokumen asli."
LONG = "STRES/LAYOUT/2026"
HYPHEN_BREAK = "(?:[-\u2010\xad]\\s+)?"  # a word broken at a hyphen, as pypdf reads it back

LONG_TEXT = (
    "Menerima, meneliti dan mencatat seluruh dokumen pengukuran kinerja triwulan yang disampaikan oleh setiap "
    "seksi beserta bukti dukung capaian, kemudian memeriksa kesesuaian target dan realisasi dengan Perjanjian "
    "Kinerja dan Rencana Aksi, serta menyusun catatan perbaikan untuk setiap indikator yang belum lengkap "
    "sebelum diteruskan kepada Sekretaris Kecamatan untuk diverifikasi lebih lanjut."
)


def _make_long_sop(kecamatan: Unit) -> SopRevision:
    """16 steps in 5 lanes (one label with a word too long for its column), two tall rows, a loop back from
    step 12 to step 3 and a branch forward from step 5 to step 15: both must cross page breaks."""
    sop = Sop.objects.create(kecamatan=kecamatan)
    revision = SopRevision.objects.create(
        sop=sop, nama="SOP uji tata letak dokumen", nomor=LONG, status=SopRevision.Status.DRAFT
    )
    labels = [
        ("Camat", "CAMAT"),
        ("Sekretaris Kecamatan", "SEKRETARIS"),
        ("Kasubbag Perencanaan dan Keuangan", "KASUBBAG_PERENCANAAN"),
        ("Kepala Seksi", "KASI"),
        ("Pengadministrasiperkantoran Pelaksana", "PELAKSANA"),
    ]
    lanes = [Lane.objects.create(revision=revision, urutan=k, label=lb, role=r) for k, (lb, r) in enumerate(labels)]
    lane_of = [0, 2, 2, 4, 3, 1, 2, 4, 4, 2, 1, 0, 2, 4, 1, 2]
    for n in range(1, 17):
        kind = "mulai" if n == 1 else "selesai" if n == 16 else "proses"
        extra = {}
        if n == 12:
            kind, extra = "keputusan", {"ya_ke": 13, "tidak_ke": 3}
        if n == 5:
            kind, extra = "keputusan", {"ya_ke": 6, "tidak_ke": 15}
        Step.objects.create(
            revision=revision,
            no=n,
            uraian=LONG_TEXT if n in (4, 9) else f"Langkah uji tata letak nomor {n}",
            lane=lanes[lane_of[n - 1]],
            kind=kind,
            kelengkapan="Dokumen\nBukti dukung\nCatatan" if n == 9 else "Dokumen",
            waktu_cetak="1 Jam",
            output="Laporan",
            **extra,
        )
    return revision


def _png(width: int = 60, height: int = 60) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


class Rendered:
    """One revision printed: its PDF, its HTML, the layout that produced them, the steps as data."""

    def __init__(self, revision: SopRevision):
        cache.clear()
        self.nomor = revision.nomor
        self.nama = revision.nama
        self.context = document.context(revision, paginate=True)
        self.html = render_to_string("sop/document_pdf.html", self.context)
        self.pdf = render_revision_pdf(revision)
        self.steps = [(s.no, s.kind, s.ya_ke, s.tidak_ke, s.uraian) for s in revision.steps.order_by("no")]
        self.lane_labels = [lane.label for lane in revision.lanes.all()]
        self.has_lambang = bool(document.lambang_for(revision))
        reader = PdfReader(io.BytesIO(self.pdf))
        self.page_texts = [page.extract_text() for page in reader.pages]
        self._reader = reader
        self.first_flow_page = next(k for k, t in enumerate(self.page_texts) if "Uraian Kegiatan" in t)
        self.chunks = [[row["step"].no for row in chunk] for chunk in self.context["chunks"]]
        self.columns = self.context["columns"]
        self._images: dict[int, Image.Image] = {}

    def images_on(self, page: int) -> int:
        """How many images the page draws (from its resources: cheaper than decoding them)."""
        resources = self._reader.pages[page].get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")

    def image(self, page: int) -> Image.Image:
        if page not in self._images:
            pdf = pdfium.PdfDocument(self.pdf)
            try:
                self._images[page] = pdf[page].render(scale=DPI / 72).to_pil().convert("L")
            finally:
                pdf.close()
        return self._images[page]


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Every seed SOP and the long SOP, each rendered once; the database is rolled back afterwards."""
    out = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_organisation()
        kabupaten = Unit.objects.get(kode="balangan")
        kabupaten.lambang.save("lambang-uji.png", ContentFile(_png()), save=True)
        for path in seeds.seed_files():
            revision, _ = seeds.load_seed(path)
            out[revision.nomor] = Rendered(revision)
        long_sop = _make_long_sop(Unit.objects.get(kode="awayan"))
        out[LONG] = Rendered(long_sop)
        # A small SOP as a draft whose inferred lanes nobody has checked yet, and as an effective one whose
        # lanes the Camat confirmed (the real state sop.models reads, not a forced flag).
        small = make_sop(Unit.objects.get(kode="awayan"))
        Step.objects.filter(revision=small).update(lane_inferred=True)
        for name, status, checked in (("draft", "draft", None), ("effective", "efektif", timezone.now())):
            SopRevision.objects.filter(pk=small.pk).update(status=status, lajur_diperiksa_pada=checked)
            revision = SopRevision.objects.get(pk=small.pk)
            assert revision.lajur_perlu_diperiksa is (checked is None)
            out[name] = Rendered(revision)
        transaction.set_rollback(True)
    return out


SEEDS = [
    "067/211/KTT-BLG/2024",
    "067/02/KEC.AWY/VII/2023",
    "SOP – 01/Kec.Awy",
    "067.2/ 03 /KEC.AWY/VII/2023",
    "067/02/KEC.AWY/VII/2024",
    "02 JANUARI 2023",
    "067/001/KEC.BTM/BLG/2024",
    "009  /KBB /SOP/IV/2023",
]
ALL = [*SEEDS, LONG]


def test_the_seed_list_is_complete(printed):
    assert {json.loads(p.read_text(encoding="utf-8"))["nomor"] for p in seeds.seed_files()} == set(SEEDS)


# --- the lane grid, on the image ------------------------------------------------------------------------


def _dark_runs_down(img: Image.Image, x_mm: float) -> list[tuple[int, int]]:
    """Runs of ink (top, bottom pixel) down the pixel column at x_mm, above the footer."""
    px, x = img.load(), round(x_mm * PX_PER_MM)
    end = round(CONTENT_BOTTOM * PX_PER_MM)
    runs, y = [], 0
    while y < end:
        if px[x, y] < DARK:
            top = y
            while y < end and px[x, y] < DARK:
                y += 1
            runs.append((top, y - 1))
        y += 1
    return runs


def _step_row_spans(doc: Rendered, page: int) -> list[tuple[int, int]]:
    """The printed step rows of a flowchart page, as pixel spans between their horizontal borders.

    Read down the No column just inside its left border, where only the table's horizontal borders are
    ink: the table's top, the header's bottom (No spans both header rows), then one border under each row.
    """
    borders = _dark_runs_down(doc.image(page), MARGIN_LEFT + 0.8)
    return [(a[1] + 1, b[0] - 1) for a, b in zip(borders[1:], borders[2:], strict=False)]


@pytest.mark.parametrize("nomor", ALL)
def test_a_vertical_rule_at_every_lane_boundary_through_every_step_row(printed, nomor):
    doc = printed[nomor]
    img_px = None
    rules = [MARGIN_LEFT + x for x in doc.columns.lane_rules()]
    assert len(rules) == len(doc.lane_labels) + 1
    for k, chunk in enumerate(doc.chunks):
        page = doc.first_flow_page + k
        spans = _step_row_spans(doc, page)
        assert len(spans) == len(chunk), f"{nomor}: page {page + 1} prints {len(spans)} rows, expected {chunk}"
        img_px = doc.image(page).load()
        for (top, bottom), step in zip(spans, chunk, strict=True):
            assert bottom - top > 20 * PX_PER_MM  # a real row, at least 22 mm tall
            for x_mm in rules:
                x = round(x_mm * PX_PER_MM)
                gaps = [y for y in range(top, bottom + 1) if min(img_px[x + d, y] for d in (-1, 0, 1)) >= DARK]
                assert not gaps, (
                    f"{nomor}: step {step}, lane rule at {x_mm:.1f} mm broken over {len(gaps)} px "
                    f"(page {page + 1}, rows {top}–{bottom})"
                )


def test_a_flowchart_page_is_saved_for_people_to_look_at(printed):
    doc = printed["067/001/KEC.BTM/BLG/2024"]
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(doc.pdf)
    try:
        pdf[len(pdf) - 1].render(scale=110 / 72).to_pil().save(SCREENSHOT)
    finally:
        pdf.close()
    assert SCREENSHOT.stat().st_size > 10_000


# --- off-page connectors and collisions, on the SVG -------------------------------------------------------


class _Svg(HTMLParser):
    """Symbols, off-page connectors and labels of one row SVG, with their boxes (mm)."""

    def __init__(self, svg: str):
        super().__init__()
        self.symbols, self.connectors, self.labels = [], [], []
        self._in_connector = None
        self._text = None
        self.feed(svg)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "offpage" in (a.get("class") or ""):
            self._in_connector = {"direction": a["data-direction"], "label": a["data-label"], "box": None}
            self.connectors.append(self._in_connector)
        elif tag == "polygon" and self._in_connector is not None:
            self._in_connector["box"] = _points_box(a["points"])
        elif tag in ("rect", "polygon") and "symbol" in (a.get("class") or ""):
            if tag == "rect":
                x, y, w, h = (float(a[k]) for k in ("x", "y", "width", "height"))
                self.symbols.append((x, y, x + w, y + h))
            else:
                self.symbols.append(_points_box(a["points"]))
        elif tag == "text" and self._in_connector is None:
            self._text = a

    def handle_data(self, data):
        if self._text is not None and data.strip():
            a, size = self._text, float(self._text["font-size"])
            x, y = float(a["x"]), float(a["y"])
            width = flowchart.label_width(data.strip())
            left = (
                x - width / 2 if a.get("text-anchor") == "middle" else x - width if a.get("text-anchor") == "end" else x
            )
            self.labels.append((left, y - 0.76 * size, left + width, y + 0.24 * size))

    def handle_endtag(self, tag):
        if tag == "g":
            self._in_connector = None
        if tag == "text":
            self._text = None


def _points_box(points: str) -> tuple[float, float, float, float]:
    xy = [tuple(map(float, p.split(","))) for p in points.split()]
    return min(x for x, _ in xy), min(y for _, y in xy), max(x for x, _ in xy), max(y for _, y in xy)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crossing_flows(steps, break_after: int) -> int:
    """Flows crossing the break after row `break_after`, from the steps alone: the main arrow unless the
    row ends the SOP, and every decision answer that does not go to the next row but spans the break."""
    index = {no: k for k, (no, *_rest) in enumerate(steps)}
    no, kind, ya, tidak, _ = steps[break_after]
    nxt = steps[break_after + 1][0]
    count = 0
    if kind != "selesai" and (kind != "keputusan" or ya in (None, nxt) or tidak == nxt):
        count += 1
    for k, (_no, kind, ya, tidak, _) in enumerate(steps):
        if kind != "keputusan":
            continue
        down = "Ya" if ya in (None, steps[k + 1][0] if k + 1 < len(steps) else None) else None
        if down is None and k + 1 < len(steps) and tidak == steps[k + 1][0]:
            down = "Tidak"
        for label, target in (("Tidak", tidak), ("Ya", ya)):
            t = index.get(target)
            if t is None or t == k or label == down:
                continue
            if min(k, t) <= break_after < max(k, t):
                count += 1
    return count


@pytest.mark.parametrize("nomor", ALL)
def test_every_flow_across_a_page_break_goes_through_a_connector_pair(printed, nomor):
    doc = printed[nomor]
    chunks = doc.context["chunks"]
    labels_seen = Counter()
    rows = [row for chunk in chunks for row in chunk]
    page_of = {}
    for k, chunk in enumerate(chunks):
        for row in chunk:
            page_of[row["step"].no] = k
    for k in range(len(chunks) - 1):
        last, first = _Svg(chunks[k][-1]["svg"]), _Svg(chunks[k + 1][0]["svg"])
        down = sorted(c["label"] for c in last.connectors if c["direction"] == "down")
        up = sorted(c["label"] for c in first.connectors if c["direction"] == "up")
        break_after = rows.index(chunks[k][-1])
        expected = _crossing_flows(doc.steps, break_after)
        assert expected >= 1
        assert down == up and len(down) == expected, (nomor, k, down, up, expected)
        labels_seen.update(down)
    # Connectors only at page breaks, and a letter names one pair only.
    for row in rows:
        svg = _Svg(row["svg"])
        for c in svg.connectors:
            chunk = chunks[page_of[row["step"].no]]
            at_end, at_start = row is chunk[-1], row is chunk[0]
            assert (c["direction"] == "down" and at_end) or (c["direction"] == "up" and at_start)
    assert all(n == 1 for n in labels_seen.values()), labels_seen
    # And in the PDF itself: as many connector pairs drawn as the HTML says.
    assert doc.html.count('class="offpage"') == 2 * sum(labels_seen.values())


def test_the_long_sop_cuts_its_loops_with_connectors(printed):
    doc = printed[LONG]
    assert len(doc.chunks) >= 2
    branch_connectors = doc.html.count('data-flow="branch"')
    assert branch_connectors >= 4  # both long branches cross at least one break, a pair each


@pytest.mark.parametrize("nomor", ALL)
def test_no_symbol_connector_or_label_overlaps_another(printed, nomor):
    doc = printed[nomor]
    for chunk in doc.context["chunks"]:
        for row in chunk:
            svg = _Svg(row["svg"])
            boxes = [("symbol", b) for b in svg.symbols]
            boxes += [("connector " + c["label"], c["box"]) for c in svg.connectors]
            boxes += [("label", b) for b in svg.labels]
            for i, (name_a, a) in enumerate(boxes):
                for name_b, b in boxes[i + 1 :]:
                    assert not _overlap(a, b), f"{nomor} step {row['step'].no}: {name_a} {a} overlaps {name_b} {b}"


# --- headers and footer, in the PDF's text ----------------------------------------------------------------


def _broken(word: str, text: str) -> bool:
    """Is `word` printed cut in two without a hyphen ("Perencanaa n")?"""
    return any(re.search(re.escape(word[:k]) + r"[ \n]+" + re.escape(word[k:]), text) for k in range(1, len(word)))


@pytest.mark.parametrize("nomor", ALL)
def test_headers_wrap_between_words_only(printed, nomor):
    doc = printed[nomor]
    flow_text = "\n".join(doc.page_texts[doc.first_flow_page :])
    words = {w for label in doc.lane_labels for w in label.split() if len(w) >= 4}
    words |= {"Keterangan", "Kelengkapan", "Pelaksana", "Kegiatan", "Uraian", "Output", "Waktu"}
    for word in words:
        assert not _broken(word, flow_text), f"{nomor}: {word!r} cut without a hyphen"
        whole_or_hyphenated = word in flow_text or re.search(
            HYPHEN_BREAK.join(re.escape(part) for part in _syllables(word)), flow_text
        )
        assert whole_or_hyphenated, f"{nomor}: {word!r} missing"
    if any("Perencanaan" in label for label in doc.lane_labels):
        assert "Perencanaan" in flow_text and not _broken("Perencanaan", flow_text)


def _syllables(word: str) -> list[str]:
    import pyphen

    return pyphen.Pyphen(lang="id").inserted(word).split("-")


def test_a_word_too_long_for_its_lane_is_hyphenated_not_cut(printed):
    doc = printed[LONG]
    flow_text = "\n".join(doc.page_texts[doc.first_flow_page :])
    assert "Pengadministrasiperkantoran" not in flow_text  # it cannot fit in one line …
    assert not _broken("Pengadministrasiperkantoran", flow_text)  # … so it breaks at a hyphen only
    assert re.search("Peng[a-z]*[-\u2010\xad]\\s+[a-z]*kantoran", flow_text)


@pytest.mark.parametrize("nomor", ALL)
def test_the_footer_names_the_sop_once(printed, nomor):
    doc = printed[nomor]
    number = " ".join(nomor.split())
    printed_number = number if number.upper().startswith("SOP") else f"SOP {number}"
    for k, text in enumerate(doc.page_texts, start=1):
        text = " ".join(text.split())
        assert f"{printed_number} — {' '.join(doc.nama.split())}" in text
        assert f"SOP {printed_number} —" not in text
        assert f"Halaman {k} dari {len(doc.page_texts)}" in text


# --- no unlabeled column ---------------------------------------------------------------------------------


class _Header(HTMLParser):
    """The header cells of every flowchart table: their visible text, whether anything in them is hidden."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self._in_thead, self._cell, self._hidden = [], False, None, 0
        self._in_flow = False
        self.cols = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            # Only the flowchart tables (a draft's list of source errors is a table of its own).
            self._in_flow = "sop-flow" in (a.get("class") or "")
            if self._in_flow:
                self.tables.append([])
                self.cols.append(0)
        elif not self._in_flow:
            return
        elif tag == "col" and self.tables:
            self.cols[-1] += 1
        elif tag == "thead":
            self._in_thead = True
        elif tag == "th" and self._in_thead:
            self._cell = {"text": "", "hidden": False, "colspan": int(a.get("colspan", 1))}
            self.tables[-1].append(self._cell)
        elif self._cell is not None and "visually-hidden" in (a.get("class") or ""):
            self._cell["hidden"] = True

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if tag == "th":
            self._cell = None
        elif tag == "thead":
            self._in_thead = False


@pytest.mark.parametrize("nomor", ALL)
def test_every_header_cell_of_the_flowchart_has_visible_text(printed, nomor):
    doc = printed[nomor]
    header = _Header(doc.html)
    assert len(header.tables) == len(doc.chunks)
    lanes = len(doc.lane_labels)
    for cells, cols in zip(header.tables, header.cols, strict=True):
        assert all(cell["text"].strip() and not cell["hidden"] for cell in cells), cells
        # No | Uraian | one column per lane | Kelengkapan | Waktu | Output | Keterangan: nothing else.
        assert cols == 2 + lanes + 4
        second_row = cells[5:]
        assert [c["text"].strip().replace("\xad", "") for c in second_row[:lanes]] == doc.lane_labels
        assert sum(c["colspan"] for c in second_row) == lanes + 3
    assert "c-gutter" not in doc.html


# --- pagination by row height ---------------------------------------------------------------------------


@pytest.mark.parametrize("nomor", ALL)
def test_each_page_of_rows_is_one_printed_page_without_a_lone_step(printed, nomor):
    doc = printed[nomor]
    pages = len(doc.page_texts)
    # A draft still printing errors of its source document lists them on one page after the flowchart.
    listed = 1 if doc.context["galat_draf"] else 0
    assert pages == doc.first_flow_page + len(doc.chunks) + listed, f"{nomor}: a page of rows overflowed: {doc.chunks}"
    if len(doc.chunks) > 1:
        assert min(len(c) for c in doc.chunks) >= 2, doc.chunks
    # The rows are printed on the page the layout put them on.
    uraian = {no: text for no, _k, _y, _t, text in doc.steps}
    for k, chunk in enumerate(doc.chunks):
        text = " ".join(doc.page_texts[doc.first_flow_page + k].split())
        for no in chunk:
            assert " ".join(uraian[no].split()[:3]) in text, (nomor, k, no)


def test_long_seeds_fill_more_than_one_page_and_short_ones_one(printed):
    counts = {nomor: len(printed[nomor].chunks) for nomor in ALL}
    assert counts["067/001/KEC.BTM/BLG/2024"] >= 2  # 12 steps
    assert counts["067.2/ 03 /KEC.AWY/VII/2023"] >= 2  # 10 steps
    assert counts["067/02/KEC.AWY/VII/2023"] == 1  # 7 short steps fit one page
    assert counts[LONG] >= 3


def test_rows_are_as_tall_as_their_text(printed):
    doc = printed[LONG]
    rows = {row["step"].no: row["height"] for chunk in doc.context["chunks"] for row in chunk}
    assert rows[4] > flowchart.ROW_HEIGHT + 5  # the long Uraian makes it taller than the symbol needs


# --- draft mark, lane note, lambang -----------------------------------------------------------------------


def test_a_draft_carries_the_draf_mark_on_every_page_and_an_effective_revision_none(printed):
    draft, effective = printed["draft"], printed["effective"]
    assert all("DRAF" in text for text in draft.page_texts)
    assert not any("DRAF" in text for text in effective.page_texts)


def test_the_lane_review_note_is_printed_when_lanes_need_checking(printed):
    flagged, plain = printed["draft"], printed["effective"]
    note = " ".join(NOTE.split())
    assert note in " ".join(flagged.page_texts[0].split())  # the identity sheet …
    flow_pages = flagged.page_texts[flagged.first_flow_page :]
    assert all(note in " ".join(text.split()) for text in flow_pages)  # … and under every flowchart title
    assert not any("perlu diperiksa" in text for text in plain.page_texts)


def test_the_identity_sheet_carries_the_lambang_of_the_kabupaten(printed):
    with_unit = printed["067/001/KEC.BTM/BLG/2024"]
    template = printed["009  /KBB /SOP/IV/2023"]  # a library template: no issuing unit, no lambang
    assert with_unit.has_lambang and with_unit.images_on(0) >= 1
    assert 'class="sop-lambang"' in with_unit.html
    assert not template.has_lambang and template.images_on(0) == 0
