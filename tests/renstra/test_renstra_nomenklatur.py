"""Renstra programme and kegiatan codes (BAB VI) follow the national nomenclature (issue 28): a new or changed code
is checked with the one rule of kinerja/nomenklatur.py (`Nomenklatur.periksa`, through renstra/nomenklatur.py), in
force in some year of the Renstra's period, at its level and under its programme; the refusal names the field in
Indonesian and keeps what was typed; stored codes stay while unchanged; the demo's codes are all valid."""

import pytest
from django.urls import reverse

from kinerja import nomenklatur
from kinerja.models import NomenklaturVersi
from renstra import demo_naskah, services
from renstra import nomenklatur as renstra_nomenklatur
from renstra.models import KegiatanRenstra, ProgramRenstra
from renstra.services import RenstraError
from sakip.roles import Role
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db

PERIODE = range(2025, 2030)


def _renstra(org):
    return make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)


def test_an_unknown_programme_code_is_refused_on_the_page_naming_the_field_and_keeping_the_input(org, client_for):
    renstra = _renstra(org)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    data = {"sasaran": renstra.sasaran.get().pk, "kode": "7.01.09", "nama": "Program salah ketik", "indikator": "X"}

    response = client.post(reverse("renstra:program_tambah", args=[org.awayan.unit.pk]), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["kode"] == [
        "Kode program 7.01.09 tidak terdapat dalam nomenklatur yang berlaku tahun 2025 (Keputusan Menteri Dalam "
        "Negeri Nomor 900.1.15.5-1317 Tahun 2023)."
    ]
    assert 'value="Program salah ketik"' in page and 'value="7.01.09"' in page
    assert not ProgramRenstra.objects.exists()


def test_a_kegiatan_under_another_programme_or_of_the_wrong_shape_is_refused(org):
    renstra = _renstra(org)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    program = services.program_simpan(
        user=kasubbag,
        renstra=renstra,
        sasaran=renstra.sasaran.get(),
        data={"kode": "7.01.02", "nama": "Program Penyelenggaraan Pemerintahan", "indikator": "IKM"},
    )
    for kode, pesan in (
        ("7.01.03.2.01", "Kode kegiatan 7.01.03.2.01 tidak berada di bawah 7.01.02."),
        ("7.01.02.1", "Kode kegiatan '7.01.02.1' tidak berbentuk kode SIPD (contoh 7.01.02.2.01)."),
        ("7.01.02.2.09", "Kode kegiatan 7.01.02.2.09 tidak terdapat dalam nomenklatur"),
    ):
        with pytest.raises(RenstraError) as refused:
            services.kegiatan_simpan(
                user=kasubbag, program=program, data={"kode": kode, "nama": "K", "indikator": "X"}, pagu={}
            )
        assert refused.value.errors["kode"].startswith(pesan), refused.value.errors
    assert not KegiatanRenstra.objects.exists()
    services.kegiatan_simpan(
        user=kasubbag, program=program, data={"kode": "7.01.02.2.04", "nama": "K", "indikator": "X"}, pagu={}
    )
    assert KegiatanRenstra.objects.get().kode == "7.01.02.2.04"


def test_a_stored_code_stays_while_unchanged_and_a_changed_one_is_checked(org):
    renstra = _renstra(org)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    sasaran = renstra.sasaran.get()
    lama = ProgramRenstra.objects.create(renstra=renstra, sasaran=sasaran, kode="P-LAMA", nama="Lama", indikator="X")

    services.program_simpan(
        user=kasubbag,
        renstra=renstra,
        sasaran=sasaran,
        program=lama,
        data={"kode": "P-LAMA", "nama": "Baru", "indikator": "X"},
    )
    with pytest.raises(RenstraError) as refused:
        services.program_simpan(
            user=kasubbag,
            renstra=renstra,
            sasaran=sasaran,
            program=lama,
            data={"kode": "P-BARU", "nama": "Baru", "indikator": "X"},
        )

    assert "tidak berbentuk kode SIPD" in refused.value.errors["kode"]
    assert ProgramRenstra.objects.get().kode == "P-LAMA"


def _versi(berlaku_mulai, berlaku_sampai, pensiun: dict[str, int], hapus=()):
    data = {
        "nama": "Nomenklatur uji",
        "sumber": "Keputusan uji",
        "berlaku_mulai": berlaku_mulai,
        "berlaku_sampai": berlaku_sampai,
        "kode": [
            {"kode": e.kode, "nama": e.nama, "tingkat": e.tingkat, "berlaku_sampai": pensiun.get(e.kode)}
            for e in nomenklatur.bawaan().entri.values()
            if e.kode not in hapus
        ],
    }
    return NomenklaturVersi.objects.create(
        nama=data["nama"], sumber=data["sumber"], berlaku_mulai=berlaku_mulai, berlaku_sampai=berlaku_sampai, data=data
    )


def test_a_code_in_force_in_some_year_of_the_period_is_accepted_one_retired_before_it_is_not(org):
    renstra = _renstra(org)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    sasaran = renstra.sasaran.get()
    _versi(2020, None, {"7.01.05": 2026, "7.01.03": 2024})

    services.program_simpan(
        user=kasubbag, renstra=renstra, sasaran=sasaran, data={"kode": "7.01.05", "nama": "Umum", "indikator": "X"}
    )
    with pytest.raises(RenstraError) as refused:
        services.program_simpan(
            user=kasubbag, renstra=renstra, sasaran=sasaran, data={"kode": "7.01.03", "nama": "Desa", "indikator": "X"}
        )

    assert refused.value.errors["kode"].startswith(
        "Kode program 7.01.03 (Program Pemberdayaan Masyarakat Desa dan Kelurahan) sudah tidak berlaku sejak tahun 2025"
    )
    assert list(ProgramRenstra.objects.values_list("kode", flat=True)) == ["7.01.05"]


def test_every_code_of_the_demo_renstra_is_in_the_nomenclature_with_its_name():
    problems = []
    for kode, nama, _indikator, _sasaran, kegiatan_list in demo_naskah.PROGRAM:
        problems.append(renstra_nomenklatur.periksa(kode, "program", PERIODE))
        for tahun in PERIODE:
            aturan = nomenklatur.berlaku(tahun)
            problems.append(aturan.periksa(kode, "program", tahun))
            assert aturan.nama_kode(kode) == nama, (tahun, kode)
        for k_kode, k_nama, _k_indikator, _pagu in kegiatan_list:
            problems.append(renstra_nomenklatur.periksa(k_kode, "kegiatan", PERIODE, induk_kode=kode))
            for tahun in PERIODE:
                aturan = nomenklatur.berlaku(tahun)
                problems.append(aturan.periksa(k_kode, "kegiatan", tahun, induk_kode=kode))
                assert aturan.nama_kode(k_kode) == k_nama, (tahun, k_kode)
    assert [p for p in problems if p] == []


def test_the_loaded_demo_renstra_holds_only_valid_codes(db):
    from kinerja.demo import load_demo_kinerja
    from kinerja.demo_renstra import load_demo_renstra
    from sakip.demo import load_organisation

    load_organisation()
    load_demo_kinerja()
    load_demo_renstra()

    programs = list(ProgramRenstra.objects.select_related("renstra"))
    assert programs
    for program in programs:
        assert renstra_nomenklatur.periksa(program.kode, "program", program.renstra.tahun_list) is None, program
        for kegiatan in program.kegiatan.all():
            pesan = renstra_nomenklatur.periksa(
                kegiatan.kode, "kegiatan", program.renstra.tahun_list, induk_kode=program.kode
            )
            assert pesan is None, (kegiatan.kode, pesan)
