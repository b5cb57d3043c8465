"""The bell, the list, opening and marking read, the email choice; only one's own notifications."""

from django.urls import reverse

from notifikasi import services
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from sakip.roles import Role


def notify(org, person, judul="Data kinerja Triwulan III 2025 diajukan", tautan="/kinerja/"):
    (row,) = services.kirim(
        penerima=[person],
        kecamatan_id=org.awayan.unit.pk,
        jenis="triwulan_diajukan",
        judul=judul,
        isi="",
        tautan=tautan,
    )
    return row


def bell(html: str) -> str:
    start = html.index('id="lonceng-notifikasi"')
    return html[start : html.index("</a>", start)]


def test_the_bell_shows_the_unread_count_on_every_page(org, client_for):
    sekretaris = org.person("awayan", Role.SEKRETARIS)
    notify(org, sekretaris)
    notify(org, sekretaris, judul="Kedua")
    notify(org, org.person("awayan", Role.CAMAT))  # someone else's
    client = client_for(sekretaris)
    for page in ("sop:list", "workflow:inbox", "notifikasi:index"):
        assert ">2<" in bell(client.get(reverse(page)).content.decode()), page


def test_the_bell_shows_no_count_when_all_is_read(org, client_for):
    html = client_for(org.person("awayan", Role.CAMAT)).get(reverse("sop:list")).content.decode()
    assert "badge" not in bell(html)


def test_the_list_shows_own_notifications_newest_first_and_reading_it_marks_nothing_read(org, client_for):
    camat = org.person("awayan", Role.CAMAT)
    notify(org, camat, judul="Pertama")
    notify(org, camat, judul="Kedua")
    notify(org, org.person("tebing", Role.CAMAT), judul="Milik Tebing Tinggi")
    response = client_for(camat).get(reverse("notifikasi:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Kedua") < html.index("Pertama")
    assert "Milik Tebing Tinggi" not in html
    assert "Tandai semua dibaca" in html
    assert Notifikasi.objects.filter(penerima=camat, dibaca_pada__isnull=True).count() == 2


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(org, client_for):
    camat = org.person("awayan", Role.CAMAT)
    item = notify(org, camat, tautan="/laporan/")
    response = client_for(camat).post(reverse("notifikasi:buka"), {"id": item.pk})
    assert response.status_code == 302
    assert response["Location"] == "/laporan/"
    item.refresh_from_db()
    assert item.dibaca_pada is not None


def test_opening_another_persons_notification_is_a_404_and_leaves_it_unread(org, client_for):
    item = notify(org, org.person("awayan", Role.SEKRETARIS))
    response = client_for(org.person("awayan", Role.CAMAT)).post(reverse("notifikasi:buka"), {"id": item.pk})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.dibaca_pada is None


def test_opening_never_leaves_the_site(org, client_for):
    camat = org.person("awayan", Role.CAMAT)
    item = notify(org, camat, tautan="//evil.example/")
    response = client_for(camat).post(reverse("notifikasi:buka"), {"id": item.pk})
    assert response["Location"] == reverse("notifikasi:index")


def test_mark_all_read_marks_only_ones_own(org, client_for):
    camat = org.person("awayan", Role.CAMAT)
    notify(org, camat)
    notify(org, camat)
    other = notify(org, org.person("awayan", Role.SEKRETARIS))
    client_for(camat).post(reverse("notifikasi:baca_semua"))
    assert not Notifikasi.objects.filter(penerima=camat, dibaca_pada__isnull=True).exists()
    other.refresh_from_db()
    assert other.dibaca_pada is None


def test_mark_all_read_refuses_get(org, client_for):
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("notifikasi:baca_semua")).status_code == 405


def test_switching_email_off_and_on_from_the_page(org, client_for):
    camat = org.person("awayan", Role.CAMAT)
    client = client_for(camat)
    assert 'name="email" id="id_email" checked' in client.get(reverse("notifikasi:index")).content.decode()
    client.post(reverse("notifikasi:preferensi"), {})
    assert PreferensiNotifikasi.objects.get(pegawai=camat).email is False
    assert 'name="email" id="id_email">' in client.get(reverse("notifikasi:index")).content.decode()
    client.post(reverse("notifikasi:preferensi"), {"email": "on"})
    assert PreferensiNotifikasi.objects.get(pegawai=camat).email is True
