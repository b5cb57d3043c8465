"""The AKIP evaluation in a real browser: the kecamatan answers its self-assessment and submits it, the
evaluator scores, returns one answer, the kecamatan answers it again, the evaluator signs the LHE, and the
recommendation appears in the Kasubbag Perencanaan's Tugas Saya (the page and Beranda)."""

import datetime

from playwright.sync_api import expect

from evaluasi import kriteria, services
from evaluasi.models import Evaluasi, Jawaban
from laporan import signing
from sakip.models import Position
from sakip.roles import Role
from tests.factories import PASSWORD, make_person


def _isi(evaluasi, user, versi, skip):
    rows = Jawaban.objects.filter(evaluasi=evaluasi).exclude(pk=skip.pk).select_related("kriteria")
    isian = {j.pk: {"jawaban": "Y" if j.kriteria.jenis_jawaban == "YT" else "B"} for j in rows}
    if versi == "mandiri":
        services.jawaban_mandiri_simpan(user=user, evaluasi=evaluasi, isian=isian)
    else:
        services.jawaban_evaluator_simpan(user=user, evaluasi=evaluasi, isian=isian)


def test_self_assessment_scoring_return_and_signed_lhe_reach_the_kasubbag(
    live_server, page_for, org, screenshot, tmp_path, monkeypatch
):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(common_name="Inspektorat", organization="Balangan", key_file=key, cert_file=cert)
    services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas())
    evaluasi = services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)
    jabatan_inspektur = Position.objects.create(
        unit=org.kabupaten, nama="Inspektur Kabupaten Balangan", role=Role.EVALUATOR, inspektur=True
    )
    inspektur_orang = make_person("inspektur.balangan", jabatan_inspektur)
    first = Jawaban.objects.get(evaluasi=evaluasi, kriteria__sub__kode="1.a", kriteria__nomor=1)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    _isi(evaluasi, kasubbag, "mandiri", first)  # the other 79 criteria, to keep the journey short

    page = page_for(kasubbag)
    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/?komponen=1")
    page.get_by_label("Jawaban kriteria 1.a.1").select_option("Y")
    page.get_by_label("Catatan kriteria 1.a.1").fill("Peraturan Bupati tentang pedoman SAKIP.")
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Penilaian mandiri disimpan")).to_be_visible()
    page.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(page.get_by_text("Penilaian mandiri diajukan")).to_be_visible()
    screenshot(page, "evaluasi-mandiri")

    evaluator = page_for(org.evaluator)
    _isi(evaluasi, org.evaluator, "evaluator", first)
    evaluator.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/penilaian/?komponen=1")
    evaluator.get_by_label("Penilaian evaluator kriteria 1.a.1").select_option("Y")
    evaluator.get_by_role("button", name="Simpan penilaian").click()
    expect(evaluator.get_by_text("Penilaian disimpan")).to_be_visible()
    evaluator.get_by_label("Alasan mengembalikan kriteria 1.a.1").fill("Lampirkan salinan Peraturan Bupati.")
    evaluator.locator('tr[data-kriteria="1.a.1"]').get_by_role("button", name="Kembalikan").click()
    expect(evaluator.get_by_text("Jawaban dikembalikan")).to_be_visible()
    screenshot(evaluator, "evaluasi-penilaian")

    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/?komponen=1")
    expect(page.get_by_text("Lampirkan salinan Peraturan Bupati.")).to_be_visible()
    page.get_by_label("Tautan bukti kriteria 1.a.1").fill("https://jdih.balangankab.go.id/perbup-sakip.pdf")
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Penilaian mandiri disimpan")).to_be_visible()

    # The answer changed after it was scored: marked for the evaluator, who scores it again (issue 25).
    evaluator.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/penilaian/?komponen=1")
    expect(evaluator.locator('tr[data-kriteria="1.a.1"] [data-diubah-setelah-dinilai]')).to_be_visible()
    evaluator.get_by_label("Penilaian evaluator kriteria 1.a.1").select_option("Y")
    evaluator.get_by_role("button", name="Simpan penilaian").click()
    expect(evaluator.get_by_text("Penilaian disimpan")).to_be_visible()
    evaluator.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/hasil/")
    evaluator.get_by_role("textbox", name="Temuan").fill("Manual indikator kinerja belum lengkap.")
    evaluator.get_by_role("button", name="Simpan temuan").click()
    evaluator.get_by_role("textbox", name="Rekomendasi", exact=True).fill("Agar menyusun manual indikator kinerja.")
    evaluator.get_by_label("Penanggung jawab").select_option(label=org.awayan.positions[Role.KASUBBAG_PERENCANAAN].nama)
    evaluator.get_by_label("Batas waktu").fill(datetime.date(2026, 6, 30).isoformat())
    evaluator.get_by_role("button", name="Tambah rekomendasi").click()
    expect(evaluator.get_by_text("Rekomendasi disimpan")).to_be_visible()
    # The LHE is a letter of the Inspektorat: the auditor types its head and composes it, the Inspektur signs.
    evaluator.get_by_label("Nomor surat").fill("700/101/ITDA/2026")
    evaluator.get_by_label("Tembusan (satu per baris)").fill("Bupati Balangan\nSekretaris Daerah")
    evaluator.get_by_role("button", name="Simpan kepala surat").click()
    expect(evaluator.get_by_text("Kepala surat LHE disimpan")).to_be_visible()
    evaluator.get_by_role("button", name="Susun naskah LHE").click()
    expect(evaluator.get_by_text("Naskah LHE disusun")).to_be_visible()
    evaluator.get_by_label("Kata sandi Anda").fill(PASSWORD)
    evaluator.get_by_role("button", name="Tandatangani LHE").click()
    expect(evaluator.get_by_text("LHE hanya dapat ditandatangani oleh Inspektur Kabupaten Balangan")).to_be_visible()
    inspektur = page_for(inspektur_orang)
    inspektur.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/hasil/")
    inspektur.get_by_label("Kata sandi Anda").fill(PASSWORD)
    inspektur.get_by_role("button", name="Tandatangani LHE").click()
    expect(inspektur.get_by_text("LHE ditandatangani.")).to_be_visible()
    expect(inspektur.locator("[data-predikat]")).to_have_text("A")
    screenshot(inspektur, "evaluasi-hasil")
    assert Evaluasi.objects.get().status == Evaluasi.Status.DITANDATANGANI

    page.goto(f"{live_server.url}/beranda/")
    expect(page.get_by_text("Tugas Saya: tindak lanjut rekomendasi evaluasi")).to_be_visible()
    expect(page.get_by_role("link", name="Agar menyusun manual indikator kinerja.")).to_be_visible()
    screenshot(page, "evaluasi-tugas-saya")
    # And in the Tugas Saya page itself, beside the SOP steps.
    page.get_by_role("link", name="Tugas", exact=True).first.click()
    expect(page.get_by_role("heading", name="Tindak lanjut rekomendasi evaluasi")).to_be_visible()
    expect(page.get_by_role("link", name="Agar menyusun manual indikator kinerja.")).to_be_visible()
