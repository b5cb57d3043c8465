"""The AKIP evaluation's handoffs (notifikasi/receivers.py SERAH_EVALUASI) and the PK Perubahan's, one test
per row: the step is done through the service, the next party is told with a link to its page, and what the
earlier step asked is closed (issue 26: "the evaluator is not told a self-assessment was submitted; the
kecamatan is not told the evaluation opened, an answer was returned, or the LHE was signed; the Camat is not
told a PK Perubahan waits")."""

import datetime

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import Jawaban
from kinerja.services import perencanaan
from notifikasi.models import Notifikasi
from notifikasi.receivers import SERAH_EVALUASI
from sakip.roles import Role
from tests.evaluasi.conftest import isi_semua
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk

pytestmark = pytest.mark.django_db
J = Notifikasi.Jenis


def _told(jenis, halaman, evaluasi) -> dict[str, Notifikasi]:
    rows = Notifikasi.objects.filter(jenis=jenis, tautan=reverse(halaman, args=[evaluasi.pk])).select_related(
        "penerima"
    )
    return {n.penerima.username: n for n in rows}


def _open(jenis) -> int:
    return Notifikasi.objects.filter(jenis=jenis, selesai_pada__isnull=True).count()


def test_every_row_leads_to_an_evaluation_page():
    for nama, serah in SERAH_EVALUASI.items():
        assert serah.halaman.startswith("evaluasi:"), nama
        assert all(halaman.startswith("evaluasi:") for halaman, _ in serah.selesai), nama


def _kecamatan(org) -> set[str]:
    return {org.person("awayan", r).username for r in (Role.KASUBBAG_PERENCANAAN, Role.SEKRETARIS, Role.CAMAT)}


def test_opening_tells_the_kecamatan(org, evaluasi):
    told = _told(J.EVALUASI_DIBUKA, "evaluasi:mandiri", evaluasi)
    assert set(told) == _kecamatan(org)
    assert "Isi penilaian mandiri" in told[org.person("awayan", Role.CAMAT).username].isi


def test_submitting_tells_the_inspektorat_and_closes_the_opening(org, evaluasi, inspektur):
    isi_semua(evaluasi, user=org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    services.mandiri_ajukan(user=org.person("awayan", Role.CAMAT), evaluasi=evaluasi)
    told = _told(J.EVALUASI_DIAJUKAN, "evaluasi:penilaian", evaluasi)
    assert set(told) == {org.evaluator.username, inspektur.username}
    assert _open(J.EVALUASI_DIBUKA) == 0


def test_a_returned_answer_is_told_and_answering_it_tells_the_evaluator_and_closes_it(org, dinilai):
    row = Jawaban.objects.filter(evaluasi=dinilai, kriteria__jenis_jawaban="YT").select_related("kriteria__sub").first()
    services.jawaban_kembalikan(user=org.evaluator, jawaban=row, alasan="Bukti rapat tidak terbaca")
    kode = f"{row.kriteria.sub.kode}.{row.kriteria.nomor}"
    told = _told(J.JAWABAN_DIKEMBALIKAN, "evaluasi:mandiri", dinilai)
    assert set(told) == _kecamatan(org)
    isi = told[org.person("awayan", Role.KASUBBAG_PERENCANAAN).username].isi
    assert kode in isi and "Bukti rapat tidak terbaca" in isi

    services.jawaban_mandiri_simpan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        evaluasi=dinilai,
        isian={row.pk: {"jawaban": "Y", "catatan": "Dipindai ulang"}},
    )
    assert org.evaluator.username in _told(J.JAWABAN_DIJAWAB, "evaluasi:penilaian", dinilai)
    assert _open(J.JAWABAN_DIKEMBALIKAN) == 0  # no returned answer left


def test_the_signed_lhe_tells_the_kecamatan_and_closes_the_inspektorats_requests(org, dinilai, inspektur, signing_cert):
    services.temuan_simpan(user=org.evaluator, evaluasi=dinilai, temuan="Manual IKU belum ada.")
    services.rekomendasi_simpan(
        user=org.evaluator,
        evaluasi=dinilai,
        rekomendasi="Agar menyusun manual indikator kinerja.",
        pemilik=org.awayan.positions[Role.KASUBBAG_PERENCANAAN],
        batas_waktu=datetime.date(2026, 6, 30),
    )
    assert _open(J.EVALUASI_DIAJUKAN) == 2  # the auditor and the Inspektur
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    assert set(_told(J.LHE_DITANDATANGANI, "evaluasi:hasil", dinilai)) == _kecamatan(org)
    assert _open(J.EVALUASI_DIAJUKAN) == 0


def test_a_pk_perubahan_waits_for_the_camat_until_established(org):
    pk = make_pk(org.awayan, 2025, 1)[0].sasaran.perjanjian
    kasubbag, camat = org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.person("awayan", Role.CAMAT)
    perencanaan.pk_tetapkan(user=camat, pk=pk, password=PASSWORD)
    baru = perencanaan.pk_perubahan(user=kasubbag, pk=pk, alasan="Refocusing anggaran")
    tautan = reverse("kinerja:pk", args=[org.awayan.unit.pk, 2025])
    told = Notifikasi.objects.get(jenis=J.PK_PERUBAHAN)
    assert (told.penerima, told.tautan) == (camat, tautan) and "Refocusing anggaran" in told.isi
    perencanaan.pk_tetapkan(user=camat, pk=baru, password=PASSWORD)
    assert _open(J.PK_PERUBAHAN) == 0
