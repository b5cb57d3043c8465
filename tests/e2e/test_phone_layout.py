"""Issue 16, phone-first: every page a person can open is usable at 390×844 without sideways scrolling.

The page itself (document.documentElement.scrollWidth) must not exceed the viewport; a wide data table
may scroll inside its own box (.table-responsive). Every GET page of the URL matrix is visited by a
role that may open it, in a world built like tests/security/test_permission_matrix.py plus a year of
performance data (tests/laporan/data.py) with a quarter open for entry and a report awaiting the
Camat's signature. Screenshots: artifacts/screenshots/hp-*.png.
"""

import os

from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.models import Triwulan
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi
from sakip.roles import Role
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import PASSWORD
from tests.laporan.data import build_kinerja, narasi_lengkap
from tests.security import permission_expectations as spec
from tests.security import url_classes
from tests.security.test_permission_matrix import _objects, url_for
from tests.security.test_url_matrix import URLS

WIDTH, HEIGHT = 390, 844
TAHUN = 2025

# Files, not pages: a GET answers with a download.
DOWNLOADS = {
    "kinerja:bukti_unduh",
    "kinerja:excel",
    "kinerja:rekap_pdf",
    "kinerja:rekap_xlsx",
    "laporan:pdf",
    "laporan:pihak_kedua_pdf",
    "laporan:pk_jabatan_pdf",
    "laporan:xlsx",
    "laporan:zip",
    "sop:pdf",
    "sop:xlsx",
    "workflow:compliance_pdf",
    "workflow:compliance_xlsx",
    "workflow:disposisi_pdf",
    "workflow:lampiran",
    "loket:register_xlsx",
    "evaluasi:lhe_pdf",
    "evaluasi:bukti",
    "evaluasi:rekap_xlsx",
    "evaluasi:rekap_pdf",
}
# Who opens a page: the first of these roles whose GET the permission matrix allows.
ROLES = (Role.KASUBBAG_PERENCANAAN, Role.CAMAT, Role.PELAKSANA, Role.ADMIN, Role.EVALUATOR)
# Pages every role starts from, visited by each of them.
EVERYONE = ("beranda", "kinerja:index", "workflow:inbox", "laporan:index", "sop:list")

# How wide is the page, and which element sticks out furthest (ignoring what scrolls inside its own box)?
MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  let widest = null, right = vw;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= right + 0.5 || clipped(el)) continue;
    right = r.right;
    widest = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const all = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 0.5 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 0.5)) {
      let c = null;
      for (let p = el.parentElement; p; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') { c = name(p) + ':' + getComputedStyle(p).overflowX; break; } }
      all.push(name(el) + ' ' + Math.round(r.right) + ' in ' + c);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, widest, right: Math.round(right), all: all.slice(0, 5)};
}"""


def _world(org):
    """The permission matrix's objects in Awayan (2020) and a year of data (2025) with TW III open."""
    place = _objects(org.awayan)
    build_kinerja(org.awayan.unit, TAHUN, sasaran=3, indikator_per_sasaran=3, realisasi_tw=2)
    Triwulan.objects.filter(kecamatan=org.awayan.unit, tahun=TAHUN, triwulan__gte=3).update(
        status=Triwulan.Status.DRAFT
    )
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind="triwulan", tahun=TAHUN, periode=2)
    report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi)
    report = ajukan(user=kasubbag, report_id=report.pk)
    return place, report


def _matrix_pages(place):
    """(role, url) for every GET page of the URL matrix, each opened by the first role allowed to."""
    pages = []
    # The API (url_classes.TOKEN) answers JSON to a token, not pages to a person.
    for name in sorted(set(URLS) - url_classes.PUBLIC - url_classes.POST_ONLY - url_classes.TOKEN - DOWNLOADS):
        rule = spec.RULES[name]
        if rule.get is None or name in ("logout",):
            continue
        role = next((r for r in ROLES if r in rule.get and r in rule.see), None)
        if role is not None:
            pages.append((role, url_for(name, place) + rule.query))
    return pages


def _page(live_server, browser, person, width, height):
    """A browser page of its own context at the given viewport, logged in as `person`."""
    client = Client()
    client.force_login(person)
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def _box(locator):
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _entry_report_and_inbox_on_a_phone(live_server, page_of, kin, report):
    # Entry: each indicator a card, the value field first and on screen, the rest folded.
    page = page_of(Role.KASUBBAG_PERENCANAAN)
    page.goto(live_server.url + kin("entry", triwulan=3))
    first = page.locator("tr[data-indikator]").first
    value = first.locator("input[name^='nilai-']")
    evidence = first.locator("details.rincian")
    expect(value).to_be_visible()
    box = _box(value)
    assert 0 <= box["x"] and box["x"] + box["width"] <= WIDTH, box
    assert box["y"] < _box(evidence)["y"], "the value field comes before the evidence"
    assert value.evaluate(
        "(v, d) => !!(v.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING)", evidence.element_handle()
    )
    expect(first.get_by_role("link", name="Unggah / kelola")).to_be_hidden()  # folded
    expect(first.locator("[data-label^='Target']")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "hp-isi-realisasi.png"))
    first.locator("details.rincian summary").click()
    expect(first.get_by_role("link", name="Unggah / kelola")).to_be_visible()
    expect(first.get_by_label("Hambatan")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "hp-isi-realisasi-rincian.png"), full_page=True)
    # Typing a value on the phone and saving posts the same fields as on a desktop.
    value.fill("30")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi tersimpan")).to_be_visible()

    # The Camat reads the submitted report and reaches the sign form from the bar at the bottom.
    camat = page_of(Role.CAMAT)
    camat.goto(live_server.url + reverse("laporan:detail", args=[report.pk]))
    bar = camat.get_by_role("navigation", name="Tindakan laporan")
    expect(bar).to_be_visible()
    bar_box = _box(bar)
    assert bar_box["y"] + bar_box["height"] <= HEIGHT + 1, "the action bar sits at the bottom of the screen"
    camat.screenshot(path=str(SCREENSHOTS / "hp-laporan-bilah-aksi.png"))
    bar.get_by_role("link", name="Ke formulir tanda tangan").click()
    expect(camat.get_by_label("Kata sandi Anda")).to_be_in_viewport()
    expect(camat.get_by_role("button", name="Tandatangani")).to_be_in_viewport()
    camat.screenshot(path=str(SCREENSHOTS / "hp-laporan-formulir-tandatangan.png"))
    # ... and signs it there, on the phone.
    camat.get_by_label("Kata sandi Anda").fill(PASSWORD)
    terlambat = camat.get_by_label("Alasan ditandatangani terlambat")
    if terlambat.count():  # a period already past (laporan/batas.py): the page asks why
        terlambat.fill("Penandatanganan menunggu kembalinya Camat dari tugas luar.")
    camat.get_by_role("button", name="Tandatangani").click()
    expect(camat.get_by_text("Laporan telah ditandatangani")).to_be_visible()
    camat.screenshot(path=str(SCREENSHOTS / "hp-laporan-ditandatangani.png"))
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI

    # The inbox: a card per task; an empty inbox says so in full.
    page.goto(live_server.url + reverse("workflow:inbox"))
    expect(page.locator("table.table-stack tbody tr").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "hp-tugas.png"), full_page=True)
    staff = page_of(Role.PELAKSANA)
    staff.goto(live_server.url + reverse("workflow:inbox"))
    empty = staff.get_by_text("Tidak ada tugas untuk Anda saat ini.")
    expect(empty).to_be_visible()
    assert _box(empty)["x"] + _box(empty)["width"] <= WIDTH
    staff.screenshot(path=str(SCREENSHOTS / "hp-tugas-kosong.png"))


def _entry_at_desktop_width(live_server, browser, person, kin):
    """At 1366 px the entry table stays a table and the value column is on screen."""
    page = _page(live_server, browser, person, 1366, 768)
    try:
        page.goto(live_server.url + kin("entry", triwulan=3))
        value = page.locator("tr[data-indikator]").first.locator("input[name^='nilai-']")
        box = _box(value)
        assert box["x"] + box["width"] <= 1366, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        wrapper = page.locator(".table-responsive").first
        assert wrapper.evaluate("w => w.scrollWidth <= w.clientWidth"), "the entry table needs no sideways scrolling"
        page.screenshot(path=str(SCREENSHOTS / "hp-isi-realisasi-1366.png"))
    finally:
        page.context.close()


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser, org, signing_cert):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    place, report = _world(org)
    k = org.awayan.unit.pk
    people = {role: org.awayan.people[role] for role in org.awayan.people}
    people[Role.ADMIN], people[Role.EVALUATOR] = org.admin, org.evaluator
    pages = _matrix_pages(place)
    pages += [(role, reverse(name)) for role in (Role.PELAKSANA, Role.CAMAT, Role.ADMIN) for name in EVERYONE]

    # The same pages with a year of figures in them.
    def kin(name, **kw):
        return reverse(f"kinerja:{name}", kwargs={"kecamatan_id": k, "tahun": TAHUN, **kw})

    rich = {
        Role.PELAKSANA: [kin("entry", triwulan=3)],
        Role.KASUBBAG_PERENCANAAN: [
            kin("entry", triwulan=3),
            kin("entry", triwulan=2),
            kin("triwulan", triwulan=3),
            kin("dashboard"),
            kin("pk"),
            kin("rencana_aksi"),
            kin("anggaran"),
            kin("anggaran_realisasi", triwulan=2),
            reverse("laporan:detail", args=[report.pk]),
        ],
        Role.CAMAT: [reverse("laporan:detail", args=[report.pk]), kin("triwulan", triwulan=2)],
        Role.ADMIN: [reverse("kinerja:rekap") + f"?tahun={TAHUN}", kin("dashboard")],
    }
    pages += [(role, url) for role, urls in rich.items() for url in urls]

    contexts = {}

    def page_of(role):
        if role not in contexts:
            contexts[role] = _page(live_server, browser, people[role], WIDTH, HEIGHT)
        return contexts[role]

    try:
        _entry_report_and_inbox_on_a_phone(live_server, page_of, kin, report)
        _entry_at_desktop_width(live_server, browser, people[Role.KASUBBAG_PERENCANAAN], kin)
        _no_page_wider_than_the_phone(live_server, page_of, pages, kin, place)
    finally:
        for page in contexts.values():
            page.context.close()


def _no_page_wider_than_the_phone(live_server, page_of, pages, kin, place):

    pictured = {
        kin("dashboard"): "dasbor",
        kin("triwulan", triwulan=2): "triwulan",
        reverse("kinerja:rekap") + f"?tahun={TAHUN}": "rekap",
        reverse("kinerja:index"): "data-kinerja",
        reverse("workflow:runs"): "pelaksanaan",
        reverse("workflow:run", args=[place["run"]]): "pelaksanaan-rinci",
    }
    offenders, measured, failed = [], [], []
    for role, url in pages:
        page = page_of(role)
        response = page.goto(live_server.url + url)
        if response is None or response.status >= 400:
            failed.append(f"{role} {url}: {response and response.status}")
            continue
        m = page.evaluate(MEASURE)
        if url in pictured:
            page.screenshot(path=str(SCREENSHOTS / f"hp-{pictured[url]}.png"), full_page=True)
        measured.append(f"{m['scrollWidth']:5d}  {role:22s} {url} {m['all'] if m['scrollWidth'] > WIDTH else ''}")
        if m["scrollWidth"] > WIDTH:
            offenders.append(
                f"{url} ({role}): {m['scrollWidth']} px, widest {m['widest']} to {m['right']} px; sticking out: {m['all']}"
            )
    if os.environ.get("HP_LAPORAN"):  # HP_LAPORAN=1 pytest -s …: the width of every page
        print("\n".join(measured))
    assert not failed, "Pages that did not open:\n" + "\n".join(failed)
    assert not offenders, f"Pages wider than {WIDTH} px:\n" + "\n".join(offenders)
