"""Upload safety in one place: request size, allowed types checked by content, bounded archives, safe
download responses.

Every file that arrives goes through here:

* the size of a request is refused from its Content-Length before anything reads the body
  (`check_request_size`, applied to every request by `sakip.middleware.RequestSizeLimitMiddleware`, and again
  by the public verification page itself);
* evidence (kinerja) and task attachments (workflow): `check` — size, then the bytes sniffed (the `filetype`
  package), never trusted by name;
* workbooks (SOP import, performance workbook): `check_xlsx` — size, then the zip directory (member count,
  declared uncompressed size, compression ratio, compression method: stored or deflate only) before anything
  is inflated, then every member scanned, in bounded chunks and counting the bytes really produced, for
  DTD/entity declarations (billion laughs) before openpyxl parses it.

Files are stored under MEDIA_ROOT, outside the static tree, and served only by views that checked
permissions, always as attachments with nosniff and a sandboxing CSP. A refusal is `UploadRefused` with an
Indonesian message; `refused_response` renders it when there is no form to show it on.
"""

import csv
import io
import re
import struct
import zipfile
import zlib

import filetype
from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string

from sakip import unduhan
from sakip.errors import Penolakan

MB = 1024 * 1024
# Workbook bounds. A real kecamatan workbook is a few hundred kilobytes of XML in a dozen members.
XLSX_MAX_MEMBERS = 500
XLSX_MAX_UNCOMPRESSED = 32 * MB  # all members together, as declared in the zip directory
XLSX_MAX_RATIO = 100  # uncompressed / compressed, for members larger than XLSX_RATIO_FLOOR
XLSX_RATIO_FLOOR = 1 * MB
XLSX_SCAN_CHUNK = 64 * 1024
# The only methods Office writes, and the only ones zipfile inflates in bounded steps: it hands a bzip2 (12) or
# LZMA (14) decompressor a whole compressed chunk at once, and 64 KB of bzip2 can be gigabytes of spaces.
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
OFFICE_PARTS = {"xlsx": ("xl/", "lembar kerja Excel (.xlsx)"), "docx": ("word/", "dokumen Word (.docx)")}
XLSX_UNREADABLE = "Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca."

ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ALLOWED_TEXT = "PDF, JPG, PNG, XLSX atau DOCX"


class UploadRefused(Penolakan):
    """A refused file (see sakip.errors)."""


def sniff(content: bytes) -> str | None:
    """The allowed extension the bytes really are, or None."""
    kind = filetype.guess(content)
    if kind is None:
        return None
    extension = "jpg" if kind.extension == "jpeg" else kind.extension
    return extension if extension in ALLOWED else None


def declared_length(request) -> int:
    """The Content-Length a request announces (0 when absent or not a number: Django then reads nothing)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except (TypeError, ValueError):
        return 0


def max_request_bytes() -> int:
    """The largest request a signed-in person may send (several attachments at once)."""
    return settings.MAX_REQUEST_MB * MB


def anonymous_request_bytes() -> int:
    """The largest request from someone not signed in (the public verification page): one file and 1 MB."""
    return (settings.MAX_UPLOAD_MB + 1) * MB


def check_request_size(request, *, limit: int | None = None) -> None:
    """Refuse a request whose declared body is larger than `limit` (default MAX_REQUEST_MB), from its
    Content-Length alone: call it before anything touches request.POST, request.FILES or request.body."""
    limit = max_request_bytes() if limit is None else limit
    if declared_length(request) > limit:
        raise UploadRefused(
            f"Kiriman terlalu besar: paling banyak {limit // MB} MB dalam satu kiriman "
            f"(setiap berkas paling banyak {settings.MAX_UPLOAD_MB} MB). Tidak ada data yang diterima."
        )


def refused_response(request, refused: UploadRefused, *, status: int = 413) -> HttpResponse:
    """The page that shows a refusal when there is no form to show it on."""
    return HttpResponse(render_to_string("413.html", {"message": refused.message}, request=request), status=status)


def _read_bounded(upload) -> bytes:
    """The bytes of an upload (or bytes as they are), refused above MAX_UPLOAD_MB before reading them."""
    limit = settings.MAX_UPLOAD_MB * MB
    if isinstance(upload, bytes | bytearray | memoryview):
        content = bytes(upload)
        name = "lembar kerja"
    else:
        name = upload.name
        if upload.size is not None and upload.size > limit:
            raise UploadRefused(f'Berkas "{name}" melebihi batas {settings.MAX_UPLOAD_MB} MB.')
        content = upload.read(limit + 1)
        upload.seek(0)
    if len(content) > limit:
        raise UploadRefused(f'Berkas "{name}" melebihi batas {settings.MAX_UPLOAD_MB} MB.')
    return content


def check(upload, *, must_match_name: bool = True) -> tuple[bytes, str]:
    """Read and check an upload; return (content, extension) or raise UploadRefused (Indonesian)."""
    content = _read_bounded(upload)
    extension = sniff(content)
    if extension is None:
        raise UploadRefused(
            f'Berkas "{upload.name}" bukan {ALLOWED_TEXT} yang sah (isi berkas diperiksa, bukan namanya).'
        )
    claimed = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    claimed = "jpg" if claimed == "jpeg" else claimed
    if must_match_name and claimed != extension:
        raise UploadRefused(
            f'Isi berkas "{upload.name}" tidak sesuai dengan ekstensinya (terdeteksi {extension.upper()}).'
        )
    if extension in OFFICE_PARTS:
        part, kind = OFFICE_PARTS[extension]
        check_office_archive(content, name=f'"{upload.name}"', part=part, kind=kind)
    return content, extension


# What openpyxl raises on a damaged workbook: zip errors, missing members (KeyError), malformed XML
# (SyntaxError covers xml.etree's ParseError and lxml's XMLSyntaxError), values it cannot convert.
def _xlsx_read_errors() -> tuple[type[BaseException], ...]:
    from openpyxl.utils.exceptions import InvalidFileException

    return (
        InvalidFileException,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        IndexError,
        AttributeError,
        TypeError,
        ValueError,
        OverflowError,
        SyntaxError,
        EOFError,
        OSError,
        UnicodeError,
        RuntimeError,
        NotImplementedError,
        zlib.error,
    )


XLSX_READ_ERRORS = _xlsx_read_errors()
_EOCD = b"PK\x05\x06"
# DTD and entity declarations, in every encoding an XML parser detects by itself from the first bytes.
_FORBIDDEN_XML = tuple(
    word.encode(encoding)
    for word in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
_DECLARED_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")
_PLAIN_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}


def _zip_entry_count(content: bytes) -> int | None:
    """Number of members from the end-of-central-directory record, read before zipfile parses the directory
    (which builds one object per member: a small file can announce hundreds of thousands)."""
    tail = content[-(22 + 65535) :]
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    disk_entries, total_entries = struct.unpack("<HH", tail[at + 8 : at + 12])
    return max(disk_entries, total_entries)


def check_xlsx(upload) -> bytes:
    """Check an uploaded workbook (an UploadedFile, or bytes) without inflating it; return its bytes.

    Refused with `UploadRefused` (Indonesian): above MAX_UPLOAD_MB (before reading), not a zip with
    spreadsheet parts, or an archive out of bounds (see `check_office_archive`).
    """
    content = _read_bounded(upload)
    name = "lembar kerja" if isinstance(upload, bytes | bytearray | memoryview) else f'"{upload.name}"'
    check_office_archive(content, name=name, part="xl/", kind="lembar kerja Excel (.xlsx)")
    return content


def check_csv(upload) -> bytes:
    """A CSV upload (staff or budget exports): bounded like every upload, never a binary type in disguise (the
    bytes sniffed, NUL refused), UTF-8 text (a BOM allowed, as Excel's "CSV UTF-8" writes)."""
    limit = settings.MAX_UPLOAD_MB * MB
    too_big = f'Berkas "{upload.name}" melebihi batas {settings.MAX_UPLOAD_MB} MB.'
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(too_big)
    content = upload.read(limit + 1)
    upload.seek(0)
    if len(content) > limit:
        raise UploadRefused(too_big)
    if sniff(content) is not None or b"\x00" in content:
        raise UploadRefused(f'Berkas "{upload.name}" bukan teks CSV (isi berkas diperiksa, bukan namanya).')
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(
            f'Berkas "{upload.name}" bukan teks UTF-8; simpan ulang dari Excel sebagai "CSV UTF-8".'
        ) from None
    return content


def check_tabel(upload, *, what: str = "berkas") -> tuple[bytes, str]:
    """An exported table, as a workbook or CSV: its bytes and kind ("xlsx" or "csv"), each through its gate."""
    name = (upload.name or "").lower()
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        return check_xlsx(upload), "xlsx"
    if name.endswith((".csv", ".txt")):
        return check_csv(upload), "csv"
    raise UploadRefused(f"Unggah {what} berupa lembar kerja Excel (.xlsx) atau CSV.")


def tempat_sel(m: dict) -> str:
    """Where a problem of an uploaded table lies, in the words every refusal uses: "Lembar X, baris 9, kolom B"
    (`m` holds lembar and, where known, baris and kolom)."""
    parts = [f"Lembar {m['lembar']}"]
    if m.get("baris"):
        parts.append(f"baris {m['baris']}")
    if m.get("kolom"):
        parts.append(f"kolom {m['kolom']}")
    return ", ".join(parts)


def lembar_tabel(content: bytes, kind: str, nama: str) -> list[str]:
    """The sheet names of a table accepted by `check_tabel`, in the workbook's order (a CSV: its file name)."""
    if kind == "csv":
        return [nama]
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_READ_ERRORS:
        raise UploadRefused(XLSX_UNREADABLE) from None
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def baris_tabel(
    content: bytes, kind: str, nama: str, *, maks_baris: int, lembar: str | None = None
) -> tuple[str, list[list]]:
    """The rows of a table accepted by `check_tabel`: one sheet of a workbook (`lembar`, by its name; the first
    when None) with its title, or the CSV (its file name), each row a list of cell values; refused beyond
    `maks_baris` rows, when the named sheet is not in the workbook (the refusal lists the sheets there), or when
    openpyxl cannot read it. CSV: UTF-8, the delimiter the header line uses most of ";", "," or tab (Excel in an
    Indonesian locale writes ";")."""
    too_many = f"lebih dari {maks_baris} baris; pecah berkasnya."
    if kind == "csv":
        text = content.decode("utf-8-sig")
        delimiter = max(";,\t", key=text.split("\n", 1)[0].count)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if len(rows) > maks_baris:
            raise UploadRefused(f"Berkas {nama}: {too_many}")
        return nama, rows
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_READ_ERRORS:
        raise UploadRefused(XLSX_UNREADABLE) from None
    try:
        if lembar is None:
            sheet = workbook.worksheets[0]
        elif lembar in workbook.sheetnames:
            sheet = workbook[lembar]
        else:
            ada = ", ".join(workbook.sheetnames)
            raise UploadRefused(f'Lembar "{lembar}" tidak ada dalam berkas {nama}; lembar yang ada: {ada}.')
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > maks_baris:
                raise UploadRefused(f"Lembar {sheet.title}: {too_many}")
            rows.append(list(row))
        return sheet.title, rows
    except XLSX_READ_ERRORS:
        raise UploadRefused(XLSX_UNREADABLE) from None
    finally:
        workbook.close()


def check_office_archive(content: bytes, *, name: str, part: str, kind: str) -> None:
    """Bound an Office Open XML archive (xlsx, docx) before anything inflates it.

    From the zip directory alone: at most XLSX_MAX_MEMBERS members (counted from the end record, before
    zipfile builds an object per member), every member stored or deflated (ZIP_METHODS), at most
    XLSX_MAX_UNCOMPRESSED declared in all, no member larger than XLSX_RATIO_FLOOR compressed more than
    XLSX_MAX_RATIO times. Then every member is streamed in bounded chunks (never beyond its declared size, and
    the bytes really produced counted against XLSX_MAX_UNCOMPRESSED: declared sizes may lie) and refused when
    it holds a DTD/entity declaration (billion laughs), is declared in another encoding than UTF-8, or does
    not match its checksum.
    """
    not_office = UploadRefused(f"Berkas {name} bukan {kind}.")
    if not content.startswith(b"PK\x03\x04"):
        raise not_office
    entries = _zip_entry_count(content)
    if entries is None:
        raise not_office
    too_big = UploadRefused(
        f"Berkas {name} ditolak: isinya jika dibuka melebihi batas {XLSX_MAX_UNCOMPRESSED // MB} MB "
        "atau terdiri atas terlalu banyak bagian (berkas dimampatkan secara tidak wajar)."
    )
    if entries > XLSX_MAX_MEMBERS:
        raise too_big
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise not_office from None
    with archive:
        members = archive.infolist()
        if len(members) > XLSX_MAX_MEMBERS:
            raise too_big
        for member in members:
            if member.compress_type not in ZIP_METHODS:
                raise UploadRefused(
                    f"Berkas {name} ditolak: bagian {member.filename} dimampatkan dengan metode yang tidak dipakai "
                    "oleh Microsoft Office (hanya metode simpan dan deflate yang diterima)."
                )
        total = 0
        for member in members:
            total += member.file_size
            if total > XLSX_MAX_UNCOMPRESSED:
                raise too_big
            if member.file_size > XLSX_RATIO_FLOOR and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1):
                raise too_big
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or not any(n.startswith(part) for n in names):
            raise not_office
        produced = 0
        for member in members:
            produced = _scan_member(archive, member, name, produced=produced, too_big=too_big)


def _scan_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, *, produced: int, too_big: UploadRefused
) -> int:
    """Stream one member in bounded chunks (never more than its declared size: zipfile stops there and checks
    the CRC) looking for DTD/entity declarations, and refuse XML declared in an encoding other than UTF-8.

    `produced` is what the members before produced when inflated; returned with this one's bytes added, and
    refused (`too_big`) past XLSX_MAX_UNCOMPRESSED — counted from the bytes, not from the headers."""
    if member.is_dir() or member.file_size == 0:
        return produced
    keep = max(len(p) for p in _FORBIDDEN_XML) - 1
    previous = b""
    first = True
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(XLSX_SCAN_CHUNK):
                produced += len(chunk)
                if produced > XLSX_MAX_UNCOMPRESSED:
                    raise too_big
                if first:
                    first = False
                    declared = _DECLARED_ENCODING.match(chunk[:512])
                    if chunk.startswith(_EBCDIC_XML) or (declared and declared[1].lower() not in _PLAIN_ENCODINGS):
                        raise UploadRefused(
                            f"Berkas {name} ditolak: bagian {member.filename} tidak berpenyandian UTF-8."
                        )
                window = previous + chunk
                if any(pattern in window for pattern in _FORBIDDEN_XML):
                    raise UploadRefused(
                        f"Berkas {name} ditolak: bagian {member.filename} memuat deklarasi DTD/entitas XML, "
                        "yang tidak pernah dibuat oleh Excel."
                    )
                previous = window[-keep:]
    except UploadRefused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
    ):
        raise UploadRefused(f"Berkas {name} rusak: bagian {member.filename} tidak dapat dibaca.") from None
    return produced


# Uploads a browser may show itself: photos, checked by content at upload (`ALLOWED`). A PDF stays a download:
# the browser's PDF viewer does not run under the sandbox below.
SHOWN_INLINE = {"image/jpeg", "image/png"}


def attachment_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored upload served under the name it was uploaded with (`sakip.unduhan`): a photo opens in the browser,
    anything else is a download. Never sniffed, and sandboxed, whatever it holds."""
    inline = content_type in SHOWN_INLINE
    response = FileResponse(field_file.open("rb"), as_attachment=not inline, content_type=content_type)
    (unduhan.as_inline if inline else unduhan.as_attachment)(response, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
