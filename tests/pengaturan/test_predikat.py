from decimal import Decimal

from django.urls import reverse

from kinerja.capaian import DEFAULT_BANDS
from kinerja.models import KriteriaPredikat
from kinerja.pengukuran import kriteria_predikat
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten

URL = "pengaturan:predikat"
SIMPAN = "pengaturan:predikat_simpan"


def bands(*rows):
    data = {}
    for i, (lower, label) in enumerate(rows):
        data[f"batas_{i}"], data[f"predikat_{i}"] = lower, label
    return data


BAIK = bands(("90,5", "Sangat Baik"), ("75", "Baik"), ("60", "Cukup"), ("0", "Kurang"))


def test_it_requires_login(client, db):
    assert_login_required(client, reverse(URL))


def test_it_requires_role(client_for, org):
    assert_role_required(client_for, org, reverse(URL))
    assert_role_required(client_for, org, reverse(SIMPAN), "post", BAIK)
    assert not KriteriaPredikat.objects.exists()


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    KriteriaPredikat.objects.create(kabupaten=muara.unit.kabupaten, batas_bawah=0, predikat="Predikat Tabalong")
    client = client_for(org.admin)
    assert "Predikat Tabalong" not in client.get(reverse(URL)).content.decode()
    client.post(reverse(SIMPAN), BAIK)
    assert KriteriaPredikat.objects.filter(kabupaten=muara.unit.kabupaten).count() == 1


def test_the_page_shows_the_defaults_until_the_kabupaten_sets_its_own(client_for, org):
    html = client_for(org.admin).get(reverse(URL)).content.decode()
    assert "kriteria bawaan" in html
    assert 'value="Sangat Tinggi"' in html


def test_the_administrator_sets_bands_that_kinerja_applies(client_for, org):
    response = client_for(org.admin).post(reverse(SIMPAN), BAIK)
    assert response.status_code == 302
    assert kriteria_predikat(org.kabupaten.pk) == (
        (Decimal("90.50"), "Sangat Baik"),
        (Decimal("75.00"), "Baik"),
        (Decimal("60.00"), "Cukup"),
        (Decimal("0.00"), "Kurang"),
    )
    assert KriteriaPredikat.history.filter(history_user=org.admin).count() == 4


def test_distinct_lower_bounds_and_labels(client_for, org):
    client = client_for(org.admin)
    html = client.post(reverse(SIMPAN), bands(("90", "A"), ("90", "B"), ("0", "C"))).content.decode()
    assert "dipakai lebih dari satu kali" in html and "Baris 2: capaian paling rendah (%)" in html
    html = client.post(reverse(SIMPAN), bands(("90", "Baik"), ("50", "baik"), ("0", "C"))).content.decode()
    assert "Baris 2: predikat" in html and "dipakai lebih dari satu kali" in html
    assert 'value="baik"' in html
    assert not KriteriaPredikat.objects.exists()


def test_the_lowest_band_starts_at_zero(client_for, org):
    html = client_for(org.admin).post(reverse(SIMPAN), bands(("90", "A"), ("50", "B"))).content.decode()
    assert "Batas bawah predikat terendah harus 0" in html
    assert not KriteriaPredikat.objects.exists()


def test_a_bad_number_names_the_row(client_for, org):
    html = client_for(org.admin).post(reverse(SIMPAN), bands(("sembilan", "A"), ("0", "B"))).content.decode()
    assert "Baris 1: capaian paling rendah (%):" in html
    assert not KriteriaPredikat.objects.exists()


def test_a_failed_save_keeps_the_earlier_bands(client_for, org):
    client = client_for(org.admin)
    client.post(reverse(SIMPAN), BAIK)
    client.post(reverse(SIMPAN), bands(("90", "A"), ("90", "B"), ("0", "C")))
    assert [label for _, label in kriteria_predikat(org.kabupaten.pk)] == ["Sangat Baik", "Baik", "Cukup", "Kurang"]


def test_back_to_the_defaults(client_for, org):
    client = client_for(org.admin)
    client.post(reverse(SIMPAN), BAIK)
    assert client.post(reverse("pengaturan:predikat_bawaan")).status_code == 302
    assert kriteria_predikat(org.kabupaten.pk) == DEFAULT_BANDS
