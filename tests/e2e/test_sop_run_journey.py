"""An SOP run walked through the inboxes of three roles in a real browser, with one Tidak loop."""

from playwright.sync_api import expect

from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow.models import Task


def open_task(page, live_server, text):
    page.goto(f"{live_server.url}/tugas/")
    page.get_by_role("link", name=text).click()


def test_run_through_camat_kasubbag_and_sekretaris_with_a_tidak_loop(live_server, page_for, org, screenshot):
    revision = make_sop(
        org.awayan.unit, lanes=("CAMAT", "KASUBBAG_PERENCANAAN", "SEKRETARIS", "CAMAT"), steps=4, decision_at=3
    )
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.goto(f"{live_server.url}/tugas/pelaksanaan/")
    camat.get_by_label("SOP yang dijalankan").select_option(label=f"{revision.nama} ({revision.nomor})")
    camat.get_by_label("Tahun").fill("2025")
    camat.get_by_label("Periode").select_option(label="Triwulan II")
    camat.get_by_role("button", name="Mulai").click()
    expect(camat.get_by_text("dimulai")).to_be_visible()

    # Step 1: the Camat's disposition to the Kasubbag.
    open_task(camat, live_server, "Langkah 1: Langkah uji 1")
    camat.get_by_role("group", name="Lembar disposisi").get_by_label("Kepada").select_option(
        label=f"{org.person('awayan', Role.KASUBBAG_PERENCANAAN).nama} — {org.awayan.positions[Role.KASUBBAG_PERENCANAAN].nama}"
    )
    camat.get_by_label("Instruksi").fill("Siapkan data pengukuran kinerja TW II")
    camat.get_by_role("button", name="Selesai").click()
    expect(camat.get_by_text("Langkah 2 diteruskan")).to_be_visible()

    kasubbag = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    open_task(kasubbag, live_server, "Langkah 2: Langkah uji 2")
    screenshot(kasubbag, "tugas-kasubbag")
    kasubbag.get_by_label("Catatan", exact=True).fill("Data terhimpun")
    kasubbag.get_by_role("button", name="Selesai").click()

    # Step 3 is a decision: the Sekretaris answers Tidak with a reason; the work goes back.
    sekretaris = page_for(org.person("awayan", Role.SEKRETARIS))
    open_task(sekretaris, live_server, "Langkah 3: Langkah uji 3")
    sekretaris.get_by_label("Tidak (kembali ke langkah 2)").check()
    sekretaris.get_by_label("Alasan (wajib untuk keputusan Tidak)").fill("Data TW II belum lengkap")
    sekretaris.get_by_role("button", name="Selesai").click()
    expect(sekretaris.get_by_text("Langkah 2 diteruskan")).to_be_visible()

    open_task(kasubbag, live_server, "Langkah 2: Langkah uji 2")
    expect(kasubbag.get_by_text("putaran 2")).to_be_visible()
    kasubbag.get_by_role("button", name="Selesai").click()
    open_task(sekretaris, live_server, "Langkah 3: Langkah uji 3")
    sekretaris.get_by_label("Ya (lanjut ke langkah 4)").check()
    sekretaris.get_by_role("button", name="Selesai").click()
    open_task(camat, live_server, "Langkah 4: Langkah uji 4")
    camat.get_by_role("button", name="Selesai").click()
    expect(camat.get_by_text("Pelaksanaan SOP selesai")).to_be_visible()
    expect(camat.get_by_text("Tidak: Data TW II belum lengkap")).to_be_visible()
    screenshot(camat, "linimasa-pelaksanaan")
    assert Task.objects.filter(run__revision=revision, step__no=2).count() == 2
