import pytest
from django.urls import reverse

from sakip.models import Pegawai, Unit


@pytest.fixture
def operator(db):
    """The Django admin is for operators (superusers) only."""
    return Pegawai.objects.create_superuser("operator", "operator@example.org", "kata-sandi-operator-1")


def test_changes_record_who_what_when_and_before_after(client_for, org, operator):
    client = client_for(operator)
    unit = org.awayan.unit
    response = client.post(
        reverse("admin:sakip_unit_change", args=[unit.pk]),
        {
            "kode": unit.kode,
            "nama": unit.nama,
            "jenis": unit.jenis,
            "parent": org.kabupaten.pk,
            "alamat": "Jalan Ciputat No.05 Kec. Awayan",
            "kode_pos": "71664",
            "telepon": "",
            "email": "",
            "website": "",
            "masuk_kata_sandi": "on",  # ticked on the admin form, as stored (default on)
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest, previous = unit.history.all()[:2]
    assert latest.history_user == operator
    assert latest.alamat == "Jalan Ciputat No.05 Kec. Awayan"
    assert previous.alamat == ""
    delta = latest.diff_against(previous)
    assert [c.field for c in delta.changes] == ["alamat", "kode_pos"]
    assert latest.history_date is not None


def test_evaluator_cannot_open_the_admin(client_for, org):
    response = client_for(org.evaluator).get(reverse("admin:index"))
    assert response.status_code == 302  # to the admin login: not staff


def test_kabupaten_admin_cannot_open_the_admin(client_for, org):
    response = client_for(org.admin).get(reverse("admin:sakip_unit_changelist"))
    assert response.status_code == 302  # to the admin login: operators only


def test_operator_sees_units_of_every_kabupaten(client_for, org, operator):
    Unit.objects.create(kode="tabalong", nama="Tabalong", jenis=Unit.Kind.KABUPATEN)
    html = client_for(operator).get(reverse("admin:sakip_unit_changelist")).content.decode()
    assert "Awayan" in html
    assert "Tabalong" in html


def test_operator_manages_people_including_kabupaten_staff(client_for, org, operator):
    html = client_for(operator).get(reverse("admin:sakip_pegawai_changelist")).content.decode()
    assert "Evaluator.Balangan" in html or "evaluator.balangan" in html
    assert "camat.awayan" in html


def test_admin_warns_about_an_odd_nip_but_saves_it(client_for, org, operator):
    person = org.person("tebing", "CAMAT")
    client = client_for(operator)
    response = client.post(
        reverse("admin:sakip_pegawai_change", args=[person.pk]),
        {
            "username": person.username,
            "nama": "ABDUL KHAIR, S.Pd",
            "nip": "19890413 198804 1 001",
            "pangkat_golongan": "",
            "email": "",
            "telepon": "",
            "jabatan": person.jabatan_id,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "08:00:00",
        },
        follow=True,
    )
    person.refresh_from_db()
    assert person.nip == "198904131988041001"
    assert "lebih awal dari tanggal lahir" in response.content.decode()


def test_admin_refuses_a_broken_nip_with_a_clear_message(client_for, org, operator):
    person = org.person("tebing", "CAMAT")
    response = client_for(operator).post(
        reverse("admin:sakip_pegawai_change", args=[person.pk]),
        {
            "username": person.username,
            "nama": person.nama,
            "nip": "19701308 199203 1 007",
            "jabatan": person.jabatan_id,
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 200
    assert "tanggal lahir yang valid" in response.content.decode()


def test_admin_adds_a_person_with_a_printed_nip(client_for, org, operator):
    response = client_for(operator).post(
        reverse("admin:sakip_pegawai_add"),
        {
            "username": "staf.baru",
            "nama": "Rahmah Fitria, S.AP",
            "nip": "19950505 202001 2 003",
            "jabatan": org.awayan.positions["PELAKSANA"].pk,
            "usable_password": "true",
            "password1": "Balangan-Sejahtera-88",
            "password2": "Balangan-Sejahtera-88",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Pegawai.objects.get(username="staf.baru").nip == "199505052020012003"
