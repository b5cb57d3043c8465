"""The SOP flowchart as server-side SVG (PermenPAN-RB 35/2012 symbols), for HTML and PDF alike.

The flowchart sheet is a table: one row per step, one column per lane. Each
row's lane cells hold one SVG (`row_svgs`) drawn on the same grid, so the
pieces line up into one chart:

* terminator (capsule) for the first and last step, rectangle for a process,
  diamond for a decision, placed in the lane of the responsible role;
* an arrow from each step to the next, routed down and across lanes;
* a decision's "Ya" goes to the step the SOP names (default next) and its
  "Tidak" branch is drawn back (or forward) to its target through a gutter on
  the right, one gutter line per branch;
* where the table breaks across PDF pages (`breaks_after`), the arrow ends in
  an off-page connector (a pentagon pointing down) at the bottom of the page
  and starts again from one pointing up at the top of the next.

Symbols carry data-step and data-shape attributes so tests (and people with
developer tools) can check one symbol per step of the right shape. Units are
millimetres; everything is black on white and prints in black and white.
"""

from dataclasses import dataclass
from html import escape

LANE_WIDTH = 20.0
ROW_HEIGHT = 22.0
SYMBOL_W = 14.0
SYMBOL_H = 7.0
DIAMOND_H = 11.0
GUTTER_STEP = 2.5
STROKE = 0.35
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Node:
    no: int
    lane_index: int
    kind: str  # mulai | proses | keputusan | selesai
    ya_ke: int | None = None
    tidak_ke: int | None = None


@dataclass(frozen=True)
class Branch:
    source: int  # row index of the decision
    target: int  # row index of the target step
    label: str
    gutter: int  # which gutter line (0 = nearest the lanes)


def nodes_from_steps(steps, lanes) -> list[Node]:
    """Build nodes from Step objects (with lane_id) and the ordered Lane objects."""
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    return [Node(s.no, index.get(s.lane_id, 0), s.kind, s.ya_ke, s.tidak_ke) for s in steps]


def _branches(nodes: list[Node]) -> list[Branch]:
    position = {n.no: i for i, n in enumerate(nodes)}
    found = []
    for i, node in enumerate(nodes):
        if node.kind != "keputusan":
            continue
        if node.tidak_ke in position:
            found.append(Branch(i, position[node.tidak_ke], "Tidak", len(found)))
        if node.ya_ke in position and position[node.ya_ke] != i + 1:
            found.append(Branch(i, position[node.ya_ke], "Ya", len(found)))
    return found


def _next_row(nodes: list[Node], i: int) -> int | None:
    """The row the main arrow of row i goes to: the next row, unless this is the end."""
    if i + 1 >= len(nodes) or nodes[i].kind == "selesai":
        return None
    return i + 1


def gutter_width(branch_count: int) -> float:
    """Width of the branch gutter: fixed for up to two branches so the table column (sop.css) fits."""
    return GUTTER_STEP * (max(branch_count, 2) + 1) + 1 if branch_count else 0.0


def width_for(lane_count: int, branch_count: int) -> float:
    return lane_count * LANE_WIDTH + gutter_width(branch_count)


def branch_count(nodes: list[Node]) -> int:
    return len(_branches(nodes))


def _cx(lane_index: int) -> float:
    return lane_index * LANE_WIDTH + LANE_WIDTH / 2


def _symbol(node: Node, kind: str) -> tuple[str, float]:
    """SVG of the symbol and its half height."""
    cx, cy = _cx(node.lane_index), ROW_HEIGHT / 2
    common = f'data-step="{node.no}" fill="#fff" stroke="#000" stroke-width="{STROKE}"'
    if kind == "keputusan":
        hw, hh = SYMBOL_W / 2, DIAMOND_H / 2
        points = f"{cx},{cy - hh} {cx + hw},{cy} {cx},{cy + hh} {cx - hw},{cy}"
        return f'<polygon class="symbol" data-shape="diamond" {common} points="{points}"/>', hh
    x, y = cx - SYMBOL_W / 2, cy - SYMBOL_H / 2
    if kind in ("mulai", "selesai"):
        shape, rx = "terminator", SYMBOL_H / 2
    else:
        shape, rx = "rectangle", 0
    svg = (
        f'<rect class="symbol" data-shape="{shape}" {common} x="{x}" y="{y}" '
        f'width="{SYMBOL_W}" height="{SYMBOL_H}" rx="{rx}" ry="{rx}"/>'
    )
    return svg, SYMBOL_H / 2


def _line(points: list[tuple[float, float]], marker_id: str | None = None, dashed: bool = False) -> str:
    d = " ".join(f"{'M' if k == 0 else 'L'}{x:.2f},{y:.2f}" for k, (x, y) in enumerate(points))
    marker = f' marker-end="url(#{marker_id})"' if marker_id else ""
    dash = ' stroke-dasharray="1.2,0.8"' if dashed else ""
    return f'<path class="arrow" d="{d}" fill="none" stroke="#000" stroke-width="{STROKE}"{dash}{marker}/>'


def _label(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="2.6" font-family="{FONT}" text-anchor="{anchor}" '
        f'class="branch-label">{escape(text)}</text>'
    )


def _connector(cx: float, top: float, pointing_down: bool, label: str) -> str:
    """Off-page connector: a pentagon pointing down (page end) or up (page start)."""
    w, h, tip = 6.0, 4.0, 2.0
    if pointing_down:
        pts = [(cx - w / 2, top), (cx + w / 2, top), (cx + w / 2, top + h), (cx, top + h + tip), (cx - w / 2, top + h)]
    else:
        pts = [
            (cx, top),
            (cx + w / 2, top + tip),
            (cx + w / 2, top + tip + h),
            (cx - w / 2, top + tip + h),
            (cx - w / 2, top + tip),
        ]
    points = " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)
    text_y = top + (h / 2 + 1 if pointing_down else tip + h / 2 + 1)
    return (
        f'<g class="offpage" data-direction="{"down" if pointing_down else "up"}">'
        f'<polygon points="{points}" fill="#fff" stroke="#000" stroke-width="{STROKE}"/>'
        f'<text x="{cx:.2f}" y="{text_y:.2f}" font-size="2.6" font-family="{FONT}" text-anchor="middle">{escape(label)}</text></g>'
    )


def row_svgs(nodes: list[Node], lane_count: int, breaks_after: set[int] | None = None) -> list[str]:
    """One SVG per row (step), to sit in the lane columns of that row.

    `breaks_after`: row indexes after which the page breaks (PDF); the arrow to
    the next row then goes through a pair of off-page connectors.
    """
    breaks_after = breaks_after or set()
    branches = _branches(nodes)
    width = width_for(lane_count, len(branches))
    lanes_right = lane_count * LANE_WIDTH
    out = []
    connector_labels = {row: chr(ord("A") + k % 26) for k, row in enumerate(sorted(breaks_after))}
    for i, node in enumerate(nodes):
        marker_id = f"panah-{node.no}-{i}"
        kind = "mulai" if i == 0 and node.kind != "keputusan" else node.kind
        if i == len(nodes) - 1 and node.kind != "keputusan":
            kind = "selesai"
        symbol, half = _symbol(node, kind)
        cx, cy = _cx(node.lane_index), ROW_HEIGHT / 2
        parts = []
        # Incoming arrow from the row above.
        if i > 0 and _next_row(nodes, i - 1) == i:
            if (i - 1) in breaks_after:
                parts.append(_connector(cx, 0.3, pointing_down=False, label=connector_labels[i - 1]))
                parts.append(_line([(cx, 6.3), (cx, cy - half)], marker_id))
            else:
                parts.append(_line([(cx, 0), (cx, cy - half)], marker_id))
        # Outgoing main arrow to the next row.
        following = _next_row(nodes, i)
        if following is not None:
            if i in breaks_after:
                parts.append(_line([(cx, cy + half), (cx, ROW_HEIGHT - 6.6)]))
                parts.append(_connector(cx, ROW_HEIGHT - 6.6, pointing_down=True, label=connector_labels[i]))
            else:
                nx = _cx(nodes[following].lane_index)
                bend = ROW_HEIGHT - 2.5
                parts.append(_line([(cx, cy + half), (cx, bend), (nx, bend), (nx, ROW_HEIGHT)]))
            if node.kind == "keputusan":
                parts.append(_label(cx + 1.2, cy + half + 3, "Ya"))
        # Branches through the gutter.
        for b in branches:
            gx = lanes_right + GUTTER_STEP * (b.gutter + 1)
            upward = b.target < b.source
            if i == b.source:
                end_y = 0 if upward else ROW_HEIGHT
                parts.append(_line([(cx + SYMBOL_W / 2, cy), (gx, cy), (gx, end_y)], dashed=False))
                parts.append(_label(cx + SYMBOL_W / 2 + 0.8, cy - 1.2, b.label))
            elif i == b.target:
                start_y = ROW_HEIGHT if upward else 0
                target_x = cx + SYMBOL_W / 2 if kind != "keputusan" else cx + SYMBOL_W / 2
                parts.append(_line([(gx, start_y), (gx, cy), (target_x, cy)], marker_id))
            elif min(b.source, b.target) < i < max(b.source, b.target):
                parts.append(_line([(gx, 0), (gx, ROW_HEIGHT)]))
        parts.append(symbol)
        defs = (
            f'<defs><marker id="{marker_id}" viewBox="0 0 6 6" refX="5.5" refY="3" markerUnits="userSpaceOnUse" markerWidth="2.4" '
            f'markerHeight="2.4" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#000"/></marker></defs>'
        )
        out.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-row" width="{width}mm" height="{ROW_HEIGHT}mm" '
            f'viewBox="0 0 {width} {ROW_HEIGHT}" role="img" aria-label="Langkah {node.no}">{defs}{"".join(parts)}</svg>'
        )
    return out


def full_svg(nodes: list[Node], lane_count: int) -> str:
    """The whole flowchart as one SVG (rows stacked), e.g. for a standalone picture or tests."""
    rows = row_svgs(nodes, lane_count)
    width = width_for(lane_count, len(_branches(nodes)))
    height = ROW_HEIGHT * len(rows)
    body = "".join(
        f'<g transform="translate(0,{k * ROW_HEIGHT})">{row[row.index(">") + 1 : -len("</svg>")]}</g>'
        for k, row in enumerate(rows)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Diagram alir SOP">{body}</svg>'
    )
