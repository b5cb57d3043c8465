"""The pohon kinerja page: RPJMD sasaran → sasaran strategis → Renstra/IKU indicators → PK indicators, figures
from the one read model, broken links listed, a constant number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import pengukuran
from kinerja.models import Indikator, Realisasi, RencanaAksi
from kinerja.services import perencanaan
from renstra import services as renstra_services
from sakip.roles import Role
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def _pk_from_renstra(kec, tahun=2026):
    pk = perencanaan.pk_buat(
        user=kec.people[Role.KASUBBAG_PERENCANAAN], kecamatan=kec.unit, tahun=tahun, dari_renstra=True
    )
    for ind in Indikator.objects.filter(sasaran__perjanjian=pk):
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(indikator=ind, triwulan=tw, target=ind.target_tahunan / 4)
    return pk


def test_the_tree_shows_each_link_with_the_read_models_capaian_and_lists_broken_links(org, client_for):
    kec = org.awayan
    renstra = make_renstra(kec, make_rpjmd(org), sasaran=2, indikator=1, establish=True)
    pk = _pk_from_renstra(kec)
    linked = Indikator.objects.filter(sasaran__perjanjian=pk).order_by("sasaran__urutan").first()
    Realisasi.objects.create(indikator=linked, triwulan=1, nilai=Decimal("20.25"))
    # A PK indicator typed by hand, linked to nothing.
    perencanaan.indikator_simpan(
        user=kec.people[Role.KASUBBAG_PERENCANAAN],
        sasaran=linked.sasaran,
        data={"uraian": "Jumlah inovasi pelayanan", "satuan": "inovasi", "target_tahunan": Decimal(2)},
    )
    page = client_for(org.evaluator).get(reverse("kinerja:pohon", args=[kec.unit.pk, 2026])).content.decode()
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    expected = pengukuran.ukur_kecamatan(kec.unit, 2026).indikator[0].sampai(1).capaian
    assert expected.ok and f"Capaian TW I: {expected.teks} ({expected.predikat})" in page
    for key in ("rpjmd-", "ss-", "ir-", f"pk-{linked.pk}"):
        assert f'data-simpul="{key}' in page
    assert "Indikator PK 1.2 (Jumlah inovasi pelayanan) tidak tertaut ke indikator Renstra." in page
    assert renstra.status == "ditetapkan"


def test_a_sasaran_without_indicator_and_an_unused_renstra_indicator_are_warnings(org, client_for):
    kec = org.awayan
    rpjmd = make_rpjmd(org)
    renstra = make_renstra(kec, rpjmd, sasaran=2, indikator=1)
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    renstra_services.sasaran_simpan(
        user=kasubbag,
        renstra=renstra,
        tujuan=renstra.tujuan.get(),
        sasaran_rpjmd=rpjmd.sasaran.first(),
        uraian="Kosong",
    )
    perencanaan.pk_buat(user=kasubbag, kecamatan=kec.unit, tahun=2026)  # an empty PK: nothing carries the Renstra
    page = client_for(kec.people[Role.CAMAT]).get(reverse("kinerja:pohon", args=[kec.unit.pk, 2026])).content.decode()
    assert "Sasaran strategis 3 (Kosong) belum memiliki indikator." in page
    assert "Indikator Renstra 1.1 (Persentase layanan tepat waktu 1.1) tidak memiliki indikator PK 2026" in page


def test_without_renstra_the_page_says_where_the_tree_starts(org, client_for):
    page = client_for(org.awayan.people[Role.CAMAT]).get(reverse("kinerja:pohon", args=[org.awayan.unit.pk, 2026]))
    assert page.status_code == 200
    assert "Belum ada Renstra yang mencakup tahun 2026" in page.content.decode()


def test_the_page_costs_the_same_queries_for_10_and_100_nodes_with_the_cascading_pks(org, client_for):
    rpjmd = make_rpjmd(org)
    make_renstra(org.awayan, rpjmd, sasaran=2, indikator=1, establish=True)
    make_renstra(org.tebing, rpjmd, sasaran=8, indikator=6, establish=True)
    counts = {}
    for kec in (org.awayan, org.tebing):
        pk = _pk_from_renstra(kec)
        _berjenjang(kec, pk, limit=1 if kec is org.awayan else None)
        client = client_for(kec.people[Role.CAMAT])
        url = reverse("kinerja:pohon", args=[kec.unit.pk, 2026])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        nodes = int(page.split('data-jumlah-simpul="')[1].split('"')[0])
        counts[nodes] = len(ctx)
    small, large = sorted(counts)
    assert small <= 10 and large >= 100
    assert counts[small] == counts[large]


def _berjenjang(kec, camat_pk, *, limit=None):
    """PK berjenjang: the Kasi's cascading PK with one indicator supporting each of the Camat's (the first
    `limit`), every other parent computed from it, with a realisation in TW I (issue 14)."""
    kasubbag = kec.people[Role.KASUBBAG_PERENCANAAN]
    pk = perencanaan.pk_buat(user=kasubbag, kecamatan=kec.unit, tahun=2026, jabatan=kec.positions[Role.KASI])
    sasaran = perencanaan.sasaran_simpan(user=kasubbag, pk=pk, uraian="Sasaran Kepala Seksi")
    parents = list(Indikator.objects.filter(sasaran__perjanjian=camat_pk).order_by("sasaran__urutan", "urutan"))
    for number, parent in enumerate(parents[:limit], start=1):
        child = Indikator.objects.create(
            sasaran=sasaran,
            urutan=number,
            uraian=f"Pendukung {number}",
            satuan="%",
            target_tahunan=100,
            mendukung=parent,
        )
        RencanaAksi.objects.create(indikator=child, triwulan=1, target=25)
        Realisasi.objects.create(indikator=child, triwulan=1, nilai=20)
        if number % 2:
            Indikator.objects.filter(pk=parent.pk).update(hitung_dari_pendukung="jumlah")


def _simpul(page: str, key: str) -> str:
    start = page.index(f'data-simpul="{key}')
    return page[start : page.index("</g>", start)]


def test_a_sasaran_node_carries_the_sasaran_capaian_of_the_indicators_under_it(org, client_for):
    kec = org.awayan
    renstra = make_renstra(kec, make_rpjmd(org), sasaran=1, indikator=2, establish=True)
    pk = _pk_from_renstra(kec)
    first, second = Indikator.objects.filter(sasaran__perjanjian=pk).order_by("urutan")
    Realisasi.objects.create(indikator=first, triwulan=1, nilai=first.target_tahunan / 4)  # 100 %
    Realisasi.objects.create(indikator=second, triwulan=1, nilai=second.target_tahunan / 8)  # 50 %
    ukur = pengukuran.ukur_kecamatan(kec.unit, 2026)
    expected = pengukuran.rata_sasaran((i.sampai(1).capaian for i in ukur.indikator), ukur.bands)
    assert expected.ok and expected.nilai == Decimal("75.00")
    page = client_for(org.evaluator).get(reverse("kinerja:pohon", args=[kec.unit.pk, 2026])).content.decode()
    sasaran = renstra.sasaran.get()
    node = _simpul(page, f"ss-{sasaran.pk}")
    assert f"Capaian TW I: {expected.teks} ({expected.predikat})" in node
    assert f"Capaian TW I: {expected.teks}" in _simpul(page, f"rpjmd-{sasaran.sasaran_rpjmd_id}")
