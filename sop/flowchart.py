"""The SOP flowchart as server-side SVG (PermenPAN-RB 35/2012 symbols), for HTML and PDF alike.

The flowchart sheet is a table: one row per step, one column per lane. Each
row's lane cells hold one SVG (`row_svgs`) drawn on the same grid, so the
pieces line up into one chart:

* a vertical rule at every lane boundary (the first and last included), drawn
  over the whole height of every row, so each lane reads as a boxed column on
  paper, continuous from row to row;
* terminator (capsule) for the first and last step, rectangle for a process,
  diamond for a decision, placed in the lane of the responsible role;
* an arrow from each step to the next, routed down and across lanes;
* a decision's "Ya" goes to the step the SOP names (default next) and a branch
  that does not go to the next row ("Tidak", back or forward) leaves the
  diamond to the right and runs along the right edge of the rightmost lane it
  involves (its source's or its target's), inside the lane area: no extra
  column;
* where the table breaks across PDF pages (`breaks_after`), every flow that
  crosses the break (the main arrow and any branch) goes through a pair of
  off-page connectors with one letter: a pentagon pointing down at the bottom
  of the page and one pointing up at the top of the next. Letters are unique
  per pair over the whole document (A … Z, AA, AB …).

Rows have a minimum height (`min_row_height`) that leaves room for the
connectors above and below the symbol, so nothing overlaps; a row may be
taller (its text needs more room: sop/document.py) and the SVG is then drawn
at that height, the lane rules running its whole height.

Symbols carry data-step and data-shape attributes, connectors data-direction,
data-label and data-flow, so tests (and people with developer tools) can check
the chart. Units are millimetres; everything is black on white and prints in
black and white.
"""

from dataclasses import dataclass
from html import escape

LANE_WIDTH = 24.0  # default lane width (the editor's preview); the document computes its own
ROW_HEIGHT = 22.0  # minimum row height
SYMBOL_W = 14.0
SYMBOL_H = 7.0
DIAMOND_H = 11.0
STROKE = 0.35
RULE = 0.3  # lane rules: as thick as the table's borders (static/css/sop.css)
FONT = "DejaVu Sans, Arial, sans-serif"
LABEL_SIZE = 2.5  # "Ya" / "Tidak": 7,1 pt, the smallest size a printed document may use (tests/dokumen)
CONNECTOR_W = 5.0
CONNECTOR_BODY = 3.4
CONNECTOR_TIP = 1.8
CONNECTOR_H = CONNECTOR_BODY + CONNECTOR_TIP
EDGE_GAP = 0.8  # between a connector and the row's top or bottom edge
SIDE_GAP = 0.7  # between a branch connector and its lane's right rule
HEAD = 5.0  # above a symbol: the incoming arrow
HEAD_CONNECTOR = EDGE_GAP + CONNECTOR_H + 3.5  # … coming from an off-page connector
FOOT = 6.0  # below a symbol: the "Ya" label and the bend towards the next lane
FOOT_CONNECTOR = 3.6 + 2.0 + CONNECTOR_H + EDGE_GAP  # … the label, an arrow, an off-page connector
BEND = 2.5  # the main arrow turns towards the next lane this far above the row's bottom edge
CHANNEL_INSET = 1.6  # a branch runs this far left of its lane's right rule …
CHANNEL_STEP = 1.4  # … and further left for each other branch overlapping it in the same lane


@dataclass(frozen=True)
class Node:
    no: int
    lane_index: int
    kind: str  # mulai | proses | keputusan | selesai
    ya_ke: int | None = None
    tidak_ke: int | None = None
    external: bool = False  # in the lane of an actor outside the office (sop.models.PelaksanaLuar)


@dataclass(frozen=True)
class Branch:
    source: int  # row index of the decision
    target: int  # row index of the target step
    label: str
    lane: int  # the lane along whose right rule it runs
    slot: int = 0  # 0 = nearest the rule; more when branches overlap in the same lane

    @property
    def low(self) -> int:
        return min(self.source, self.target)

    @property
    def high(self) -> int:
        return max(self.source, self.target)

    def crosses(self, break_after: int) -> bool:
        """Does this branch cross the page break after row `break_after`?"""
        return self.low <= break_after < self.high


def nodes_from_steps(steps, lanes) -> list[Node]:
    """Build nodes from Step objects (with lane_id) and the ordered Lane objects."""
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    outside = {lane.pk for lane in lanes if lane.eksternal}
    return [Node(s.no, index.get(s.lane_id, 0), s.kind, s.ya_ke, s.tidak_ke, s.lane_id in outside) for s in steps]


def _main_label(nodes: list[Node], i: int) -> str | None:
    """For a decision whose main arrow goes down to the next row: which answer it is."""
    node = nodes[i]
    if node.kind != "keputusan" or i + 1 >= len(nodes):
        return None
    following = nodes[i + 1].no
    if node.ya_ke is None or node.ya_ke == following:
        return "Ya"
    if node.tidak_ke == following:
        return "Tidak"
    return None


def main_next(nodes: list[Node], i: int) -> int | None:
    """The row the main (downward) arrow of row i goes to: the next row, unless this is the end.

    A decision goes down to the next row when one of its answers does (by default "Ya").
    """
    if i + 1 >= len(nodes) or nodes[i].kind == "selesai":
        return None
    node = nodes[i]
    if node.kind == "keputusan" and (node.ya_ke is not None or node.tidak_ke is not None):
        return i + 1 if _main_label(nodes, i) else None
    return i + 1


def branches(nodes: list[Node]) -> list[Branch]:
    """The decision answers that do not go straight down to the next row, each with its lane and slot."""
    position = {n.no: i for i, n in enumerate(nodes)}
    found = []
    for i, node in enumerate(nodes):
        if node.kind != "keputusan":
            continue
        down = _main_label(nodes, i) if main_next(nodes, i) is not None else None
        for label, target_no in (("Tidak", node.tidak_ke), ("Ya", node.ya_ke)):
            target = position.get(target_no)
            if target is None or target == i or label == down:
                continue
            lane = max(node.lane_index, nodes[target].lane_index)
            found.append(Branch(i, target, label, lane))
    # Branches sharing a lane whose rows overlap get different slots (side by side).
    placed: list[Branch] = []
    for b in sorted(found, key=lambda b: (b.high - b.low, b.low)):
        taken = {p.slot for p in placed if p.lane == b.lane and p.low <= b.high and b.low <= p.high}
        slot = next(s for s in range(len(placed) + 1) if s not in taken)
        placed.append(Branch(b.source, b.target, b.label, b.lane, slot))
    order = {(b.source, b.label): k for k, b in enumerate(found)}
    return sorted(placed, key=lambda b: order[(b.source, b.label)])


def flows_across(nodes: list[Node], break_after: int) -> tuple[bool, list[Branch]]:
    """What crosses a page break after row `break_after`: the main arrow? which branches?"""
    main = main_next(nodes, break_after) == break_after + 1
    return main, [b for b in branches(nodes) if b.crosses(break_after)]


def _half_height(kind: str) -> float:
    return (DIAMOND_H if kind == "keputusan" else SYMBOL_H) / 2


def drawn_kind(nodes: list[Node], i: int) -> str:
    """The symbol row i is drawn with: the first and last steps are terminators unless they are decisions."""
    node = nodes[i]
    if i == 0 and node.kind != "keputusan":
        return "mulai"
    if i == len(nodes) - 1 and node.kind != "keputusan":
        return "selesai"
    return node.kind


def min_row_height(kind: str, *, top_connector: bool = False, bottom_connector: bool = False) -> float:
    """The least height of a row: its symbol with room for arrows, labels and off-page connectors."""
    head = HEAD_CONNECTOR if top_connector else HEAD
    foot = FOOT_CONNECTOR if bottom_connector else FOOT
    return max(ROW_HEIGHT, head + 2 * _half_height(kind) + foot)


def connector_label(k: int) -> str:
    """A, B, … Z, AA, AB, …: the k-th connector pair's letter(s)."""
    label = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


class Grid:
    """Horizontal geometry: lanes of one width, symbols centred in them, branch channels on their right."""

    def __init__(self, lane_count: int, lane_width: float = LANE_WIDTH):
        self.lane_count = max(lane_count, 1)
        self.lane_width = lane_width
        self.width = self.lane_count * lane_width
        self.symbol_w = min(SYMBOL_W, max(6.0, lane_width - 8.0))

    def cx(self, lane_index: int) -> float:
        return lane_index * self.lane_width + self.lane_width / 2

    def right(self, lane_index: int) -> float:
        return (lane_index + 1) * self.lane_width

    def channel_x(self, branch: Branch) -> float:
        x = self.right(branch.lane) - CHANNEL_INSET - CHANNEL_STEP * branch.slot
        return max(x, self.cx(branch.lane) + self.symbol_w / 2 + 0.6)

    def branch_connector_cx(self, branch: Branch) -> float:
        """A branch's connector sits in the right part of its lane, clear of the main connector at the centre."""
        return self.right(branch.lane) - SIDE_GAP - CONNECTOR_W / 2


def _symbol(node: Node, kind: str, cx: float, cy: float, symbol_w: float) -> str:
    common = f'data-step="{node.no}" fill="#fff" stroke="#000" stroke-width="{STROKE}"'
    if node.external:
        # An outside actor's step (Pemohon, Desa, another agency): the same symbol, outlined dashed.
        common += ' stroke-dasharray="1.2 0.8" data-eksternal="ya"'
    if kind == "keputusan":
        hw, hh = symbol_w / 2, DIAMOND_H / 2
        points = f"{cx:.2f},{cy - hh:.2f} {cx + hw:.2f},{cy:.2f} {cx:.2f},{cy + hh:.2f} {cx - hw:.2f},{cy:.2f}"
        return f'<polygon class="symbol" data-shape="diamond" {common} points="{points}"/>'
    x, y = cx - symbol_w / 2, cy - SYMBOL_H / 2
    if kind in ("mulai", "selesai"):
        shape, rx = "terminator", SYMBOL_H / 2
    else:
        shape, rx = "rectangle", 0
    return (
        f'<rect class="symbol" data-shape="{shape}" {common} x="{x:.2f}" y="{y:.2f}" '
        f'width="{symbol_w:.2f}" height="{SYMBOL_H}" rx="{rx}" ry="{rx}"/>'
    )


def _line(points: list[tuple[float, float]], marker_id: str | None = None) -> str:
    d = " ".join(f"{'M' if k == 0 else 'L'}{x:.2f},{y:.2f}" for k, (x, y) in enumerate(points))
    marker = f' marker-end="url(#{marker_id})"' if marker_id else ""
    return f'<path class="arrow" d="{d}" fill="none" stroke="#000" stroke-width="{STROKE}"{marker}/>'


_LABEL_EM = {"Ya": 1.224, "Tidak": 2.716}  # advance widths in DejaVu Sans, in em


def label_width(text: str) -> float:
    """Printed width (mm) of a branch label."""
    return _LABEL_EM.get(text, 0.7 * len(text)) * LABEL_SIZE


def _label(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="{LABEL_SIZE}" font-family="{FONT}" text-anchor="{anchor}" '
        f'class="branch-label">{escape(text)}</text>'
    )


def _connector(cx: float, top: float, pointing_down: bool, label: str, flow: str) -> str:
    """Off-page connector: a pentagon pointing down (page end) or up (page start), `CONNECTOR_H` tall."""
    w, h, tip = CONNECTOR_W, CONNECTOR_BODY, CONNECTOR_TIP
    if pointing_down:
        pts = [(cx - w / 2, top), (cx + w / 2, top), (cx + w / 2, top + h), (cx, top + h + tip), (cx - w / 2, top + h)]
        text_y = top + h / 2 + 0.95
    else:
        pts = [(cx, top), (cx + w / 2, top + tip), (cx + w / 2, top + tip + h), (cx - w / 2, top + tip + h)]
        pts.append((cx - w / 2, top + tip))
        text_y = top + tip + h / 2 + 0.95
    points = " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)
    size = 2.6 if len(label) == 1 else 2.0
    direction = "down" if pointing_down else "up"
    return (
        f'<g class="offpage" data-direction="{direction}" data-label="{escape(label)}" data-flow="{flow}">'
        f'<polygon points="{points}" fill="#fff" stroke="#000" stroke-width="{STROKE}"/>'
        f'<text x="{cx:.2f}" y="{text_y:.2f}" font-size="{size}" font-family="{FONT}" text-anchor="middle">'
        f"{escape(label)}</text></g>"
    )


def connector_letters(nodes: list[Node], breaks_after: set[int]) -> dict[tuple[int, object], str]:
    """The letter of each connector pair: key (break, "main") or (break, branch), in page order."""
    letters: dict[tuple[int, object], str] = {}
    for b in sorted(breaks_after):
        if b < 0 or b >= len(nodes) - 1:
            continue
        main, crossing = flows_across(nodes, b)
        if main:
            letters[(b, "main")] = connector_label(len(letters))
        for branch in crossing:
            letters[(b, branch)] = connector_label(len(letters))
    return letters


def row_heights(nodes: list[Node], breaks_after: set[int] | None = None) -> list[float]:
    """The least height of every row, given where the pages break."""
    breaks_after = breaks_after or set()
    out = []
    for i in range(len(nodes)):
        top = (i - 1) in breaks_after and i > 0 and _crossed(nodes, i - 1)
        bottom = i in breaks_after and i < len(nodes) - 1 and _crossed(nodes, i)
        out.append(min_row_height(drawn_kind(nodes, i), top_connector=top, bottom_connector=bottom))
    return out


def _crossed(nodes: list[Node], break_after: int) -> bool:
    main, crossing = flows_across(nodes, break_after)
    return main or bool(crossing)


def row_svgs(
    nodes: list[Node],
    lane_count: int,
    breaks_after: set[int] | None = None,
    *,
    lane_width: float = LANE_WIDTH,
    heights: list[float] | None = None,
    inset: float = 0.0,
) -> list[str]:
    """One SVG per row (step), to sit in the lane columns of that row.

    `breaks_after`: row indexes after which the page breaks (PDF); every flow
    crossing the break goes through a pair of off-page connectors.
    `heights`: each row's height (at least `row_heights`); the SVG fills it.
    `inset`: how much of the grid's left and right edge the SVG leaves out — in
    a table cell with collapsed borders the cell's content starts half a border
    width inside the column, and the SVG's coordinates stay the columns'.
    """
    breaks_after = {b for b in (breaks_after or set()) if 0 <= b < len(nodes) - 1}
    grid = Grid(lane_count, lane_width)
    found = branches(nodes)
    least = row_heights(nodes, breaks_after)
    heights = [max(h, m) for h, m in zip(heights, least, strict=True)] if heights else least
    letters = connector_letters(nodes, breaks_after)
    geometry = []
    for i in range(len(nodes)):
        kind = drawn_kind(nodes, i)
        top = (i - 1) in breaks_after and _crossed(nodes, i - 1)
        bottom = i in breaks_after and _crossed(nodes, i)
        head = HEAD_CONNECTOR if top else HEAD
        foot = FOOT_CONNECTOR if bottom else FOOT
        half = _half_height(kind)
        cy = head + half + (heights[i] - head - foot - 2 * half) / 2
        geometry.append((kind, cy, half))

    out = []
    for i, node in enumerate(nodes):
        height = heights[i]
        kind, cy, half = geometry[i]
        cx = grid.cx(node.lane_index)
        marker_id = f"panah-{node.no}-{i}"
        parts = []
        # Incoming main arrow from the row above.
        if i > 0 and main_next(nodes, i - 1) == i:
            if (i - 1) in breaks_after:
                parts.append(_connector(cx, EDGE_GAP, False, letters[(i - 1, "main")], "main"))
                parts.append(_line([(cx, EDGE_GAP + CONNECTOR_H), (cx, cy - half)], marker_id))
            else:
                parts.append(_line([(cx, 0), (cx, cy - half)], marker_id))
        # Outgoing main arrow to the next row.
        following = main_next(nodes, i)
        if following is not None:
            if i in breaks_after:
                conn_top = height - EDGE_GAP - CONNECTOR_H
                parts.append(_line([(cx, cy + half), (cx, conn_top)], marker_id))
                parts.append(_connector(cx, conn_top, True, letters[(i, "main")], "main"))
            else:
                nx = grid.cx(nodes[following].lane_index)
                bend = height - BEND
                parts.append(_line([(cx, cy + half), (cx, bend), (nx, bend), (nx, height)]))
            label = _main_label(nodes, i)
            if label:
                parts.append(_label(cx + 1.0, cy + half + 2.3, label))
        # Branches along the right rule of their lane.
        for b in found:
            if not b.low <= i <= b.high:
                continue
            parts.extend(_branch_part(b, i, nodes, grid, geometry, heights, breaks_after, letters, marker_id))
        parts.append(_symbol(node, kind, cx, cy, grid.symbol_w))
        # Lane rules last, over everything: nothing may interrupt them.
        parts.extend(
            f'<line class="lane-rule" x1="{x:.2f}" y1="0" x2="{x:.2f}" y2="{height:.2f}" stroke="#000" '
            f'stroke-width="{RULE}"/>'
            for x in (k * grid.lane_width for k in range(grid.lane_count + 1))
        )
        defs = (
            f'<defs><marker id="{marker_id}" viewBox="0 0 6 6" refX="5.5" refY="3" markerUnits="userSpaceOnUse" '
            f'markerWidth="2.4" markerHeight="2.4" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#000"/></marker></defs>'
        )
        view_w = grid.width - 2 * inset
        out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-row" width="{view_w:.2f}mm" '
            f'height="{height:.2f}mm" viewBox="{inset:.2f} 0 {view_w:.2f} {height:.2f}" role="img" '
            f'aria-label="Langkah {node.no}">{defs}{"".join(parts)}</svg>'
        )
    return out


def _branch_part(b, i, nodes, grid, geometry, heights, breaks_after, letters, marker_id) -> list[str]:
    """The piece of branch `b` that lies in row i (and its off-page connectors there)."""
    parts = []
    height = heights[i]
    _, cy, _ = geometry[i]
    x = grid.channel_x(b)
    downward = b.target > b.source
    break_above = (i - 1) in breaks_after and i > b.low
    break_below = i in breaks_after and i < b.high
    # The channel's extent in this row, top to bottom.
    top = cy if i == b.low else (EDGE_GAP + CONNECTOR_H if break_above else 0.0)
    bottom = cy if i == b.high else (height - EDGE_GAP - CONNECTOR_H if break_below else height)
    # Along the flow: where it enters this row and where it leaves it.
    enter, leave = (top, bottom) if downward else (bottom, top)
    leaves_into_connector = break_below if downward else break_above
    if i == b.source:
        source_cx = grid.cx(nodes[i].lane_index)
        vertex = source_cx + grid.symbol_w / 2
        parts.append(_line([(vertex, cy), (x, cy), (x, leave)], marker_id if leaves_into_connector else None))
        # The answer on the way out, on the side away from the channel's run: beside the diamond when it
        # fits before the lane's rule, else in the next lane the line crosses; never over a rule if avoidable.
        label_x = vertex + 0.4
        room = grid.right(nodes[i].lane_index) - 0.2 - label_x
        if room < label_width(b.label) and b.lane > nodes[i].lane_index:
            label_x = grid.right(nodes[i].lane_index) + 0.8
        parts.append(_label(label_x, cy + 2.9 if not downward else cy - 0.9, b.label))
    elif i == b.target:
        target_cx = grid.cx(nodes[i].lane_index)
        parts.append(_line([(x, enter), (x, cy), (target_cx + grid.symbol_w / 2, cy)], marker_id))
    else:
        parts.append(_line([(x, enter), (x, leave)], marker_id if leaves_into_connector else None))
    connector_x = grid.branch_connector_cx(b)
    if break_above:
        parts.append(_connector(connector_x, EDGE_GAP, False, letters[(i - 1, b)], "branch"))
    if break_below:
        parts.append(_connector(connector_x, height - EDGE_GAP - CONNECTOR_H, True, letters[(i, b)], "branch"))
    return parts


def full_svg(nodes: list[Node], lane_count: int, *, lane_width: float = LANE_WIDTH) -> str:
    """The whole flowchart as one SVG (rows stacked), e.g. for the editor's preview or tests."""
    heights = row_heights(nodes)
    rows = row_svgs(nodes, lane_count, lane_width=lane_width, heights=heights)
    width = Grid(lane_count, lane_width).width
    total = sum(heights)
    body, offset = [], 0.0
    for row, h in zip(rows, heights, strict=True):
        body.append(f'<g transform="translate(0,{offset:.2f})">{row[row.index(">") + 1 : -len("</svg>")]}</g>')
        offset += h
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}mm" height="{total:.2f}mm" '
        f'viewBox="0 0 {width:.2f} {total:.2f}" role="img" aria-label="Diagram alir SOP">{"".join(body)}</svg>'
    )
