"""The administrator's token pages (Pengaturan Kabupaten → Token API): issue (the value shown once), list,
revoke; nobody else may (a Camat or an evaluator: 403; another kabupaten's administrator: 404 on this
kabupaten's token); the documentation page and the schema are served without internet assets."""

import re

import pytest
from django.urls import reverse

from api.models import TokenApi
from sakip.roles import Role
from tests.api.helpers import bearer, issue, other_kabupaten


def test_it_requires_login(client, org):
    response = client.get(reverse("api:token"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.CAMAT, Role.KASUBBAG_PERENCANAAN])
def test_kecamatan_roles_get_403(client_for, org, role):
    client = client_for(org.person("awayan", role))
    assert client.get(reverse("api:token")).status_code == 403
    assert client.post(reverse("api:token_buat"), {"nama": "Coba"}).status_code == 403
    assert not TokenApi.objects.exists()


def test_the_evaluator_gets_403(client_for, org):
    assert client_for(org.evaluator).get(reverse("api:token")).status_code == 403


def test_the_admin_issues_sees_the_value_once_and_revokes(client, client_for, org):
    admin = client_for(org.admin)
    page = admin.get(reverse("api:token"))
    assert page.status_code == 200
    assert "Belum ada token" in page.content.decode()

    created = admin.post(reverse("api:token_buat"), {"nama": "e-Monev Bappeda"})
    assert created.status_code == 200
    assert created["Cache-Control"].startswith("max-age=0")
    html = created.content.decode()
    value = re.search(r'id="nilai-token"[^>]*>(sakip_[\w-]+)</code>', html)[1]
    token = TokenApi.objects.get()
    assert (token.nama, token.kabupaten, token.dibuat_oleh) == ("e-Monev Bappeda", org.kabupaten, org.admin)

    listed = admin.get(reverse("api:token")).content.decode()
    assert "e-Monev Bappeda" in listed and token.awalan in listed
    assert value not in listed  # shown once

    api = client.__class__()
    assert api.get(reverse("api:kecamatan"), **bearer(value)).status_code == 200
    after = admin.get(reverse("api:token")).content.decode()
    assert "/api/v1/kecamatan" in after  # the call is listed for the administrator

    revoked = admin.post(reverse("api:token_cabut", args=[token.pk]))
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.dicabut_oleh == org.admin and token.dicabut_pada is not None
    assert api.get(reverse("api:kecamatan"), **bearer(value)).status_code == 401
    assert "Dicabut" in admin.get(reverse("api:token")).content.decode()
    assert token.history.count() == 2  # issued, revoked


def test_an_empty_or_duplicate_name_is_refused_naming_the_field(client_for, org):
    admin = client_for(org.admin)
    empty = admin.post(reverse("api:token_buat"), {"nama": "  "})
    assert empty.status_code == 400
    assert "Nama token wajib diisi." in empty.content.decode()
    issue(org.admin, org.kabupaten, nama="Inspektorat")
    twice = admin.post(reverse("api:token_buat"), {"nama": "inspektorat"})
    assert twice.status_code == 400
    assert "Sudah ada token aktif bernama inspektorat" in twice.content.decode()
    assert TokenApi.objects.count() == 1


def test_another_kabupatens_admin_cannot_revoke_it(client_for, org):
    token, _ = issue(org.admin, org.kabupaten)
    _, tabalong_admin = other_kabupaten()
    client = client_for(tabalong_admin)
    assert client.post(reverse("api:token_cabut", args=[token.pk])).status_code == 404
    assert token.awalan not in client.get(reverse("api:token")).content.decode()
    token.refresh_from_db()
    assert token.aktif


def test_a_camat_cannot_revoke_it(client_for, org):
    token, _ = issue(org.admin, org.kabupaten)
    assert (
        client_for(org.person("awayan", Role.CAMAT)).post(reverse("api:token_cabut", args=[token.pk])).status_code
        == 403
    )
    token.refresh_from_db()
    assert token.aktif


def test_the_schema_and_its_documentation_need_no_internet(client, db):
    schema = client.get(reverse("api:openapi-json"))
    assert schema.status_code == 200
    data = schema.json()
    assert data["openapi"].startswith("3.")
    assert "/api/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/capaian" in data["paths"]
    assert data["components"]["securitySchemes"]["TokenBearer"]["scheme"] == "bearer"
    docs = client.get(reverse("api:openapi-view"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "http://" not in html and "https://" not in html and "cdn" not in html
    assert "'unsafe-inline'" not in docs["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    for name in ("api:docs_css", "api:docs_js", "api:docs_init_js"):
        assert reverse(name) in html
        asset = client.get(reverse(name))
        assert asset.status_code == 200, name
        assert b"".join(asset.streaming_content)


def test_the_nav_of_pengaturan_links_the_page(client_for, org):
    html = client_for(org.admin).get(reverse("pengaturan:index")).content.decode()
    assert f'href="{reverse("api:token")}"' in html


def test_the_schema_groups_every_operation_under_one_named_tag(client, db):
    data = client.get(reverse("api:openapi-json")).json()

    declared = [t["name"] for t in data["tags"]]
    assert declared == ["Kecamatan", "Kinerja", "Anggaran", "Dokumen", "Evaluasi"]
    assert all(t["description"] for t in data["tags"])
    tags = {
        path.removeprefix("/api/v1/kecamatan"): operation["tags"]
        for path, operations in data["paths"].items()
        for operation in operations.values()
    }
    assert all(len(t) == 1 and t[0] in declared for t in tags.values()), tags
    assert tags == {
        "": ["Kecamatan"],
        "/{kecamatan_id}/tahun": ["Kecamatan"],
        "/{kecamatan_id}/tahun/{tahun}/triwulan": ["Kinerja"],
        "/{kecamatan_id}/tahun/{tahun}/pk": ["Kinerja"],
        "/{kecamatan_id}/tahun/{tahun}/indikator": ["Kinerja"],
        "/{kecamatan_id}/tahun/{tahun}/capaian": ["Kinerja"],
        "/{kecamatan_id}/tahun/{tahun}/anggaran": ["Anggaran"],
        "/{kecamatan_id}/dokumen": ["Dokumen"],
        "/{kecamatan_id}/evaluasi": ["Evaluasi"],
    }
    assert "default" not in declared
