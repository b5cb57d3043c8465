import pytest
from django.urls import reverse

from sakip.models import Position, Unit
from sakip.roles import Role
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten

LIST_URLS = ["pengaturan:units", "pengaturan:jabatan"]


@pytest.mark.parametrize("name", LIST_URLS)
def test_it_requires_login(client, org, name):
    assert_login_required(client, reverse(name))
    assert_login_required(client, reverse("pengaturan:unit_ubah", args=[org.awayan.unit.pk]))


@pytest.mark.parametrize("name", LIST_URLS)
def test_it_requires_role(client_for, org, name):
    assert_role_required(client_for, org, reverse(name))
    assert_role_required(client_for, org, reverse(name), "post", {"nama": "X", "jenis": "SEKSI"})
    assert_role_required(client_for, org, reverse("pengaturan:unit_ubah", args=[org.awayan.units["Sekretariat"].pk]))
    pos = org.awayan.positions[Role.PELAKSANA]
    assert_role_required(client_for, org, reverse("pengaturan:jabatan_ubah", args=[pos.pk]))


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    client = client_for(org.admin)
    assert client.get(reverse("pengaturan:unit_ubah", args=[muara.units["Sekretariat"].pk])).status_code == 404
    assert client.get(reverse("pengaturan:unit_ubah", args=[muara.unit.kabupaten.pk])).status_code == 404
    pos = muara.positions[Role.CAMAT]
    response = client.post(reverse("pengaturan:jabatan_ubah", args=[pos.pk]), {"nama": "Diambil", "role": "CAMAT"})
    assert response.status_code == 404
    html = client.get(reverse("pengaturan:units")).content.decode()
    assert "Muara Uya" not in html and "Tabalong" not in html


def test_choice_lists_offer_only_the_own_kabupaten(client_for, org):
    muara = other_kabupaten()
    client = client_for(org.admin)
    for name in LIST_URLS:
        html = client.get(reverse(name)).content.decode()
        assert f'value="{muara.unit.pk}"' not in html and f'value="{muara.units["Sekretariat"].pk}"' not in html
        assert f'value="{org.awayan.unit.pk}"' in html
    # A forged id of another kabupaten's unit is refused as a choice, and nothing is created.
    response = client.post(
        reverse("pengaturan:units"), {"parent": muara.unit.pk, "jenis": "SEKSI", "nama": "Seksi Susupan"}
    )
    assert response.status_code == 200
    assert "Induk unit:" in response.content.decode()
    response = client.post(
        reverse("pengaturan:jabatan"), {"unit": muara.unit.pk, "nama": "Camat Susupan", "role": "CAMAT"}
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(nama="Seksi Susupan").exists()
    assert not Position.objects.filter(nama="Camat Susupan").exists()


def test_the_administrator_creates_and_renames_a_unit(client_for, org):
    client = client_for(org.admin)
    response = client.post(
        reverse("pengaturan:units"),
        {"parent": org.awayan.unit.pk, "jenis": "SEKSI", "nama": "Seksi Kesejahteraan Sosial"},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(nama="Seksi Kesejahteraan Sosial")
    assert unit.kecamatan == org.awayan.unit and unit.kabupaten == org.kabupaten
    assert unit.history.first().history_user == org.admin
    response = client.post(reverse("pengaturan:unit_ubah", args=[unit.pk]), {"nama": "Seksi Kesos"})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.nama == "Seksi Kesos"
    assert [h.nama for h in unit.history.all()] == ["Seksi Kesos", "Seksi Kesejahteraan Sosial"]


def test_a_new_kecamatan_goes_under_the_kabupaten(client_for, org):
    client = client_for(org.admin)
    response = client.post(
        reverse("pengaturan:units"), {"parent": org.awayan.unit.pk, "jenis": "KECAMATAN", "nama": "Halong"}
    )
    assert response.status_code == 200
    assert "Induk unit tidak sesuai" in response.content.decode()
    assert not Unit.objects.filter(nama="Halong").exists()
    response = client.post(
        reverse("pengaturan:units"), {"parent": org.kabupaten.pk, "jenis": "KECAMATAN", "nama": "Halong"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(nama="Halong").kabupaten == org.kabupaten


def test_a_blank_name_is_refused_naming_the_field(client_for, org):
    response = client_for(org.admin).post(
        reverse("pengaturan:units"), {"parent": org.awayan.unit.pk, "jenis": "SEKSI", "nama": ""}
    )
    assert response.status_code == 200
    assert "Nama unit:" in response.content.decode()


def test_the_administrator_creates_a_position_with_a_role(client_for, org):
    client = client_for(org.admin)
    seksi = org.awayan.units["Seksi Pemerintahan"]
    response = client.post(
        reverse("pengaturan:jabatan"), {"unit": seksi.pk, "nama": "Analis Pemerintahan", "role": "PELAKSANA"}
    )
    assert response.status_code == 302
    position = Position.objects.get(nama="Analis Pemerintahan")
    assert position.kecamatan == org.awayan.unit and position.role == Role.PELAKSANA


def test_kabupaten_roles_belong_to_kabupaten_units_only(client_for, org):
    client = client_for(org.admin)
    response = client.post(
        reverse("pengaturan:jabatan"),
        {"unit": org.awayan.unit.pk, "nama": "Admin Kecamatan", "role": "ADMIN"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Peran: Peran Administrator/Evaluator hanya untuk jabatan di tingkat kabupaten." in html
    assert 'value="Admin Kecamatan"' in html
    assert not Position.objects.filter(nama="Admin Kecamatan").exists()


def test_a_duplicate_position_name_in_a_unit_is_refused(client_for, org):
    pos = org.awayan.positions[Role.CAMAT]
    response = client_for(org.admin).post(
        reverse("pengaturan:jabatan"), {"unit": pos.unit_id, "nama": pos.nama, "role": "CAMAT"}
    )
    assert response.status_code == 200
    assert "Nama jabatan: Nama jabatan ini sudah ada di unit tersebut." in response.content.decode()


def test_renaming_a_position_and_changing_its_role(client_for, org):
    pos = org.awayan.positions[Role.KABID]
    response = client_for(org.admin).post(
        reverse("pengaturan:jabatan_ubah", args=[pos.pk]), {"nama": "Kasi Pelayanan", "role": "KASI"}
    )
    assert response.status_code == 302
    pos.refresh_from_db()
    assert (pos.nama, pos.role) == ("Kasi Pelayanan", Role.KASI)


def test_the_administrator_cannot_change_the_role_of_their_own_position(client_for, org):
    pos = org.admin.jabatan
    response = client_for(org.admin).post(
        reverse("pengaturan:jabatan_ubah", args=[pos.pk]), {"nama": pos.nama, "role": "EVALUATOR"}
    )
    assert response.status_code == 200
    assert "Peran jabatan Anda sendiri tidak dapat Anda ubah." in response.content.decode()
    pos.refresh_from_db()
    assert pos.role == Role.ADMIN
