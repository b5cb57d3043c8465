"""The SOP as a PDF (WeasyPrint): A4 landscape, identity sheet then flowchart sheet."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from sop import document


def render_revision_pdf(revision) -> bytes:
    html = render_to_string("sop/document_pdf.html", document.context(revision, paginate=True))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
