"""The renstra models in the operators' admin (issue 14): every model registered, read-only for the operator
(changes go through renstra/services.py), refused to everyone else by sakip/admin.py's one gate."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from renstra.models import Renstra
from sakip.models import Pegawai
from sakip.roles import Role
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return Pegawai.objects.create_superuser("operator", "operator@example.org", "kata-sandi-operator-1")


def test_every_renstra_model_is_registered(db):
    models = {m for m in apps.get_app_config("renstra").get_models() if not m.__name__.startswith("Historical")}
    assert len(models) == 12 and models <= set(admin.site._registry)


def test_the_operator_reads_but_cannot_add_change_or_delete(org, operator, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    client = client_for(operator)
    listing = client.get(reverse("admin:renstra_renstra_changelist"))
    assert listing.status_code == 200 and "Renstra 2025–2029 — Kecamatan Awayan" in listing.content.decode()
    change = reverse("admin:renstra_renstra_change", args=[renstra.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"revisi": 7, "status": "ditetapkan"}).status_code == 403
    assert client.get(reverse("admin:renstra_renstra_add")).status_code == 403
    assert client.post(reverse("admin:renstra_renstra_delete", args=[renstra.pk]), {"post": "yes"}).status_code == 403
    renstra.refresh_from_db()
    assert (renstra.revisi, renstra.status) == (0, Renstra.Status.DRAFT)
    target = client.get(reverse("admin:renstra_targetrenstra_changelist")).content.decode()
    assert "Persentase layanan tepat waktu 1.1" in target


def test_the_camat_is_refused_by_the_admins_gate(org, client_for):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    camat = org.person("awayan", Role.CAMAT)
    camat.is_staff = True
    camat.save(update_fields=["is_staff"])
    response = client_for(camat).get(reverse("admin:renstra_renstra_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
