from django.urls import reverse

from sakip.models import Pegawai
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten


def test_it_requires_login(client, db):
    assert_login_required(client, reverse("pengaturan:index"))


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse("pengaturan:index"))


def test_it_hides_other_kabupaten(client_for, org):
    other_kabupaten()
    html = client_for(org.admin).get(reverse("pengaturan:index")).content.decode()
    assert "Awayan" in html and "Tebing Tinggi" in html
    assert "Muara Uya" not in html


def test_an_operator_without_a_position_is_sent_to_the_django_admin(client_for, org):
    operator = Pegawai.objects.create_superuser("operator", "op@example.org", "kata-sandi-operator-1")
    assert client_for(operator).get(reverse("pengaturan:index")).status_code == 403
