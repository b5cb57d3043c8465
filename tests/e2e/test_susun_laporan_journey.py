"""Issue 26's handoff after approval in a real browser: the Camat approves TW III; on the Kasubbag
Perencanaan's phone (390×844) "Susun laporan … TW III" is the first thing to tap on Beranda, within the first
screen; one tap opens the report form filled with the quarterly kind, the year and TW III; the draft is made
from it, and once the report is submitted the step is gone."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.models import Triwulan
from kinerja.services import triwulan as tw
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.kinerja.data import fill_quarter, make_pk
from tests.laporan.data import narasi_lengkap

PHONE = {"width": 390, "height": 844}
SUSUN = re.compile(r"Susun laporan.*(TW|Triwulan) III")
# The first control a thumb meets in the page's own content (the navigation bar aside), by where it is shown.
FIRST_CONTROL = """() => {
  const shown = [...document.querySelectorAll(
    'main a[href], main button, main input:not([type=hidden]), main select, main textarea'
  )].map((el) => [el, el.getBoundingClientRect()]).filter(([, box]) => box.width > 0 && box.height > 0);
  shown.sort(([, a], [, b]) => a.top - b.top || a.left - b.left);
  if (!shown.length) return null;
  const [el, box] = shown[0];
  return {text: el.textContent.trim(), href: el.getAttribute('href'), bottom: box.bottom, right: box.right};
}"""


@pytest.fixture
def tw3(org):
    """Awayan's year at hand: TW I and II approved, TW III submitted by the Kasubbag and verified by the
    Sekretaris (nothing else is overdue, so only what the approval asks stands out)."""
    tahun = timezone.localdate().year
    make_pk(org.awayan, tahun, 2)
    for triwulan in (1, 2):
        fill_quarter(org.awayan.unit, tahun, triwulan)
        Triwulan.objects.create(
            kecamatan=org.awayan.unit,
            tahun=tahun,
            triwulan=triwulan,
            status=Triwulan.Status.DISETUJUI,
            batas_mulai=datetime.date(tahun, 3 * triwulan - 2, 1),
            batas_akhir=tw.default_window(tahun, triwulan)[1],
        )
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    # The year's earlier reports, already on the list the report form sits beside.
    buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.PK, tahun=tahun)
    buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.RENCANA_AKSI, tahun=tahun)
    for triwulan in (1, 2):
        buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=tahun, periode=triwulan)
    buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.SEMESTER, tahun=tahun, periode=1)
    fill_quarter(org.awayan.unit, tahun, 3)
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=tahun, triwulan=3)
    quarter = tw.triwulan_ajukan(user=kasubbag, quarter=quarter)
    return tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)


def test_after_the_camat_approves_tw3_the_kasubbag_drafts_its_report_from_the_first_tap_on_beranda(
    live_server, page_for, org, tw3, screenshot
):
    tahun = tw3.tahun
    camat = page_for(org.person("awayan", Role.CAMAT))
    camat.set_viewport_size(PHONE)
    camat.goto(live_server.url + reverse("kinerja:triwulan", args=[org.awayan.unit.pk, tahun, 3]))
    setujui = camat.locator('form[data-action="setujui"]')
    reason = setujui.get_by_role("textbox")
    if reason.get_attribute("required") is not None:  # TW III not yet ended on the calendar: a reason is asked
        reason.fill("Seluruh kegiatan TW III telah selesai lebih awal.")
    with camat.expect_navigation():
        setujui.get_by_role("button", name="Setujui dan kunci").click()
    expect(camat.get_by_text("Disetujui").first).to_be_visible()
    assert Triwulan.objects.get(pk=tw3.pk).status == Triwulan.Status.DISETUJUI

    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    phone = page_for(kasubbag)
    phone.set_viewport_size(PHONE)
    phone.goto(f"{live_server.url}/beranda/")
    step = phone.get_by_role("link", name=SUSUN)
    expect(step).to_be_visible()
    first = phone.evaluate(FIRST_CONTROL)
    assert SUSUN.search(first["text"]), first  # the first thing to tap on the page
    assert first["bottom"] <= PHONE["height"] and first["right"] <= PHONE["width"], first  # on the first screen
    screenshot(phone, "beranda-susun-laporan-tw3-390")

    with phone.expect_navigation():
        step.click()
    form = phone.locator("#buat-laporan")
    expect(form.get_by_label("Jenis")).to_have_value(Report.Kind.TRIWULAN)
    expect(form.get_by_label("Tahun")).to_have_value(str(tahun))
    expect(form.get_by_label(re.compile("Triwulan|Periode"))).to_have_value("3")
    # Reached without scrolling past the year's other reports.
    box = form.get_by_role("button", name="Buat draf").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    screenshot(phone, "laporan-susun-tw3-terisi-390")
    with phone.expect_navigation():
        form.get_by_role("button", name="Buat draf").click()
    report = Report.objects.get(kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=tahun, periode=3)
    assert report.status == Report.Status.DRAFT
    expect(phone.get_by_text(f"{report.judul} dibuat sebagai draf.")).to_be_visible()

    # Once the report is submitted, the step has been done: Beranda no longer asks for it.
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    ajukan(user=kasubbag, report_id=report.pk)
    phone.goto(f"{live_server.url}/beranda/")
    expect(phone.get_by_role("heading", name="Langkah berikutnya")).to_be_visible()
    expect(phone.get_by_role("link", name=SUSUN)).to_have_count(0)
