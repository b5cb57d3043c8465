"""The pohon kinerja (performance tree) of a kecamatan for a year, drawn as server-rendered SVG.

RPJMD sasaran → the kecamatan's sasaran strategis (Renstra) → Renstra indicators (IKU marked) → the
year's PK indicators linked to them → the indicators of the positions' cascading PKs (PK berjenjang,
kinerja/berjenjang.py) supporting each of them. Each indicator node shows its target for the year and its latest
capaian (s.d. the latest quarter holding a realisation, kinerja.dashboard.posisi) from kinerja.pengukuran,
the one read model — nothing is computed here — coloured by its predikat band. Broken links are listed
as warnings: a sasaran strategis without indicator, a Renstra indicator without PK indicator this year,
a PK indicator linked to no indicator of the Renstra, a cascading PK's indicator supporting nothing, a
cascading PK (eselon III/IV) with no indicator supporting the Camat's, an indicator computed from its
supporting indicators that has none.

A constant number of SQL queries whatever the size of the tree (pinned by tests/renstra).

On paper (the LKIP's BAB II) the tree is printed as `halaman_cetak`: one A4 landscape page per sasaran
strategis (a sasaran whose subtree is taller than a page continues on the next, its ancestors drawn again),
every label wrapped in full inside its box (boxes grow with their text, nothing is cut with "…"), and the
text sized so that the page's scale prints it at 7 pt or more (tests/dokumen reads it off the PDF).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.html import escape

from kinerja import dashboard, pengukuran, selectors
from kinerja.models import PerjanjianKinerja
from renstra import selectors as renstra_selectors
from renstra import services as renstra_services
from sakip.formatting import format_angka

NODE_W, NODE_H, ROW_H, COL_GAP, PAD = 250, 78, 92, 56, 16
# Band colours, highest band first (the kabupaten may rename the bands; their order is what counts).
BAND_FILL = ["#1b7a3e", "#4caf50", "#f2c037", "#f08c2e", "#d64541"]
BAND_TEXT = ["#fff", "#fff", "#212529", "#212529", "#fff"]
NO_PREDIKAT = ("#e9ecef", "#212529")
LEVEL_FILL = ("#dbe7f5", "#e8f0e0")  # RPJMD sasaran, sasaran strategis
COLUMNS = ("Sasaran RPJMD", "Sasaran strategis", "Indikator Renstra / IKU", "Indikator PK", "Indikator PK berjenjang")


@dataclass
class Node:
    column: int
    title: str
    lines: list[str] = field(default_factory=list)
    fill: str = "#fff"
    text: str = "#212529"
    children: list[Node] = field(default_factory=list)
    warning: bool = False
    key: str = ""
    y: float = 0.0

    def rows(self) -> int:
        return max(1, sum(child.rows() for child in self.children))


def _angka(value, satuan: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):  # a level of a qualitative Renstra target
        return value
    text = getattr(value, "label", None) or format_angka(value)
    return f"{text} {satuan}".strip()


def _colours(cap, bands) -> tuple[str, str]:
    label = cap.predikat
    for index, (_, name) in enumerate(bands):
        if name == label:
            index = min(index, len(BAND_FILL) - 1)
            return BAND_FILL[index], BAND_TEXT[index]
    return NO_PREDIKAT


def _pk_node(item: pengukuran.IndikatorUkur, sampai: int, bands) -> Node:
    ind = item.indikator
    figure = item.sampai(sampai)
    fill, text = _colours(figure.capaian, bands)
    predikat = figure.capaian.predikat
    return Node(
        column=3,
        title=f"{item.nomor} {ind.uraian}",
        lines=[
            f"Target {_angka(item.target_tahunan, ind.satuan)}",
            f"Capaian {figure.label}: {figure.capaian.teks}" + (f" ({predikat})" if predikat else ""),
        ],
        fill=fill,
        text=text,
        key=f"pk-{ind.pk}",
    )


def _ringkas(node: Node, items: list, sampai: int, bands) -> None:
    """A sasaran's node (RPJMD or strategis): the capaian of the PK indicators under it, by the sasaran rule of
    kinerja.pengukuran (the mean of their computable capaian), coloured by its predikat."""
    if not items:
        return
    cap = pengukuran.rata_sasaran((item.sampai(sampai).capaian for item in items), bands)
    node.fill, node.text = _colours(cap, bands)
    predikat = cap.predikat
    label = pengukuran.label_rentang(1, sampai)
    node.lines.append(f"Capaian {label}: {cap.teks}" + (f" ({predikat})" if predikat else ""))


def _berjenjang_node(item: pengukuran.IndikatorUkur, sampai: int, bands) -> Node:
    node = _pk_node(item, sampai, bands)
    node.column = 4
    node.title = f"{item.indikator.pk_jabatan.nama}: {node.title}"
    node.key = f"pkb-{item.indikator.pk}"
    return node


def _berjenjang(kecamatan, tahun: int, ukuran, sampai: int, warnings: list[str]) -> tuple[dict, list[Node]]:
    """{Camat's indicator id: [nodes of its supporting indicators]} and the nodes supporting nothing; the
    cascading PKs' warnings. Constant queries (selectors.ukur_berjenjang and one for the PKs)."""
    items = selectors.ukur_berjenjang(kecamatan, tahun, ukuran)
    current = {i.indikator.pk for i in ukuran.indikator}
    by_parent: dict[int, list[Node]] = {}
    loose: list[Node] = []
    linked_positions = set()
    for item in items:
        ind = item.indikator
        node = _berjenjang_node(item, sampai, ukuran.bands)
        if ind.mendukung_id in current:
            by_parent.setdefault(ind.mendukung_id, []).append(node)
            linked_positions.add(ind.pk_jabatan_id)
        else:
            node.warning = True
            loose.append(node)
            warnings.append(
                f"Indikator PK berjenjang {ind.pk_jabatan.nama} {item.nomor} ({ind.uraian}) tidak mendukung "
                f"indikator PK {tahun} Camat."
            )
    pks = (
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jabatan__isnull=False)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .select_related("jabatan")
        .order_by("jabatan__nama")
    )
    for pk in pks:
        if pk.jabatan_id not in linked_positions:
            warnings.append(f"PK {tahun} {pk.jabatan.nama} tidak memiliki indikator yang mendukung indikator PK Camat.")
    for item in ukuran.indikator:
        if item.indikator.hitung_dari_pendukung and not by_parent.get(item.indikator.pk):
            warnings.append(
                f"Indikator PK {item.nomor} ({item.indikator.uraian}) dihitung dari indikator pendukung, tetapi "
                "belum ada indikator PK berjenjang yang mendukungnya."
            )
    return by_parent, loose


def build(user, kecamatan, tahun: int) -> dict:
    ukuran = pengukuran.ukur_kecamatan(kecamatan, tahun, user=user)
    sampai = dashboard.posisi(ukuran)
    bands = ukuran.bands
    renstra = renstra_services.established_renstra(kecamatan, tahun) or renstra_services.current_renstra(
        kecamatan, tahun
    )
    warnings: list[str] = []
    pk_items = ukuran.indikator
    by_renstra: dict[int, list[pengukuran.IndikatorUkur]] = {}
    for item in pk_items:
        if item.indikator.indikator_renstra_id:
            by_renstra.setdefault(item.indikator.indikator_renstra_id, []).append(item)
    roots: list[Node] = []
    placed: set[int] = set()
    pendukung, loose = _berjenjang(kecamatan, tahun, ukuran, sampai, warnings) if ukuran.pk else ({}, [])

    def pk_node(item):
        node = _pk_node(item, sampai, bands)
        node.children = pendukung.get(item.indikator.pk, [])
        if item.indikator.hitung_dari_pendukung:
            node.lines.append(f"Dihitung dari {len(node.children)} indikator pendukung")
        return node

    if renstra is None:
        warnings.append(f"Belum ada Renstra yang mencakup tahun {tahun}: pohon kinerja dimulai dari Renstra.")
    else:
        rpjmd_nodes: dict[int, Node] = {}
        under_rpjmd: dict[int, list] = {}
        for tujuan in renstra_selectors.renstra_tree(renstra):
            for sasaran in tujuan.sasaran.all():
                parent = sasaran.sasaran_rpjmd
                root = rpjmd_nodes.get(parent.pk)
                if root is None:
                    root = Node(0, f"{parent.urutan}. {parent.uraian}", fill=LEVEL_FILL[0], key=f"rpjmd-{parent.pk}")
                    rpjmd_nodes[parent.pk] = root
                    roots.append(root)
                s_node = Node(1, f"{sasaran.urutan}. {sasaran.uraian}", fill=LEVEL_FILL[1], key=f"ss-{sasaran.pk}")
                root.children.append(s_node)
                indicators = list(sasaran.indikator.all())
                under_sasaran: list = []
                if not indicators:
                    s_node.warning = True
                    warnings.append(f"Sasaran strategis {sasaran.urutan} ({sasaran.uraian}) belum memiliki indikator.")
                for ind in indicators:
                    target = dict(zip(renstra.tahun_list, ind.target_per_tahun, strict=True)).get(tahun)
                    linked = by_renstra.get(ind.pk, []) + (by_renstra.get(ind.asal_id, []) if ind.asal_id else [])
                    i_node = Node(
                        2,
                        f"{sasaran.urutan}.{ind.urutan} {ind.uraian}",
                        lines=[f"Target {tahun}: {_angka(target, ind.satuan)}"]
                        + [f"Target akhir: {_angka(ind.target_akhir_cetak, ind.satuan)}"],
                        key=f"ir-{ind.pk}",
                    )
                    if ind.iku:
                        i_node.title = "IKU · " + i_node.title
                    if linked:
                        # The Renstra indicator's latest capaian is that of the PK indicator carrying it out.
                        first = _pk_node(linked[0], sampai, bands)
                        i_node.fill, i_node.text = first.fill, first.text
                        i_node.lines.append(first.lines[1])
                    elif ukuran.pk is not None:
                        i_node.warning = True
                        warnings.append(
                            f"Indikator Renstra {sasaran.urutan}.{ind.urutan} ({ind.uraian}) tidak memiliki "
                            f"indikator PK {tahun} yang tertaut."
                        )
                    s_node.children.append(i_node)
                    for item in linked:
                        placed.add(item.indikator.pk)
                        i_node.children.append(pk_node(item))
                    under_sasaran.extend(linked)
                _ringkas(s_node, under_sasaran, sampai, bands)
                under_rpjmd.setdefault(parent.pk, []).extend(under_sasaran)
        for pk_rpjmd, node in rpjmd_nodes.items():
            _ringkas(node, under_rpjmd.get(pk_rpjmd, []), sampai, bands)
    orphans = [item for item in pk_items if item.indikator.pk not in placed]
    if orphans:
        group = Node(2, "Tidak tertaut ke Renstra", fill="#fff", warning=True, key="tanpa-renstra")
        for item in orphans:
            node = pk_node(item)
            node.warning = True
            group.children.append(node)
            warnings.append(f"Indikator PK {item.nomor} ({item.indikator.uraian}) tidak tertaut ke indikator Renstra.")
        roots.append(group)
    if loose:
        group = Node(3, "Tidak mendukung indikator PK Camat", fill="#fff", warning=True, key="tanpa-induk")
        group.children = loose
        roots.append(group)
    if ukuran.pk is None:
        warnings.append(f"Perjanjian Kinerja {tahun} belum dibuat.")
    return {
        "renstra": renstra,
        "pk": ukuran.pk,
        "posisi": pengukuran.label_rentang(1, sampai),
        "svg": svg(roots),
        "halaman_cetak": halaman_cetak(roots),
        "peringatan": warnings,
        "jumlah_simpul": _count(roots),
    }


def _deepest(node: Node) -> int:
    return max([node.column, *(_deepest(child) for child in node.children)])


def _count(nodes) -> int:
    return sum(1 + _count(n.children) for n in nodes)


def _place(node: Node, top: float) -> None:
    """Each node at the middle of the rows its subtree spans."""
    node.y = top + (node.rows() * ROW_H - NODE_H) / 2
    offset = top
    for child in node.children:
        _place(child, offset)
        offset += child.rows() * ROW_H


def _x(column: int) -> float:
    return PAD + column * (NODE_W + COL_GAP)


def _box(node: Node, out: list[str]) -> None:
    x, y = _x(node.column), node.y
    stroke = ' stroke="#d64541" stroke-width="2" stroke-dasharray="6 3"' if node.warning else ' stroke="#6c757d"'
    out.append(f'<g class="simpul" data-simpul="{escape(node.key)}">')
    out.append(f'<rect x="{x}" y="{y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{node.fill}"{stroke}/>')
    title_lines = textwrap.wrap(node.title, 38)[: 4 - min(len(node.lines), 3) or 1]
    if len(textwrap.wrap(node.title, 38)) > len(title_lines):
        title_lines[-1] = title_lines[-1][:35] + "…"
    line_y = y + 16
    out.append(f"<title>{escape(node.title)}</title>")
    for text in title_lines:
        out.append(
            f'<text x="{x + 8}" y="{line_y:.1f}" font-size="11" font-weight="bold" fill="{node.text}">{escape(text)}</text>'
        )
        line_y += 14
    for text in node.lines[:3]:
        out.append(f'<text x="{x + 8}" y="{line_y:.1f}" font-size="10.5" fill="{node.text}">{escape(text[:44])}</text>')
        line_y += 13
    out.append("</g>")


def _draw(node: Node, out: list[str]) -> None:
    for child in node.children:
        x1, y1 = _x(node.column) + NODE_W, node.y + NODE_H / 2
        x2, y2 = _x(child.column), child.y + NODE_H / 2
        mid = (x1 + x2) / 2
        out.append(
            f'<path d="M{x1} {y1:.1f} C{mid} {y1:.1f} {mid} {y2:.1f} {x2} {y2:.1f}" fill="none" stroke="#8a939b"/>'
        )
        _draw(child, out)
    _box(node, out)


def svg(roots: list[Node]) -> str:
    """The tree as one SVG (columns left to right; a node is vertically centred on its subtree)."""
    top = 34.0
    for root in roots:
        _place(root, top)
        top += root.rows() * ROW_H
    # The column of the cascading PKs only when one is drawn.
    columns = COLUMNS if any(_deepest(root) >= len(COLUMNS) - 1 for root in roots) else COLUMNS[:-1]
    width = _x(len(columns)) - COL_GAP + PAD
    height = max(top + PAD, 120)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-kinerja" role="img" width="{width}" '
        f'height="{height:.0f}" viewBox="0 0 {width} {height:.0f}" font-family="sans-serif">',
        "<title>Pohon kinerja</title>",
    ]
    for column, label in enumerate(columns):
        out.append(f'<text x="{_x(column)}" y="20" font-size="12" font-weight="bold" fill="#212529">{label}</text>')
    for root in roots:
        _draw(root, out)
    out.append("</svg>")
    return "".join(out)


# --- on paper: one A4 landscape page per sasaran strategis ---------------------------------------------------

# The SVG is printed at the width of an A4 landscape page's content area (static/css/laporan_pdf.css:
# 29,7 cm less two 1,5 cm margins = 757 pt). Five columns of CETAK_W units plus gaps make CETAK_LEBAR units,
# so a unit prints at 757 / CETAK_LEBAR pt (≈ 0,53): 14 units ≈ 7,4 pt, the smallest size on the page.
CETAK_W, CETAK_GAP, CETAK_PAD = 250, 40, 8
CETAK_LEBAR = 5 * CETAK_W + 4 * CETAK_GAP + 2 * CETAK_PAD
CETAK_JUDUL, CETAK_BARIS = 15, 14  # font sizes (units) of a box's title and of its figures
CETAK_TINGGI_MAKS = 820  # units of subtree height that fit under the page's heading and column labels (≈ 435 pt)
CETAK_KEPALA = 30  # the column labels


def _wrap(text: str, size: float, em: float) -> list[str]:
    # `em`: the widest average width per character of the font (DejaVu Sans: about 0,62 em, bold 0,7 em on
    # capitals-heavy names); the box leaves 8 units each side.
    return textwrap.wrap(text, max(8, int((CETAK_W - 16) / (em * size)))) or [""]


def _cetak_baris(node: Node) -> tuple[list[str], list[str]]:
    lines = []
    for line in node.lines:
        lines.extend(_wrap(line, CETAK_BARIS, 0.62))
    return _wrap(node.title, CETAK_JUDUL, 0.7), lines


def _cetak_tinggi(node: Node) -> float:
    title, lines = _cetak_baris(node)
    return 12 + len(title) * (CETAK_JUDUL + 3) + len(lines) * (CETAK_BARIS + 3)


def _cetak_rentang(node: Node) -> float:
    own = _cetak_tinggi(node) + 14
    return max(own, sum(_cetak_rentang(child) for child in node.children))


def _cetak_letak(node: Node, top: float, pos: dict) -> None:
    span = _cetak_rentang(node)
    pos[id(node)] = top + (span - _cetak_tinggi(node)) / 2
    offset = top + max(0.0, (span - sum(_cetak_rentang(c) for c in node.children)) / 2)
    for child in node.children:
        _cetak_letak(child, offset, pos)
        offset += _cetak_rentang(child)


def _cetak_x(column: int) -> float:
    return CETAK_PAD + column * (CETAK_W + CETAK_GAP)


def _cetak_gambar(node: Node, pos: dict, out: list[str]) -> None:
    x, y, h = _cetak_x(node.column), pos[id(node)], _cetak_tinggi(node)
    for child in node.children:
        x1, y1 = x + CETAK_W, y + h / 2
        x2, y2 = _cetak_x(child.column), pos[id(child)] + _cetak_tinggi(child) / 2
        mid = (x1 + x2) / 2
        out.append(
            f'<path d="M{x1} {y1:.1f} C{mid} {y1:.1f} {mid} {y2:.1f} {x2} {y2:.1f}" fill="none" stroke="#8a939b"/>'
        )
        _cetak_gambar(child, pos, out)
    stroke = ' stroke="#d64541" stroke-width="2" stroke-dasharray="6 3"' if node.warning else ' stroke="#6c757d"'
    out.append(f'<rect x="{x}" y="{y:.1f}" width="{CETAK_W}" height="{h:.1f}" rx="6" fill="{node.fill}"{stroke}/>')
    title, lines = _cetak_baris(node)
    line_y = y + 6 + CETAK_JUDUL
    for text in title:
        out.append(
            f'<text x="{x + 8}" y="{line_y:.1f}" font-size="{CETAK_JUDUL}" font-weight="bold" '
            f'fill="{node.text}">{escape(text)}</text>'
        )
        line_y += CETAK_JUDUL + 3
    for text in lines:
        out.append(
            f'<text x="{x + 8}" y="{line_y:.1f}" font-size="{CETAK_BARIS}" fill="{node.text}">{escape(text)}</text>'
        )
        line_y += CETAK_BARIS + 3


def _salin(node: Node, children: list[Node]) -> Node:
    return Node(node.column, node.title, list(node.lines), node.fill, node.text, children, node.warning, node.key)


def _potong(node: Node) -> list[Node]:
    """`node` as one or more trees no taller than a page: its children shared out in order, the node itself
    (and so its ancestors) repeated on each."""
    if _cetak_rentang(node) <= CETAK_TINGGI_MAKS or not node.children:
        return [node]
    groups: list[list[Node]] = [[]]
    for child in node.children:
        for part in _potong(child):
            used = sum(_cetak_rentang(c) for c in groups[-1])
            if groups[-1] and used + _cetak_rentang(part) > CETAK_TINGGI_MAKS:
                groups.append([])
            groups[-1].append(part)
    return [_salin(node, group) for group in groups]


def halaman_cetak(roots: list[Node]) -> list[str]:
    """The tree on paper: one SVG per page, each one sasaran strategis (or a part of one) with its RPJMD
    sasaran, every indicator under it and their cascading indicators."""
    pages: list[Node] = []
    for root in roots:
        if root.column == 0 and root.children:
            for sasaran in root.children:
                pages.extend(_potong(_salin(root, [sasaran])))
        else:
            pages.extend(_potong(root))
    columns = COLUMNS if any(_deepest(root) >= len(COLUMNS) - 1 for root in roots) else COLUMNS[:-1]
    result = []
    for tree in pages:
        pos: dict = {}
        _cetak_letak(tree, CETAK_KEPALA, pos)
        height = CETAK_KEPALA + _cetak_rentang(tree) + CETAK_PAD
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-kinerja pohon-cetak" role="img" '
            f'width="{CETAK_LEBAR}" height="{height:.0f}" viewBox="0 0 {CETAK_LEBAR} {height:.0f}" '
            'font-family="DejaVu Sans, sans-serif">',
            "<title>Pohon kinerja</title>",
        ]
        for column, label in enumerate(columns):
            out.append(
                f'<text x="{_cetak_x(column)}" y="20" font-size="{CETAK_JUDUL}" font-weight="bold" '
                f'fill="#212529">{label}</text>'
            )
        _cetak_gambar(tree, pos, out)
        out.append("</svg>")
        result.append("".join(out))
    return result
