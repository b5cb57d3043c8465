"""Signer backends: who applies the signature to a document, chosen per kabupaten (issue 25).

* `LocalPades`: the deployment's own key (laporan/signing.py, pyHanko PAdES). An electronic seal of the
  office: it proves the file is unaltered, not who signed it. The default, and what `make run` uses.
* `Bsre`: the kabupaten's certified signing service. A signature that carries legal weight for a civil
  servant (PP 71/2019, tanda tangan elektronik tersertifikasi) is made by BSrE (BSSN) with the signer's own
  certificate; local governments reach it through an "Esign Client Service" on their network. The signer is
  identified by NIK and unlocks the certificate with a passphrase typed at signing; the PDF goes with them and
  the signed PDF comes back.

The contract followed is the one local governments' open clients implement, written against BSSN's "Petunjuk
Teknis Penggunaan API Esign Client Service v2.2.1": kiiskominfokepri/esign-ts (src/v2/EsignClient.ts,
src/v1/EsignClient.ts, src/dto/SignatureProperties.ts, src/response/BaseResponse.ts) and
pemkotbekasi/node-esign-BSrE (EsignBsre.js):

* HTTP Basic authentication with the client service's own account (not the signer's);
* v2: `POST /api/v2/sign/pdf`, JSON `{nik, passphrase, signatureProperties: [{tampilan: "INVISIBLE"|"VISIBLE",
  page, originX, originY, width, height, location, reason, imageBase64?}], file: [base64 PDF]}`, answered
  `200 {"file": [base64 signed PDF], "time": ...}`; `POST /api/v2/verify/pdf`, JSON `{file: base64}`, answered
  `{conclusion, description, signatureInformations: [{signerName, ...}]}`;
* v1 (older services): `POST /api/sign/pdf`, multipart `nik`, `passphrase`, `tampilan` ("invisible"/"visible"),
  `file` (+ `page`, `xAxis`, `yAxis`, `width`, `height`, `reason`, `location` when visible), answered with the
  signed PDF itself as the body (header `id_dokumen`);
* a refusal is a non-200 status, or a 200 whose JSON has `error`; its text is in `error` (else `message`).

Secrets: the passphrase is handed to the service and to nothing else (not logged, not stored, not in an
exception message); the client account's password comes from the environment (`BSRE_SANDI_<KODE>`, see
`sandi_klien`), never from the database.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from laporan import signing
from sakip import counters
from sakip.errors import Penolakan

logger = logging.getLogger("laporan.penanda")

LOKAL = "lokal"
BSRE_V2 = "bsre_v2"
BSRE_V1 = "bsre_v1"
LABEL = {
    LOKAL: "segel elektronik instansi",
    BSRE_V2: "sertifikat elektronik BSrE",
    BSRE_V1: "sertifikat elektronik BSrE",
}

# The signature is already printed on the page (name, NIP, QR of the verification page): the certificate's
# signature is added invisibly, the way the clients above sign by default.
TAMPILAN = "INVISIBLE"


class PenandaDitolak(Penolakan):
    """The signer backend refused or could not sign: a wrong passphrase, an expired or missing certificate, the
    service down or too slow. Raised before anything is written, so the document stays submitted."""


@dataclass(frozen=True)
class Permintaan:
    """One document to sign. `pdf` is exactly what the signer read; `stamps`/`stamp_text` the signing date
    still to be drawn into the boxes the render reserved."""

    pdf: bytes
    reason: str
    name: str
    location: str
    stamps: tuple[signing.Kotak, ...] = ()
    stamp_text: str = ""


@dataclass(frozen=True)
class Hasil:
    """The signed file and what signed it (read back from the file, not taken on trust)."""

    pdf: bytes
    penanda: str
    sertifikat: signing.Sertifikat | None


class Penanda(Protocol):
    kode: str
    bersertifikat: bool

    def tersedia(self) -> None: ...

    def tandatangani(self, permintaan: Permintaan, *, nik: str = "", passphrase: str = "") -> Hasil: ...


class LocalPades:
    """The deployment's PAdES seal (laporan/signing.py): the date stamped and the signature added in one
    incremental update over the bytes read."""

    kode = LOKAL
    bersertifikat = False

    def tersedia(self) -> None:
        try:
            signing.ensure_available()
        except ImproperlyConfigured as error:
            raise PenandaDitolak(str(error)) from None

    def tandatangani(self, permintaan: Permintaan, *, nik: str = "", passphrase: str = "") -> Hasil:
        signed = signing.sign_pdf(
            permintaan.pdf,
            stamps=list(permintaan.stamps),
            stamp_text=permintaan.stamp_text,
            reason=permintaan.reason,
            name=permintaan.name,
            location=permintaan.location,
        )
        return Hasil(pdf=signed, penanda=self.kode, sertifikat=signing.sertifikat_penanda(signed))


def sandi_klien(kabupaten) -> str:
    """The Esign Client Service account's password for `kabupaten`: the environment variable
    `BSRE_SANDI_<KODE>` (the kabupaten's kode in capitals, other characters as "_"), else `BSRE_SANDI`.

    Kept out of the database so that a backup, the history tables or the operators' admin never hold it."""
    return os.environ.get(kabupaten.bsre_variabel_sandi) or os.environ.get("BSRE_SANDI", "")


def _batas_waktu() -> tuple[float, float]:
    """(connect, read) seconds: signing a long LKIP takes the service a while; connecting should not."""
    return (
        float(getattr(settings, "BSRE_BATAS_SAMBUNG", 5)),
        float(getattr(settings, "BSRE_BATAS_WAKTU", 60)),
    )


_session: requests.Session | None = None


def _sesi() -> requests.Session:
    """One session for the process: the service's connection is kept alive between signatures."""
    global _session
    if _session is None:
        _session = requests.Session()
        _session.headers["Accept"] = "application/json"
    return _session


def _pesan_layanan(response: requests.Response) -> str:
    """The service's own words for a refusal (`error`, else `message`), else the start of its body."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("error", "message", "status"):
            value = body.get(key)
            if value:
                return str(value)[:500]
    text = (response.text or "").strip()
    return text[:300] if text and not text.startswith("%PDF") else f"HTTP {response.status_code}"


_KATA_PASSPHRASE = ("passphrase", "kata sandi", "password")
_KATA_SERTIFIKAT = ("sertifikat", "certificate", "expired", "kedaluwarsa", "revoke", "dicabut", "tidak ditemukan")


class Bsre:
    """The kabupaten's BSrE service through its Esign Client Service (the contract in the module docstring)."""

    bersertifikat = True

    def __init__(self, *, url: str, pengguna: str, sandi: str, versi: int = 2):
        self.url = url.rstrip("/")
        self.pengguna = pengguna
        self.sandi = sandi
        self.versi = versi
        self.kode = BSRE_V2 if versi == 2 else BSRE_V1

    def tersedia(self) -> None:
        if not self.url or not self.pengguna or not self.sandi:
            raise PenandaDitolak(
                "Layanan tanda tangan elektronik BSrE kabupaten belum lengkap diatur (alamat, nama pengguna, "
                "atau kata sandi klien di server). Hubungi administrator kabupaten."
            )

    # -- signing ---------------------------------------------------------------------------------------------

    def tandatangani(self, permintaan: Permintaan, *, nik: str = "", passphrase: str = "") -> Hasil:
        self.tersedia()
        if not nik:
            raise PenandaDitolak(
                "NIK Anda belum tercatat, padahal tanda tangan BSrE memerlukannya. "
                "Minta administrator kabupaten mengisi NIK Anda pada halaman Pegawai."
            )
        if not passphrase:
            pesan = "Passphrase sertifikat elektronik wajib diisi."
            raise PenandaDitolak(pesan, {"password": pesan})
        # The service signs what it receives: the date goes on the page first (an incremental update over the
        # bytes read, which stay the file's first part).
        pdf = signing.stamp_pdf(permintaan.pdf, stamps=list(permintaan.stamps), stamp_text=permintaan.stamp_text)
        if self.versi == 2:
            signed = self._sign_v2(pdf, permintaan, nik, passphrase)
        else:
            signed = self._sign_v1(pdf, permintaan, nik, passphrase)
        if not signed.startswith(b"%PDF"):
            raise PenandaDitolak("Layanan BSrE tidak mengembalikan berkas PDF. Dokumen tetap diajukan; coba lagi.")
        sertifikat = signing.sertifikat_penanda(signed)
        if sertifikat is None:
            raise PenandaDitolak(
                "Berkas yang dikembalikan layanan BSrE tidak memuat tanda tangan elektronik. Dokumen tetap diajukan."
            )
        return Hasil(pdf=signed, penanda=self.kode, sertifikat=sertifikat)

    def _sign_v2(self, pdf: bytes, permintaan: Permintaan, nik: str, passphrase: str) -> bytes:
        payload = {
            "nik": nik,
            "passphrase": passphrase,
            "signatureProperties": [
                {"tampilan": TAMPILAN, "reason": permintaan.reason, "location": permintaan.location}
            ],
            "file": [base64.b64encode(pdf).decode("ascii")],
        }
        response = self._post("/api/v2/sign/pdf", json=payload)
        try:
            files = response.json().get("file") or []
            return base64.b64decode(files[0], validate=True)
        except (ValueError, AttributeError, IndexError, TypeError, binascii.Error):
            raise PenandaDitolak(
                "Jawaban layanan BSrE tidak dapat dibaca (berkas bertanda tangan tidak ada). Dokumen tetap diajukan."
            ) from None

    def _sign_v1(self, pdf: bytes, permintaan: Permintaan, nik: str, passphrase: str) -> bytes:
        data = {
            "nik": nik,
            "passphrase": passphrase,
            "tampilan": TAMPILAN.lower(),
            "reason": permintaan.reason,
            "location": permintaan.location,
        }
        files = {"file": ("dokumen.pdf", pdf, "application/pdf")}
        return self._post("/api/sign/pdf", data=data, files=files).content

    # -- verification ----------------------------------------------------------------------------------------

    def verifikasi(self, pdf: bytes) -> dict:
        """The service's verdict on a signed file (`conclusion`, `signatureInformations`, ...): v2 JSON, v1
        multipart `signed_file` to `/api/sign/verify`."""
        self.tersedia()
        if self.versi == 2:
            response = self._post("/api/v2/verify/pdf", json={"file": base64.b64encode(pdf).decode("ascii")})
        else:
            response = self._post("/api/sign/verify", files={"signed_file": ("dokumen.pdf", pdf, "application/pdf")})
        try:
            return response.json()
        except ValueError:
            raise PenandaDitolak("Jawaban verifikasi layanan BSrE tidak dapat dibaca.") from None

    # -- transport -------------------------------------------------------------------------------------------

    def _post(self, path: str, **kwargs) -> requests.Response:
        """POST to the service; every failure becomes one PenandaDitolak with an Indonesian message. The request
        (which holds the passphrase) is never logged or put into the message."""
        try:
            response = _sesi().post(self.url + path, auth=(self.pengguna, self.sandi), timeout=_batas_waktu(), **kwargs)
        except requests.Timeout:
            logger.warning("BSrE service timed out (%s%s)", self.url, path)
            raise PenandaDitolak(
                "Layanan tanda tangan elektronik BSrE tidak menjawab dalam batas waktu. Dokumen tetap diajukan; "
                "coba lagi beberapa saat lagi."
            ) from None
        except requests.RequestException as error:
            logger.warning("BSrE service unreachable (%s%s): %s", self.url, path, type(error).__name__)
            raise PenandaDitolak(
                "Layanan tanda tangan elektronik BSrE kabupaten tidak dapat dihubungi. Dokumen tetap diajukan; "
                "coba lagi nanti atau hubungi administrator kabupaten."
            ) from None
        if response.status_code == 200 and not _ada_error(response):
            return response
        pesan = _pesan_layanan(response)
        logger.warning("BSrE service refused (%s%s): HTTP %s", self.url, path, response.status_code)
        rendah = pesan.lower()
        if response.status_code in (401, 403) and not any(k in rendah for k in _KATA_PASSPHRASE + ("nik",)):
            raise PenandaDitolak(
                "Esign Client Service menolak akun aplikasi ini (nama pengguna atau kata sandi klien). "
                "Hubungi administrator kabupaten."
            )
        if response.status_code >= 500 and not any(k in rendah for k in _KATA_PASSPHRASE + _KATA_SERTIFIKAT):
            raise PenandaDitolak(
                f"Layanan tanda tangan elektronik BSrE sedang bermasalah ({pesan}). Dokumen tetap diajukan; "
                "coba lagi nanti."
            )
        if any(k in rendah for k in _KATA_PASSPHRASE):
            teks = f"Penandatanganan ditolak layanan BSrE: {pesan}"
            raise PenandaDitolak(teks, {"password": teks})
        raise PenandaDitolak(f"Penandatanganan ditolak layanan BSrE: {pesan}. Dokumen tetap diajukan.")


def _ada_error(response: requests.Response) -> bool:
    """A 200 whose JSON body says `error` is a refusal too (the clients above read it so)."""
    if "json" not in response.headers.get("Content-Type", ""):
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and bool(body.get("error"))


# -- attempts ------------------------------------------------------------------------------------------------
# Wrong passphrases are counted per person in the shared cache like wrong account passwords
# (sakip.tanda_tangan): a stolen session cannot try passphrases against the service (which may lock the
# certificate after a few). Counted by the caller outside the signing transaction, so the count survives the
# rollback of the refused signature.


def _kunci(user) -> str:
    return f"tanda-tangan-bsre:{user.pk}"


def _batas() -> tuple[int, int]:
    return getattr(settings, "TANDA_TANGAN_BATAS", 10), getattr(settings, "TANDA_TANGAN_JENDELA", 60)


def periksa_batas(user) -> None:
    """Refuse, without asking the service, after too many refused passphrases within the window."""
    batas, jendela = _batas()
    if counters.current(_kunci(user)) >= batas:
        logger.warning("BSrE signing refused unsent: too many refused passphrases (user %s)", user.pk)
        pesan = f"Terlalu banyak passphrase ditolak. Tunggu {jendela} detik sebelum mencoba menandatangani lagi."
        raise PenandaDitolak(pesan, {"password": pesan})


def catat_penolakan(user, errors) -> None:
    """Count a refusal that concerns the passphrase (the service's refusal put on the `password` field)."""
    if isinstance(errors, dict) and "password" in errors:
        counters.count(_kunci(user), window=_batas()[1])


def untuk(unit) -> Penanda:
    """The signer backend of the kabupaten `unit` belongs to (a kecamatan, or the kabupaten itself)."""
    kabupaten = unit if unit.kabupaten_id is None else unit.kabupaten
    pilihan = getattr(kabupaten, "penanda_tangan", LOKAL) or LOKAL
    if pilihan in (BSRE_V2, BSRE_V1):
        return Bsre(
            url=kabupaten.bsre_url,
            pengguna=kabupaten.bsre_pengguna,
            sandi=sandi_klien(kabupaten),
            versi=2 if pilihan == BSRE_V2 else 1,
        )
    return LocalPades()


def bersertifikat(unit) -> bool:
    """Does signing here ask for the BSrE passphrase (True) or the account password (False)?"""
    return untuk(unit).bersertifikat
