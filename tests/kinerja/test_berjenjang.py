"""Issue 14, PK berjenjang: cascading PKs of the Sekretaris, Kasubbag and Kasi supporting the Camat's PK
(kinerja/berjenjang.py, kinerja.services.perencanaan with `jabatan`, kinerja.services.berjenjang)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja import berjenjang, gates, pengukuran, selectors
from kinerja.berjenjang import TANPA, nilai_triwulan
from kinerja.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran, Triwulan
from kinerja.services import KinerjaError
from kinerja.services import berjenjang as berjenjang_services
from kinerja.services import perencanaan as svc
from kinerja.services import realisasi as realisasi_svc
from kinerja.services import triwulan as tw_svc
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk

D = Decimal


# --- The aggregation rule (pure) ---


@pytest.mark.parametrize(
    ("cara", "isian", "expected"),
    [
        ("jumlah", [D(10), D(15)], D(25)),
        ("jumlah", [D(10), None], None),  # one blank: the parent's quarter is blank
        ("jumlah", [D(10), TANPA], D(10)),  # a declared "tidak ada kegiatan" adds nothing
        ("rata", [D(90), D(95)], D("92.50")),
        ("rata", [D(1), D(2), D(2)], D("1.67")),  # rounded to two decimals once
        ("rata", [D(80), TANPA], D(80)),
        ("rata", [None, D(80)], None),
        ("terakhir", [D(60), D(85)], D(85)),
        ("terakhir", [D(60), TANPA], D(60)),  # the last one that has a value
        ("terakhir", [D(60), None], None),
        ("jumlah", [TANPA, TANPA], TANPA),
        ("jumlah", [], None),  # no supporting indicator: nothing to compute
    ],
)
def test_a_computed_quarter_follows_its_supporting_indicators_for_each_aggregation(cara, isian, expected):
    assert nilai_triwulan(cara, isian) == expected


# --- The chain through the services ---


@pytest.fixture
def camat_pk(org):
    """Awayan 2025: the Camat's PK with two indicators (target 100, 25 per quarter)."""
    return make_pk(org.awayan, 2025, 2)


def person(org, role, kecamatan="awayan"):
    return org.person(kecamatan, role)


def cascading(org, role, *, parent, uraian="Jumlah desa yang dibina", targets=("5", "5", "5", "5"), tahun=2025):
    """The cascading PK of the awayan position of `role` with one indicator supporting `parent`."""
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    jabatan = org.awayan.positions[role]
    pk = svc.current_pk(org.awayan.unit, tahun, jabatan) or svc.pk_buat(
        user=kasubbag, kecamatan=org.awayan.unit, tahun=tahun, jabatan=jabatan
    )
    sasaran = pk.sasaran.first() or svc.sasaran_simpan(user=kasubbag, pk=pk, uraian=f"Sasaran {jabatan}")
    ind = svc.indikator_simpan(
        user=kasubbag,
        sasaran=sasaran,
        data={
            "uraian": uraian,
            "satuan": "desa",
            "target_tahunan": sum(D(t) for t in targets),
            "polaritas": "positif",
            "agregasi": "kumulatif",
            "penanggung_jawab": jabatan,
            "mendukung": parent,
        },
    )
    svc.rencana_aksi_simpan(user=kasubbag, pk=pk, entries=[svc.RencanaEntri(ind.pk, tuple(targets), ("", "", "", ""))])
    return ind


def quarter(org, triwulan=1, tahun=2025):
    return tw_svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=tahun, triwulan=triwulan)


def enter(org, role, ind, value, triwulan=1, **extra):
    return realisasi_svc.realisasi_simpan(
        user=person(org, role), quarter=quarter(org, triwulan), entries=[realisasi_svc.Entri(ind.pk, value, **extra)]
    )


def figures(org, tahun=2025):
    return {i.indikator.pk: i for i in pengukuran.ukur_kecamatan(org.awayan.unit, tahun).indikator}


def test_a_cascading_pk_is_drafted_per_position_with_its_superior_as_pihak_kedua(org, camat_pk):
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    kasi_pk = svc.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=2025, jabatan=org.awayan.positions[Role.KASI])
    umum_pk = svc.pk_buat(
        user=kasubbag, kecamatan=org.awayan.unit, tahun=2025, jabatan=org.awayan.positions[Role.KASUBBAG_UMUM]
    )
    assert kasi_pk.pihak_pertama == person(org, Role.KASI)
    assert kasi_pk.pihak_kedua_jabatan == org.awayan.positions[Role.CAMAT].nama.upper()
    assert umum_pk.pihak_kedua_nama == person(org, Role.SEKRETARIS).nama  # a Kasubbag's superior: the Sekretaris
    with pytest.raises(KinerjaError, match="sudah ada"):
        svc.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=2025, jabatan=org.awayan.positions[Role.KASI])
    with pytest.raises(KinerjaError, match="Camat belum dibuat"):
        svc.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026, jabatan=org.awayan.positions[Role.KASI])
    with pytest.raises(KinerjaError, match="hanya untuk"):
        svc.pk_buat(user=kasubbag, kecamatan=org.awayan.unit, tahun=2025, jabatan=org.awayan.positions[Role.PELAKSANA])
    # The kecamatan's PK is still the Camat's, one per year.
    assert svc.current_pk(org.awayan.unit, 2025) == camat_pk[0].sasaran.perjanjian
    assert pengukuran.current_pk(org.awayan.unit.pk, 2025).jabatan_id is None


def test_a_supporting_indicator_links_only_to_the_camats_current_pk_of_the_same_kecamatan_and_year(org, camat_pk):
    other_year = make_pk(org.awayan, 2024, 1)[0]
    other_kecamatan = make_pk(org.tebing, 2025, 1)[0]
    for wrong in (other_year, other_kecamatan):
        with pytest.raises(KinerjaError) as refused:
            cascading(org, Role.KASI, parent=wrong)
        assert "mendukung" in refused.value.errors
    child = cascading(org, Role.KASI, parent=camat_pk[0])
    with pytest.raises(KinerjaError) as refused:  # a cascading indicator is no parent
        cascading(org, Role.SEKRETARIS, parent=child)
    assert "mendukung" in refused.value.errors
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(KinerjaError) as refused:  # the Camat's own indicators support nothing
        svc.indikator_simpan(
            user=kasubbag, sasaran=camat_pk[1].sasaran, indikator=camat_pk[1], data={"mendukung": camat_pk[0]}
        )
    assert "mendukung" in refused.value.errors
    assert child.pk_jabatan == org.awayan.positions[Role.KASI] and child.tahun == 2025


def test_the_kasi_enters_a_supporting_realisation_and_cannot_enter_another_positions(org, camat_pk):
    kasi_ind = cascading(org, Role.KASI, parent=camat_pk[0])
    sekretaris_ind = cascading(org, Role.SEKRETARIS, parent=camat_pk[0], uraian="Jumlah desa didampingi")
    assert enter(org, Role.KASI, kasi_ind, "3") == 1
    with pytest.raises(KinerjaError, match="tidak berwenang"):
        enter(org, Role.KASI, sekretaris_ind, "2")
    # Not even the Kasubbag Perencanaan, who enters every indicator of the Camat's PK: the owner enters it.
    with pytest.raises(KinerjaError, match="tidak berwenang"):
        enter(org, Role.KASUBBAG_PERENCANAAN, kasi_ind, "4")
    assert enter(org, Role.SEKRETARIS, sekretaris_ind, "2") == 1
    # The Kasi's entry page shows the Kasi's own PK indicator, editable, and not the Sekretaris's.
    rows = selectors.entry_rows(person(org, Role.KASI), quarter(org), only_mine=True)
    mine = [r for r in rows if r.berjenjang]
    assert [r.indikator.pk for r in mine] == [kasi_ind.pk] and mine[0].editable
    assert "mendukung 1.1" in mine[0].berjenjang


@pytest.mark.parametrize(
    ("cara", "tw1", "year"),
    [("jumlah", D(25), D(25)), ("rata", D("12.50"), D("12.50")), ("terakhir", D(15), D(15))],
)
def test_a_computed_camat_indicator_takes_its_realisation_from_its_children(org, camat_pk, cara, tw1, year):
    parent = camat_pk[0]
    first = cascading(org, Role.KASI, parent=parent)
    second = cascading(org, Role.SEKRETARIS, parent=parent, uraian="Jumlah desa didampingi")
    berjenjang_services.hitung_pendukung_simpan(
        user=person(org, Role.KASUBBAG_PERENCANAAN), indikator=parent, cara=cara
    )
    enter(org, Role.KASI, first, "10")
    assert figures(org)[parent.pk].triwulan(1).realisasi is None  # one child still blank: "belum diisi"
    enter(org, Role.SEKRETARIS, second, "15")
    item = figures(org)[parent.pk]
    # Listed order: by position name — "Kepala Seksi …" before "Sekretaris Camat …", so the last is the second.
    assert item.triwulan(1).realisasi == tw1
    assert item.sampai(1).realisasi == year
    assert item.triwulan(1).capaian.nilai == (tw1 / 25 * 100).quantize(D("0.01"))
    # The rekap (value tuples) reads the same figure.
    quarter_row = quarter(org)
    Triwulan.objects.filter(pk=quarter_row.pk).update(status=Triwulan.Status.DISETUJUI)
    ringkas = pengukuran.ukur_kabupaten([org.awayan.unit], 2025)[0]
    assert [u.sampai(1).realisasi for u in ringkas.ukuran][0] == tw1


def test_the_computed_indicator_is_not_entered_and_shows_how_many_children(org, camat_pk):
    parent = camat_pk[0]
    cascading(org, Role.KASI, parent=parent)
    berjenjang_services.hitung_pendukung_simpan(
        user=person(org, Role.KASUBBAG_PERENCANAAN), indikator=parent, cara="jumlah"
    )
    with pytest.raises(KinerjaError, match="tidak berwenang"):
        enter(org, Role.KASUBBAG_PERENCANAAN, Indikator.objects.get(pk=parent.pk), "20")
    rows = selectors.entry_rows(person(org, Role.KASUBBAG_PERENCANAAN), quarter(org), only_mine=False)
    row = next(r for r in rows if r.indikator.pk == parent.pk)
    assert not row.editable and row.pendukung.jumlah == 1


def test_the_quarter_gate_holds_back_an_empty_supporting_indicator_of_a_computed_parent(org, camat_pk):
    parent = camat_pk[0]
    child = cascading(org, Role.KASI, parent=parent)
    entered_alone = cascading(org, Role.SEKRETARIS, parent=camat_pk[1], uraian="Jumlah arsip tertata")
    berjenjang_services.hitung_pendukung_simpan(
        user=person(org, Role.KASUBBAG_PERENCANAAN), indikator=parent, cara="jumlah"
    )
    enter(org, Role.KASUBBAG_PERENCANAAN, camat_pk[1], "20")
    reasons = gates.alasan_tidak_dapat_diajukan(quarter(org))
    assert any("1.1" in r and child.uraian in r for r in reasons), reasons
    assert not any(entered_alone.uraian in r for r in reasons)  # its parent is entered on its own
    enter(org, Role.KASI, child, "", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Musim tanam")
    assert gates.alasan_tidak_dapat_diajukan(quarter(org)) == []
    submitted = tw_svc.triwulan_ajukan(user=person(org, Role.KASUBBAG_PERENCANAAN), quarter=quarter(org))
    assert submitted.status == Triwulan.Status.DIAJUKAN
    # Part of the kecamatan's quarter: the supporting realisation is locked with it.
    with pytest.raises(KinerjaError):
        enter(org, Role.KASI, child, "4")
    # And the computed set no longer changes once a quarter has left draft.
    with pytest.raises(KinerjaError) as refused:
        berjenjang_services.hitung_pendukung_simpan(
            user=person(org, Role.KASUBBAG_PERENCANAAN), indikator=parent, cara="rata"
        )
    assert "tidak dapat diubah" in refused.value.errors["hitung_dari_pendukung"]
    with pytest.raises(KinerjaError) as refused:
        cascading(org, Role.KASUBBAG_UMUM, parent=parent, uraian="Jumlah lain")
    assert "mendukung" in refused.value.errors


def test_the_holder_of_the_position_establishes_the_cascading_pk_with_the_password(org, camat_pk):
    child = cascading(org, Role.KASI, parent=camat_pk[0])
    pk = child.sasaran.perjanjian
    for other in (Role.CAMAT, Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS):
        with pytest.raises(PermissionDenied):
            svc.pk_tetapkan(user=person(org, other), pk=pk, password=PASSWORD)
    with pytest.raises(KinerjaError) as refused:
        svc.pk_tetapkan(user=person(org, Role.KASI), pk=pk, password="salah")
    assert "password" in refused.value.errors
    pk = svc.pk_tetapkan(user=person(org, Role.KASI), pk=pk, password=PASSWORD)
    assert pk.status == PerjanjianKinerja.Status.DITANDATANGANI and pk.pihak_pertama == person(org, Role.KASI)
    # A PK Perubahan of the Camat's PK: the cascading indicators support its copy.
    camat = svc.pk_tetapkan(user=person(org, Role.CAMAT), pk=camat_pk[0].sasaran.perjanjian, password=PASSWORD)
    new = svc.pk_perubahan(user=person(org, Role.KASUBBAG_PERENCANAAN), pk=camat, alasan="Refocusing")
    child.refresh_from_db()
    assert child.mendukung.sasaran.perjanjian == new


def test_the_camats_figures_and_indicator_count_ignore_the_cascading_pks(org, camat_pk):
    before = len(pengukuran.ukur_kecamatan(org.awayan.unit, 2025).indikator)
    cascading(org, Role.KASI, parent=camat_pk[0])
    cascading(org, Role.SEKRETARIS, parent=camat_pk[1], uraian="Jumlah desa didampingi")
    ukuran = pengukuran.ukur_kecamatan(org.awayan.unit, 2025)
    assert len(ukuran.indikator) == before == 2
    assert ukuran.pk.jabatan_id is None
    assert len(pengukuran.ukur_kabupaten([org.awayan.unit], 2025)[0].ukuran) == 2


def _cascade(org, n):
    """n more Camat's indicators (every other one computed by jumlah), each supported by a Kasi indicator; the
    quarter's values entered by their owners."""
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    camat = svc.current_pk(org.awayan.unit, 2025) or PerjanjianKinerja.objects.create(
        kecamatan=org.awayan.unit, tahun=2025
    )
    sasaran = camat.sasaran.first() or Sasaran.objects.create(perjanjian=camat, urutan=1, uraian="Sasaran Camat")
    jabatan = org.awayan.positions[Role.KASI]
    kasi_pk = svc.current_pk(org.awayan.unit, 2025, jabatan) or svc.pk_buat(
        user=kasubbag, kecamatan=org.awayan.unit, tahun=2025, jabatan=jabatan
    )
    kasi_sasaran = kasi_pk.sasaran.first() or Sasaran.objects.create(perjanjian=kasi_pk, urutan=1, uraian="Kasi")
    start = sasaran.indikator.count()
    for number in range(start + 1, start + n + 1):
        parent = Indikator.objects.create(
            sasaran=sasaran,
            urutan=number,
            uraian=f"Indikator {number}",
            satuan="%",
            target_tahunan=100,
            hitung_dari_pendukung="jumlah" if number % 2 else "",
        )
        child = Indikator.objects.create(
            sasaran=kasi_sasaran,
            urutan=number,
            uraian=f"Pendukung {number}",
            satuan="%",
            target_tahunan=100,
            mendukung=parent,
        )
        for ind in (parent, child):
            RencanaAksi.objects.bulk_create(
                [RencanaAksi(indikator=ind, kecamatan=org.awayan.unit, triwulan=t, target=25) for t in (1, 2, 3, 4)]
            )
        enter(org, Role.KASI, child, "20")
        if not parent.hitung_dari_pendukung:
            enter(org, Role.KASUBBAG_PERENCANAAN, parent, "20")


@pytest.mark.parametrize(
    ("path", "role"), [("kinerja:entry", Role.KASI), ("kinerja:triwulan", Role.KASUBBAG_PERENCANAAN)]
)
def test_entry_and_quarter_pages_cost_the_same_queries_for_3_and_12_cascading_indicators(org, client_for, path, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _cascade(org, 3)
    client = client_for(person(org, role))
    url = reverse(path, args=[org.awayan.unit.pk, 2025, 1])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _cascade(org, 9)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200 and "Pendukung 12" in response.content.decode() or role != Role.KASI
    assert len(large) == len(small), [q["sql"][:90] for q in large.captured_queries]


def test_the_pk_page_of_a_position_lists_its_indicators_and_the_camats_lists_the_cascade(org, camat_pk, client_for):
    child = cascading(org, Role.KASI, parent=camat_pk[0])
    client = client_for(person(org, Role.KASUBBAG_PERENCANAAN))
    page = client.get(reverse("kinerja:pk", args=[org.awayan.unit.pk, 2025])).content.decode()
    assert "PK berjenjang 2025" in page and org.awayan.positions[Role.KASI].nama in page
    url = reverse("kinerja:pk_jabatan", args=[org.awayan.unit.pk, 2025, org.awayan.positions[Role.KASI].pk])
    page = client.get(url).content.decode()
    assert child.uraian in page and f"Mendukung 1.1 {camat_pk[0].uraian}" in page
    # The Kasi sees the establish form on their own PK; the Camat does not.
    assert "Tetapkan Perjanjian Kinerja" in client_for(person(org, Role.KASI)).get(url).content.decode()
    assert "/pk/tetapkan/" not in client_for(person(org, Role.CAMAT)).get(url).content.decode()
    # Another kecamatan's position is not found under this kecamatan.
    other = reverse("kinerja:pk_jabatan", args=[org.awayan.unit.pk, 2025, org.tebing.positions[Role.KASI].pk])
    assert client.get(other).status_code == 404
    # Posting to the PK's "tetapkan" URL establishes it for the Kasi.
    response = client_for(person(org, Role.KASI)).post(url + "tetapkan/", {"password": PASSWORD})
    assert response.status_code == 302
    assert svc.current_pk(org.awayan.unit, 2025, org.awayan.positions[Role.KASI]).status == "ditandatangani"


def test_the_source_page_declares_a_computed_indicator_and_refuses_both_sources(org, camat_pk, client_for):
    cascading(org, Role.KASI, parent=camat_pk[0])
    client = client_for(person(org, Role.KASUBBAG_PERENCANAAN))
    url = reverse("kinerja:sumber_data", args=[org.awayan.unit.pk, 2025, camat_pk[0].pk])
    assert client.post(url, {"jenis": "", "hitung_dari_pendukung": "rata"}).status_code == 302
    assert Indikator.objects.get(pk=camat_pk[0].pk).hitung_dari_pendukung == "rata"
    page = client.post(url, {"jenis": "ikm", "hitung_dari_pendukung": "rata"}).content.decode()
    assert "Pilih salah satu" in page
    assert client.post(url, {"jenis": "", "hitung_dari_pendukung": ""}).status_code == 302
    assert Indikator.objects.get(pk=camat_pk[0].pk).hitung_dari_pendukung == ""


def test_demo_pendukung_reads_lazily(org, camat_pk, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert berjenjang.Pendukung([org.awayan.unit.pk], 2025).untuk(camat_pk[0]) is None


def test_the_pohon_shows_each_positions_indicators_under_the_camats_and_warns_on_broken_links(
    org, camat_pk, client_for
):
    kasi_ind = cascading(org, Role.KASI, parent=camat_pk[0])
    enter(org, Role.KASI, kasi_ind, "5")
    loose = cascading(org, Role.SEKRETARIS, parent=None, uraian="Jumlah rapat koordinasi")
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    berjenjang_services.hitung_pendukung_simpan(user=kasubbag, indikator=camat_pk[1], cara="rata")
    page = client_for(org.evaluator).get(reverse("kinerja:pohon", args=[org.awayan.unit.pk, 2025])).content.decode()
    assert f'data-simpul="pkb-{kasi_ind.pk}"' in page and "Indikator PK berjenjang" in page
    figure = selectors.ukur_berjenjang(org.awayan.unit, 2025, pengukuran.ukur_kecamatan(org.awayan.unit, 2025))[
        0
    ].sampai(1)
    assert f"Capaian TW I: {figure.capaian.teks}" in page  # 5 of 5: from the read model
    jabatan = org.awayan.positions
    assert (
        f"Indikator PK berjenjang {jabatan[Role.SEKRETARIS].nama} 1.1 ({loose.uraian}) tidak mendukung "
        "indikator PK 2025 Camat." in page
    )
    assert f"PK 2025 {jabatan[Role.SEKRETARIS].nama} tidak memiliki indikator yang mendukung" in page
    assert f"Indikator PK 1.2 ({camat_pk[1].uraian}) dihitung dari indikator pendukung, tetapi belum ada" in page
    assert f"PK 2025 {jabatan[Role.KASI].nama} tidak memiliki" not in page


def test_declaring_a_computed_indicator_passes_the_established_pks_lock_and_nothing_else_does(org, camat_pk):
    from kinerja.locks import DataTerkunci

    cascading(org, Role.KASI, parent=camat_pk[0])
    svc.pk_tetapkan(user=person(org, Role.CAMAT), pk=camat_pk[0].sasaran.perjanjian, password=PASSWORD)
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    berjenjang_services.hitung_pendukung_simpan(user=kasubbag, indikator=camat_pk[0], cara="terakhir")
    parent = Indikator.objects.get(pk=camat_pk[0].pk)
    assert parent.hitung_dari_pendukung == "terakhir"
    parent.target_tahunan = D(90)
    with pytest.raises(DataTerkunci):
        parent.save()
    # Only the PK's composers declare it; a qualitative indicator or one computed from records cannot be.
    with pytest.raises(PermissionDenied):
        berjenjang_services.hitung_pendukung_simpan(user=person(org, Role.KASI), indikator=parent, cara="")


def test_the_kasis_beranda_counts_the_indicators_of_their_own_cascading_pk(org):
    from django.utils import timezone

    from kinerja.panels import langkah_berikutnya

    year = timezone.localdate().year
    parents = make_pk(org.awayan, year, 1)
    child = cascading(org, Role.KASI, parent=parents[0], tahun=year)
    titles = [s.judul for s in langkah_berikutnya(person(org, Role.KASI))["langkah"]]
    assert f"Isi realisasi TW I {year} — 1 dari 1 indikator belum diisi" in titles
    enter(org, Role.KASI, child, "3", triwulan=1) if year == 2025 else realisasi_svc.realisasi_simpan(
        user=person(org, Role.KASI),
        quarter=tw_svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=year, triwulan=1),
        entries=[realisasi_svc.Entri(child.pk, "3")],
    )
    titles = [s.judul for s in langkah_berikutnya(person(org, Role.KASI))["langkah"]]
    assert not any(t.startswith(f"Isi realisasi TW I {year}") for t in titles)


def test_a_computed_indicator_without_supporting_ones_is_blank_in_every_reader(org, camat_pk):
    kasubbag = person(org, Role.KASUBBAG_PERENCANAAN)
    enter(org, Role.KASUBBAG_PERENCANAAN, camat_pk[0], "20")  # typed before it was declared computed
    berjenjang_services.hitung_pendukung_simpan(user=kasubbag, indikator=camat_pk[0], cara="jumlah")
    assert figures(org)[camat_pk[0].pk].triwulan(1).realisasi is None
    Triwulan.objects.filter(pk=quarter(org).pk).update(status=Triwulan.Status.DISETUJUI)
    ringkas = pengukuran.ukur_kabupaten([org.awayan.unit], 2025)[0]
    assert ringkas.ukuran[0].triwulan(1).realisasi is None


def test_the_quarter_page_shows_the_camats_pk_and_the_entry_page_adds_ones_own_cascading_pk(org, camat_pk, client_for):
    own = cascading(org, Role.SEKRETARIS, parent=camat_pk[0], uraian="Jumlah rapat koordinasi desa")
    client = client_for(person(org, Role.SEKRETARIS))
    args = [org.awayan.unit.pk, 2025, 1]
    quarter_page = client.get(reverse("kinerja:triwulan", args=args)).content.decode()
    entry_page = client.get(reverse("kinerja:entry", args=args)).content.decode()
    assert camat_pk[0].uraian in quarter_page and own.uraian not in quarter_page
    assert camat_pk[0].uraian in entry_page and own.uraian in entry_page
    assert f'id="nilai-{own.pk}"' in entry_page  # editable by its holder
