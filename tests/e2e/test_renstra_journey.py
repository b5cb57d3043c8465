"""The planning chain in a real browser: the Kasubbag Perencanaan drafts a Renstra with two sasaran, the
Camat establishes it, next year's PK arrives pre-filled from it and the pohon kinerja draws the chain; the
Kasi's cascading PK supports it, the Kasi enters a supporting realisation and the pohon shows it."""

from playwright.sync_api import expect

from kinerja.models import Indikator
from renstra.models import Renstra
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.renstra.data import make_rpjmd


def test_kasubbag_drafts_the_renstra_the_camat_establishes_it_and_the_pk_is_pre_filled(
    live_server, page_for, org, screenshot
):
    make_rpjmd(org, sasaran=2)
    awayan = org.awayan.unit.pk
    page = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    page.goto(f"{live_server.url}/renstra/k/{awayan}/")
    page.get_by_role("button", name="Buat Renstra").click()
    expect(page.get_by_text("Renstra dibuat sebagai draf")).to_be_visible()
    page.get_by_role("link", name="Tambah tujuan").click()
    page.get_by_label("Tujuan").fill("Terwujudnya pelayanan publik yang prima")
    page.get_by_role("button", name="Simpan").click()
    for number, (sasaran, indikator) in enumerate(
        (
            ("Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat"),
            ("Meningkatnya tertib desa", "Desa tertib"),
        ),
        start=1,
    ):
        page.get_by_role("link", name="Tambah sasaran strategis").click()
        page.get_by_label("Sasaran RPJMD yang didukung").select_option(label=f"{number}. Sasaran RPJMD {number}")
        page.get_by_label("Sasaran strategis").fill(sasaran)
        page.get_by_role("button", name="Simpan").click()
        page.get_by_role("link", name="Tambah indikator").nth(number - 1).click()
        page.get_by_role("textbox", name="Indikator kinerja").fill(indikator)
        page.get_by_label("Satuan").fill("indeks" if number == 1 else "%")
        page.get_by_label("Kondisi awal (baseline)").fill("78,5")
        for offset, year in enumerate(range(2025, 2030)):
            page.get_by_label(f"Target {year}").fill(f"8{offset},5")
        page.get_by_label("Target akhir periode").fill("84,5")
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_text("Indikator disimpan")).to_be_visible()
    expect(page.get_by_role("cell", name="81,5")).to_have_count(2)
    screenshot(page, "renstra-draf")

    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(f"{live_server.url}/renstra/k/{awayan}/")
    camat.once("dialog", lambda dialog: dialog.accept())
    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    camat.get_by_role("button", name="Tetapkan Renstra").click()
    expect(camat.get_by_text("Renstra ditetapkan.")).to_be_visible()
    assert Renstra.objects.get().status == Renstra.Status.DITETAPKAN

    page.goto(f"{live_server.url}/kinerja/k/{awayan}/2026/pk/")
    page.get_by_role("button", name="Isi dari Renstra").click()
    expect(page.get_by_text("dibuat sebagai draf")).to_be_visible()
    expect(page.get_by_role("cell", name="81,5")).to_have_count(2)  # the Renstra's 2026 targets
    assert Indikator.objects.filter(tahun=2026, indikator_renstra__isnull=False).count() == 2
    page.get_by_role("link", name="Pohon Kinerja").click()
    expect(page.locator("svg.pohon-kinerja")).to_be_visible()
    expect(page.locator("[data-simpul^='pk-']")).to_have_count(2)
    screenshot(page, "pohon-kinerja")

    # PK berjenjang (issue 14): the Kasubbag drafts the Kasi's cascading PK, its indicator supporting the
    # Camat's first one; the Kasi establishes it, enters a supporting realisation; the pohon shows it.
    page.goto(f"{live_server.url}/kinerja/k/{awayan}/2026/pk/")
    kasi_jabatan = org.awayan.positions[Role.KASI]
    page.get_by_role("link", name=kasi_jabatan.nama).click()
    page.get_by_role("button", name="Buat Perjanjian Kinerja 2026").click()
    expect(page.get_by_text("dibuat sebagai draf")).to_be_visible()
    page.get_by_role("link", name="Tambah sasaran").click()
    page.get_by_label("Sasaran strategis").fill("Meningkatnya kualitas layanan seksi")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah indikator").click()
    page.get_by_role("textbox", name="Indikator kinerja").fill("Jumlah desa yang dibina")
    page.get_by_label("Satuan").fill("desa")
    page.get_by_label("Target tahunan (angka)").fill("20")
    page.get_by_label("Mendukung indikator PK Camat").select_option(label="1.1 Indeks Kepuasan Masyarakat")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Mendukung 1.1 Indeks Kepuasan Masyarakat")).to_be_visible()
    page.get_by_role("link", name="Rencana Aksi PK ini").click()
    for tw in ("I", "II", "III", "IV"):
        page.get_by_label(f"Target TW {tw} Jumlah desa yang dibina").fill("5")
    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_text("Rencana Aksi disimpan")).to_be_visible()

    kasi = page_for(org.person("awayan", Role.KASI))
    kasi.goto(f"{live_server.url}/kinerja/k/{awayan}/2026/jabatan/{kasi_jabatan.pk}/pk/")
    kasi.once("dialog", lambda dialog: dialog.accept())
    kasi.get_by_label("Kata sandi Anda").fill(PASSWORD)
    kasi.get_by_role("button", name="Tetapkan Perjanjian Kinerja").click()
    expect(kasi.get_by_text("Perjanjian Kinerja ditetapkan.")).to_be_visible()
    kasi.goto(f"{live_server.url}/kinerja/k/{awayan}/2026/tw/1/isi/")
    expect(kasi.locator("[data-berjenjang]")).to_contain_text("mendukung 1.1 Indeks Kepuasan Masyarakat")
    kasi.get_by_label("Realisasi Jumlah desa yang dibina").fill("4")
    kasi.get_by_role("button", name="Simpan realisasi").click()
    expect(kasi.get_by_text("Realisasi tersimpan (1 indikator berubah)")).to_be_visible()
    screenshot(kasi, "pk-berjenjang-isian-kasi")
    kasi.goto(f"{live_server.url}/kinerja/k/{awayan}/2026/pohon-kinerja/")
    node = kasi.locator("[data-simpul^='pkb-']")
    expect(node).to_have_count(1)
    expect(node).to_contain_text("Capaian TW I: 80,00%")
    screenshot(kasi, "pohon-kinerja-berjenjang")
