"""The SOP as a PDF (through sakip/pdf.py): A4 landscape, identity sheet then flowchart sheet.

A PDF is cached under its revision and a digest of its HTML: an effective revision never changes, so it is
rendered once; a draft gets a new key as soon as anything printed on it changes. SOPs longer than
`validation.MAX_STEPS` are refused with a message instead of costing minutes of CPU.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from sakip.pdf import render_pdf
from sop import document
from sop.validation import MAX_STEPS, too_many_steps

CACHE_SECONDS = 7 * 24 * 60 * 60
PIPELINE_VERSION = "3"  # bump when the pipeline or static/css/sop.css (not the HTML) changes what a PDF looks like


class SopTooLong(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def render_revision_pdf(revision) -> bytes:
    count = revision.steps.count()
    if count > MAX_STEPS:
        raise SopTooLong(too_many_steps(count))
    html = render_to_string("sop/document_pdf.html", document.context(revision, paginate=True))
    digest = hashlib.sha256(f"{PIPELINE_VERSION}\n{html}".encode()).hexdigest()
    key = f"sop-pdf:{revision.pk}:{digest}"
    content = cache.get(key)
    if content is None:
        content = render_pdf(html)
        cache.set(key, content, CACHE_SECONDS)
    return content
