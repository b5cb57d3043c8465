"""SIASN (BKN) web service client: the same preview as an uploaded export, from the service.

Documented endpoints used (BKN's API Manager "apimws" and SSO SIASN):
- WSO token: POST {wso_url} with HTTP Basic consumer key/secret, `grant_type=client_credentials` → access_token;
- SSO token: POST {sso_url} with `grant_type=password`, `client_id`, `username`, `password` → access_token;
- data utama: GET {api_url}/pns/data-utama/{nipBaru} with `Authorization: Bearer <WSO token>` and
  `Auth: bearer <SSO token>` → `{"data": {"nipBaru", "nama", "gelarDepan", "gelarBelakang", "jabatanNama",
  "unorNama", "golRuangAkhir", "eselon", "tmtJabatan" (dd-mm-yyyy), "kedudukanPnsNama", ...}}`.

SIASN answers per NIP; it has no list of an instansi's staff in the web service, so it is asked about every
NIP the kabupaten's records hold: moves, position changes, titles and rank come from it, and a NIP it does not
know (or no longer active) is absent, hence "keluar". New people still come from the SIMPEG export.

Configuration per kabupaten, in the server's environment only (KODE = the kabupaten's kode in capitals, other
characters "_", as for BSrE): SIASN_API_URL_<KODE>, SIASN_WSO_URL_<KODE>, SIASN_SSO_URL_<KODE>,
SIASN_CLIENT_ID_<KODE>, SIASN_CONSUMER_KEY_<KODE>, SIASN_CONSUMER_SECRET_<KODE>, SIASN_USERNAME_<KODE>,
SIASN_PASSWORD_<KODE>.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from sakip.errors import Penolakan

TIMEOUT = 20
KUNCI = ("api_url", "wso_url", "sso_url", "client_id", "consumer_key", "consumer_secret", "username", "password")
# The columns of the rows made from the service's answers (kepegawaian.berkas reads them like an export).
KOLOM = {
    "nip": "nipBaru",
    "nama": "nama",
    "gelar_depan": "gelarDepan",
    "gelar_belakang": "gelarBelakang",
    "jabatan": "jabatanNama",
    "unit": "unorNama",
    "golongan": "golRuangAkhir",
    "eselon": "eselon",
    "atasan": "",
    "tmt": "tmtJabatan",
    "plt": "",
}
AKTIF = {"", "aktif", "pns aktif", "cpns aktif", "pppk aktif"}


class SiasnError(Penolakan):
    """The SIASN service refused or could not be reached (see sakip.errors)."""


@dataclass(frozen=True)
class Sambungan:
    api_url: str
    wso_url: str
    sso_url: str
    client_id: str
    consumer_key: str
    consumer_secret: str
    username: str
    password: str


def variabel(kode: str, kunci: str) -> str:
    return f"SIASN_{kunci.upper()}_" + re.sub(r"[^A-Z0-9]", "_", kode.upper())


def sambungan_of(kabupaten) -> Sambungan | None:
    """The kabupaten's SIASN credentials from the environment, or None when any is missing."""
    values = {k: os.environ.get(variabel(kabupaten.kode, k), "") for k in KUNCI}
    return Sambungan(**values) if all(values.values()) else None


def _json(request: urllib.request.Request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - configured https URL
            return json.loads(response.read(5 * 1024 * 1024) or b"{}")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return {}
        raise SiasnError(f"Layanan SIASN menolak permintaan (HTTP {error.code}).") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        raise SiasnError("Layanan SIASN tidak dapat dihubungi atau jawabannya tidak dapat dibaca.") from None


def _token(url: str, data: dict, basic: tuple[str, str] | None = None) -> str:
    headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
    if basic:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
    body = urllib.parse.urlencode(data).encode()
    try:
        answer = _json(urllib.request.Request(url, data=body, headers=headers, method="POST"))
    except SiasnError as refused:
        if "HTTP 40" not in refused.message:
            raise
        answer = {}
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not token:
        raise SiasnError("Layanan SIASN tidak memberikan token akses; periksa kredensial SIASN kabupaten.")
    return token


def data_utama(sambungan: Sambungan, nips: list[str]) -> list[dict]:
    """`data utama` of each NIP that SIASN knows and counts as active."""
    wso = _token(
        sambungan.wso_url, {"grant_type": "client_credentials"}, (sambungan.consumer_key, sambungan.consumer_secret)
    )
    sso = _token(
        sambungan.sso_url,
        {
            "grant_type": "password",
            "client_id": sambungan.client_id,
            "username": sambungan.username,
            "password": sambungan.password,
        },
    )
    headers = {"Accept": "application/json", "Authorization": f"Bearer {wso}", "Auth": f"bearer {sso}"}
    found = []
    for nip in nips:
        url = f"{sambungan.api_url.rstrip('/')}/pns/data-utama/{urllib.parse.quote(nip)}"
        answer = _json(urllib.request.Request(url, headers=headers))
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict) or not data.get("nipBaru"):
            continue
        if str(data.get("kedudukanPnsNama") or "").strip().casefold() not in AKTIF:
            continue
        found.append(data)
    return found


def sebagai_csv(rows: list[dict]) -> bytes:
    """The answers as a CSV export (header = SIASN's field names), read and previewed like an upload."""
    headers = [h for h in KOLOM.values() if h]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([str(row.get(h) or "") for h in headers])
    return buffer.getvalue().encode("utf-8")
