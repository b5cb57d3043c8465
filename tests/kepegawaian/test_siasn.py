"""The same preview from BKN's SIASN web service, against a local server on loopback implementing the documented
endpoints used (WSO client-credentials token, SSO password token, data utama per NIP with both tokens)."""

import base64
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from kepegawaian import pratinjau, siasn
from kepegawaian.models import ImporPegawai
from sakip.models import Pegawai
from sakip.roles import Role
from tests.kepegawaian.data import halong, unit_text

WSO, SSO = "wso-token-uji", "sso-token-uji"


class Siasn(BaseHTTPRequestHandler):
    records: dict = {}
    calls: list = []

    def log_message(self, *args):
        pass

    def _send(self, status, body):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if self.path == "/oauth2/token":
            basic = base64.b64encode(b"kunci:rahasia").decode()
            ok = self.headers.get("Authorization") == f"Basic {basic}" and form["grant_type"] == ["client_credentials"]
            return self._send(200, {"access_token": WSO, "expires_in": 3600}) if ok else self._send(401, {})
        if self.path == "/auth/realms/public-siasn/protocol/openid-connect/token":
            ok = form.get("grant_type") == ["password"] and form.get("client_id") == ["klien"]
            ok = ok and form.get("username") == ["operator"] and form.get("password") == ["sandi"]
            return self._send(200, {"access_token": SSO, "expires_in": 3600}) if ok else self._send(401, {})
        self._send(404, {})

    def do_GET(self):
        if self.headers.get("Authorization") != f"Bearer {WSO}" or self.headers.get("Auth") != f"bearer {SSO}":
            return self._send(401, {})
        prefix = "/apisiasn/1.0/pns/data-utama/"
        nip = self.path.removeprefix(prefix)
        Siasn.calls.append(nip)
        if not self.path.startswith(prefix) or nip not in Siasn.records:
            return self._send(404, {"code": 0, "data": "Data tidak ditemukan"})
        self._send(200, {"code": 1, "data": Siasn.records[nip]})


@pytest.fixture
def server(monkeypatch, org):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Siasn)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    env = {
        "api_url": f"{base}/apisiasn/1.0",
        "wso_url": f"{base}/oauth2/token",
        "sso_url": f"{base}/auth/realms/public-siasn/protocol/openid-connect/token",
        "client_id": "klien",
        "consumer_key": "kunci",
        "consumer_secret": "rahasia",
        "username": "operator",
        "password": "sandi",
    }
    for key, value in env.items():
        monkeypatch.setenv(siasn.variabel(org.kabupaten.kode, key), value)
    Siasn.records, Siasn.calls = {}, []
    yield Siasn
    httpd.shutdown()
    httpd.server_close()


def data_utama(person, position=None, **over):
    position = position or person.jabatan
    return {
        "nipBaru": person.nip,
        "nama": person.nama,
        "gelarDepan": "",
        "gelarBelakang": "",
        "jabatanNama": position.nama.upper(),
        "unorNama": unit_text(position).upper(),
        "golRuangAkhir": "",
        "eselon": "",
        "tmtJabatan": "02-01-2026",
        "kedudukanPnsNama": "Aktif",
        **over,
    }


def test_siasn_gives_the_same_preview_as_the_file(client_for, org, server):
    kasi = org.person("awayan", Role.KASI)
    kasi_halong = halong(org)
    leaver = org.person("tebing", Role.PELAKSANA)
    people = Pegawai.objects.filter(jabatan__kecamatan__isnull=False, is_active=True).exclude(pk=leaver.pk)
    server.records = {p.nip: data_utama(p) for p in people}
    server.records[kasi.nip] = data_utama(kasi, kasi_halong, eselon="IV.b")
    client = client_for(org.admin)
    assert "Tarik dari SIASN" in client.get(reverse("kepegawaian:index")).content.decode()
    response = client.post(reverse("kepegawaian:siasn"))
    assert response.status_code == 302 and response["Location"] == reverse("kepegawaian:pratinjau")
    impor = ImporPegawai.objects.get(status=ImporPegawai.Status.PRATINJAU)
    assert impor.sumber == "siasn"
    hasil = impor.pratinjau
    assert [(r["nip"], r["jabatan"]) for r in hasil["pindah"]] == [(kasi.nip, "Kepala Seksi Halong")]
    assert [r["nip"] for r in hasil["keluar"]] == [leaver.nip]
    assert [r["jabatan"] for r in hasil["kosong"]] == ["Kepala Seksi Awayan", leaver.jabatan.nama]
    assert not hasil["masalah"] and not hasil["baru"] and not hasil["data"]
    # Every NIP of the kabupaten's records was asked, the administrators' included.
    assert org.admin.nip in server.calls and kasi.nip in server.calls
    client.post(reverse("kepegawaian:terapkan"), {"sidik": pratinjau.sidik_pratinjau(hasil)})
    kasi.refresh_from_db()
    leaver.refresh_from_db()
    assert kasi.jabatan_id == kasi_halong.pk and kasi.data_simpeg.eselon == "IV.b"
    assert (leaver.is_active, leaver.jabatan_id) == (False, None)


def test_bad_credentials_are_refused_and_nothing_is_saved(client_for, org, server, monkeypatch):
    monkeypatch.setenv(siasn.variabel(org.kabupaten.kode, "password"), "salah")
    response = client_for(org.admin).post(reverse("kepegawaian:siasn"), follow=True)
    assert "tidak memberikan token akses" in response.content.decode()
    assert not ImporPegawai.objects.exists()


def test_without_credentials_the_page_says_so(client_for, org):
    client = client_for(org.admin)
    assert "belum dipasang di server" in client.get(reverse("kepegawaian:index")).content.decode()
    response = client.post(reverse("kepegawaian:siasn"), follow=True)
    assert "SIASN_API_URL_BALANGAN" in response.content.decode()
