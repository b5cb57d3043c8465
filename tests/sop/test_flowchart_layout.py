"""The flowchart sheet's layout rules, without a database or a PDF (the printed result: test_pdf_layout.py)."""

import re
from types import SimpleNamespace

import pytest

from sop import document, flowchart
from sop.flowchart import Node


def _chain(lanes: list[int], decisions: dict[int, tuple[int, int]] | None = None) -> list[Node]:
    """Steps 1..n in the given lanes; `decisions`: step no -> (ya_ke, tidak_ke)."""
    decisions = decisions or {}
    n = len(lanes)
    out = []
    for k, lane in enumerate(lanes, start=1):
        kind = "mulai" if k == 1 else "selesai" if k == n else "proses"
        ya, tidak = decisions.get(k, (None, None))
        if k in decisions:
            kind = "keputusan"
        out.append(Node(k, lane, kind, ya, tidak))
    return out


def _connectors(svg: str) -> list[tuple[str, str, str]]:
    return re.findall(r'class="offpage" data-direction="(\w+)" data-label="(\w+)" data-flow="(\w+)"', svg)


@pytest.mark.parametrize("lanes", range(1, 11))
def test_the_columns_fill_the_page_width_exactly(lanes):
    columns = document.columns_for(lanes)
    assert columns.total == pytest.approx(document.PAGE_WIDTH)
    assert columns.lane >= flowchart.Grid(lanes, columns.lane).symbol_w + 4
    assert columns.uraian >= document.URAIAN_FLOOR


def test_connector_letters_run_past_z():
    assert [flowchart.connector_label(k) for k in (0, 1, 25, 26, 27, 51, 52)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
    ]


def test_every_row_has_a_rule_at_every_lane_boundary_over_its_whole_height():
    nodes = _chain([0, 2, 1, 3, 0], {3: (4, 2)})
    wanted = [22.0, 40.0, 22.0, 30.0, 22.0]
    heights = [max(h, least) for h, least in zip(wanted, flowchart.row_heights(nodes, {2}), strict=True)]
    assert heights[1] == 40.0 and heights[2] > 22.0  # text-tall; a decision above a page break
    for svg, height in zip(flowchart.row_svgs(nodes, 4, {2}, lane_width=25.0, heights=wanted), heights, strict=True):
        rules = re.findall(r'class="lane-rule" x1="([\d.]+)" y1="0" x2="[\d.]+" y2="([\d.]+)"', svg)
        assert [float(x) for x, _ in rules] == [0.0, 25.0, 50.0, 75.0, 100.0]
        assert all(float(y) == pytest.approx(height) for _, y in rules)
        assert f'height="{height:.2f}mm"' in svg


def test_a_loop_across_a_page_break_goes_through_its_own_connector_pair():
    # Step 8 (a decision) loops back to step 2; the page breaks after step 5 (row 4).
    nodes = _chain([0, 1, 2, 1, 2, 0, 1, 0, 2, 1], {8: (9, 2)})
    rows = flowchart.row_svgs(nodes, 3, {4}, lane_width=25.0)
    end, start = _connectors(rows[4]), _connectors(rows[5])
    assert sorted(end) == [("down", "A", "main"), ("down", "B", "branch")]
    assert sorted(start) == [("up", "A", "main"), ("up", "B", "branch")]
    for k, row in enumerate(rows):
        if k not in (4, 5):
            assert not _connectors(row), k
    # The loop is drawn in the lane area (no gutter beyond the last lane) in every row it spans.
    for row in rows[1:8]:
        xs = [float(x) for x in re.findall(r"[ML]([\d.]+),", row)]
        assert max(xs) < 75.0


def test_letters_are_unique_per_pair_over_several_breaks():
    nodes = _chain([0, 1, 2, 1, 0, 1, 2, 0, 1, 2, 1, 0], {11: (12, 3), 4: (5, 9)})
    breaks = {2, 5, 8}
    rows = flowchart.row_svgs(nodes, 3, breaks, lane_width=25.0)
    downs = [label for b in sorted(breaks) for d, label, _ in _connectors(rows[b]) if d == "down"]
    ups = [label for b in sorted(breaks) for d, label, _ in _connectors(rows[b + 1]) if d == "up"]
    assert downs == ups and len(set(downs)) == len(downs)
    # 3 main arrows; the loop 11->3 crosses all three breaks, the branch 4->9 the one after row 5.
    assert len(downs) == 3 + 3 + 1


def test_a_row_with_connectors_is_tall_enough_for_them():
    plain = flowchart.min_row_height("keputusan")
    both = flowchart.min_row_height("keputusan", top_connector=True, bottom_connector=True)
    assert plain == flowchart.ROW_HEIGHT
    assert both >= flowchart.HEAD_CONNECTOR + flowchart.DIAMOND_H + flowchart.FOOT_CONNECTOR
    svg = flowchart.row_svgs(_chain([0, 1, 0], {2: (3, 1)}), 2, {0, 1}, lane_width=25.0)[1]
    diamond_top = float(re.search(r'data-shape="diamond".*?points="[\d.]+,([\d.]+)', svg).group(1))
    assert diamond_top >= flowchart.EDGE_GAP + flowchart.CONNECTOR_H + 2


def _steps(texts: list[str]):
    return [
        SimpleNamespace(no=k, uraian=t, kelengkapan="", waktu_cetak="1 Jam", output="", keterangan="")
        for k, t in enumerate(texts, 1)
    ]


def test_pages_break_by_height_without_a_lone_step():
    nodes = _chain([0, 1] * 4)
    columns = document.columns_for(2)
    heights = [document.row_text_height(s, columns) for s in _steps(["Langkah"] * 8)]
    capacity = 7 * (flowchart.ROW_HEIGHT + document.BORDER) + 10  # seven rows fit, not eight
    breaks = document.page_breaks(nodes, heights, capacity)
    assert breaks == [3]  # 4 + 4, not 7 + 1


def test_a_long_text_makes_its_row_taller_and_moves_the_break():
    nodes = _chain([0, 1] * 4)
    columns = document.columns_for(2)
    long_text = "uraian kegiatan yang panjang sekali " * 30
    heights = [document.row_text_height(s, columns) for s in _steps(["Langkah", long_text] + ["Langkah"] * 6)]
    assert heights[1] > flowchart.ROW_HEIGHT * 2
    capacity = 7 * (flowchart.ROW_HEIGHT + document.BORDER) + 10
    breaks = document.page_breaks(nodes, heights, capacity)
    pages = [b - a for a, b in zip([-1, *breaks], [*breaks, 7], strict=True)]
    assert min(pages) >= 2 and len(pages) == 2


def test_a_break_that_cuts_no_loop_is_preferred():
    # Twelve steps, six per page would cut the loop 7 -> 6; five or seven on the first page does not.
    nodes = _chain([0, 1, 2, 2, 3, 2, 0, 3, 3, 1, 0, 3], {7: (8, 6), 11: (12, 10)})
    heights = [20.0] * 12
    capacity = 7 * (flowchart.ROW_HEIGHT + document.BORDER) + 12
    breaks = document.page_breaks(nodes, heights, capacity)
    assert len(breaks) == 1 and breaks[0] != 5
    assert not any(b.crosses(breaks[0]) for b in flowchart.branches(nodes))


@pytest.mark.parametrize(
    "labels",
    [
        ["Camat", "Sekretaris", "Kasubbag Perencanaan dan Keuangan", "Pelaksana"],
        ["Start/JF", "Kasi", "Kasubdag", "Sekcam", "Camat"],
        ["Camat", "Kasubbag Perencanaan dan Keuangan", "Staf Penyusun Evaluasi Kinerja", "Kepala Seksi", "Staf"],
        ["Pengadministrasiperkantoran", "Camat", "Sekretaris", "Kepala Seksi", "Staf", "Bendahara", "Pengelola"],
    ],
)
def test_lane_headers_wrap_between_words_or_at_a_hyphen(labels):
    lanes = [SimpleNamespace(label=label) for label in labels]
    width = document.columns_for(len(lanes)).lane
    printed, size, lines = document.lane_headers(lanes, width)
    room = (width - 2 * document.LANE_PAD_X - document.BORDER) * document.WIDTH_SAFETY
    assert size >= 6.0 and lines >= 1
    for label in printed:
        for word in label.split():
            if "\xad" in word:  # breakable at its soft hyphens only, each piece fits
                assert all(document.text_width(p, size, bold=True) <= room for p in word.split("\xad"))
            else:
                assert document.text_width(word, size, bold=True) <= room, word


def test_the_fixed_headers_fit_their_columns_on_one_line():
    columns = document.columns_for(5)
    for text, width in (
        ("Keterangan", columns.ket),
        ("Kelengkapan", columns.kel),
        ("Waktu", columns.waktu),
        ("Output", columns.output),
        ("No", columns.no),
    ):
        assert document.text_width(text, document.HEAD_PT, bold=True) <= width - 2 * document.PAD_X, text
    for waktu in ("10 Menit", "120 Hari", "30 Menit"):  # printed on one line (white-space: nowrap)
        assert document.text_width(waktu, document.BODY_PT) <= columns.waktu - 2 * document.PAD_X


def test_the_stylesheet_gives_the_page_the_same_columns_as_the_pdf():
    """The page's CSP refuses inline styles, so static/css/sop.css carries the widths for 1 to 12 lanes."""
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "sop.css").read_text(encoding="utf-8")

    def width(selector: str) -> float:
        found = re.search(re.escape(selector) + r" \{ width: ([\d.]+)mm; \}", css)
        assert found, selector
        return float(found.group(1))

    assert re.search(rf"table\.sop-flow \{{[^}}]*width: {document.PAGE_WIDTH:g}mm;", css)
    for name, mm in document.FIXED_COLUMNS.items():
        assert width(f".sop-flow col.c-{name}") == mm
    for lanes in range(1, 13):
        columns = document.columns_for(lanes)
        assert width(f".sop-flow.lajur-{lanes} col.c-uraian") == columns.uraian
        assert width(f".sop-flow.lajur-{lanes} col.c-lane") == columns.lane
    for size in document.LANE_HEAD_PT:
        assert f".sop-flow th.lajur-pt-{round(size * 10)} {{ font-size: {size:g}pt; }}" in css
