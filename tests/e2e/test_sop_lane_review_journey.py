"""The Camat reviews the inferred lanes of a seed SOP in a real browser, then makes it effective."""

from playwright.sync_api import expect

from sakip.demo import load_organisation
from sakip.models import Pegawai
from sop import seeds
from sop.models import SopRevision


def test_the_camat_confirms_the_lanes_of_a_seed_and_makes_it_effective(live_server, page_for, db, screenshot):
    load_organisation()
    seeds.load_seeds()
    revision = SopRevision.objects.get(nomor="SOP – 01/Kec.Awy")
    page = page_for(Pegawai.objects.get(username="camat.awayan"))
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))

    page.goto(f"{live_server.url}/sop/{revision.pk}/")
    expect(page.get_by_text("Lajur perlu diperiksa", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Jadikan efektif")).to_have_count(0)
    page.get_by_role("link", name="Periksa lajur").click()
    expect(page.get_by_text("Lajur tanpa langkah: Kepala Seksi.")).to_be_visible()
    screenshot(page, "sop-periksa-lajur")
    page.get_by_role("button", name="Konfirmasi lajur sudah diperiksa").click()
    expect(page.get_by_text("Pemeriksaan lajur")).to_be_visible()
    assert any("diperiksa terhadap dokumen asli" in m for m in dialogs)

    page.get_by_role("button", name="Jadikan efektif").click()
    expect(page.get_by_text("sekarang efektif")).to_be_visible()
    revision.refresh_from_db()
    assert revision.status == SopRevision.Status.EFFECTIVE and revision.lajur_diperiksa_oleh.username == "camat.awayan"


def test_the_camat_sees_a_source_error_corrects_it_in_a_revision_and_the_new_pdf_drops_it(
    live_server, page_for, db, screenshot
):
    """Issue 24: the seed "Penyusunan LKIP" cites the SAKIP Perpres as a Permendagri (kept as printed)."""
    import io

    from pypdf import PdfReader

    load_organisation()
    seeds.load_seeds()
    revision = SopRevision.objects.get(nomor="067.2/ 03 /KEC.AWY/VII/2023")
    page = page_for(Pegawai.objects.get(username="camat.awayan"))
    wrong = "Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014"

    page.goto(f"{live_server.url}/sop/{revision.pk}/periksa-lajur/")
    galat = page.locator("[data-galat] li", has_text=wrong)
    expect(galat).to_contain_text("Masih tercetak")
    expect(galat).to_contain_text("adalah Peraturan Presiden")
    screenshot(page, "sop-galat-sumber")
    page.get_by_role("link", name="Ubah lajur di penyunting draf").click()
    expect(page.locator("[data-galat-draf]")).to_contain_text(wrong)
    dasar = page.get_by_label("Dasar hukum (satu butir per baris)")
    dasar.fill(dasar.input_value().replace(wrong, "Peraturan Presiden Nomor 29 Tahun 2014"))
    page.get_by_role("button", name="Simpan identitas").click()
    expect(page.get_by_text("Identitas SOP tersimpan.")).to_be_visible()
    expect(page.locator("[data-galat-draf]")).not_to_contain_text(wrong)

    page.goto(f"{live_server.url}/sop/{revision.pk}/periksa-lajur/")
    expect(page.locator("[data-galat] li", has_text=wrong)).to_contain_text("Sudah diperbaiki")
    response = page.request.get(f"{live_server.url}/sop/{revision.pk}/pdf/")
    assert response.status == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    assert wrong not in text and "Peraturan Presiden Nomor 29 Tahun 2014" in text
    # The truncated Perbup is still there: listed after the flowchart of the draft.
    assert "Galat dokumen sumber yang masih tercetak pada draf ini" in text and "Butir terpotong" in text
