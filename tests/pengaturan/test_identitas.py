from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.models import Unit
from tests.pengaturan.base import assert_login_required, assert_role_required, image_bytes, other_kabupaten


def url(unit):
    return reverse("pengaturan:identitas", args=[unit.pk])


def form(**extra):
    data = {
        "nama": "Awayan",
        "alamat": "Jalan Ciputat No.05",
        "kode_pos": "71664",
        "telepon": "0526 123",
        "email": "kec.awayan@example.org",
        "website": "awayan.balangankab.go.id",
    }
    data.update(extra)
    return data


def test_it_requires_login(client, org):
    assert_login_required(client, url(org.awayan.unit))
    assert_login_required(client, url(org.awayan.unit), "post")


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, url(org.awayan.unit))
    assert_role_required(client_for, org, url(org.awayan.unit), "post", form())


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    client = client_for(org.admin)
    assert client.get(url(muara.unit)).status_code == 404
    assert client.post(url(muara.unit), form(nama="Diambil")).status_code == 404
    assert client.get(url(muara.unit.kabupaten)).status_code == 404
    assert Unit.objects.get(pk=muara.unit.pk).nama == "Muara Uya"


def test_the_administrator_saves_identity_and_lambang_and_it_is_audited(client_for, org):
    client = client_for(org.admin)
    png = SimpleUploadedFile("lambang.png", image_bytes("PNG"), content_type="image/png")
    response = client.post(url(org.awayan.unit), form(lambang=png))
    assert response.status_code == 302
    unit = Unit.objects.get(pk=org.awayan.unit.pk)
    assert unit.alamat == "Jalan Ciputat No.05"
    assert unit.email == "kec.awayan@example.org"
    assert unit.lambang.name.startswith("lambang/") and unit.lambang.name.endswith(".png")
    assert unit.lambang_data_uri.startswith("data:image/png;base64,")
    latest = unit.history.first()
    assert latest.history_user == org.admin
    assert latest.history_change_reason == "Identitas diubah oleh administrator kabupaten"
    # The page shows the stored lambang (a data: URI, no URL to fetch) and offers to remove it.
    html = client.get(url(unit)).content.decode()
    assert 'src="data:image/png;base64,' in html
    assert "Hapus lambang yang tersimpan" in html


def test_the_kabupaten_identity_is_edited_on_the_same_page(client_for, org):
    response = client_for(org.admin).post(url(org.kabupaten), form(nama="Balangan", email=""))
    assert response.status_code == 302
    assert Unit.objects.get(pk=org.kabupaten.pk).alamat == "Jalan Ciputat No.05"


def test_a_jpeg_is_accepted(client_for, org):
    jpg = SimpleUploadedFile("lambang.jpg", image_bytes("JPEG"), content_type="image/jpeg")
    assert client_for(org.admin).post(url(org.awayan.unit), form(lambang=jpg)).status_code == 302
    assert Unit.objects.get(pk=org.awayan.unit.pk).lambang_data_uri.startswith("data:image/jpeg;base64,")


def test_an_svg_or_a_pdf_is_refused_naming_the_field_and_nothing_is_saved(client_for, org):
    client = client_for(org.admin)
    svg = SimpleUploadedFile("lambang.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    response = client.post(url(org.awayan.unit), form(lambang=svg, alamat="Alamat baru"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lambang daerah (PNG atau JPEG)" in html and "bukan" in html
    assert 'value="Alamat baru"' in html  # the input stays on the form
    pdf = SimpleUploadedFile("lambang.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    html = client.post(url(org.awayan.unit), form(lambang=pdf)).content.decode()
    assert "harus berupa gambar PNG atau JPEG" in html
    unit = Unit.objects.get(pk=org.awayan.unit.pk)
    assert unit.alamat == "" and not unit.lambang


def test_a_png_that_only_looks_like_one_is_refused(client_for, org):
    fake = SimpleUploadedFile("lambang.png", image_bytes("PNG")[:40] + b"\x00" * 100)
    html = client_for(org.admin).post(url(org.awayan.unit), form(lambang=fake)).content.decode()
    assert "rusak atau bukan gambar" in html
    assert not Unit.objects.get(pk=org.awayan.unit.pk).lambang


def test_a_bad_email_names_the_field_keeps_the_input_and_saves_nothing(client_for, org):
    png = SimpleUploadedFile("lambang.png", image_bytes("PNG"))
    response = client_for(org.admin).post(url(org.awayan.unit), form(email="bukan-email", lambang=png))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Email: Alamat email tidak sah." in html
    assert 'value="Jalan Ciputat No.05"' in html
    unit = Unit.objects.get(pk=org.awayan.unit.pk)
    assert unit.alamat == "" and not unit.lambang


def test_control_characters_are_refused_with_the_field_name(client_for, org):
    html = client_for(org.admin).post(url(org.awayan.unit), form(alamat="Jalan\x01Ciputat")).content.decode()
    assert "Alamat kantor memuat karakter kontrol" in html
    assert Unit.objects.get(pk=org.awayan.unit.pk).alamat == ""


def test_removing_the_lambang(client_for, org):
    client = client_for(org.admin)
    client.post(url(org.awayan.unit), form(lambang=SimpleUploadedFile("l.png", image_bytes("PNG"))))
    assert Unit.objects.get(pk=org.awayan.unit.pk).lambang
    assert client.post(url(org.awayan.unit), form(hapus_lambang="on")).status_code == 302
    assert not Unit.objects.get(pk=org.awayan.unit.pk).lambang


def test_a_subunit_has_no_identity_page(client_for, org):
    sekretariat = org.awayan.units["Sekretariat"]
    assert client_for(org.admin).get(url(sekretariat)).status_code == 404


def test_the_kabupaten_capital_is_set_on_the_kabupaten_page_only(client_for, org):
    client = client_for(org.admin)
    assert "Ibu kota kabupaten" in client.get(url(org.kabupaten)).content.decode()
    assert "Ibu kota kabupaten" not in client.get(url(org.awayan.unit)).content.decode()
    response = client.post(url(org.kabupaten), form(nama="Balangan", email="", ibukota="Paringin"))
    assert response.status_code == 302
    assert Unit.objects.get(pk=org.kabupaten.pk).ibukota == "Paringin"
    # A kecamatan's form has no such field: saving it leaves the kabupaten's capital alone.
    assert client.post(url(org.awayan.unit), form(ibukota="Lain")).status_code == 302
    assert Unit.objects.get(pk=org.awayan.unit.pk).ibukota == ""
