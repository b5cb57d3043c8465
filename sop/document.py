"""Assemble the official SOP document (HTML page and PDF share this)."""

from sop import flowchart, selectors

# Rows of the flowchart table per PDF page (A4 landscape, 22 mm per row, under the repeated header).
ROWS_PER_PAGE = 6


def context(revision, *, paginate: bool) -> dict:
    data = selectors.document(revision)
    nodes = flowchart.nodes_from_steps(data["steps"], data["lanes"])
    steps = data["steps"]
    breaks = set()
    if paginate:
        breaks = {i for i in range(ROWS_PER_PAGE - 1, len(steps) - 1, ROWS_PER_PAGE)}
    svgs = flowchart.row_svgs(nodes, len(data["lanes"]), breaks_after=breaks)
    rows = [{"step": s, "svg": svg} for s, svg in zip(steps, svgs, strict=True)]
    size = ROWS_PER_PAGE if paginate else max(len(rows), 1)
    chunks = [rows[k : k + size] for k in range(0, len(rows), size)] or [[]]
    gutter = flowchart.gutter_width(flowchart.branch_count(nodes))
    return {
        **data,
        "chunks": chunks,
        "gutter_mm": gutter,
        "lane_colspan": len(data["lanes"]) + (1 if gutter else 0),
    }
