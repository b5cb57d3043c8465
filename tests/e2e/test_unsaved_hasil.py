"""No lost words on the evaluation's result page (issue 26): a Temuan the evaluator typed but did not save
survives every other action of the page (adding and deleting a recommendation, the letter's head, composing
the LHE, a refused signature), restored by static/js/unsaved.js and marked "Draf belum disimpan"."""

import datetime

import pytest
from playwright.sync_api import expect

from evaluasi import kriteria, services
from evaluasi.models import Evaluasi, Jawaban
from sakip.models import Position
from sakip.roles import Role
from tests.factories import PASSWORD, make_person

PHONE = {"width": 390, "height": 844}
DRAF = "Draf belum disimpan"
SAVED = "Temuan awal: manual indikator kinerja belum lengkap."
TYPED = "Renstra belum memuat indikator sasaran yang terukur; cascading kinerja berhenti di tingkat Sekretaris."


@pytest.fixture
def evaluasi(org):
    """The evaluation of Awayan 2025 scored by the evaluator, with a saved Temuan and one recommendation."""
    services.kriteria_set_muat(user=org.admin, kabupaten=org.kabupaten, tahun=2025, data=kriteria.baca_berkas())
    inspektur = Position.objects.create(
        unit=org.kabupaten, nama="Inspektur Kabupaten Balangan", role=Role.EVALUATOR, inspektur=True
    )
    make_person("inspektur.balangan", inspektur)  # the LHE's signer; the evaluator composes it
    evaluasi = services.evaluasi_buka(user=org.evaluator, kecamatan=org.awayan.unit, tahun=2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    rows = list(Jawaban.objects.filter(evaluasi=evaluasi).select_related("kriteria"))
    isian = {j.pk: {"jawaban": "Y" if j.kriteria.jenis_jawaban == "YT" else "B"} for j in rows}
    services.jawaban_mandiri_simpan(user=kasubbag, evaluasi=evaluasi, isian=isian)
    services.mandiri_ajukan(user=kasubbag, evaluasi=evaluasi)
    services.jawaban_evaluator_simpan(user=org.evaluator, evaluasi=evaluasi, isian=isian)
    services.temuan_simpan(user=org.evaluator, evaluasi=evaluasi, temuan=SAVED)
    services.rekomendasi_simpan(
        user=org.evaluator,
        evaluasi=evaluasi,
        rekomendasi="Agar menyusun manual indikator kinerja.",
        pemilik=org.awayan.positions[Role.KASUBBAG_PERENCANAAN],
        batas_waktu=datetime.date(2026, 6, 30),
    )
    return Evaluasi.objects.get(pk=evaluasi.pk)


def test_a_typed_temuan_survives_every_other_action_of_the_result_page(
    live_server, page_for, org, evaluasi, screenshot
):
    page = page_for(org.evaluator)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/hasil/")
    temuan = page.get_by_role("textbox", name="Temuan")
    temuan_form = page.locator("form", has=temuan)
    temuan.fill(TYPED)

    def send(button, done):
        with page.expect_navigation():
            button.click()
        expect(page.get_by_text(done).first).to_be_visible()
        # The Temuan still holds what was typed, marked as not saved; nothing of it reached the server.
        expect(temuan).to_have_value(TYPED)
        expect(temuan_form.get_by_text(DRAF)).to_be_visible()
        assert Evaluasi.objects.get(pk=evaluasi.pk).temuan == SAVED

    page.get_by_role("textbox", name="Rekomendasi", exact=True).fill("Agar menetapkan indikator sasaran Renstra.")
    page.get_by_label("Penanggung jawab").select_option(label=org.awayan.positions[Role.SEKRETARIS].nama)
    page.get_by_label("Batas waktu").fill("2026-09-30")
    send(page.get_by_role("button", name="Tambah rekomendasi"), "Rekomendasi disimpan")
    screenshot(page, "unsaved-hasil-temuan-dipulihkan-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    added = page.locator("tr[data-rekomendasi]", has_text="Agar menetapkan indikator sasaran Renstra.")
    send(added.get_by_role("button", name="Hapus"), "Rekomendasi dihapus")
    expect(page.locator("tr[data-rekomendasi]")).to_have_count(1)
    page.get_by_label("Nomor surat").fill("700/101/ITDA/2026")
    send(page.get_by_role("button", name="Simpan kepala surat"), "Kepala surat LHE disimpan")
    send(page.get_by_role("button", name="Susun naskah LHE"), "Naskah LHE disusun")
    page.get_by_label("Kata sandi Anda").fill(PASSWORD)
    # The evaluator is not the Inspektur: refused, the page shown again at the signing action's address.
    send(page.get_by_role("button", name="Tandatangani LHE"), "LHE hanya dapat ditandatangani oleh Inspektur")
    assert page.url.rstrip("/").endswith("/tandatangani")
    screenshot(page, "unsaved-hasil-setelah-tandatangan-ditolak-390")

    # Saved at last: nothing is restored any more.
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan temuan").click()
    expect(page.get_by_text("Temuan disimpan")).to_be_visible()
    assert Evaluasi.objects.get(pk=evaluasi.pk).temuan == TYPED
    page.goto(f"{live_server.url}/evaluasi/{evaluasi.pk}/hasil/")
    expect(page.get_by_role("textbox", name="Temuan")).to_have_value(TYPED)
    expect(page.get_by_text(DRAF)).to_have_count(0)
