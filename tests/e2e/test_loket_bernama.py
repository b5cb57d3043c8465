"""Counter work names its request, on a phone (issue 26): after registering an applicant, the front desk's
Beranda shows the request in process with its receipt code and masked applicant; the Pelaksana's task page
for that request names it in its first screen."""

from playwright.sync_api import expect

from loket import services
from sakip.roles import Role
from tests.workflow.test_views import make_sop
from workflow.models import Task

PHONE = {"width": 390, "height": 844}


def test_the_request_is_named_on_beranda_and_on_its_task_page(live_server, page_for, org, screenshot):
    revision = make_sop(org.awayan.unit, lanes=("PEMOHON", "PELAKSANA", "CAMAT"))
    pelaksana = org.person("awayan", Role.PELAKSANA)
    permohonan = services.permohonan_daftar(user=pelaksana, revision=revision, nama_pemohon="Siti Rahmah")
    named = f"Permohonan {permohonan.kode_cetak} · Siti R."

    page = page_for(pelaksana)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/beranda/")
    panel = page.locator('[data-panel="loket"]')
    expect(panel).to_contain_text(permohonan.kode_cetak)
    expect(panel).to_contain_text("dicatat oleh Anda")
    screenshot(page, "beranda-loket-390")

    task = permohonan.run.tasks.get(status=Task.Status.AKTIF)
    page.goto(f"{live_server.url}/tugas/{task.pk}/")
    label = page.locator("[data-keterangan-run]")
    expect(label).to_have_text(named)
    box = label.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # in the first screen
    assert "Siti Rahmah" not in page.content()
    screenshot(page, "tugas-loket-390")
