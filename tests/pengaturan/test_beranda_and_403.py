"""Finding 11: the kabupaten administrator was promised the working calendar on the Beranda but got a
403 (the Django admin), and the 403 page told them to ask the kabupaten administrator."""

from django.urls import reverse

from sakip.roles import Role


def test_the_beranda_links_the_administrator_to_the_working_calendar(client_for, org):
    client = client_for(org.admin)
    html = client.get(reverse("beranda")).content.decode()
    assert reverse("pengaturan:kalender") in html
    assert "Pengaturan Kabupaten" in html
    assert client.get(reverse("pengaturan:kalender")).status_code == 200


def test_the_navigation_offers_pengaturan_only_to_the_administrator(client_for, org):
    assert reverse("pengaturan:index") in client_for(org.admin).get(reverse("beranda")).content.decode()
    for person in (org.evaluator, org.person("awayan", Role.CAMAT)):
        assert reverse("pengaturan:index") not in client_for(person).get(reverse("beranda")).content.decode()


def test_the_403_page_does_not_send_the_administrator_to_themselves(client_for, org):
    # Starting an SOP run is for the Camat and the Kasubbag Perencanaan.
    response = client_for(org.admin).post(reverse("workflow:runs"), {"tahun": "2020"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "hubungi administrator kabupaten" not in html
    assert reverse("pengaturan:index") in html


def test_the_403_page_still_names_the_administrator_for_kecamatan_staff(client_for, org):
    response = client_for(org.person("awayan", Role.CAMAT)).get(reverse("pengaturan:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "hubungi administrator kabupaten" in html
    assert "Pengaturan kabupaten hanya untuk administrator kabupaten" in html
