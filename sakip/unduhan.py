"""Download names in one place: every Content-Disposition the app sends is built here.

A name made of data (a kecamatan's name, a report's title, an SOP's name) is slugified: lowercase ASCII
letters, digits and hyphens only, so a `"` or `;` in a kecamatan's name cannot end the filename and add header
parameters of its own, and every browser saves the same name. A name a person gave a file they uploaded
(evidence, attachments) is kept as they know it, less control characters and path separators, and quoted by
Django's `content_disposition_header` (escaped quotes, RFC 6266 `filename*` for non-ASCII).
"""

import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

_UNSAFE_IN_UPLOAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")
_EXTENSION = re.compile(r"[a-z0-9]{1,8}")
MAX_NAME = 150


def download_name(*parts, ext: str) -> str:
    """'register-pelayanan-kecamatan-awayan-2025-tw2.xlsx' from ('register pelayanan', 'Kecamatan Awayan', 2025,
    'tw2', ext='xlsx'): each part slugified, empty ones dropped, 'unduhan' when nothing is left."""
    if not _EXTENSION.fullmatch(ext):
        raise ValueError(f"not an extension: {ext!r}")
    slugs = [slugify(str(part)) for part in parts if part is not None]
    stem = "-".join(slug for slug in slugs if slug)[:MAX_NAME].strip("-") or "unduhan"
    return f"{stem}.{ext}"


def attachment_header(filename: str) -> str:
    """The Content-Disposition value of an attachment named `filename` (any text, e.g. an upload's own name)."""
    cleaned = _UNSAFE_IN_UPLOAD_NAME.sub("_", filename).strip() or "unduhan"
    return content_disposition_header(True, cleaned)


def inline_header(filename: str) -> str:
    """The Content-Disposition value of a file the browser shows itself (a photo), saved as `filename`."""
    cleaned = _UNSAFE_IN_UPLOAD_NAME.sub("_", filename).strip() or "unduhan"
    return content_disposition_header(False, cleaned)


def as_attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark `response` as a download named `filename`; returns it."""
    response["Content-Disposition"] = attachment_header(filename)
    return response


def as_inline(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark `response` as shown by the browser (a photo), saved as `filename` if kept; returns it."""
    response["Content-Disposition"] = inline_header(filename)
    return response
