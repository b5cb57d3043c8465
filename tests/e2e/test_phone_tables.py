"""Issue 26, phone tables: at 390×844 every action of a table row is on screen, no sideways scrolling.

On every page a person uses daily (the permission matrix's GET pages, each opened by a role that may
open it, plus the same pages filled with a year of figures, as in tests/e2e/test_phone_layout.py), no
visible interactive element (a, button, input, select, textarea, summary) has its box beyond the
viewport's right edge, not even inside a box that scrolls sideways: tables of PK, Rencana Aksi, Renstra,
IKU, SKM, LKE and evidence become stacked cards (.table-stack). A report preview stays a document whose
table scrolls in its own box; it holds no controls. Screenshots: artifacts/screenshots/kartu-*.png.
"""

import os
import re

from django.urls import reverse

from evaluasi.models import Evaluasi
from layanan.models import JenisLayanan
from sakip.roles import Role
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_phone_layout import EVERYONE, HEIGHT, TAHUN, WIDTH, _matrix_pages, _page, _world
from tests.security.test_permission_matrix import url_for

# Visible controls whose right edge passes the viewport's, wherever they sit (scroll boxes included).
OUTSIDE = """() => {
  const vw = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '') +
    (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 30) + '"' : '');
  const out = [];
  for (const el of document.body.querySelectorAll('a, button, input, select, textarea, summary')) {
    if (el.type === 'hidden' || !el.checkVisibility({visibilityProperty: true, opacityProperty: false})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 0.5) out.push(name(el) + ' to ' + Math.round(r.right) + ' px');
  }
  return {vw, out};
}"""


def _slug(url):
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")[:80] or "beranda"


def test_every_row_action_is_on_a_phone_screen(live_server, browser, org, signing_cert):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    place, report = _world(org)
    for nama in ("Pelayanan KTP elektronik dan Kartu Keluarga", "Surat keterangan tidak mampu"):
        JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama=nama)
    k = org.awayan.unit.pk
    people = {role: org.awayan.people[role] for role in org.awayan.people}
    people[Role.ADMIN], people[Role.EVALUATOR] = org.admin, org.evaluator

    def kin(name, **kw):
        return reverse(f"kinerja:{name}", kwargs={"kecamatan_id": k, "tahun": TAHUN, **kw})

    pages = _matrix_pages(place)
    pages += [(role, reverse(name)) for role in (Role.PELAKSANA, Role.CAMAT) for name in EVERYONE]
    pages += [
        (Role.KASUBBAG_PERENCANAAN, url)
        for url in (
            kin("entry", triwulan=3),
            kin("triwulan", triwulan=3),
            kin("pk"),
            kin("rencana_aksi"),
            kin("anggaran"),
            kin("anggaran_realisasi", triwulan=2),
            reverse("laporan:detail", args=[report.pk]),
        )
    ]
    # Who else uses a table daily: the Camat manages the services (SKM) and designates the IKU; the
    # evaluator scores the LKE; the Pelaksana fills figures and evidence.
    pages += [
        (Role.CAMAT, url_for("layanan:index", place)),
        (Role.CAMAT, url_for("layanan:hasil", place)),
        (Role.CAMAT, reverse("laporan:detail", args=[report.pk])),
        (Role.PELAKSANA, kin("entry", triwulan=3)),
    ]
    pages += [(Role.CAMAT, url_for("renstra:iku", place)), (Role.EVALUATOR, url_for("evaluasi:penilaian", place))]
    # Last, the LKE once submitted: the evaluator scores it (a form per criterion).
    scoring = (Role.EVALUATOR, url_for("evaluasi:penilaian", place) + "?dinilai")
    pages = list(dict.fromkeys(pages)) + [scoring]

    contexts = {}
    offenders, failed, measured = [], [], []
    try:
        for role, url in pages:
            if role not in contexts:
                contexts[role] = _page(live_server, browser, people[role], WIDTH, HEIGHT)
            page = contexts[role]
            if (role, url) == scoring:
                Evaluasi.objects.filter(pk=place["evaluasi"]).update(status=Evaluasi.Status.DINILAI)
            response = page.goto(live_server.url + url)
            if response is None or response.status >= 400:
                failed.append(f"{role} {url}: {response and response.status}")
                continue
            m = page.evaluate(OUTSIDE)
            assert m["vw"] <= WIDTH
            page.screenshot(path=str(SCREENSHOTS / f"kartu-{role}-{_slug(url)}.png"), full_page=True)
            measured.append(f"{len(m['out']):3d}  {role:22s} {url}")
            if m["out"]:
                offenders.append(f"{url} ({role}): {m['out'][:6]}")
    finally:
        for page in contexts.values():
            page.context.close()
    if os.environ.get("HP_LAPORAN"):
        print(f"\n{len(measured)} pages measured\n" + "\n".join(measured))
    assert not failed, "Pages that did not open:\n" + "\n".join(failed)
    assert not offenders, f"Controls beyond the right edge at {WIDTH}×{HEIGHT}:\n" + "\n".join(offenders)
