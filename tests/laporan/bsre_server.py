"""A local Esign Client Service for the tests: the contract laporan/penanda.py follows (see its docstring for the
sources), served on 127.0.0.1 by http.server in a thread of the test process.

It does what the kabupaten's service does, with a throwaway certificate: checks the client's Basic credentials,
the signer's NIK and passphrase and the certificate's state, and answers with the received PDF really signed
(pyHanko, incremental update over the received bytes). Everything it received is kept in `diterima` so a test
can compare it with what the application stored.
"""

from __future__ import annotations

import base64
import datetime
import email.parser
import email.policy
import io
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from laporan import signing

PENGGUNA = "sakip-balangan"
SANDI = "klien-rahasia-123"


@dataclass
class Pemilik:
    """A certificate holder at the service."""

    nama: str
    passphrase: str
    kedaluwarsa: bool = False


@dataclass
class LayananEsign:
    direktori: Path
    pemilik: dict[str, Pemilik] = field(default_factory=dict)
    diterima: list[dict] = field(default_factory=list)
    _signers: dict[str, signers.SimpleSigner] = field(default_factory=dict)

    def daftar(self, nik: str, *, nama: str, passphrase: str, kedaluwarsa: bool = False) -> None:
        self.pemilik[nik] = Pemilik(nama=nama, passphrase=passphrase, kedaluwarsa=kedaluwarsa)
        key, cert = self.direktori / f"{nik}-key.pem", self.direktori / f"{nik}-cert.pem"
        signing.create_certificate(
            common_name=nama, organization="Balai Sertifikasi Elektronik (uji)", key_file=key, cert_file=cert
        )
        self._signers[nik] = signers.SimpleSigner.load(str(key), str(cert))

    def tandatangani(self, nik: str, pdf: bytes, reason: str, location: str) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name=f"BSrE{len(self.diterima)}",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason or None,
            location=location or None,
        )
        return signers.sign_pdf(writer, meta, signer=self._signers[nik]).getvalue()

    # The service's refusals, worded as such services word them (Indonesian, in `error`).
    def periksa(self, nik: str, passphrase: str) -> tuple[int, str] | None:
        pemilik = self.pemilik.get(nik)
        if pemilik is None:
            return 404, "Sertifikat untuk NIK tersebut tidak ditemukan"
        if pemilik.kedaluwarsa:
            return 400, "Sertifikat pengguna sudah expired"
        if passphrase != pemilik.passphrase:
            return 400, "Passphrase anda salah"
        return None


def _handler(layanan: LayananEsign):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet test output
            return

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _pdf(self, data: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("id_dokumen", "DOC-UJI-1")
            self.end_headers()
            self.wfile.write(data)

        def _authorized(self) -> bool:
            expected = "Basic " + base64.b64encode(f"{PENGGUNA}:{SANDI}".encode()).decode()
            return self.headers.get("Authorization") == expected

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_POST(self):  # noqa: N802 - http.server's name
            body = self._body()
            if not self._authorized():
                self._json(401, {"error": "Unauthorized"})
                return
            if self.path == "/api/v2/sign/pdf":
                self._sign_v2(json.loads(body))
            elif self.path == "/api/sign/pdf":
                self._sign_v1(self._multipart(body))
            elif self.path == "/api/v2/verify/pdf":
                self._verify(base64.b64decode(json.loads(body)["file"]))
            else:
                self._json(404, {"error": "Not found"})

        def _multipart(self, body: bytes) -> dict:
            head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
            parts = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                parts[name] = payload if part.get_filename() else payload.decode()
            return parts

        def _sign_v2(self, payload: dict) -> None:
            properties = payload.get("signatureProperties") or [{}]
            pdfs = [base64.b64decode(item) for item in payload.get("file") or []]
            layanan.diterima.append(
                {"versi": 2, "nik": payload.get("nik"), "pdf": pdfs[0] if pdfs else b"", "properti": properties}
            )
            if refusal := layanan.periksa(payload.get("nik", ""), payload.get("passphrase", "")):
                self._json(refusal[0], {"error": refusal[1], "status_code": 2031})
                return
            signed = [
                layanan.tandatangani(
                    payload["nik"], pdf, properties[0].get("reason", ""), properties[0].get("location", "")
                )
                for pdf in pdfs
            ]
            layanan.diterima[-1]["hasil"] = signed[0] if signed else b""
            self._json(
                200,
                {
                    "file": [base64.b64encode(item).decode() for item in signed],
                    "time": datetime.datetime.now(datetime.UTC).isoformat(),
                },
            )

        def _sign_v1(self, parts: dict) -> None:
            layanan.diterima.append(
                {"versi": 1, "nik": parts.get("nik"), "pdf": parts.get("file", b""), "tampilan": parts.get("tampilan")}
            )
            if refusal := layanan.periksa(parts.get("nik", ""), parts.get("passphrase", "")):
                self._json(refusal[0], {"error": refusal[1]})
                return
            signed = layanan.tandatangani(
                parts["nik"], parts["file"], parts.get("reason", ""), parts.get("location", "")
            )
            layanan.diterima[-1]["hasil"] = signed
            self._pdf(signed)

        def _verify(self, pdf: bytes) -> None:
            from pyhanko.pdf_utils.reader import PdfFileReader

            infos = [
                {"signerName": sig.signer_cert.subject.native.get("common_name"), "fieldName": sig.field_name}
                for sig in PdfFileReader(io.BytesIO(pdf)).embedded_signatures
            ]
            self._json(
                200,
                {
                    "conclusion": "VALID" if infos else "NO_SIGNATURE",
                    "description": f"{len(infos)} tanda tangan",
                    "signatureInformations": infos,
                },
            )

    return Handler


class Server:
    """Context manager: the service listening on a free port of 127.0.0.1."""

    def __init__(self, layanan: LayananEsign):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(layanan))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
