"""Archives the app opens accept only the methods Office writes (issue 29): a workbook whose sheet is hundreds of
megabytes of spaces compressed with bzip2 (zip method 12) or LZMA (method 14), its headers lying about the size,
is refused from the zip directory in well under a second and without inflating anything — Python's zipfile
hands those decompressors a whole compressed chunk at once, so a 500-byte bzip2 stream became 256 MB in one
call (a 4 GiB sheet cost 50 s and 8,5 GB before).

Through every upload that takes a workbook or an Office document: the SOP import, the performance workbook,
evidence, task attachments, and the gate called directly.
"""

import io
import struct
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import BuktiDukung
from sakip import uploads
from sop.models import Sop
from tests.sakip.test_upload_bounds import CONTENT_TYPES, make_world, upload_targets
from workflow.models import Lampiran

MB = 1024 * 1024
SPACES_MB = 256
LIED_SIZE = 4096  # what the forged headers claim the sheet inflates to
REFUSED = "hanya metode simpan dan deflate yang diterima"


def forge_size(content: bytes, name: str, size: int) -> bytes:
    """The archive with `name`'s uncompressed size set to `size` in its local header and in the directory."""
    encoded = name.encode()
    data = bytearray(content)
    for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            (length,) = struct.unpack_from("<H", data, at + name_length_at)
            if bytes(data[at + name_at : at + name_at + length]) == encoded:
                struct.pack_into("<I", data, at + size_at, size)
                break
            at = data.find(signature, at + 1)
        else:
            raise AssertionError(f"{name} not found after {signature!r}")
    return bytes(data)


def method_bomb(method: int, *, extension: str = "xlsx") -> bytes:
    """An Office-looking archive whose one big member is SPACES_MB of spaces compressed with `method`, its
    headers claiming LIED_SIZE bytes. Built by streaming 1 MB at a time (bounded memory, about a second)."""
    part = "xl/worksheets/sheet1.xml" if extension == "xlsx" else "word/document.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml" if extension == "xlsx" else "word/styles.xml", b"<w/>")
        info = zipfile.ZipInfo(part, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = method
        with archive.open(info, "w") as member:
            block = b" " * MB
            for _ in range(SPACES_MB):
                member.write(block)
    return forge_size(out.getvalue(), part, LIED_SIZE)


@pytest.fixture(scope="module")
def bombs():
    return {
        "bzip2": method_bomb(zipfile.ZIP_BZIP2),
        "lzma": method_bomb(zipfile.ZIP_LZMA),
        "bzip2-docx": method_bomb(zipfile.ZIP_BZIP2, extension="docx"),
    }


def test_the_bombs_are_small_and_lie_about_their_size(bombs):
    for content in bombs.values():
        assert len(content) < 64 * 1024
        infos = zipfile.ZipFile(io.BytesIO(content)).infolist()
        assert max(info.file_size for info in infos) == LIED_SIZE
        assert {info.compress_type for info in infos} & {zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
    # The bytes really hold the spaces: a bzip2 decompressor given the whole stream produces all of them.
    import bz2

    archive = zipfile.ZipFile(io.BytesIO(bombs["bzip2"]))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    raw = bombs["bzip2"][info.header_offset + 30 + len(info.filename) : info.header_offset + 30 + 4096]
    assert len(bz2.BZ2Decompressor().decompress(raw[: info.compress_size], max_length=8 * MB)) == 8 * MB


def measured(call):
    """(exception raised, seconds, peak traced bytes) of `call()`."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        call()
    except uploads.UploadRefused as refused:
        raised = refused
    else:
        raised = None
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return raised, seconds, peak


@pytest.mark.parametrize("kind", ["bzip2", "lzma"])
def test_the_gate_refuses_a_bzip2_or_lzma_workbook_in_under_a_second_and_20_mb(bombs, kind):
    raised, seconds, peak = measured(lambda: uploads.check_xlsx(bombs[kind]))
    assert raised is not None and REFUSED in raised.message
    assert "xl/worksheets/sheet1.xml" in raised.message
    assert seconds < 1
    assert peak < 20 * MB


def test_the_gate_refuses_a_bzip2_docx_evidence_file(bombs):
    upload = SimpleUploadedFile("bukti.docx", bombs["bzip2-docx"])
    raised, seconds, peak = measured(lambda: uploads.check(upload))
    assert raised is not None and REFUSED in raised.message
    assert seconds < 1 and peak < 20 * MB


def test_a_lying_deflate_member_is_bounded_by_the_bytes_it_produces(monkeypatch):
    # Declared sizes pass; the bytes produced are counted against the limit anyway.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/a.xml", b" " * (2 * MB))
        archive.writestr("xl/b.xml", b" " * (2 * MB))
    monkeypatch.setattr(uploads, "XLSX_RATIO_FLOOR", 64 * MB)  # leave the ratio rule out of this test
    monkeypatch.setattr(uploads, "XLSX_MAX_UNCOMPRESSED", 3 * MB)
    content = forge_size(forge_size(out.getvalue(), "xl/a.xml", 2 * MB), "xl/b.xml", 2 * MB)
    with pytest.raises(uploads.UploadRefused):
        uploads.check_xlsx(content)
    produced = forge_size(forge_size(content, "xl/a.xml", MB), "xl/b.xml", MB)  # 2 MB declared, 4 MB real
    with pytest.raises(uploads.UploadRefused):
        uploads.check_xlsx(produced)


def test_a_stored_and_deflated_workbook_still_passes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES, compress_type=zipfile.ZIP_STORED)
        archive.writestr("xl/workbook.xml", b"<workbook/>", compress_type=zipfile.ZIP_DEFLATED)
    assert uploads.check_xlsx(out.getvalue()) == out.getvalue()


@pytest.fixture
def targets(org):
    return upload_targets(org, *make_world(org))


def timed_post(client, url, data):
    tracemalloc.start()
    start = time.perf_counter()
    response = client.post(url, data)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return response, seconds, peak


@pytest.mark.parametrize("kind", ["bzip2", "lzma"])
def test_the_sop_import_refuses_the_bomb(targets, bombs, kind):
    client, url, field = targets["sop_import"]
    response, seconds, peak = timed_post(client, url, {field: SimpleUploadedFile("sop.xlsx", bombs[kind])})
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert seconds < 1 and peak < 20 * MB
    assert not Sop.objects.filter(catatan_asal__startswith="Diimpor").exists()


@pytest.mark.parametrize("kind", ["bzip2", "lzma"])
def test_the_kinerja_workbook_upload_refuses_the_bomb(targets, bombs, kind):
    client, url, field = targets["kinerja_workbook"]
    response, seconds, peak = timed_post(client, url, {field: SimpleUploadedFile("kinerja.xlsx", bombs[kind])})
    assert response.status_code == 200 and REFUSED in response.context["error"]
    assert seconds < 1 and peak < 20 * MB


@pytest.mark.parametrize(
    ("kind", "filename"), [("bzip2", "bukti.xlsx"), ("lzma", "bukti.xlsx"), ("bzip2-docx", "bukti.docx")]
)
def test_the_evidence_upload_refuses_the_bomb(targets, bombs, kind, filename):
    client, url, field = targets["evidence"]
    _response, seconds, peak = timed_post(client, url, {field: SimpleUploadedFile(filename, bombs[kind])})
    assert seconds < 1 and peak < 20 * MB
    assert REFUSED in client.get(url).content.decode()
    assert not BuktiDukung.objects.exists()


def test_a_task_attachment_refuses_the_bomb(targets, bombs):
    client, url, field = targets["task_attachment"]
    response, seconds, peak = timed_post(client, url, {field: SimpleUploadedFile("notulen.xlsx", bombs["lzma"])})
    assert seconds < 1 and peak < 20 * MB
    assert REFUSED in response.content.decode()
    assert not Lampiran.objects.exists()
