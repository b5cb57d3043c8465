from django.urls import reverse

from sakip.roles import Role
from tests.factories import make_delegation


def test_it_requires_login(client, org):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_who_the_user_is(client_for, org):
    camat = org.person("awayan", Role.CAMAT)
    camat.nip = "197012081992031007"
    camat.nama = "SWAL SALAHUDIN, S.IP"
    camat.save()
    response = client_for(camat).get(reverse("beranda"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SWAL SALAHUDIN, S.IP" in html
    assert "19701208 199203 1 007" in html
    assert "Camat Awayan" in html
    assert "Kecamatan Awayan" in html
    assert "Menyetujui dan mengunci data kinerja triwulan" in html


def test_it_lists_only_what_the_role_may_do(client_for, org):
    html = client_for(org.person("awayan", Role.PELAKSANA)).get(reverse("beranda")).content.decode()
    assert "Mengisi realisasi triwulan" in html
    assert "Menyetujui dan mengunci" not in html
    assert "Administrasi" not in html


def test_administrator_sees_the_kabupaten_but_no_django_admin_link(client_for, org):
    # The Django admin is for operators (superusers) only.
    html = client_for(org.admin).get(reverse("beranda")).content.decode()
    assert f'href="{reverse("admin:index")}"' not in html
    assert "Kabupaten Balangan" in html


def test_evaluator_reads_only(client_for, org):
    html = client_for(org.evaluator).get(reverse("beranda")).content.decode()
    assert "hanya baca" in html
    assert "Administrasi" not in html


def test_acting_official_sees_the_title_they_sign_under(client_for, org):
    import datetime

    from django.utils import timezone

    from sakip.formatting import format_tanggal

    today = timezone.localdate()
    sekcam = org.person("awayan", Role.SEKRETARIS)
    make_delegation(org.awayan.positions[Role.CAMAT], sekcam, today, today + datetime.timedelta(days=3))
    html = client_for(sekcam).get(reverse("beranda")).content.decode()
    assert "Plh. CAMAT AWAYAN" in html
    assert f"sampai {format_tanggal(today + datetime.timedelta(days=3))}" in html
    assert "Menyetujui dan mengunci data kinerja triwulan" in html


def test_pages_load_no_asset_from_the_internet(client_for, org):
    html = client_for(org.admin).get(reverse("beranda")).content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "/static/bootstrap/css/bootstrap.min.css" in html


def test_beranda_costs_a_bounded_number_of_queries(client_for, org, django_assert_max_num_queries):
    client = client_for(org.person("awayan", Role.CAMAT))
    # Session + user + profile + holdings; panels registered by other apps add their own constant cost.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("beranda")).status_code == 200
