"""The RPJMD and Renstra pages: composed through forms in Indonesian numbers, established by the Camat,
earlier revisions readable, other kecamatan hidden."""

import pytest
from django.urls import reverse

from renstra.models import IndikatorRenstra, Renstra, TargetRenstra
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def test_the_administrator_enters_visi_misi_and_sasaran_on_the_rpjmd_page(org, client_for):
    client = client_for(org.admin)
    response = client.post(reverse("renstra:rpjmd"), {"tahun_awal": "2025", "visi": "Balangan maju"})
    assert response.status_code == 302
    url = response["Location"]
    client.post(url + "misi/tambah/", {"uraian": "Pelayanan publik prima"})
    client.post(url + "sasaran/tambah/", {"uraian": "Meningkatnya kualitas pelayanan publik"})
    page = client.get(url).content.decode()
    assert "Balangan maju" in page and "Pelayanan publik prima" in page
    assert "Meningkatnya kualitas pelayanan publik" in page
    # A kecamatan person reads it without the forms.
    reader = client_for(org.awayan.people[Role.CAMAT]).get(url).content.decode()
    assert "Meningkatnya kualitas pelayanan publik" in reader and "/misi/tambah/" not in reader


def test_a_kecamatan_person_cannot_change_the_rpjmd(org, client_for):
    rpjmd = make_rpjmd(org)
    client = client_for(org.awayan.people[Role.CAMAT])
    url = reverse("renstra:rpjmd_visi", args=[rpjmd.pk])
    assert client.post(url, {"visi": "Diubah"}).status_code == 403
    rpjmd.refresh_from_db()
    assert rpjmd.visi == "Balangan maju dan sejahtera"


def test_the_kasubbag_composes_a_renstra_with_indonesian_numbers(org, client_for):
    rpjmd = make_rpjmd(org)
    kec = org.awayan
    client = client_for(kec.people[Role.KASUBBAG_PERENCANAAN])
    index = reverse("renstra:index", args=[kec.unit.pk])
    assert client.post(reverse("renstra:buat", args=[kec.unit.pk]), {"rpjmd": rpjmd.pk}).status_code == 302
    client.post(reverse("renstra:tujuan_tambah", args=[kec.unit.pk]), {"uraian": "Pelayanan prima"})
    renstra = Renstra.objects.get(kecamatan=kec.unit)
    tujuan = renstra.tujuan.get()
    client.post(
        reverse("renstra:sasaran_tambah", args=[kec.unit.pk]),
        {"tujuan": tujuan.pk, "sasaran_rpjmd": rpjmd.sasaran.first().pk, "uraian": "Meningkatnya IKM"},
    )
    sasaran = renstra.sasaran.get()
    form = {
        "uraian": "Indeks Kepuasan Masyarakat",
        "satuan": "indeks",
        "polaritas": "positif",
        "kondisi_awal": "1.234,5",
        "target_akhir": "85,25",
        **{f"target_{y}": f"8{i},5" for i, y in enumerate(range(2025, 2030))},
    }
    response = client.post(reverse("renstra:indikator_tambah", args=[kec.unit.pk, sasaran.pk]), form)
    assert response.status_code == 302
    ind = IndikatorRenstra.objects.get(sasaran=sasaran)
    assert str(ind.kondisi_awal) == "1234.5000" and str(ind.target_akhir) == "85.2500"
    assert [str(t.nilai) for t in TargetRenstra.objects.filter(indikator=ind)] == [
        "80.5000",
        "81.5000",
        "82.5000",
        "83.5000",
        "84.5000",
    ]
    page = client.get(index).content.decode()
    assert "1.234,5" in page and "85,25" in page


def test_a_bad_number_is_refused_naming_the_year_and_keeping_the_input(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    sasaran = renstra.sasaran.get()
    response = client.post(
        reverse("renstra:indikator_tambah", args=[org.awayan.unit.pk, sasaran.pk]),
        {"uraian": "Indikator baru", "satuan": "%", "polaritas": "positif", "target_2027": "delapan"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "delapan" in page and "bukan angka yang sah" in page
    assert IndikatorRenstra.objects.filter(sasaran=sasaran).count() == 1


def test_the_camat_establishes_on_the_page_with_the_password(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org))
    index = reverse("renstra:index", args=[org.awayan.unit.pk])
    client = client_for(org.awayan.people[Role.CAMAT])
    page = client.get(index).content.decode()
    assert "Tetapkan Renstra" in page
    tetapkan = reverse("renstra:tetapkan", args=[org.awayan.unit.pk])
    assert client.post(tetapkan, {"password": "salah"}).status_code == 400
    assert client.post(tetapkan, {"password": PASSWORD}).status_code == 302
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DITETAPKAN


def test_the_page_lists_what_keeps_a_draft_from_being_established(org, client_for):
    make_renstra(org.awayan, make_rpjmd(org), complete=False)
    page = client_for(org.awayan.people[Role.CAMAT]).get(reverse("renstra:index", args=[org.awayan.unit.pk]))
    assert "target tahun 2029 belum diisi" in page.content.decode()


def test_a_superseded_revision_stays_readable_and_is_marked(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), establish=True)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    index = reverse("renstra:index", args=[org.awayan.unit.pk])
    client.post(reverse("renstra:perubahan", args=[org.awayan.unit.pk]), {"alasan": "RPJMD berubah"})
    page = client.get(reverse("renstra:dokumen", args=[org.awayan.unit.pk, renstra.pk])).content.decode()
    assert 'data-status="digantikan"' in page and "data-digantikan" in page
    assert "Persentase layanan tepat waktu 1.1" in page
    assert "RPJMD berubah" in client.get(index).content.decode()


def test_another_kecamatans_renstra_does_not_exist_for_the_user(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org))
    client = client_for(org.tebing.people[Role.CAMAT])
    assert client.get(reverse("renstra:index", args=[org.awayan.unit.pk])).status_code == 404
    assert client.get(reverse("renstra:dokumen", args=[org.tebing.unit.pk, renstra.pk])).status_code == 404


def test_the_iku_page_shows_definition_formula_source_and_owner(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), establish=True)
    ind = IndikatorRenstra.objects.filter(renstra=renstra).first()
    client = client_for(org.awayan.people[Role.CAMAT])
    url = reverse("renstra:iku", args=[org.awayan.unit.pk])
    assert client.post(url, {"indikator": [ind.pk]}).status_code == 302
    page = client_for(org.evaluator).get(url).content.decode()
    assert f'data-iku="{ind.pk}"' in page
    for text in ("Layanan selesai dalam waktu standar", "jumlah tepat waktu / jumlah layanan", "Buku register layanan"):
        assert text in page
    assert org.awayan.positions[Role.KASI].nama in page
    assert "Tetapkan sebagai IKU" not in page


def test_the_renstra_page_costs_the_same_queries_for_more_indicators(org, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rpjmd = make_rpjmd(org)
    small = make_renstra(org.awayan, rpjmd, sasaran=1, indikator=1)
    make_renstra(org.tebing, rpjmd, sasaran=3, indikator=4)
    counts = []
    for kec in (org.awayan, org.tebing):
        client = client_for(kec.people[Role.KASUBBAG_PERENCANAAN])
        url = reverse("renstra:index", args=[kec.unit.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert small.pk and counts[0] == counts[1]


def test_another_kabupatens_rpjmd_does_not_exist_for_the_user(org, client_for):
    from renstra.models import Rpjmd
    from sakip.models import Unit
    from tests.factories import make_unit

    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    other = Rpjmd.objects.create(kabupaten=tabalong, tahun_awal=2025, tahun_akhir=2029, visi="Tabalong")
    for person in (org.admin, org.evaluator, org.awayan.people[Role.CAMAT]):
        assert client_for(person).get(reverse("renstra:rpjmd_ubah", args=[other.pk])).status_code == 404
    assert "Tabalong" not in client_for(org.admin).get(reverse("renstra:rpjmd")).content.decode()


def test_control_characters_are_refused_naming_the_field_and_nothing_is_stored(org, client_for):
    from renstra.models import MisiRpjmd, TujuanRenstra
    from renstra.services import RenstraError, tujuan_simpan

    rpjmd = make_rpjmd(org)
    renstra = make_renstra(org.awayan, rpjmd, sasaran=1)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    response = client.post(reverse("renstra:tujuan_tambah", args=[org.awayan.unit.pk]), {"uraian": "ketik\x01an"})
    assert response.status_code == 400 and "Tujuan" in response.content.decode()
    with pytest.raises(RenstraError) as refused:
        tujuan_simpan(user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], renstra=renstra, uraian="ketik\x01an")
    assert "Tujuan" in refused.value.errors["uraian"]
    admin = client_for(org.admin)
    admin.post(reverse("renstra:rpjmd_misi_tambah", args=[rpjmd.pk]), {"uraian": "ketik\x01an"})
    assert TujuanRenstra.objects.filter(renstra=renstra).count() == 1
    assert not MisiRpjmd.objects.filter(uraian__contains="\x01").exists()
