"""No 500 on a bad id (issue 29): every URL of the URL configuration, with its integer path parameters and the
common query parameters (kecamatan, tahun, triwulan, …) and posted ids replaced by values far out of range —
negative, 0, 2**31, 2**63, 10**20, letters, a superscript digit — answers something other than a 500, for a
superuser, the kabupaten administrator and a Camat.

Hypothesis picks the combination per URL; the world (real objects in three kecamatan, so a view gets past its
lookups to the parameters) is the permission matrix's, built once for the module. Each request is rolled back.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sakip.models import Pegawai
from sakip.roles import Role
from tests.security.test_permission_matrix import url_for, world  # noqa: F401 (the module's world fixture)
from tests.security.test_url_matrix import URLS

HUGE = [0, 2**31, 2**31 - 1, 2**63, 2**63 - 1, 10**20]
BAD_TEXT = ["-1", "-99999999999999999999", "abc", "²", "1.5", " 7 ", "0x10"] + [str(v) for v in HUGE]
QUERY_KEYS = ["kecamatan", "tahun", "triwulan", "periode", "unit", "induk", "revision", "jabatan", "komponen"]
POST_KEYS = ["hapus", "kepada", "id", "jawaban", "rpjmd", "indikator", "no", "layanan", "revision", "libur_id"]
OPS = [
    "hapus", "alihkan", "ambil", "selesai", "misi", "misi_hapus", "sasaran", "sasaran_hapus", "unggah",
    "rekomendasi_hapus", "langkah", "naik", "turun", "survei", "daftar", "libur", "buat", "simpan",
]  # fmt: skip
USERS = ["superuser", "admin", "camat"]


@pytest.fixture(scope="module")
def people(world, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        operator = Pegawai.objects.create_superuser("operator.bad-id", "op@example.org", "kata-sandi-operator-1")
    return {"superuser": operator, "admin": world["people"][Role.ADMIN], "camat": world["people"][Role.CAMAT]}


PUBLIC_CODES = {"kode": "tidak-ada"}
# The public SAKIP page names places by their codes (publikasi): unknown codes answer 404.
PLACE_CODES = {"kabupaten": "tidak-ada", "kecamatan": "tidak-ada"}


def real_url(name: str, place: dict) -> str:
    converters = set(URLS[name].pattern.converters)
    if converters == {"kode"}:
        return reverse(name, kwargs=PUBLIC_CODES)
    if converters and converters <= set(PLACE_CODES):
        return reverse(name, kwargs={key: PLACE_CODES[key] for key in converters})
    return url_for(name, place)


def hostile_url(name: str, place: dict, replace: dict) -> str:
    """The URL of `name` in `place`, with the integer path parameters named in `replace` swapped."""
    real = real_url(name, place)
    if not replace:
        return real
    kwargs = dict(resolve(real).kwargs)
    kwargs.update({k: v for k, v in replace.items() if k in kwargs})
    return reverse(name, kwargs=kwargs)


def int_params(name: str) -> list[str]:
    return [k for k, c in URLS[name].pattern.converters.items() if c.__class__.__name__ == "IntConverter"]


@st.composite
def hostile_requests(draw, name: str):
    user = draw(st.sampled_from(USERS))
    method = draw(st.sampled_from(["GET", "POST"]))
    path = {k: draw(st.sampled_from(HUGE)) for k in int_params(name) if draw(st.booleans())}
    query = {k: draw(st.sampled_from(BAD_TEXT)) for k in draw(st.sets(st.sampled_from(QUERY_KEYS), max_size=4))}
    data = {k: draw(st.sampled_from(BAD_TEXT)) for k in draw(st.sets(st.sampled_from(POST_KEYS), max_size=4))}
    if method == "POST":
        data["op"] = data["aksi"] = draw(st.sampled_from(OPS))
    return user, method, path, query, data


def _request(client: Client, method: str, url: str, query: dict, data: dict):
    with transaction.atomic():
        if method == "GET":
            response = client.get(url, query)
        else:
            suffix = ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
            response = client.post(url + suffix, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("name", sorted(URLS))
def test_no_url_answers_500_to_out_of_range_numbers(world, people, db, name):  # noqa: F811
    place = world["places"]["awayan"]
    clients = {}

    @settings(
        max_examples=3,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(hostile_requests(name))
    # Always tried, before Hypothesis' own picks: every query parameter far out of range, every posted id a
    # word, every path parameter beyond bigint.
    @example(("superuser", "GET", {}, dict.fromkeys(QUERY_KEYS, str(10**20)), {}))
    @example(("admin", "GET", {}, dict.fromkeys(QUERY_KEYS, "²"), {}))
    @example(("camat", "POST", {}, {}, {**dict.fromkeys(POST_KEYS, "abc"), "op": "hapus", "aksi": "hapus"}))
    @example(("superuser", "GET", dict.fromkeys(int_params(name), 2**63), {}, {}))
    def check(case):
        user, method, path, query, data = case
        if user not in clients:
            clients[user] = Client()
            clients[user].force_login(people[user])
        url = hostile_url(name, place, path)
        response = _request(clients[user], method, url, query, data)
        assert response.status_code != 500, (name, case)

    check()


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/sop/", {"kecamatan": "99999999999999999999"}),
        ("/sop/", {"kecamatan": "²"}),
        ("/pengaturan/pegawai/", {"kecamatan": "99999999999999999999"}),
        ("/pengaturan/pegawai/", {"kecamatan": "²"}),
        ("/evaluasi/rekap/", {"tahun": "99999999999999999999"}),
        ("/evaluasi/rekap/", {"tahun": "-5"}),
    ],
)
def test_the_reported_urls_answer_400_or_200(world, people, db, url, query):  # noqa: F811
    for user in USERS:
        client = Client()
        client.force_login(people[user])
        response = _request(client, "GET", url, query, {})
        assert response.status_code in (200, 302, 400, 403, 404), (url, query, user, response.status_code)


def test_evidence_delete_and_task_reassign_with_a_word_for_an_id(world, people, db):  # noqa: F811
    place = world["places"]["awayan"]
    client = Client()
    client.force_login(people["camat"])
    bukti = url_for("kinerja:bukti", place)
    assert _request(client, "POST", bukti, {}, {"hapus": "abc"}).status_code in (400, 403, 404)
    # The task page answers a person not on its list with its own message.
    task = url_for("workflow:task_alihkan", place)
    response = _request(client, "POST", task, {}, {"kepada": "abc"})
    assert response.status_code in (200, 302, 403, 404)
    if response.status_code == 302:
        assert "Pilih pegawai penerima." in [str(m) for m in client.get(response["Location"]).context["messages"]]
