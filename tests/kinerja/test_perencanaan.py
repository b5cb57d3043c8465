"""Setting up the year: PK pages, establishing, PK Perubahan, Rencana Aksi."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran
from kinerja.services import KinerjaError
from kinerja.services import perencanaan as services
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_budget, make_pk

YEAR = 2020


def pk_url(kec, name="kinerja:pk", *extra):
    return reverse(name, args=[kec.unit.pk, YEAR, *extra])


def indikator_post(**overrides):
    data = {
        "uraian": "Indeks Kepuasan Masyarakat",
        "satuan": "indeks",
        "target_tahunan": "82,5",
        "polaritas": "positif",
        "rumus_negatif": "selisih",
        "agregasi": "akhir",
        "definisi_operasional": "Hasil survei kepuasan masyarakat atas layanan PATEN",
        "sumber_data": "Laporan SKM",
        "penanggung_jawab": "",
        "iku": "on",
    }
    data.update(overrides)
    return data


def test_kasubbag_of_awayan_composes_a_pk_with_sasaran_and_indicator(org, client_for):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    assert client.post(pk_url(org.awayan, "kinerja:pk_buat"), {}).status_code == 302
    pk = PerjanjianKinerja.objects.get(kecamatan=org.awayan.unit, tahun=YEAR)
    assert pk.status == "draft" and pk.pihak_pertama == org.person("awayan", Role.CAMAT)
    assert pk.pihak_kedua_jabatan == "BUPATI BALANGAN"

    response = client.post(pk_url(org.awayan, "kinerja:sasaran_tambah"), {"uraian": "Meningkatnya pelayanan publik"})
    assert response.status_code == 302
    sasaran = Sasaran.objects.get(perjanjian=pk)
    owner = org.awayan.positions[Role.KASI]
    response = client.post(
        pk_url(org.awayan, "kinerja:indikator_tambah", sasaran.pk),
        indikator_post(target_tahunan="1.234,5", penanggung_jawab=owner.pk),
    )
    assert response.status_code == 302
    ind = Indikator.objects.get(sasaran=sasaran)
    assert (ind.target_tahunan, ind.penanggung_jawab, ind.urutan, ind.tahun) == (Decimal("1234.5"), owner, 1, YEAR)

    page = client.get(pk_url(org.awayan)).content.decode()
    assert "Indeks Kepuasan Masyarakat" in page and "1.234,5" in page and "Tambah indikator" in page
    assert "Unggah Excel" in page


def test_indicator_form_keeps_typed_values_and_names_the_field(org, client_for):
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Sasaran")
    client = client_for(org.person("awayan", Role.SEKRETARIS))
    response = client.post(
        pk_url(org.awayan, "kinerja:indikator_tambah", sasaran.pk),
        indikator_post(target_tahunan="delapan puluh", uraian="Persentase desa tertib administrasi"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "bukan angka yang sah" in form.errors["target_tahunan"][0]
    assert "Persentase desa tertib administrasi" in response.content.decode()
    assert not Indikator.objects.exists()


def test_negative_indicator_with_target_zero_is_refused(org, client_for):
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Sasaran")
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        pk_url(org.awayan, "kinerja:indikator_tambah", sasaran.pk),
        indikator_post(polaritas="negatif", target_tahunan="0", uraian="Jumlah pengaduan masyarakat"),
    )
    assert response.status_code == 200
    assert "tidak boleh 0" in response.context["form"].errors["target_tahunan"][0]


@pytest.mark.parametrize("role", [Role.PELAKSANA, Role.KASI, Role.CAMAT, Role.KASUBBAG_UMUM])
def test_roles_without_edit_pk_cannot_create_or_change_a_pk(org, client_for, role):
    make_pk(org.awayan, YEAR - 1)
    client = client_for(org.person("awayan", role))
    assert client.get(pk_url(org.awayan)).status_code == 200
    assert client.post(pk_url(org.awayan, "kinerja:pk_buat"), {}).status_code == 403
    assert not PerjanjianKinerja.objects.filter(tahun=YEAR).exists()
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    assert client.get(pk_url(org.awayan, "kinerja:sasaran_tambah")).status_code == 403
    assert client.post(pk_url(org.awayan, "kinerja:sasaran_tambah"), {"uraian": "X"}).status_code == 403
    assert not pk.sasaran.exists()


def test_camat_of_awayan_cannot_open_tebing_tinggi_pk_pages(org, client_for):
    indicators = make_pk(org.tebing, YEAR)
    client = client_for(org.person("awayan", Role.CAMAT))
    sasaran = indicators[0].sasaran
    for url in (
        pk_url(org.tebing),
        pk_url(org.tebing, "kinerja:rencana_aksi"),
        pk_url(org.tebing, "kinerja:sasaran_ubah", sasaran.pk),
        pk_url(org.tebing, "kinerja:indikator_ubah", indicators[0].pk),
        pk_url(org.tebing, "kinerja:anggaran"),
    ):
        assert client.get(url).status_code == 404, url
    # An Awayan URL naming a Tebing Tinggi object is a 404 too.
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    assert kasubbag.get(pk_url(org.awayan, "kinerja:indikator_ubah", indicators[0].pk)).status_code == 404
    assert kasubbag.post(pk_url(org.awayan, "kinerja:indikator_hapus", indicators[0].pk)).status_code == 404
    assert Indikator.objects.filter(pk=indicators[0].pk).exists()


def test_camat_establishes_the_pk_and_it_is_then_frozen(org, client_for):
    indicators = make_pk(org.awayan, YEAR)
    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    assert kasubbag.post(pk_url(org.awayan, "kinerja:pk_tetapkan"), {"password": PASSWORD}).status_code == 403

    camat = client_for(org.person("awayan", Role.CAMAT))
    assert camat.post(pk_url(org.awayan, "kinerja:pk_tetapkan"), {"password": PASSWORD}).status_code == 302
    pk = PerjanjianKinerja.objects.get(kecamatan=org.awayan.unit, tahun=YEAR)
    assert pk.status == "ditandatangani" and pk.pihak_pertama == org.person("awayan", Role.CAMAT)

    kasubbag = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = kasubbag.post(
        pk_url(org.awayan, "kinerja:indikator_ubah", indicators[0].pk), indikator_post(target_tahunan="50")
    )
    assert response.status_code == 200
    assert "PK Perubahan" in str(response.context["form"].non_field_errors())
    indicators[0].refresh_from_db()
    assert indicators[0].target_tahunan == Decimal(100)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Masukkan kata sandi Anda untuk menetapkan Perjanjian Kinerja."),
        ("salah-sekali", "Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda."),
        (f" {PASSWORD} ", "Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda."),  # compared exactly as typed
    ],
)
def test_establishing_the_pk_asks_for_the_camats_password(org, client_for, typed, message):
    make_pk(org.awayan, YEAR)
    camat = client_for(org.person("awayan", Role.CAMAT))
    response = camat.post(pk_url(org.awayan, "kinerja:pk_tetapkan"), {"password": typed})
    assert response.status_code == 400
    assert response.context["tetapkan_form"].errors["password"] == [message]
    assert message in response.content.decode()
    pk = PerjanjianKinerja.objects.get(kecamatan=org.awayan.unit, tahun=YEAR)
    assert (pk.status, pk.pihak_pertama) == ("draft", None)


def test_the_establish_service_refuses_a_wrong_password(org):
    pk = make_pk(org.awayan, YEAR)[0].sasaran.perjanjian
    with pytest.raises(KinerjaError) as refused:
        services.pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=pk, password="bukan-sandinya")
    assert "password" in refused.value.errors
    pk.refresh_from_db()
    assert pk.status == "draft"


def test_pk_without_targets_cannot_be_established(org):
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Sasaran")
    Indikator.objects.create(sasaran=sasaran, urutan=1, uraian="Tanpa target", satuan="%")
    with pytest.raises(KinerjaError, match="Target tahunan belum diisi untuk 1 indikator"):
        services.pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=pk, password=PASSWORD)
    pk.refresh_from_db()
    assert pk.status == "draft"


def test_pk_perubahan_keeps_the_earlier_pk_and_carries_realisations(org, client_for):
    indicators = make_pk(org.awayan, YEAR, indicators=2)
    pk = indicators[0].sasaran.perjanjian
    services.pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=pk, password=PASSWORD)
    Realisasi.objects.create(indikator=indicators[0], triwulan=1, nilai=Decimal(20))
    (sub,) = make_budget(org.awayan.unit)
    sub.indikator.add(indicators[0])

    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(pk_url(org.awayan, "kinerja:pk_perubahan"), {"alasan": ""})
    assert "Alasan perubahan wajib diisi." in [str(m) for m in response.wsgi_request._messages]
    assert PerjanjianKinerja.objects.count() == 1

    client.post(pk_url(org.awayan, "kinerja:pk_perubahan"), {"alasan": "Refocusing anggaran"})
    old, new = PerjanjianKinerja.objects.order_by("revisi")
    assert (old.status, new.status, new.revisi, new.alasan_perubahan) == (
        "digantikan",
        "draft",
        1,
        "Refocusing anggaran",
    )
    # The earlier PK keeps what was agreed; the new one starts as a copy.
    assert old.sasaran.get().indikator.count() == 2
    copies = list(Indikator.objects.filter(sasaran__perjanjian=new).order_by("urutan"))
    assert [c.uraian for c in copies] == [i.uraian for i in indicators]
    assert RencanaAksi.objects.filter(indikator__in=copies).count() == 8
    assert Realisasi.objects.get(triwulan=1).indikator == copies[0]
    assert list(sub.indikator.all()) == [indicators[0], copies[0]]
    page = client.get(pk_url(org.awayan)).content.decode()
    assert "PK Perubahan 1" in page and "Refocusing anggaran" in page and "Riwayat Perjanjian Kinerja" in page
    entry = client.get(reverse("kinerja:entry", args=[org.awayan.unit.pk, YEAR, 1]))
    assert len(entry.context["rows"]) == 2


def test_copy_from_last_year_brings_sasaran_and_indicators(org, client_for):
    make_pk(org.awayan, YEAR - 1, indicators=3)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    client.post(pk_url(org.awayan, "kinerja:pk_salin"), {})
    pk = PerjanjianKinerja.objects.get(tahun=YEAR)
    assert Indikator.objects.filter(sasaran__perjanjian=pk).count() == 3
    assert not RencanaAksi.objects.filter(indikator__sasaran__perjanjian=pk).exists()


def test_indicator_with_realisation_cannot_be_deleted(org, client_for):
    indicators = make_pk(org.awayan, YEAR, indicators=2)
    Realisasi.objects.create(indikator=indicators[0], triwulan=1, nilai=Decimal(0))
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    client.post(pk_url(org.awayan, "kinerja:indikator_hapus", indicators[0].pk))
    client.post(pk_url(org.awayan, "kinerja:indikator_hapus", indicators[1].pk))
    assert list(Indikator.objects.values_list("pk", "urutan")) == [(indicators[0].pk, 1)]


def _rencana_post(ind, targets, alasan=""):
    data = {f"alasan-{ind.pk}": alasan}
    for tw, target in enumerate(targets, start=1):
        data[f"target-{ind.pk}-{tw}"] = target
        data[f"kegiatan-{ind.pk}-{tw}"] = f"Kegiatan TW {tw}"
    return data


def test_rencana_aksi_that_does_not_add_up_needs_a_reason(org, client_for):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)  # kumulatif, target 100
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    url = pk_url(org.awayan, "kinerja:rencana_aksi")

    response = client.post(url, _rencana_post(ind, ["10", "20", "30", "30,5"]))
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert "Jumlah target triwulan (90,5) tidak sama dengan target tahunan (100)" in row["alasan_error"]
    assert [c["target"] for c in row["cells"]] == ["10", "20", "30", "30,5"]
    assert list(RencanaAksi.objects.order_by("triwulan").values_list("target", flat=True)) == [Decimal(25)] * 4

    client.post(url, _rencana_post(ind, ["10", "20", "30", "30,5"], alasan="Kegiatan TW IV dipangkas"))
    ind.refresh_from_db()
    assert ind.alasan_target_triwulan == "Kegiatan TW IV dipangkas"
    assert list(RencanaAksi.objects.order_by("triwulan").values_list("target", flat=True)) == [
        Decimal(10),
        Decimal(20),
        Decimal(30),
        Decimal("30.5"),
    ]

    client.post(url, _rencana_post(ind, ["25", "25", "25", "25"], alasan="tidak perlu lagi"))
    ind.refresh_from_db()
    assert ind.alasan_target_triwulan == ""
    assert RencanaAksi.objects.get(triwulan=2).rencana_kegiatan == "Kegiatan TW 2"


def test_rencana_aksi_bad_number_names_the_quarter(org, client_for):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(pk_url(org.awayan, "kinerja:rencana_aksi"), _rencana_post(ind, ["25", "x", "25", "-1"]))
    (row,) = response.context["rows"]
    errors = [c["error"] for c in row["cells"]]
    assert errors[1].startswith("Target TW 2:") and errors[3] == "Target TW 4 tidak boleh negatif."


def test_rencana_aksi_is_read_only_for_pelaksana(org, client_for):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)
    client = client_for(org.person("awayan", Role.PELAKSANA))
    url = pk_url(org.awayan, "kinerja:rencana_aksi")
    assert client.get(url).context["editable"] is False
    assert client.post(url, _rencana_post(ind, ["100", "0", "0", "0"])).status_code == 403


def _build_pk(org, count):
    PerjanjianKinerja.objects.filter(kecamatan=org.awayan.unit, tahun=YEAR).delete()
    make_pk(org.awayan, YEAR, indicators=count)


@pytest.mark.parametrize("name", ["kinerja:pk", "kinerja:rencana_aksi"])
def test_setup_pages_cost_the_same_queries_for_5_and_50_indicators(org, client_for, name):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    counts = []
    for n in (5, 50):
        _build_pk(org, n)
        client.get(pk_url(org.awayan, name))  # warm per-user caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(pk_url(org.awayan, name)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_indicator_carries_the_renstra_end_target_and_a_national_standard_for_the_lkip(org, client_for):
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    sasaran = Sasaran.objects.create(perjanjian=pk, urutan=1, uraian="Sasaran")
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        pk_url(org.awayan, "kinerja:indikator_tambah", sasaran.pk),
        indikator_post(target_renstra="92,5", standar_nasional="85", sumber_standar="SPM Kemendagri 2024"),
    )
    assert response.status_code == 302
    ind = Indikator.objects.get(sasaran=sasaran)
    assert (ind.target_renstra, ind.standar_nasional, ind.sumber_standar) == (
        Decimal("92.5"),
        Decimal(85),
        "SPM Kemendagri 2024",
    )
