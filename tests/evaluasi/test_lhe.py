"""The LHE: rendered once, signed by the evaluator, verifiable, read back with pypdf; recommendations become
follow-ups on the owner's Tugas Saya (Beranda) and on the Camat's and evaluator's Beranda."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluasi import services
from evaluasi.models import Evaluasi, TindakLanjut
from evaluasi.services import EvaluasiError
from laporan.models import Report
from sakip.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _siap(org, evaluasi):
    services.temuan_simpan(user=org.evaluator, evaluasi=evaluasi, temuan="Manual indikator belum lengkap.")
    return services.rekomendasi_simpan(
        user=org.evaluator,
        evaluasi=evaluasi,
        rekomendasi="Agar menyusun manual indikator kinerja.",
        pemilik=org.awayan.positions[Role.KASUBBAG_PERENCANAAN],
        batas_waktu=datetime.date(2026, 6, 30),
    )


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_evaluator_signs_the_lhe_it_read_and_it_is_verifiable(org, inspektur, dinilai, signing_cert, client_for):
    assert services.alasan_belum_dapat_disusun(dinilai) == ["Temuan belum ditulis.", "Belum ada rekomendasi."]
    _siap(org, dinilai)
    with pytest.raises(EvaluasiError, match="belum disusun"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    naskah = services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    text = _text(bytes(naskah.pdf))
    # A letter of the Inspektorat to the Camat, in the name of the Inspektur (not the auditor who composed it).
    assert "PEMERINTAH KABUPATEN BALANGAN" in text and "INSPEKTORAT" in text
    assert "Laporan Hasil Evaluasi atas Implementasi SAKIP Kecamatan Awayan Tahun 2025" in text
    assert "Yth. Camat Awayan" in text and "INSPEKTUR KABUPATEN BALANGAN" in text and "Inspektur Uji" in text
    assert org.evaluator.nama not in text
    assert "Agar menyusun manual indikator kinerja." in text
    with pytest.raises(EvaluasiError, match="Kata sandi"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password="salah")
    document = services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    dinilai.refresh_from_db()
    assert dinilai.status == Evaluasi.Status.DITANDATANGANI
    assert dinilai.laporan.kind == Report.Kind.LHE and dinilai.laporan.status == "ditandatangani"
    # Keberadaan Y (20), the rest B (0,75) except the Y/T criteria 1.b.1-2: the result kept with the evaluation.
    assert dinilai.hasil["predikat"] == "A" and dinilai.hasil["total"] == "80.43"
    signed = bytes(document.pdf)
    assert signed.startswith(bytes(naskah.pdf)[:1000])  # the bytes read are the bytes signed
    reader = PdfReader(io.BytesIO(signed))
    assert "/Sig" in str(reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()["/FT"])
    assert "80,43" in _text(signed)  # printed the Indonesian way
    assert TindakLanjut.objects.get().status == TindakLanjut.Status.TERBUKA
    page = client_for(org.person("awayan", Role.CAMAT)).get(reverse("evaluasi:lhe_pdf", args=[dinilai.pk]))
    assert page.status_code == 200 and page.content == signed
    verify = client_for(org.person("awayan", Role.CAMAT)).get(
        reverse("laporan:verifikasi", args=[document.kode_verifikasi])
    )
    assert "Laporan Hasil Evaluasi AKIP" in verify.content.decode()


def test_a_change_after_rendering_removes_the_naskah(org, inspektur, dinilai, signing_cert):
    _siap(org, dinilai)
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    services.temuan_simpan(user=org.evaluator, evaluasi=dinilai, temuan="Temuan diubah.")
    with pytest.raises(EvaluasiError, match="belum disusun"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)


def test_the_lhe_is_not_among_the_kecamatan_reports_and_cannot_be_made_there(
    org, inspektur, dinilai, signing_cert, client_for
):
    _siap(org, dinilai)
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    html = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(reverse("laporan:index")).content.decode()
    assert "Laporan Hasil Evaluasi AKIP Tahun 2025" not in html
    from laporan.services import LaporanError, buat_laporan

    with pytest.raises(LaporanError):
        buat_laporan(
            user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), kecamatan=org.awayan.unit, kind="lhe", tahun=2026
        )


def test_follow_up_shows_in_the_owner_tugas_saya_and_on_the_camat_and_evaluator_beranda(
    org, inspektur, dinilai, signing_cert, client_for
):
    item = _siap(org, dinilai)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    assert "Tugas Saya: tindak lanjut" not in client_for(kasubbag).get(reverse("beranda")).content.decode()
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    html = client_for(kasubbag).get(reverse("beranda")).content.decode()
    assert "Tugas Saya: tindak lanjut rekomendasi evaluasi" in html and f'data-tindak-lanjut="{item.pk}"' in html
    inbox = client_for(kasubbag).get(reverse("workflow:inbox")).content.decode()
    assert f'data-tugas-tindak-lanjut="{item.pk}"' in inbox  # in the Tugas Saya page itself
    other = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).get(reverse("workflow:inbox"))
    assert "data-tugas-tindak-lanjut" not in other.content.decode()
    for person in (org.person("awayan", Role.CAMAT), org.evaluator):
        html = client_for(person).get(reverse("beranda")).content.decode()
        assert f'data-tl-kecamatan="{org.awayan.unit.pk}"' in html
    assert (
        "data-tl-kecamatan" not in client_for(org.person("tebing", Role.CAMAT)).get(reverse("beranda")).content.decode()
    )
    # The owner records it done; another kecamatan cannot even see it; a Pelaksana may not change it.
    url = reverse("evaluasi:tindak_lanjut", args=[item.pk])
    assert client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).get(url).status_code == 404
    assert (
        client_for(org.person("awayan", Role.PELAKSANA)).post(url, {"catatan": "x", "selesai": "on"}).status_code == 403
    )
    response = client_for(kasubbag).post(url, {"catatan": "Manual indikator ditetapkan.", "selesai": "on"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == TindakLanjut.Status.SELESAI and item.diselesaikan_oleh == kasubbag
    assert "Tugas Saya: tindak lanjut" not in client_for(kasubbag).get(reverse("beranda")).content.decode()
    assert "data-tugas-tindak-lanjut" not in client_for(kasubbag).get(reverse("workflow:inbox")).content.decode()


def test_an_answer_changed_after_it_was_scored_blocks_the_lhe_until_scored_again(org, inspektur, dinilai, signing_cert):
    """Issue 25: the LHE could be signed after the kecamatan changed a returned answer to "Tidak" while the
    evaluator's score stayed "Ya"."""
    from evaluasi.models import Jawaban

    _siap(org, dinilai)
    naskah = services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    assert naskah.pk
    row = Jawaban.objects.filter(evaluasi=dinilai, kriteria__jenis_jawaban="YT").select_related("kriteria__sub").first()
    services.jawaban_kembalikan(user=org.evaluator, jawaban=row, alasan="Bukti SK tidak dilampirkan.")
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    services.jawaban_mandiri_simpan(user=kasubbag, evaluasi=dinilai, isian={row.pk: {"jawaban": "T", "catatan": ""}})
    row.refresh_from_db()
    dinilai.refresh_from_db()
    assert row.diubah_setelah_dinilai and row.evaluator == "Y"
    reasons = services.alasan_belum_dapat_disusun(dinilai)
    assert any(
        "diubah kecamatan setelah dinilai" in r and f"{row.kriteria.sub.kode}.{row.kriteria.nomor}" in r
        for r in reasons
    )
    with pytest.raises(EvaluasiError):  # the rendered LHE was discarded, and a new one cannot be made yet
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    with pytest.raises(EvaluasiError, match="diubah kecamatan setelah dinilai"):
        services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    # The evaluator scores the changed answer again (here: agreeing with "Tidak"); then the LHE goes.
    services.jawaban_evaluator_simpan(
        user=org.evaluator, evaluasi=dinilai, isian={row.pk: {"jawaban": "T", "catatan": ""}}
    )
    assert services.alasan_belum_dapat_disusun(dinilai) == []
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)


def test_the_auditor_composes_and_only_the_inspektur_signs_with_the_letter_typed_before(
    org, inspektur, dinilai, signing_cert, client_for
):
    _siap(org, dinilai)
    page = client_for(org.evaluator).post(
        reverse("evaluasi:hasil_surat", args=[dinilai.pk]),
        {
            "nomor": "700/123/ITDA/2026",
            "sifat": "Penting",
            "lampiran": "1 (satu) berkas",
            "tembusan": "Bupati Balangan\nSekretaris Daerah Kabupaten Balangan",
        },
    )
    assert page.status_code == 302
    naskah = services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    assert naskah.disusun_oleh == org.evaluator and naskah.penandatangan == inspektur
    text = _text(bytes(naskah.pdf))
    for expected in (
        "700/123/ITDA/2026",
        "Penting",
        "1 (satu) berkas",
        "Tembusan",
        "Bupati Balangan;",
        "Sekretaris Daerah Kabupaten Balangan;",
        "Arsip.",
    ):
        assert expected in text
    # The auditor who composed it may not sign: only the Inspektur.
    with pytest.raises(EvaluasiError, match="hanya dapat ditandatangani oleh Inspektur Kabupaten Balangan"):
        services.lhe_tandatangani(user=org.evaluator, evaluasi=dinilai, password=PASSWORD)
    # Changing the letter's head discards the rendered naskah.
    services.lhe_surat_simpan(
        user=org.evaluator, evaluasi=dinilai, nomor="700/124/ITDA/2026", sifat="Biasa", lampiran="", tembusan=""
    )
    with pytest.raises(EvaluasiError, match="belum disusun"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    # The Inspektur who composed it personally may not sign it either (separation of duties).
    services.lhe_susun(user=inspektur, evaluasi=dinilai)
    with pytest.raises(EvaluasiError, match="pemisahan tugas"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
    document = services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    assert document.penandatangan == inspektur
    assert document.jabatan_penandatangan == "INSPEKTUR KABUPATEN BALANGAN"


def test_a_plt_inspektur_signs_under_the_acting_title_and_without_an_inspektur_nobody_signs(
    org, inspektur, dinilai, signing_cert
):
    from sakip.models import Delegation, Position
    from tests.factories import make_delegation

    _siap(org, dinilai)
    position = Position.objects.get(inspektur=True)
    today = timezone.localdate()  # the office's day (Asia/Makassar), as the app reads delegations
    make_delegation(
        position,
        org.evaluator,
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=5),
        jenis=Delegation.Kind.PLT,
    )
    second = Position.objects.create(unit=org.kabupaten, nama="Auditor Kedua", role=Role.EVALUATOR)
    from tests.factories import make_person

    auditor = make_person("auditor.kedua", second)
    services.lhe_susun(user=auditor, evaluasi=dinilai)
    with pytest.raises(EvaluasiError, match="disusun atas nama penanda tangan lain"):
        services.lhe_tandatangani(user=inspektur, evaluasi=dinilai, password=PASSWORD)
    plt = type(org.evaluator).objects.get(pk=org.evaluator.pk)  # a new request: holdings read afresh
    document = services.lhe_tandatangani(user=plt, evaluasi=dinilai, password=PASSWORD)
    assert document.jabatan_penandatangan == "Plt. INSPEKTUR KABUPATEN BALANGAN"


def test_without_an_inspektur_position_the_lhe_is_not_composed(org, inspektur, dinilai, signing_cert):
    from sakip.models import Position

    _siap(org, dinilai)
    Position.objects.filter(inspektur=True).update(inspektur=False)
    with pytest.raises(EvaluasiError, match="Jabatan Inspektur Kabupaten Balangan belum ditetapkan"):
        services.lhe_susun(user=org.evaluator, evaluasi=dinilai)
