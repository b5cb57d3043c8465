"""Setting up the year in a real browser: the Kasubbag composes the PK and its Rencana Aksi (a target set
that does not add up needs a reason), the Camat establishes the PK."""

from decimal import Decimal

from playwright.sync_api import expect

from kinerja.models import Indikator, PerjanjianKinerja, RencanaAksi
from sakip.roles import Role
from tests.factories import PASSWORD

YEAR = 2020


def test_kasubbag_composes_the_pk_and_the_camat_establishes_it(live_server, page_for, org, screenshot):
    awayan = org.awayan.unit.pk
    page = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    page.goto(f"{live_server.url}/kinerja/k/{awayan}/{YEAR}/pk/")
    page.get_by_role("button", name=f"Buat Perjanjian Kinerja {YEAR}").click()
    expect(page.get_by_text("dibuat sebagai draf")).to_be_visible()

    page.get_by_role("link", name="Tambah sasaran").click()
    page.get_by_label("Sasaran strategis").fill("Meningkatnya kualitas pelayanan publik kecamatan")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah indikator").click()
    page.get_by_role("textbox", name="Indikator kinerja").fill("Indeks Kepuasan Masyarakat")
    page.get_by_label("Satuan", exact=False).first.fill("indeks")
    page.get_by_label("Target tahunan (angka)").fill("82,5")
    page.get_by_label("Agregasi triwulan").select_option("akhir")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("cell", name="82,5")).to_be_visible()

    page.get_by_role("link", name="Rencana Aksi").first.click()
    ind = Indikator.objects.get()
    for tw, value in ((1, "80"), (2, "81"), (3, "82"), (4, "82")):  # "nilai akhir": TW IV must be 82,5
        page.locator(f"#target-{ind.pk}-{tw}").fill(value)
    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_text("Target triwulan terakhir (82) tidak sama dengan target tahunan (82,5)")).to_be_visible()
    expect(page.locator(f"#target-{ind.pk}-2")).to_have_value("81")  # typed values kept
    page.locator(f"#alasan-{ind.pk}").fill("Survei TW IV dilakukan sebelum akhir tahun")
    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_text("Rencana Aksi disimpan")).to_be_visible()
    assert RencanaAksi.objects.get(indikator=ind, triwulan=4).target == Decimal(82)
    screenshot(page, "rencana-aksi")

    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(f"{live_server.url}/kinerja/k/{awayan}/{YEAR}/pk/")
    camat.once("dialog", lambda dialog: dialog.accept())
    camat.get_by_label("Kata sandi Anda").fill("bukan-kata-sandinya")
    camat.get_by_role("button", name="Tetapkan Perjanjian Kinerja").click()
    expect(camat.get_by_text("Kata sandi tidak sesuai. Masukkan kembali kata sandi Anda.")).to_be_visible()
    assert PerjanjianKinerja.objects.get().status == "draft"
    camat.once("dialog", lambda dialog: dialog.accept())
    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    camat.get_by_role("button", name="Tetapkan Perjanjian Kinerja").click()
    expect(camat.get_by_text("Perjanjian Kinerja ditetapkan.")).to_be_visible()
    assert PerjanjianKinerja.objects.get().status == "ditandatangani"
    screenshot(camat, "perjanjian-kinerja")
