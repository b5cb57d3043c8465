"""HTML and PDF rendering of reports (WeasyPrint, through sakip/pdf.py).

A4 portrait with landscape named pages for wide tables, a cover page without
running header, page numbers in the footer, a table of contents whose page
numbers come from target-counter(), and table headers repeated on each page.

"Halaman n dari N" counts the whole file a reader holds: pages appended to the
rendered document (the signed PK attached to an LKIP, the Inspektorat's
Pernyataan Telah Direviu appended to a submitted LKIP where the kabupaten
requires the review) are added to N, the statement's own page continues the
numbering (`write_pdf(..., mulai=, total=)`), and each page of an attached copy
is stamped "Lampiran — halaman n dari N" beside its own numbering as signed. N is known only after layout,
so a document with appended pages is laid out twice (the first time only counted, never painted).
"""

from __future__ import annotations

import hashlib
import io
import time

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from laporan import documents
from laporan.models import Report
from sakip import pdf as pipeline

CSS_STATIC = "css/laporan_pdf.css"

TEMPLATE = {
    Report.Kind.TRIWULAN: "laporan/dokumen/periodik.html",
    Report.Kind.SEMESTER: "laporan/dokumen/periodik.html",
    Report.Kind.LKIP: "laporan/dokumen/lkip.html",
    Report.Kind.PK: "laporan/dokumen/pk.html",
    Report.Kind.RENCANA_AKSI: "laporan/dokumen/rencana_aksi.html",
    Report.Kind.MONITORING_SOP: "laporan/dokumen/monitoring_sop.html",
    Report.Kind.SKM: "laporan/dokumen/skm.html",
    Report.Kind.RENSTRA: "laporan/dokumen/renstra.html",
    Report.Kind.IKU: "laporan/dokumen/iku.html",
    Report.Kind.PK_JABATAN: "laporan/dokumen/pk_jabatan.html",
}


def context(report: Report, *, ttd: dict | None = None, data: dict | None = None) -> dict:
    data = data if data is not None else documents.build(report)
    return {**data, "ttd": ttd or draft_ttd(report, data)}


def draft_ttd(report: Report, data: dict) -> dict:
    """Signature block of a draft: who is expected to sign, no date, no QR code."""
    orang, jabatan = documents.penanda_tangan(report)
    return {
        "tempat": report.kecamatan.nama,
        "tanggal": None,
        "jabatan": jabatan,
        "nama": orang.nama if orang else "",
        "pangkat": orang.pangkat_golongan if orang else "",
        "nip": orang.nip_cetak if orang else "",
        "qr": "",
        "url": "",
        "draft": True,
    }


def render_body(report: Report, ctx: dict) -> str:
    return render_to_string(TEMPLATE[report.kind], ctx)


def render_html(report: Report, ctx: dict) -> str:
    return render_to_string("laporan/pdf.html", {**ctx, "body": render_body(report, ctx)})


def _header(running_title: str) -> str:
    return (
        f"@page {{ @top-center {{ content: {pipeline.css_string(running_title)}; }} }} "
        "@page cover { @top-center { content: none; } }"
    )


def _nomor(mulai: int | None, total: int | None) -> list[str]:
    """The footer's numbers when the file holds more than this render: its first page is `mulai`, the file
    has `total` pages."""
    css = []
    if total is not None:
        css.append(f'@page {{ @bottom-right {{ content: "Halaman " counter(page) " dari {int(total)}"; }} }}')
    if mulai is not None:
        css.append(f"@page :first {{ counter-reset: page {int(mulai)}; }}")
    return css


def write_pdf(html: str, running_title: str = "", *, mulai: int | None = None, total: int | None = None) -> bytes:
    """Through the one PDF pipeline (sakip/pdf.py); the running title is escaped as a CSS string."""
    return pipeline.render_pdf(html, static_css=[CSS_STATIC], css=[_header(running_title), *_nomor(mulai, total)])


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _halaman_pernyataan(report: Report, *, diajukan: bool) -> int:
    """The page of the Pernyataan Telah Direviu appended to a submitted LKIP whose kabupaten requires it."""
    from laporan import reviu

    return reviu.HALAMAN_PERNYATAAN if diajukan and report.kind == Report.Kind.LKIP and reviu.wajib(report) else 0


def halaman_tambahan(report: Report, data: dict, *, diajukan: bool) -> int:
    """Pages the file will hold after this document's own: the attached PK and, in a submitted LKIP whose
    kabupaten requires the review, the one page of the Pernyataan Telah Direviu."""
    lampiran = _lampiran_pk(data)
    pages = _page_count(lampiran) if lampiran is not None else 0
    return pages + _halaman_pernyataan(report, diajukan=diajukan)


def _render(html: str, running_title: str, tambahan: int, *, prefix: str | None = None):
    """The PDF (and the boxes whose id starts with `prefix`), its footer counting `tambahan` pages more: the
    document's own pages counted by a layout alone first (the footer's text changes no page's content), then
    the one render that is written."""
    css = [_header(running_title)]
    if tambahan:
        css += _nomor(None, pipeline.page_count(html, static_css=[CSS_STATIC], css=css) + tambahan)
    if prefix is None:
        return pipeline.render_pdf(html, static_css=[CSS_STATIC], css=css), []
    return pipeline.render_pdf_with_boxes(html, prefix=prefix, static_css=[CSS_STATIC], css=css)


def _cap_halaman(signed: bytes, mulai: int, total: int) -> bytes:
    """The pages of an attached copy, each stamped at the left of its foot with its place in the whole file
    ("Lampiran — halaman 24 dari 27"), level with and apart from the copy's own page number (bottom right)
    and its running title (top centre); the copy's content otherwise as signed. One render for every page,
    each at its page's size."""
    reader = PdfReader(io.BytesIO(signed))
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    css = "".join(
        f"@page p{i} {{ size: {w:.2f}pt {h:.2f}pt; margin: 2.2cm 2cm 2.2cm 2.5cm; "
        f'@bottom-left {{ content: "Lampiran — halaman {mulai + i} dari {total}"; font-size: 8pt; color: #555; '
        "font-family: 'DejaVu Sans', sans-serif; } }"
        for i, (w, h) in enumerate(sizes)
    )
    body = "".join(f'<div style="page: p{i}; break-after: page; height: 1px"></div>' for i in range(len(sizes)))
    overlay = PdfReader(io.BytesIO(pipeline.render_pdf(f'<html lang="id"><body>{body}</body></html>', css=[css])))
    writer = PdfWriter(clone_from=reader)
    for page, cap in zip(writer.pages, overlay.pages, strict=False):
        page.merge_page(cap)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def attach_signed(pdf: bytes, signed: bytes, *, setelah: int = 0) -> bytes:
    """`pdf` followed by the pages of a signed document, as they were signed (its signature field left
    out: the attached pages are a copy; the original stays verifiable on its own), each stamped with its
    page number in the whole file (`setelah`: pages that will be appended after it)."""
    mulai = _page_count(pdf) + 1
    signed = _cap_halaman(signed, mulai, mulai - 1 + _page_count(signed) + setelah)
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.append(io.BytesIO(signed), import_outline=False, excluded_fields=("/B", "/Annots"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _lampiran_pk(data: dict) -> bytes | None:
    # The PK as signed: the scan both parties signed when recorded, else the Camat's e-signed PDF.
    if data.get("pk_pihak_kedua") is not None:
        return bytes(data["pk_pihak_kedua"].pindaian)
    if data.get("pk_tertanda") is not None:
        return bytes(data["pk_tertanda"].pdf)
    return None


def _attach_pk(pdf: bytes, data: dict, *, setelah: int = 0) -> bytes:
    lampiran = _lampiran_pk(data)
    return pdf if lampiran is None else attach_signed(pdf, lampiran, setelah=setelah)


KOTAK_TANGGAL = "ttd-tanggal-"


def naskah_html(report: Report, ttd: dict, data: dict | None = None) -> str:
    """The HTML of a submitted report's PDF: the signature block `ttd` (its QR rebuilt from its URL) with
    an empty box where the signing date goes."""
    from laporan.signing import qr_svg_data_uri

    full = {**ttd, "qr": qr_svg_data_uri(ttd["url"]), "kotak_tanggal": True}
    return render_html(report, context(report, ttd=full, data=data))


def naskah_digest(report: Report, ttd: dict) -> str:
    return hashlib.sha256(naskah_html(report, ttd).encode()).hexdigest()


def render_naskah(report: Report, *, ttd: dict):
    """The PDF a submitted report is signed as, rendered once; returns the bytes, the boxes for the
    signing date (laporan.signing.Kotak) and the digest of the HTML."""
    from laporan.signing import Kotak

    data = documents.build(report)
    html = naskah_html(report, ttd, data)
    content, boxes = _render(
        html,
        f"{report.judul} — {report.kecamatan}",
        halaman_tambahan(report, data, diajukan=True),
        prefix=KOTAK_TANGGAL,
    )
    content = _attach_pk(content, data, setelah=_halaman_pernyataan(report, diajukan=True))
    return content, [Kotak(*box) for box in boxes], hashlib.sha256(html.encode()).hexdigest()


def render_pdf(report: Report, *, ttd: dict | None = None, timings: dict | None = None) -> bytes:
    """The PDF of a report. `timings`, when given, receives the seconds spent building data, HTML and PDF."""
    t0 = time.perf_counter()
    data = documents.build(report)
    t1 = time.perf_counter()
    html = render_html(report, context(report, ttd=ttd, data=data))
    t2 = time.perf_counter()
    pdf, _ = _render(html, f"{report.judul} — {report.kecamatan}", halaman_tambahan(report, data, diajukan=False))
    pdf = _attach_pk(pdf, data)
    t3 = time.perf_counter()
    if timings is not None:
        timings.update({"data": t1 - t0, "html": t2 - t1, "weasyprint": t3 - t2})
    return pdf


PREVIEW_SECONDS = 24 * 60 * 60


def render_preview(report: Report) -> bytes:
    """A draft's PDF, cached under a digest of its HTML: downloading it again renders nothing until
    something printed on it changes."""
    from django.core.cache import cache

    data = documents.build(report)
    html = render_html(report, context(report, data=data))
    key = f"laporan-pratinjau:{report.pk}:{hashlib.sha256(html.encode()).hexdigest()}"
    content = cache.get(key)
    if content is None:
        title = f"{report.judul} — {report.kecamatan}"
        content = _attach_pk(_render(html, title, halaman_tambahan(report, data, diajukan=False))[0], data)
        cache.set(key, content, PREVIEW_SECONDS)
    return content
