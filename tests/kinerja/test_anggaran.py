"""The year's budget: structure and plan, quarterly realisation, absorption."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import AnggaranTriwulan, Kegiatan, Program, SubKegiatan, Triwulan
from kinerja.services.triwulan import triwulan_get_or_create
from sakip.roles import Role
from tests.kinerja.data import make_budget, make_pk

YEAR = 2020


def url(kec, name, *extra):
    return reverse(name, args=[kec.unit.pk, YEAR, *extra])


def test_kasubbag_builds_program_kegiatan_and_sub_kegiatan_with_plan(org, client_for):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        url(org.awayan, "kinerja:anggaran_tambah", "program"), {"kode": "7.01.01", "nama": "Program Penunjang"}
    )
    assert response.status_code == 302
    program = Program.objects.get()
    client.post(
        url(org.awayan, "kinerja:anggaran_tambah", "kegiatan") + f"?induk={program.pk}",
        {"kode": "7.01.01.2.01", "nama": "Perencanaan"},
    )
    kegiatan = Kegiatan.objects.get()
    response = client.post(
        url(org.awayan, "kinerja:anggaran_tambah", "sub") + f"?induk={kegiatan.pk}",
        {
            "kode": "7.01.01.2.01.0001",
            "nama": "Penyusunan Dokumen Perencanaan",
            "pagu": "12.500.000",
            "rencana_1": "2.500.000",
            "rencana_2": "4.999.999,50",
            "rencana_3": "",
            "rencana_4": "5.000.000",
            "indikator": [ind.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    sub = SubKegiatan.objects.get()
    assert sub.pagu == Decimal(12_500_000) and list(sub.indikator.all()) == [ind]
    assert list(sub.anggaran.order_by("triwulan").values_list("triwulan", "rencana")) == [
        (1, Decimal(2_500_000)),
        (2, Decimal("4999999.50")),
        (4, Decimal(5_000_000)),
    ]
    page = client.get(url(org.awayan, "kinerja:anggaran")).content.decode()
    assert "Penyusunan Dokumen Perencanaan" in page and "12.500.000,00" in page


def test_plan_above_pagu_is_refused_and_typed_values_stay(org, client_for):
    (sub,) = make_budget(org.awayan.unit)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        url(org.awayan, "kinerja:anggaran_ubah", "sub", sub.pk),
        {"kode": sub.kode, "nama": sub.nama, "pagu": "1.000", "rencana_1": "600", "rencana_2": "500,5"},
    )
    assert response.status_code == 200
    assert "melebihi pagu" in response.context["form"].errors["rencana_4"][0]
    assert 'value="500,5"' in response.content.decode()
    assert not AnggaranTriwulan.objects.exists()


def test_duplicate_program_code_names_the_field(org, client_for):
    make_budget(org.awayan.unit)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(url(org.awayan, "kinerja:anggaran_tambah", "program"), {"kode": "7.01.01", "nama": "Lagi"})
    assert response.status_code == 200
    assert "Kode 7.01.01 sudah dipakai." in response.context["form"].errors["kode"][0]
    assert Program.objects.count() == 1


def test_quarter_budget_realisation_is_saved_and_absorption_shown(org, client_for):
    sub_a, sub_b = make_budget(org.awayan.unit, subs=2)
    client = client_for(org.person("awayan", Role.KASUBBAG_UMUM))
    response = client.post(
        url(org.awayan, "kinerja:anggaran_realisasi", 1),
        {f"realisasi-{sub_a.pk}": "250,5", f"realisasi-{sub_b.pk}": ""},
    )
    assert response.status_code == 302
    assert AnggaranTriwulan.objects.get(sub_kegiatan=sub_a, triwulan=1).realisasi == Decimal("250.5")
    assert not AnggaranTriwulan.objects.filter(sub_kegiatan=sub_b).exists()
    page = client.get(url(org.awayan, "kinerja:anggaran")).content.decode()
    assert "25,05%" in page


def test_budget_realisation_over_pagu_for_the_year_is_refused_with_nothing_saved(org, client_for):
    sub_a, sub_b = make_budget(org.awayan.unit, subs=2)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub_a, triwulan=1, realisasi=900)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        url(org.awayan, "kinerja:anggaran_realisasi", 2),
        {f"realisasi-{sub_a.pk}": "200", f"realisasi-{sub_b.pk}": "10"},
    )
    assert response.status_code == 200
    rows = {row.sub.pk: row for row in response.context["rows"]}
    assert "melebihi pagu" in rows[sub_a.pk].error and rows[sub_a.pk].typed == "200"
    assert not AnggaranTriwulan.objects.filter(triwulan=2).exists()


def test_budget_realisation_of_an_approved_quarter_is_refused(org, client_for):
    (sub,) = make_budget(org.awayan.unit)
    quarter = triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DISETUJUI)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(url(org.awayan, "kinerja:anggaran_realisasi", 1), {f"realisasi-{sub.pk}": "10"})
    assert response.status_code == 200
    assert response.context["editable"] is False
    assert not AnggaranTriwulan.objects.exists()


@pytest.mark.parametrize("role", [Role.PELAKSANA, Role.KASI, Role.CAMAT])
def test_roles_without_budget_rights_cannot_change_it(org, client_for, role):
    (sub,) = make_budget(org.awayan.unit)
    client = client_for(org.person("awayan", role))
    assert client.get(url(org.awayan, "kinerja:anggaran")).status_code == 200
    assert (
        client.post(url(org.awayan, "kinerja:anggaran_realisasi", 1), {f"realisasi-{sub.pk}": "1"}).status_code == 403
    )
    assert client.get(url(org.awayan, "kinerja:anggaran_ubah", "sub", sub.pk)).status_code == 403
    assert client.post(url(org.awayan, "kinerja:anggaran_hapus", "sub", sub.pk)).status_code == 403
    assert SubKegiatan.objects.filter(pk=sub.pk).exists() and not AnggaranTriwulan.objects.exists()


def test_kasubbag_of_awayan_cannot_touch_tebing_tinggi_budget(org, client_for):
    (sub,) = make_budget(org.awayan.unit)
    client = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    assert client.get(url(org.awayan, "kinerja:anggaran")).status_code == 404
    tebing_url = reverse("kinerja:anggaran_ubah", args=[org.tebing.unit.pk, YEAR, "sub", sub.pk])
    assert client.get(tebing_url).status_code == 404
    tebing_delete = reverse("kinerja:anggaran_hapus", args=[org.tebing.unit.pk, YEAR, "sub", sub.pk])
    assert client.post(tebing_delete).status_code == 404
    assert SubKegiatan.objects.filter(pk=sub.pk).exists()


def test_sub_kegiatan_with_realisation_cannot_be_deleted(org, client_for):
    sub_a, sub_b = make_budget(org.awayan.unit, subs=2)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub_a, triwulan=1, realisasi=5)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    client.post(url(org.awayan, "kinerja:anggaran_hapus", "sub", sub_a.pk))
    client.post(url(org.awayan, "kinerja:anggaran_hapus", "sub", sub_b.pk))
    assert list(SubKegiatan.objects.all()) == [sub_a]


def test_budget_pages_cost_the_same_queries_for_3_and_30_sub_kegiatan(org, client_for):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    counts = []
    for n in (3, 30):
        Program.objects.all().delete()
        for sub in make_budget(org.awayan.unit, subs=n):
            AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, rencana=100, realisasi=50)
        client.get(url(org.awayan, "kinerja:anggaran"))
        client.get(url(org.awayan, "kinerja:anggaran_realisasi", 1))  # creates the quarter row once
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(org.awayan, "kinerja:anggaran"))
            client.get(url(org.awayan, "kinerja:anggaran_realisasi", 1))
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_mistyped_or_foreign_code_is_refused_naming_the_field_and_nothing_is_saved(org, client_for):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))

    typo = client.post(url(org.awayan, "kinerja:anggaran_tambah", "program"), {"kode": "7.01.09", "nama": "Salah"})
    program = Program.objects.create(kecamatan=org.awayan.unit, tahun=YEAR, kode="7.01.02", nama="Pemerintahan")
    foreign = client.post(
        url(org.awayan, "kinerja:anggaran_tambah", "kegiatan") + f"?induk={program.pk}",
        {"kode": "7.01.03.2.01", "nama": "Di bawah program lain"},
    )

    assert typo.status_code == 200
    assert "kode program 7.01.09 tidak terdapat dalam nomenklatur" in typo.context["form"].errors["kode"][0].lower()
    assert "tidak berada di bawah 7.01.02" in foreign.context["form"].errors["kode"][0]
    assert foreign.context["form"]["nama"].value() == "Di bawah program lain"
    assert list(Program.objects.values_list("kode", flat=True)) == ["7.01.02"] and not Kegiatan.objects.exists()
