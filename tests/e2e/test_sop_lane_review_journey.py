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
