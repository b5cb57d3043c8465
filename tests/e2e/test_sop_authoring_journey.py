"""SOP authoring in a real browser: add a step and reorder it, and see the flowchart change."""

import re

from playwright.sync_api import expect

from sakip.roles import Role
from tests.sop.test_views import make_draft


def test_add_and_reorder_a_step_and_the_flowchart_follows(live_server, page_for, org, screenshot):
    draft = make_draft(org.awayan.unit, 3)
    page = page_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    page.goto(f"{live_server.url}/sop/{draft.pk}/sunting/")
    chart = page.locator("#pratinjau-diagram")
    expect(chart.locator("[data-step]")).to_have_count(3)
    page.get_by_label("Uraian kegiatan").fill("Memverifikasi data kinerja")
    page.get_by_label("Pelaksana (lajur)").select_option(label="Kasubbag")
    page.get_by_label("Waktu", exact=True).fill("1 Hari")
    page.get_by_role("button", name="Simpan langkah").click()
    expect(page.get_by_text("Langkah 4 tersimpan")).to_be_visible()
    expect(chart.locator("[data-step]")).to_have_count(4)
    # The new step was the end (terminator); moving it up makes it a process box and step 3 the end.
    expect(chart.locator('[data-step="4"]')).to_have_attribute("data-shape", "terminator")
    page.get_by_role("button", name="Naikkan langkah 4").click()
    expect(page.get_by_text("Langkah 4 dipindahkan")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.nth(2)).to_contain_text("Memverifikasi data kinerja")
    expect(chart.locator('[data-step="3"]')).to_have_attribute("data-shape", "rectangle")
    expect(chart.locator('[data-step="4"]')).to_have_attribute("data-shape", "terminator")
    assert re.search("Memverifikasi", draft.steps.get(no=3).uraian)
    screenshot(page, "sop-penyunting")
