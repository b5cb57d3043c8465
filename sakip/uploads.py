"""Upload safety in one place: allowed types checked by content, size limit, safe download responses.

Evidence (kinerja) and task attachments (workflow) both go through here: files are
sniffed by their bytes (the `filetype` package), never trusted by name; they are
stored under MEDIA_ROOT, outside the static tree, and served only by views that
checked permissions, always as attachments with nosniff and a sandboxing CSP.
"""

import filetype
from django.conf import settings
from django.http import FileResponse

ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ALLOWED_TEXT = "PDF, JPG, PNG, XLSX atau DOCX"


class UploadRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sniff(content: bytes) -> str | None:
    """The allowed extension the bytes really are, or None."""
    kind = filetype.guess(content)
    if kind is None:
        return None
    extension = "jpg" if kind.extension == "jpeg" else kind.extension
    return extension if extension in ALLOWED else None


def check(upload, *, must_match_name: bool = True) -> tuple[bytes, str]:
    """Read and check an upload; return (content, extension) or raise UploadRefused (Indonesian)."""
    if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise UploadRefused(f'Berkas "{upload.name}" melebihi batas {settings.MAX_UPLOAD_MB} MB.')
    content = upload.read()
    upload.seek(0)
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
    return content, extension


def attachment_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
