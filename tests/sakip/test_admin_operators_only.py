"""Issue 12, findings 1-3: the Django admin is for operators (superusers) only.

Every person of every role is given the worst case an old deployment may hold: staff status and
every model permission (what the "Administrator Kabupaten" group used to grant). The admin still
refuses them everywhere; operators reach the same URLs.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from kinerja.models import AnggaranTriwulan, KriteriaPredikat, Realisasi, Skala, SkalaLevel
from sakip.models import Delegation, Pegawai, Position, Unit
from sakip.roles import Role
from tests.factories import PASSWORD, make_kecamatan, make_unit
from tests.kinerja.data import make_budget, make_pk
from tests.renstra.data import make_renstra, make_rpjmd
from workflow.models import WorkingCalendar


@pytest.fixture
def operator(db):
    return Pegawai.objects.create_superuser("operator", "operator@example.org", "kata-sandi-operator-1")


def _with_every_permission(person: Pegawai) -> Pegawai:
    person.is_staff = True
    person.save(update_fields=["is_staff"])
    person.user_permissions.set(Permission.objects.all())
    return Pegawai.objects.get(pk=person.pk)


@pytest.fixture
def everyone(org):
    """One person per role (kecamatan roles of Awayan, the kabupaten ADMIN and EVALUATOR), all staff with every
    model permission."""
    people = dict(org.awayan.people)
    people[Role.ADMIN] = org.admin
    people[Role.EVALUATOR] = org.evaluator
    return {role: _with_every_permission(person) for role, person in people.items()}


@pytest.fixture
def one_of_each(org, operator):
    """At least one row of every model the admin registers, with some history."""
    (indikator,) = make_pk(org.awayan, 2020, indicators=1)
    Realisasi.objects.create(indikator=indikator, triwulan=1, nilai=Decimal(3))
    (sub,) = make_budget(org.awayan.unit)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, rencana=100)
    skala = Skala.objects.create(kabupaten=org.kabupaten, nama="Opini BPK")
    SkalaLevel.objects.create(skala=skala, urutan=1, label="WTP", skor=Decimal(100))
    KriteriaPredikat.objects.create(kabupaten=org.kabupaten, batas_bawah=Decimal(0), predikat="Kurang")
    WorkingCalendar.objects.get_or_create(kabupaten=org.kabupaten)
    Group.objects.create(name="Operator cadangan")
    make_renstra(org.awayan, make_rpjmd(org), sasaran=1)  # every model of renstra/ (RPJMD … target)
    Delegation.objects.create(
        position=org.awayan.positions[Role.CAMAT],
        pegawai=org.person("awayan", Role.SEKRETARIS),
        jenis=Delegation.Kind.PLH,
        mulai=datetime.date(2025, 1, 1),
        selesai=datetime.date(2025, 1, 7),
    )


def admin_urls(*, existing_objects_only: bool = False) -> list[str]:
    """Index, app indexes, and for every registered model: changelist, add, change, delete, history, and one
    history version (django-simple-history) of one object (id 1 when the model has no row)."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
        urls += [reverse(f"admin:{info[0]}_{info[1]}_changelist"), reverse(f"admin:{info[0]}_{info[1]}_add")]
        obj = model._default_manager.order_by("pk").first()
        if obj is None and existing_objects_only:
            continue
        object_id = obj.pk if obj is not None else 1
        for view in ("change", "delete", "history"):
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[object_id]))
        if obj is not None and hasattr(obj, "history"):
            version = obj.history.order_by("history_id").first()
            if version is not None:
                try:
                    urls.append(
                        reverse(f"admin:{info[0]}_{info[1]}_simple_history", args=[object_id, version.history_id])
                    )
                except NoReverseMatch:
                    pass  # registered without SimpleHistoryAdmin
    return sorted(set(urls))


def test_every_admin_url_is_refused_for_every_non_superuser_role(client, everyone, one_of_each):
    urls = admin_urls()
    assert len(urls) > 60  # every registered model, not an empty loop
    # The kabupaten administrator (the most trusted non-operator) tries every URL; every other role tries the
    # index, each app and each model's changelist (the admin refuses by person, before the model's view runs).
    per_model = [url for url in urls if url.count("/") <= 5 and not url.endswith(("/add/", "/delete/"))]
    assert len(per_model) > 20
    login = reverse("admin:login")
    for role, person in everyone.items():
        client.force_login(person)
        for url in urls if role == Role.ADMIN else per_model:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code in (302, 403), (role, url, response.status_code)
                if response.status_code == 302:
                    assert response["Location"].startswith(login), (role, url, response["Location"])


def test_an_operator_reaches_every_admin_url(client_for, operator, one_of_each):
    # The same URLs answer an operator: the refusals above are the gate, not broken URLs.
    client = client_for(operator)
    for url in admin_urls(existing_objects_only=True):
        response = client.get(url)
        if url.endswith(("/add/", "/delete/")) and response.status_code == 403:
            continue  # ModelAdmins that allow no adding or deleting at all (signed documents, axes logs)
        assert response.status_code == 200, (url, response.status_code)


def test_kabupaten_admin_cannot_make_itself_superuser(client, org):
    admin_person = _with_every_permission(org.admin)
    client.force_login(admin_person)
    response = client.post(
        reverse("admin:sakip_pegawai_change", args=[admin_person.pk]),
        {
            "username": admin_person.username,
            "nama": admin_person.nama,
            "jabatan": admin_person.jabatan_id,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    admin_person.refresh_from_db()
    assert admin_person.is_superuser is False


def test_kabupaten_admin_cannot_reach_another_kabupaten_through_admin_foreign_keys(client, org):
    # Finding 2: a Camat created in another kabupaten, then a delegation making oneself Plt. Camat there.
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    tanta = make_kecamatan(tabalong, "Tanta", "tanta")
    client.force_login(_with_every_permission(org.admin))
    client.post(
        reverse("admin:sakip_pegawai_add"),
        {
            "username": "camat.palsu",
            "nama": "Camat Palsu",
            "jabatan": tanta.positions[Role.CAMAT].pk,
            "usable_password": "true",
            "password1": "Balangan-Sejahtera-88",
            "password2": "Balangan-Sejahtera-88",
        },
    )
    client.post(
        reverse("admin:sakip_delegation_add"),
        {
            "position": tanta.positions[Role.CAMAT].pk,
            "pegawai": org.admin.pk,
            "jenis": "PLT",
            "mulai": "2025-01-01",
            "selesai": "2030-12-31",
        },
    )
    client.post(
        reverse("admin:sakip_position_add"),
        {"unit": tanta.unit.pk, "nama": "Camat Kedua", "role": Role.CAMAT},
    )
    assert not Pegawai.objects.filter(username="camat.palsu").exists()
    assert not Delegation.objects.filter(pegawai=org.admin).exists()
    assert not Position.objects.filter(nama="Camat Kedua").exists()


def test_history_pages_of_other_kabupaten_are_neither_readable_nor_revertible(client, org):
    # Finding 3: the django-simple-history pages ignored the admin's queryset.
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    tabalong.alamat = "Jalan Lama"
    tabalong.save()
    tabalong.alamat = "Jalan Baru"
    tabalong.save()
    first = tabalong.history.order_by("history_id").first()
    client.force_login(_with_every_permission(org.admin))
    history = client.get(reverse("admin:sakip_unit_history", args=[tabalong.pk]))
    version = reverse("admin:sakip_unit_simple_history", args=[tabalong.pk, first.history_id])
    assert history.status_code == 302 and "Jalan" not in history.content.decode()
    assert client.get(version).status_code == 302
    client.post(version, {"kode": tabalong.kode, "nama": tabalong.nama, "jenis": tabalong.jenis, "alamat": ""})
    tabalong.refresh_from_db()
    assert tabalong.alamat == "Jalan Baru"


def test_history_does_not_store_password_hashes(client_for, org, operator):
    person = org.person("awayan", Role.PELAKSANA)
    person.set_password("kata-sandi-baru-2025")
    person.save()
    history_model = Pegawai.history.model
    assert "password" not in {f.name for f in history_model._meta.get_fields()}
    assert person.history.count() >= 2  # the change is still audited
    page = client_for(operator).get(reverse("admin:sakip_pegawai_history", args=[person.pk])).content.decode()
    version = person.history.order_by("-history_id").first()
    detail = client_for(operator).get(
        reverse("admin:sakip_pegawai_simple_history", args=[person.pk, version.history_id])
    )
    assert detail.status_code == 200
    for html in (page, detail.content.decode()):
        assert "pbkdf2_sha256$" not in html and person.password not in html


def test_admin_login_page_admits_operators_only(client, org, operator):
    _with_every_permission(org.admin)
    response = client.post(reverse("admin:login"), {"username": org.admin.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "hanya untuk operator sistem" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("admin:login"), {"username": "operator", "password": "kata-sandi-operator-1", "next": "/admin/"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(operator.pk)


def test_the_administrasi_link_is_shown_to_operators_only(client_for, org, operator):
    admin_url = reverse("admin:index")
    assert f'href="{admin_url}"' not in client_for(org.admin).get(reverse("beranda")).content.decode()
    assert f'href="{admin_url}"' in client_for(operator).get(reverse("beranda")).content.decode()
