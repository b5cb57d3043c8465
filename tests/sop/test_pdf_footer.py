"""The SOP PDF's footer names the SOP once: "SOP – 01/Kec.Awy", never "SOP SOP – 01/Kec.Awy"."""

import io

from pypdf import PdfReader

from sop.models import SopRevision
from sop.pdf import render_revision_pdf
from tests.workflow.test_views import make_sop


def _footer_text(revision) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_revision_pdf(revision))).pages)


def test_a_number_that_already_says_sop_is_printed_once(org):
    revision = make_sop(org.awayan.unit)
    SopRevision.objects.filter(pk=revision.pk).update(nomor="SOP – 01/Kec.Awy")
    text = _footer_text(SopRevision.objects.get(pk=revision.pk))
    assert "SOP – 01/Kec.Awy — SOP uji alur" in text  # the footer
    assert "SOP SOP – 01/Kec.Awy —" not in text


def test_a_bare_number_gets_the_sop_prefix(org):
    revision = make_sop(org.awayan.unit)
    SopRevision.objects.filter(pk=revision.pk).update(nomor="067/02/KEC.AWY/VII/2023")
    assert "SOP 067/02/KEC.AWY/VII/2023" in _footer_text(SopRevision.objects.get(pk=revision.pk))
