"""Cryptographic signing of final PDFs (PAdES via pyHanko) and the verification QR code.

The deployment holds one signing key and certificate (PEM files). Paths come
from the environment (SIGNING_KEY_PATH / SIGNING_CERT_PATH, default
var/signing/). `manage.py buat_sertifikat` creates a self-signed pair or one
issued by a given CA; an office with a certificate from its official
certification authority simply points the two paths at it.

This key is the office's seal, the default signer backend (laporan/penanda.py
`LocalPades`). A kabupaten may instead sign with each signer's own BSrE
certificate through its Esign Client Service (`penanda.Bsre`), which stamps
the date here (`stamp_pdf`) and has the service sign; either way the
certificate is read back from the signed file (`sertifikat_penanda`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import io
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from sakip import publik


def key_path() -> Path:
    return Path(os.environ.get("SIGNING_KEY_PATH") or settings.BASE_DIR / "var" / "signing" / "signing-key.pem")


def cert_path() -> Path:
    return Path(os.environ.get("SIGNING_CERT_PATH") or settings.BASE_DIR / "var" / "signing" / "signing-cert.pem")


def create_certificate(
    *,
    common_name: str,
    organization: str,
    key_file: Path,
    cert_file: Path,
    days: int = 3650,
    ca_key_file: Path | None = None,
    ca_cert_file: Path | None = None,
) -> x509.Certificate:
    """Write a new RSA key and a certificate for document signing (self-signed, or issued by the given CA)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    if ca_key_file and ca_cert_file:
        issuer_cert = x509.load_pem_x509_certificate(Path(ca_cert_file).read_bytes())
        issuer_key = serialization.load_pem_private_key(Path(ca_key_file).read_bytes(), password=None)
        issuer_name = issuer_cert.subject
        self_signed = False
    else:
        issuer_key, issuer_name, self_signed = key, subject, True
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        # A self-signed certificate is its own trust root, so it must be allowed to act as one.
        .add_extension(x509.BasicConstraints(ca=self_signed, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=self_signed,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    cert = builder.sign(issuer_key, hashes.SHA256())
    key_file = Path(key_file)
    cert_file = Path(cert_file)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    cert_file.parent.mkdir(parents=True, exist_ok=True)
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The private key is readable by the service account only.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key_bytes)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert


def ensure_available() -> None:
    """Raise ImproperlyConfigured (with the Indonesian reason) when the key or certificate is missing."""
    key_file, cert_file = key_path(), cert_path()
    if not key_file.exists() or not cert_file.exists():
        raise ImproperlyConfigured(
            "Sertifikat penandatanganan belum tersedia di server. "
            "Administrator perlu menjalankan `manage.py buat_sertifikat` atau memasang sertifikat kantor."
        )


def _signer() -> signers.SimpleSigner:
    ensure_available()
    key_file, cert_file = key_path(), cert_path()
    passphrase = os.environ.get("SIGNING_KEY_PASSPHRASE")
    signer = signers.SimpleSigner.load(
        str(key_file), str(cert_file), key_passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise ImproperlyConfigured("Kunci atau sertifikat penandatanganan tidak dapat dibaca.")
    return signer


# The signing date stamped into a submitted PDF: Helvetica, a PDF standard font every reader has (the
# document's DejaVu Sans would have to be embedded), at the body text's size.
STAMP_FONT = "Helvetica"
STAMP_FONT_SIZE = 10  # pt, the body text of the reports (static/css/laporan_pdf.css)


@dataclass(frozen=True)
class Kotak:
    """A box reserved in a rendered PDF (PDF points, origin bottom-left) where text is stamped at signing."""

    halaman: int
    x: float
    y: float
    lebar: float
    tinggi: float


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Helvetica's encoding), with the characters that end it escaped."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _stamp(writer, box: Kotak, text: str, font_name: str) -> None:
    """Draw `text` with its baseline on the box's bottom edge (the box sits on the line's baseline: see
    .ttd-kotak-tanggal), on top of the page's own content, which is wrapped in q/Q first so that no
    transformation it leaves behind moves the text."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    font = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/" + STAMP_FONT),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
    )
    resources = generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/" + font_name): font})}
    )
    writer.add_stream_to_page(box.halaman, writer.add_object(generic.StreamObject(stream_data=b"q")), prepend=True)
    writer.add_stream_to_page(box.halaman, writer.add_object(generic.StreamObject(stream_data=b"Q")))
    content = b"q BT /%s %d Tf %.2f %.2f Td %s Tj ET Q" % (
        font_name.encode(),
        STAMP_FONT_SIZE,
        box.x,
        box.y,
        _pdf_string(text),
    )
    writer.add_stream_to_page(box.halaman, writer.add_object(generic.StreamObject(stream_data=content)), resources)


def sign_pdf(
    pdf: bytes, *, reason: str, name: str, location: str, stamps: list[Kotak] = (), stamp_text: str = ""
) -> bytes:
    """Add a PAdES signature (incremental update) to `pdf`; return the signed bytes.

    `stamps`: boxes the rendered PDF reserved (the signing date after "Awayan, "): `stamp_text` is drawn
    into each in the same incremental update, so the original bytes stay the first part of the file
    (what the Camat read is what is signed) and the signature covers the stamp.
    """
    writer = _stamped_writer(pdf, stamps, stamp_text)
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTanganSAKIP",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=name,
        location=location,
    )
    signer = _signer()
    return _outside_event_loop(lambda: signers.sign_pdf(writer, meta, signer=signer).getvalue())


def _stamped_writer(pdf: bytes, stamps, stamp_text: str) -> IncrementalPdfFileWriter:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for number, box in enumerate(stamps, start=1):
        _stamp(writer, box, stamp_text, f"FTtdTanggal{number}")
    return writer


def stamp_pdf(pdf: bytes, *, stamps: list[Kotak] = (), stamp_text: str = "") -> bytes:
    """`pdf` with `stamp_text` drawn into each box as an incremental update, unsigned.

    For a signer outside this process (the kabupaten's BSrE service, laporan/penanda.py): the date must be on
    the page before the bytes leave, because the service signs what it receives. The original bytes stay the
    first part of the file, so what the Camat read is still a prefix of what is signed."""
    if not stamps:
        return pdf
    writer = _stamped_writer(pdf, stamps, stamp_text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class Sertifikat:
    """Who a PDF signature's certificate names: its subject (readable), issuer and serial number (hex)."""

    subjek: str
    penerbit: str
    serial: str
    nama: str  # the subject's common name, or the whole subject when it has none


def sertifikat_penanda(pdf: bytes) -> Sertifikat | None:
    """The certificate of the last signature embedded in `pdf` (the one that covers the most), or None.

    Read from the signed file itself, not from what the signer said, so the record shows what a PDF reader
    would show."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - an unreadable file has no certificate to name
        return None
    if not signatures:
        return None
    cert = signatures[-1].signer_cert
    subject = cert.subject
    names = [value for key, value in subject.native.items() if key == "common_name"]
    return Sertifikat(
        subjek=subject.human_friendly,
        penerbit=cert.issuer.human_friendly,
        serial=format(cert.serial_number, "X"),
        nama=str(names[0]) if names else subject.human_friendly,
    )


def _outside_event_loop(work):
    """pyhanko signs through asyncio.run(), which refuses to run inside a running event loop (an ASGI
    server's thread, or a Playwright-driven test): then the work runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def verification_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (embedded in the PDF's HTML): sakip.publik's."""
    return publik.qr_svg_data_uri(url)
