"""Issue 12, finding 10: the inputs that used to end in a 500 are messages now; the verification rate limit
lives in the shared cache; the signing password is taken exactly as typed."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.test import Client
from django.urls import reverse

from laporan.forms import TandaTanganForm
from laporan.views import VERIFY_LIMIT
from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Disposisi, Task


@pytest.fixture
def first_task(org):
    run = workflow_services.run_start(
        user=org.person("awayan", Role.CAMAT), revision=make_sop(org.awayan.unit), tahun=2025, triwulan=2
    )
    return run.tasks.get()


@pytest.mark.parametrize("kepada", ["abc", "-1", "1e3", "٣", "9" * 40, " "])
def test_disposisi_kepada_abc_is_a_message_not_a_500(org, client_for, first_task, kepada):
    client = client_for(org.person("awayan", Role.CAMAT))
    url = reverse("workflow:task_selesai", args=[first_task.pk])
    response = client.post(url, {"disposisi_kepada": kepada, "disposisi_instruksi": "Segera"}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pilih penerima disposisi dari daftar." in body or "Disposisi memerlukan penerima" in body
    assert Task.objects.get(pk=first_task.pk).status == Task.Status.AKTIF
    assert not Disposisi.objects.exists()


@pytest.mark.parametrize("query", ["sampai=9999-12-31", "dari=0001-01-01", "dari=9999-12-31&sampai=9999-12-31"])
@pytest.mark.parametrize("view", ["workflow:compliance", "workflow:compliance_pdf", "workflow:compliance_xlsx"])
def test_tugas_kepatuhan_sampai_9999_12_31_is_a_message_not_a_500(org, client_for, query, view):
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.get(reverse(view) + "?" + query)
    assert response.status_code == 200
    if view == "workflow:compliance":
        assert "Tanggal harus antara 2000-01-01 dan 2100-12-31." in response.content.decode()


def test_the_signing_password_is_not_stripped():
    form = TandaTanganForm(data={"password": "  rahasia dengan spasi  "})
    assert form.is_valid()
    assert form.cleaned_data["password"] == "  rahasia dengan spasi  "


def test_the_cache_is_shared_between_processes():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    )


@pytest.mark.django_db
def test_the_verification_rate_limit_is_seen_by_another_process(org):
    # Another worker process has its own cache object but the same table: it sees the same count.
    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache":
        pytest.skip("Redis configured: shared by construction")
    cache.clear()
    page = reverse("laporan:verifikasi", args=["tidak-ada"])
    client = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(VERIFY_LIMIT):
        assert client.get(page).status_code == 404
    other_process = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    assert other_process.get("laporan-verifikasi:10.9.8.7")[0] == VERIFY_LIMIT  # (count, end of window)
    assert client.get(page).status_code == 429
