"""Bounded input at every upload (issue 12, finding 6): an oversized request is refused from its Content-Length
before its body is read; workbooks are checked as archives before openpyxl inflates them (zip bomb, billion
laughs); a damaged workbook is a message, never a 500.

The uploads: SOP import, performance workbook, evidence, task attachments, the public verification page.
"""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from openpyxl import Workbook

from kinerja.excel import WorkbookError, export_workbook
from kinerja.models import BuktiDukung
from kinerja.services import triwulan as tw
from kinerja.services.impor import impor_kinerja
from laporan import views as laporan_views
from sakip import uploads
from sakip.roles import Role
from sop.excel import ImportErrors, export_revision, import_workbook
from sop.models import Sop
from tests.kinerja.data import make_pk
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Lampiran, Task

MB = 1024 * 1024
YEAR = 2025
BOUNDARY = "BoUnDaRyBoUnDaRy"

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    b"<si><t>&lol9;</t></si></sst>"
)


class ExplodingInput:
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the request body was read")

    readline = read


def zip_bomb(megabytes: int = 85) -> bytes:
    """A small xlsx-looking file whose sharedStrings.xml inflates to `megabytes` (finding 6: 85 MB in 220 KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b'<workbook xmlns="http://schemas.openxmlformats.org/"/>')
        with archive.open("xl/sharedStrings.xml", "w") as member:
            block = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaa</t></si>" * (MB // 36)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The same archive with member `name` replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != name:
                archive.writestr(item.filename, source.read(item.filename))
        archive.writestr(name, data)
    return out.getvalue()


def small_workbook() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "teks"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


MALFORMED_SHEET = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row'


@pytest.fixture(scope="module")
def bomb():
    return zip_bomb()


def make_world(org):
    """An indicator with an open quarter (evidence) and a running SOP (task attachments) in Awayan."""
    indicators = make_pk(org.awayan, YEAR, 1)
    tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=2)
    run = workflow_services.run_start(
        user=org.person("awayan", Role.CAMAT), revision=make_sop(org.awayan.unit), tahun=YEAR, triwulan=2
    )
    return indicators, run


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def world(org):
    return make_world(org)


def upload_targets(org, indicators, run):
    """(client, url, field) of each upload, ready for a POST; one client per person."""
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return {
        "sop_import": (signed_in(kasubbag), reverse("sop:import"), "berkas"),
        "kinerja_workbook": (
            signed_in(kasubbag),
            reverse("kinerja:excel_unggah", args=[org.awayan.unit.pk, YEAR]),
            "berkas",
        ),
        "evidence": (
            signed_in(org.person("awayan", Role.PELAKSANA)),
            reverse("kinerja:bukti", args=[org.awayan.unit.pk, YEAR, 2, indicators[0].pk]),
            "berkas",
        ),
        "task_attachment": (
            signed_in(org.person("awayan", Role.CAMAT)),
            reverse("workflow:task_selesai", args=[run.tasks.get().pk]),
            "lampiran",
        ),
        # Anonymous, with CSRF enforced as in production: CsrfViewMiddleware would parse the body first.
        "verification_page": (
            Client(enforce_csrf_checks=True),
            reverse("laporan:verifikasi", args=["kode-apa-saja"]),
            "berkas",
        ),
    }


@pytest.fixture
def uploads_by_name(org, world):
    return upload_targets(org, *world)


@pytest.mark.parametrize(
    "upload", ["sop_import", "kinerja_workbook", "evidence", "task_attachment", "verification_page"]
)
def test_an_oversized_request_is_refused_from_content_length_without_reading_the_body(uploads_by_name, upload):
    client, url, _field = uploads_by_name[upload]
    response = client.generic(
        "POST",
        url,
        b"-",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        **{"CONTENT_LENGTH": str(600 * MB), "wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.content.decode()
    assert not BuktiDukung.objects.exists() and not Lampiran.objects.exists()
    assert not Sop.objects.filter(catatan_asal__startswith="Diimpor").exists()


def test_the_verification_view_itself_checks_content_length_before_the_body(db):
    # Without the middleware too (defence in depth): the view looks at Content-Length before request.FILES.
    request = RequestFactory().generic(
        "POST",
        "/laporan/verifikasi/x/",
        b"-",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        **{"CONTENT_LENGTH": str(600 * MB), "wsgi.input": ExplodingInput()},
    )
    response = laporan_views.verifikasi(request, kode="x")
    assert response.status_code == 413


def test_a_request_within_the_limit_still_reaches_the_form(uploads_by_name, settings):
    client, url, field = uploads_by_name["evidence"]
    response = client.post(url, {field: SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n")}, follow=True)
    assert response.status_code == 200 and BuktiDukung.objects.count() == 1


def test_django_upload_limits_are_set(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 20
    assert settings.MAX_REQUEST_MB * MB >= settings.MAX_UPLOAD_MB * MB


def test_too_many_files_in_one_request_are_refused(uploads_by_name, settings):
    client, url, field = uploads_by_name["task_attachment"]
    files = [
        SimpleUploadedFile(f"n{i}.pdf", b"%PDF-1.4\n%%EOF\n") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    response = client.post(url, {field: files})
    assert response.status_code == 400
    assert not Lampiran.objects.exists()


# --- zip bombs -------------------------------------------------------------------------------------------


def test_the_bomb_is_small_on_disk_and_huge_inside(bomb):
    assert len(bomb) < 1 * MB
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 80 * MB


def timed_post(client, url, data):
    start = time.perf_counter()
    response = client.post(url, data)
    return response, time.perf_counter() - start


def test_zip_bomb_is_refused_by_the_sop_import_within_2_seconds(uploads_by_name, bomb):
    client, url, field = uploads_by_name["sop_import"]
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("sop.xlsx", bomb)})
    assert response.status_code == 200
    assert "dimampatkan secara tidak wajar" in response.content.decode()
    assert seconds < 2
    assert not Sop.objects.filter(catatan_asal__startswith="Diimpor").exists()


def test_zip_bomb_is_refused_by_the_kinerja_workbook_upload_within_2_seconds(uploads_by_name, bomb):
    client, url, field = uploads_by_name["kinerja_workbook"]
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("kinerja.xlsx", bomb)})
    assert response.status_code == 200
    assert "dimampatkan secara tidak wajar" in response.context["error"]
    assert seconds < 2


def test_zip_bomb_evidence_is_refused_within_2_seconds(uploads_by_name, bomb):
    client, url, field = uploads_by_name["evidence"]
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("bukti.xlsx", bomb)})
    assert seconds < 2
    assert "dimampatkan secara tidak wajar" in client.get(url).content.decode()
    assert not BuktiDukung.objects.exists()


def test_zip_bomb_attachment_is_refused_within_2_seconds(uploads_by_name, bomb):
    client, url, field = uploads_by_name["task_attachment"]
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("notulen.xlsx", bomb)})
    assert seconds < 2
    # The task page answers the refused completion itself (keeping what was typed) with the message.
    assert "dimampatkan secara tidak wajar" in response.content.decode()
    assert not Lampiran.objects.exists()
    assert Task.objects.filter(status=Task.Status.AKTIF).exists()  # the task was not completed


def test_zip_bomb_is_refused_by_the_importers_called_directly(org, bomb):
    start = time.perf_counter()
    with pytest.raises(ImportErrors, match="dimampatkan"):
        import_workbook(bomb, kecamatan=org.awayan.unit)
    with pytest.raises(WorkbookError) as failed:
        impor_kinerja(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, tahun=YEAR, content=bomb
        )
    assert "dimampatkan" in str(failed.value.errors[0])
    assert time.perf_counter() - start < 2


def test_an_archive_announcing_too_many_members_is_refused_before_the_directory_is_parsed():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for i in range(uploads.XLSX_MAX_MEMBERS + 1):
            archive.writestr(f"xl/{i}", b"")
    with pytest.raises(uploads.UploadRefused, match="terlalu banyak bagian"):
        uploads.check_xlsx(out.getvalue())


def test_a_member_that_lies_about_its_size_is_refused():
    # The directory says 10 bytes; the data inflates to far more: zipfile stops at 10 and the CRC fails.
    content = small_workbook()
    archive = zipfile.ZipFile(io.BytesIO(content))
    info = archive.getinfo("xl/workbook.xml")
    real = archive.read(info)
    forged = content.replace(
        info.file_size.to_bytes(4, "little") + len(info.filename).to_bytes(2, "little"),
        (10).to_bytes(4, "little") + len(info.filename).to_bytes(2, "little"),
    )
    assert forged != content and len(real) > 10
    with pytest.raises(uploads.UploadRefused, match="rusak"):
        uploads.check_xlsx(forged)


# --- billion laughs and damaged XML ------------------------------------------------------------------------


@pytest.fixture
def sop_workbook(org):
    return export_revision(make_sop(org.awayan.unit))


@pytest.fixture
def kinerja_workbook(org, world):
    return export_workbook(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, tahun=YEAR)


def test_billion_laughs_is_refused_by_the_sop_import(uploads_by_name, sop_workbook):
    client, url, field = uploads_by_name["sop_import"]
    hostile = replace_member(sop_workbook, "xl/sharedStrings.xml", BILLION_LAUGHS)
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("sop.xlsx", hostile)})
    assert response.status_code == 200 and seconds < 2
    assert "deklarasi DTD/entitas" in response.content.decode()
    assert not Sop.objects.filter(catatan_asal__startswith="Diimpor").exists()


def test_billion_laughs_is_refused_by_the_kinerja_workbook_upload(uploads_by_name, kinerja_workbook):
    client, url, field = uploads_by_name["kinerja_workbook"]
    hostile = replace_member(kinerja_workbook, "xl/sharedStrings.xml", BILLION_LAUGHS)
    response, seconds = timed_post(client, url, {field: SimpleUploadedFile("kinerja.xlsx", hostile)})
    assert response.status_code == 200 and seconds < 2
    assert "deklarasi DTD/entitas" in response.context["error"]


def test_billion_laughs_in_utf16_is_refused_too():
    hostile = replace_member(small_workbook(), "xl/sharedStrings.xml", BILLION_LAUGHS.decode().encode("utf-16"))
    with pytest.raises(uploads.UploadRefused, match="DTD/entitas"):
        uploads.check_xlsx(hostile)


def test_billion_laughs_evidence_is_refused(uploads_by_name):
    client, url, field = uploads_by_name["evidence"]
    hostile = replace_member(small_workbook(), "xl/sharedStrings.xml", BILLION_LAUGHS)
    client.post(url, {field: SimpleUploadedFile("bukti.xlsx", hostile)})
    assert "deklarasi DTD/entitas" in client.get(url).content.decode()
    assert not BuktiDukung.objects.exists()


def test_malformed_xml_in_an_sop_workbook_is_a_message_not_a_500(uploads_by_name, sop_workbook):
    client, url, field = uploads_by_name["sop_import"]
    damaged = replace_member(sop_workbook, "xl/worksheets/sheet1.xml", MALFORMED_SHEET)
    response = client.post(url, {field: SimpleUploadedFile("sop.xlsx", damaged)})
    assert response.status_code == 200
    assert uploads.XLSX_UNREADABLE in response.content.decode()


def test_malformed_xml_in_a_kinerja_workbook_is_a_message_not_a_500(uploads_by_name, kinerja_workbook):
    client, url, field = uploads_by_name["kinerja_workbook"]
    damaged = replace_member(kinerja_workbook, "xl/worksheets/sheet1.xml", MALFORMED_SHEET)
    response = client.post(url, {field: SimpleUploadedFile("kinerja.xlsx", damaged)})
    assert response.status_code == 200
    assert uploads.XLSX_UNREADABLE in [problem.pesan for problem in response.context["problems"]]


@pytest.mark.parametrize(
    "member",
    ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"],
)
def test_any_damaged_part_of_a_workbook_is_a_message(org, sop_workbook, member):
    damaged = replace_member(sop_workbook, member, b"<not-xml")
    with pytest.raises(ImportErrors):
        import_workbook(damaged, kecamatan=org.awayan.unit)
    with pytest.raises(WorkbookError):
        impor_kinerja(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
            kecamatan=org.awayan.unit,
            tahun=YEAR,
            content=damaged,
        )


def test_a_real_workbook_passes_the_gate(sop_workbook, kinerja_workbook):
    assert uploads.check_xlsx(sop_workbook) == sop_workbook
    assert uploads.check_xlsx(kinerja_workbook) == kinerja_workbook
