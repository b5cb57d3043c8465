"""Every PDF goes through here: one WeasyPrint pipeline with a URL fetcher that reaches nothing outside the
project's static files.

WeasyPrint fetches whatever a document names: stylesheets, images, fonts, `@import`, attachments, even a URL
that text typed by a person smuggled into CSS. `render_pdf` gives it a fetcher that serves only

* files that lie (after resolving links) under a static root: `STATICFILES_DIRS`, `STATIC_ROOT` and the app
  `static/` folders that `django.contrib.staticfiles` finds, and
* `data:` URIs (the QR code of a signed report),

and refuses everything else (http, https, ftp, `file:` outside the static roots) with `FetchRefused`; the
refused resource is left out of the document and the refusal is logged.

Text placed into a CSS string (running titles in `@page` margin boxes) goes through `css_string`, so that a
quote, a backslash or a control character such as a form feed in a unit's name cannot end the string.
WeasyPrint is imported late: it loads Pango at import.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

# Characters that end or bend a CSS string, or break out of the <style> element that may hold it.
_CSS_STRING_UNSAFE = set("\"'\\<>&")


class FetchRefused(ValueError):
    """A document asked for a resource outside the project's static files."""


def css_string(value) -> SafeString:
    """`value` as a quoted CSS string literal, safe inside a `<style>` element.

    Quotes, backslashes, `<`, `>`, `&` and every control character (\\f, \\n, \\r, \\0 …) become CSS escapes
    (`\\c `): hexadecimal code point followed by one space, which the CSS parser consumes.
    """
    text = "" if value is None else str(value)
    out = []
    for char in text:
        code = ord(char)
        if char in _CSS_STRING_UNSAFE or code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029):
            out.append(f"\\{code:x} ")
        else:
            out.append(char)
    return mark_safe('"' + "".join(out) + '"')  # only CSS escapes, no raw markup


def static_roots() -> list[Path]:
    """The folders whose files a document may use: the static roots Django's staticfiles knows."""
    from django.contrib.staticfiles import finders

    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, list | tuple) else entry))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    resolved = []
    for root in roots:
        root = root.resolve()
        if root not in resolved:
            resolved.append(root)
    return resolved


def static_path(url: str) -> Path | None:
    """The file a `file:` URL names when it lies under a static root, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file():
        return None
    for root in static_roots():
        if path.is_relative_to(root):
            return path
    return None


@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher restricted to static files and data: URIs."""

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)  # decoded in memory; reaches nothing
            path = static_path(url) if scheme == "file" else None
            if path is None:
                logger.warning("PDF: resource refused (outside the static files): %.200s", url)
                raise FetchRefused(f"Sumber di luar berkas statis ditolak: {url[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher


def url_fetcher():
    """A new WeasyPrint URL fetcher that serves only static files and data: URIs."""
    return _fetcher_class()(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=False)


def default_base_url() -> str:
    # Templates name their stylesheets relative to the project ("static/css/sop.css").
    return str(settings.BASE_DIR) + "/"


def _document(html, *, base_url, static_css, css, presentational_hints):
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    fetcher = url_fetcher()
    base_url = base_url or default_base_url()
    stylesheets = []
    for name in static_css:
        found = finders.find(name)
        if not found:
            raise FileNotFoundError(f"Static stylesheet not found: {name}")
        path = Path(found).resolve()
        stylesheets.append(CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri(), url_fetcher=fetcher))
    stylesheets.extend(CSS(string=text, base_url=base_url, url_fetcher=fetcher) for text in css)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.render(stylesheets=stylesheets, presentational_hints=presentational_hints)


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    static_css: Iterable[str] = (),
    css: Iterable[str] = (),
    presentational_hints: bool = False,
) -> bytes:
    """The PDF of an HTML document.

    `static_css`: stylesheets by their static path ("css/laporan_pdf.css"), found like `{% static %}` does;
    `css`: stylesheet strings (e.g. a running title built with `css_string`).
    """
    return _document(
        html, base_url=base_url, static_css=static_css, css=css, presentational_hints=presentational_hints
    ).write_pdf()


def page_count(
    html: str, *, base_url: str | None = None, static_css: Iterable[str] = (), css: Iterable[str] = ()
) -> int:
    """How many pages the HTML lays out to: the layout only, nothing painted or written (what a footer that
    counts pages appended after the document needs to know before the one render that is kept)."""
    return len(_document(html, base_url=base_url, static_css=static_css, css=css, presentational_hints=False).pages)


PX_TO_PT = 0.75  # CSS pixels (96 per inch) to PDF points (72 per inch)


def render_pdf_with_boxes(
    html: str,
    *,
    prefix: str,
    base_url: str | None = None,
    static_css: Iterable[str] = (),
    css: Iterable[str] = (),
) -> tuple[bytes, list[tuple[int, float, float, float, float]]]:
    """The PDF and where the elements whose id starts with `prefix` landed, in document order:
    (page index, x, y, width, height) in PDF points with the origin at the page's bottom-left."""
    document = _document(html, base_url=base_url, static_css=static_css, css=css, presentational_hints=False)
    boxes = []
    for index, page in enumerate(document.pages):
        for name in sorted(a for a in page.anchors if a.startswith(prefix)):
            x0, y0, x1, y1 = page.anchors[name]
            boxes.append(
                (index, x0 * PX_TO_PT, (page.height - y1) * PX_TO_PT, (x1 - x0) * PX_TO_PT, (y1 - y0) * PX_TO_PT)
            )
    return document.write_pdf(), boxes
