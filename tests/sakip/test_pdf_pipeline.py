"""One PDF pipeline (issue 12, finding 9): WeasyPrint reaches nothing outside the project's static files, text
put into CSS strings cannot escape them, the SOP PDF is cached per revision and long SOPs are refused."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from laporan import pdf as laporan_pdf
from laporan.services import buat_laporan
from sakip import pdf
from sakip.roles import Role
from sop import pdf as sop_pdf
from sop import services as sop_services
from sop.excel import ImportErrors, export_revision, import_workbook
from sop.models import Step
from sop.validation import MAX_STEPS, validate_revision
from tests.laporan.data import build_kinerja
from tests.workflow.test_views import make_sop
from workflow.compliance_export import pdf as compliance_pdf
from workflow.selectors import compliance


@pytest.fixture
def listener():
    """A tiny HTTP server on a free port that records every request it receives."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red; }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def attempted(monkeypatch):
    """Every URL the pipeline's fetcher is asked for."""
    urls = []
    fetcher_class = pdf._fetcher_class()
    original = fetcher_class.fetch

    def recording(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_class, "fetch", recording)
    return urls


def outside_static(urls):
    return [u for u in urls if not u.startswith("data:") and pdf.static_path(u) is None]


def pdf_text(content: bytes) -> list[str]:
    # Margin-box text comes out with NULs between characters (UTF-16 read byte by byte): drop them.
    return [(page.extract_text() or "").replace("\x00", "") for page in PdfReader(io.BytesIO(content)).pages]


def test_the_fetcher_refuses_http_and_never_connects(listener):
    port, hits = listener
    with pytest.raises(pdf.FetchRefused):
        pdf.url_fetcher().fetch(f"http://127.0.0.1:{port}/x")
    assert hits == []


def test_the_fetcher_refuses_files_outside_the_static_roots(settings):
    fetcher = pdf.url_fetcher()
    for url in (
        "file:///etc/passwd",
        Path(settings.BASE_DIR, "sakip", "settings.py").as_uri(),
        Path(settings.BASE_DIR, "static").as_uri() + "/../sakip/settings.py",
        "https://example.org/x.css",
        "ftp://127.0.0.1/x",
    ):
        with pytest.raises(pdf.FetchRefused):
            fetcher.fetch(url)


def test_the_fetcher_serves_a_static_css_file_and_data_uris():
    path = Path(finders.find("css/sop.css"))
    response = pdf.url_fetcher().fetch(path.as_uri())
    assert response.read() == path.read_bytes()
    assert response.content_type == "text/css"
    assert pdf.url_fetcher().fetch("data:text/plain;base64,aGFsbw==").read() == b"halo"


def test_css_string_escapes_quotes_backslashes_and_control_characters():
    quoted = pdf.css_string("Awayan\f\"}\\\n'</style>")
    assert quoted == '"Awayan\\c \\22 }\\5c \\a \\27 \\3c /style\\3e "'
    assert not any(ord(c) < 0x20 for c in quoted)


HOSTILE_NAME = 'Awayan\f"; } @top-left { content: url(http://127.0.0.1:{port}/bocor); } x { content: "lanjut'


@pytest.mark.django_db
def test_a_unit_name_with_a_form_feed_and_quotes_stays_inside_the_running_title(org, listener, attempted):
    port, hits = listener
    unit = org.awayan.unit
    unit.nama = HOSTILE_NAME.replace("{port}", str(port))
    unit.save()
    build_kinerja(unit, 2025)
    report = buat_laporan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=unit, kind="triwulan", tahun=2025, periode=2
    )
    pages = pdf_text(laporan_pdf.render_pdf(report))
    # The whole name is printed as text in the running title of every page after the cover.
    assert len(pages) > 1
    for text in pages[1:]:
        assert "bocor); } x { content:" in text.replace("\n", " ")
    assert hits == []
    assert outside_static(attempted) == []


@pytest.mark.django_db
def test_an_sop_name_with_a_form_feed_and_quotes_stays_inside_the_footer(org, listener, attempted):
    port, hits = listener
    revision = make_sop(org.awayan.unit)
    revision.nama = HOSTILE_NAME.replace("{port}", str(port))
    revision.save()
    text = " ".join(pdf_text(sop_pdf.render_revision_pdf(revision))).replace("\n", " ")
    assert "bocor); } x { content:" in text
    assert hits == []
    assert outside_static(attempted) == []
    assert any(pdf.static_path(u) for u in attempted)  # the SOP stylesheet still came from the static files


@pytest.mark.django_db
def test_every_pdf_goes_through_the_pipeline(org, client_for, attempted, monkeypatch):
    """SOP, report, compliance and disposition PDFs all use the static-only fetcher."""
    calls = []
    original = pdf.url_fetcher

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(pdf, "url_fetcher", counting)
    camat = org.person("awayan", Role.CAMAT)
    import datetime

    compliance_pdf(compliance(camat, mulai=datetime.date(2025, 1, 1), sampai=datetime.date(2025, 12, 31)))
    assert len(calls) == 1
    revision = make_sop(org.awayan.unit)
    assert client_for(camat).get(reverse("sop:pdf", args=[revision.pk])).status_code == 200
    assert len(calls) == 2


@pytest.mark.django_db
def test_the_sop_pdf_is_rendered_once_per_revision_content(org, monkeypatch):
    cache.clear()
    renders = []
    original = sop_pdf.render_pdf
    monkeypatch.setattr(sop_pdf, "render_pdf", lambda html: renders.append(1) or original(html))
    revision = make_sop(org.awayan.unit)
    first = sop_pdf.render_revision_pdf(revision)
    assert sop_pdf.render_revision_pdf(revision) == first
    assert len(renders) == 1
    # A change to what is printed (here a step of the revision) gives a new PDF.
    Step.objects.filter(revision=revision, no=2).update(uraian="Langkah yang diubah")
    assert sop_pdf.render_revision_pdf(revision) != first
    assert len(renders) == 2


def long_sop(unit, steps):
    revision = make_sop(unit, steps=2)
    lane = revision.lanes.first()
    Step.objects.filter(revision=revision, no=2).update(kind="proses")
    Step.objects.bulk_create(
        Step(revision=revision, no=n, uraian=f"Langkah {n}", lane=lane, kind="proses") for n in range(3, steps + 1)
    )
    return revision


@pytest.mark.django_db
def test_an_sop_longer_than_the_limit_is_refused_with_a_message_not_rendered(org, client_for, monkeypatch):
    monkeypatch.setattr(sop_pdf, "render_pdf", lambda html: pytest.fail("a too-long SOP was rendered"))
    revision = long_sop(org.awayan.unit, MAX_STEPS + 1)
    response = client_for(org.person("awayan", Role.CAMAT)).get(reverse("sop:pdf", args=[revision.pk]), follow=True)
    assert response.status_code == 200
    assert f"paling banyak memiliki {MAX_STEPS} langkah" in response.content.decode()
    assert any(f"{MAX_STEPS} langkah" in issue.message for issue in validate_revision(revision))


@pytest.mark.django_db
def test_the_step_editor_and_the_importer_stop_at_the_limit(org):
    revision = long_sop(org.awayan.unit, MAX_STEPS)
    workbook = export_revision(revision)
    revision.status = "draft"
    revision.save()
    with pytest.raises(sop_services.SopError, match=f"{MAX_STEPS} langkah"):
        sop_services.sop_step_save(
            user=org.person("awayan", Role.CAMAT),
            revision=revision,
            no=None,
            data={"lane": revision.lanes.first().pk, "uraian": "Satu lagi", "kind": "proses"},
        )
    import_workbook(workbook, kecamatan=org.awayan.unit)  # exactly the limit is accepted
    too_long = long_sop(org.awayan.unit, MAX_STEPS + 1)
    with pytest.raises(ImportErrors, match=f"{MAX_STEPS} langkah"):
        import_workbook(export_revision(too_long), kecamatan=org.awayan.unit)
