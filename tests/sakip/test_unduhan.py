"""Download names (issue 29): every Content-Disposition is built by `sakip/unduhan.py`. A kecamatan named with a
`"` and a `;` cannot end the filename and add header parameters of its own; an uploaded file keeps the name it
was uploaded with, quoted.
"""

from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.models import BuktiDukung
from sakip import unduhan
from sakip.models import Unit
from sakip.roles import Role
from tests.sakip.test_upload_bounds import YEAR, make_world

HOSTILE = 'Awayan"; filename="evil.exe; x=1'


def params(header: str) -> list[tuple[str, str]]:
    message = Message()
    message["Content-Disposition"] = header
    return message.get_params(header="content-disposition")


def test_a_name_made_of_data_is_slugified():
    name = unduhan.download_name("register pelayanan", HOSTILE, 2025, "tw2", ext="xlsx")
    assert name == "register-pelayanan-awayan-filenameevilexe-x1-2025-tw2.xlsx"
    assert unduhan.download_name("", None, ext="pdf") == "unduhan.pdf"
    assert unduhan.download_name("Kecamatan Tebing Tinggi", ext="pdf") == "kecamatan-tebing-tinggi.pdf"
    with pytest.raises(ValueError):
        unduhan.download_name("x", ext='pdf"; a=b')


def test_an_uploaded_name_is_kept_and_quoted():
    header = unduhan.attachment_header('bukti "rapat"; x=1.pdf')
    assert params(header) == [("attachment", ""), ("filename", 'bukti "rapat"; x=1.pdf')]
    assert params(unduhan.attachment_header("a\r\nSet-Cookie: x=1/../b.pdf"))[1] == (
        "filename",
        "a__Set-Cookie: x=1_.._b.pdf",
    )
    assert "filename*=utf-8''laporan%20%C3%A9.pdf" in unduhan.attachment_header("laporan é.pdf")


def test_the_counter_register_of_a_kecamatan_named_with_a_quote_and_a_semicolon(org):
    Unit.objects.filter(pk=org.awayan.unit.pk).update(nama=HOSTILE)
    client = Client()
    client.force_login(org.person("awayan", Role.CAMAT))
    response = client.get(reverse("loket:register_xlsx", args=[org.awayan.unit.pk, YEAR, 2]))
    assert response.status_code == 200
    assert params(response["Content-Disposition"]) == [
        ("attachment", ""),
        ("filename", "register-pelayanan-awayan-filenameevilexe-x1-2025-tw2.xlsx"),
    ]


def test_evidence_downloads_under_its_uploaded_name_quoted(org):
    indicators, _run = make_world(org)
    client = Client()
    client.force_login(org.person("awayan", Role.PELAKSANA))
    url = reverse("kinerja:bukti", args=[org.awayan.unit.pk, YEAR, 2, indicators[0].pk])
    client.post(url, {"berkas": SimpleUploadedFile('notulen "rapat"; x=1.pdf', b"%PDF-1.4\n%%EOF\n")})
    item = BuktiDukung.objects.get()
    response = client.get(reverse("kinerja:bukti_unduh", args=[item.pk]))
    assert item.nama_asli == 'notulen "rapat"; x=1.pdf'
    assert params(response["Content-Disposition"]) == [("attachment", ""), ("filename", item.nama_asli)]


def test_no_code_outside_unduhan_writes_a_content_disposition():
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for app in ("sakip", "sop", "layanan", "renstra", "workflow", "kinerja", "loket", "laporan", "pengaturan")
        + ("evaluasi", "notifikasi")
        for path in (root / app).rglob("*.py")
        if path.name != "unduhan.py" and ("Content-Disposition" in (text := path.read_text()) or 'filename="' in text)
    ]
    assert offenders == []


def test_a_photo_of_evidence_opens_in_the_browser_and_a_pdf_stays_a_download(org):
    """Issue 26: evidence photos open instead of downloading; still never sniffed and sandboxed."""
    import io

    from PIL import Image

    indicators, _run = make_world(org)
    client = Client()
    client.force_login(org.person("awayan", Role.PELAKSANA))
    url = reverse("kinerja:bukti", args=[org.awayan.unit.pk, YEAR, 2, indicators[0].pk])
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(photo, "JPEG")
    client.post(url, {"berkas": SimpleUploadedFile("foto kegiatan.jpg", photo.getvalue())})
    item = BuktiDukung.objects.get()
    response = client.get(reverse("kinerja:bukti_unduh", args=[item.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert params(response["Content-Disposition"]) == [("inline", ""), ("filename", "foto kegiatan.jpg")]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    client.post(url, {"berkas": SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n%%EOF\n")})
    pdf = BuktiDukung.objects.get(nama_asli="notulen.pdf")
    assert params(client.get(reverse("kinerja:bukti_unduh", args=[pdf.pk]))["Content-Disposition"])[0] == (
        "attachment",
        "",
    )
