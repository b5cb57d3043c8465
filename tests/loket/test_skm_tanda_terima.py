"""Counts nobody can stuff (issue 29): an SKM answer counts in the IKM only with the receipt of a finished
request of that same service, once; answers without one are kept apart ("tanpa tanda terima") and left out
unless the kabupaten chooses otherwise; the IKM page and the SKM report say how many were left out."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from layanan import selectors as layanan_selectors
from layanan import services as layanan_services
from layanan.models import ResponSkm
from loket import services
from sakip.errors import Penolakan
from sakip.roles import Role
from workflow import services as workflow_services
from workflow.models import Task

KTP = "Pelayanan KTP Elektronik"


@pytest.fixture
def skm(kota, db):
    people = kota["people"]
    ktp = layanan_services.layanan_tambah(user=people[Role.CAMAT], kecamatan=kota["kec"].unit, nama=KTP)
    kk = layanan_services.layanan_tambah(user=people[Role.CAMAT], kecamatan=kota["kec"].unit, nama="Pelayanan KK")
    services.survei_tautkan(user=people[Role.CAMAT], sop=kota["revision"].sop, layanan=ktp)
    return {"ktp": ktp, "kk": kk, "people": people, "kec": kota["kec"].unit, "kota": kota}


def daftar(skm, *, selesai: bool):
    permohonan = services.permohonan_daftar(
        user=skm["people"][Role.PELAKSANA], revision=skm["kota"]["revision"], nama_pemohon="Teuku Umar"
    )
    run = permohonan.run
    while selesai and (task := run.tasks.filter(status=Task.Status.AKTIF).first()) is not None:
        workflow_services.task_complete(user=skm["people"][task.peran_pencatat or task.role], task=task)
    return permohonan


def jawab(layanan, nilai: int, kode: str = ""):
    return layanan_services.respon_simpan(
        layanan=layanan, jawaban={i: nilai for i in range(1, 10)}, kode_tanda_terima=kode
    )


def ikm_of(skm, layanan):
    now = ResponSkm.objects.values_list("tahun", "triwulan").first()
    baris, _ = layanan_selectors.hasil_triwulan(skm["people"][Role.CAMAT], skm["kec"], tahun=now[0], triwulan=now[1])
    return next(b for b in baris if b.layanan == layanan)


def test_a_finished_requests_receipt_counts_once(skm):
    permohonan = daftar(skm, selesai=True)
    respon = jawab(skm["ktp"], 4, permohonan.kode_cetak)
    assert respon.tanda_terima_sah
    with pytest.raises(Penolakan, match="sudah dipakai"):
        jawab(skm["ktp"], 1, permohonan.kode)
    assert ResponSkm.objects.count() == 1


@pytest.mark.parametrize("kasus", ["made_up", "other_service", "unfinished"])
def test_a_code_that_proves_nothing_is_refused_naming_the_field(skm, kasus):
    if kasus == "made_up":
        layanan, kode = skm["ktp"], "ZZZZZ-99999"
    elif kasus == "other_service":
        layanan, kode = skm["kk"], daftar(skm, selesai=True).kode
    else:
        layanan, kode = skm["ktp"], daftar(skm, selesai=False).kode
    with pytest.raises(Penolakan) as refused:
        jawab(layanan, 1, kode)
    assert "kode_tanda_terima" in refused.value.errors
    assert not ResponSkm.objects.exists()


def test_stuffed_answers_without_a_receipt_do_not_move_the_ikm(skm):
    permohonan = daftar(skm, selesai=True)
    jawab(skm["ktp"], 4, permohonan.kode)
    for _ in range(43):  # the attack of the report: 43 answers of 1 from one address
        jawab(skm["ktp"], 1)
    row = ikm_of(skm, skm["ktp"])
    assert (row.hasil.responden, row.tidak_dihitung) == (1, 43)
    assert row.hasil.ikm == Decimal("100.00")
    # The computed IKM indicator and the SKM report read the same GROUP BY (layanan.selectors.jumlah_jawaban).
    counted = layanan_selectors.jumlah_jawaban(ResponSkm.objects.filter(layanan=skm["ktp"]))
    assert [n for n, _ in counted.values()] == [1]


def test_the_kabupaten_may_count_answers_without_a_receipt(skm):
    jawab(skm["ktp"], 1)
    assert ikm_of(skm, skm["ktp"]).hasil.responden == 0
    kabupaten = skm["kec"].kabupaten
    kabupaten.skm_hitung_tanpa_tanda_terima = True
    kabupaten.save()
    assert ikm_of(skm, skm["ktp"]).hasil.responden == 1


def test_the_ikm_page_says_how_many_answers_were_left_out(skm):
    jawab(skm["ktp"], 1)
    jawab(skm["ktp"], 2)
    tahun, triwulan = ResponSkm.objects.values_list("tahun", "triwulan").first()
    client = Client()
    client.force_login(skm["people"][Role.CAMAT])
    html = client.get(reverse("layanan:hasil", args=[skm["kec"].pk, tahun, triwulan])).content.decode()
    assert 'data-tanpa-tanda-terima="2"' in html and "tidak dihitung dalam IKM" in html
