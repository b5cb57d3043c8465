"""One source per figure: every page, document and workbook prints what kinerja.pengukuran computed.

Hypothesis generates PKs (positive, negative under both formulas, qualitative, the three
aggregations, blanks, zeros, targets of 0) with realisations in mixed quarter states. For every
indicator and quarter the capaian and predikat text must be identical on the entry page, the
quarter page, the dashboard, the rekap, the quarterly report's PDF, the LKIP's PDF and the
report workbook. The expected texts are read from the model itself, so a page that composes a
figure of its own, rounds differently or judges against another target fails here.
"""

import datetime
import io
import re
from decimal import Decimal

import lxml.html
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja import pengukuran
from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, RencanaAksi, Sasaran, Skala, SkalaLevel, Triwulan
from laporan import documents, pdf, xlsx
from laporan.models import Report
from laporan.services import buat_laporan
from sakip.roles import Role

YEAR = 2023
STATUSES = ["draft", "diajukan", "diverifikasi", "disetujui"]
values = st.one_of(st.none(), st.just(Decimal(0)), st.integers(1, 400).map(lambda n: Decimal(n) / 4))
targets = st.one_of(st.none(), st.just(Decimal(0)), st.integers(1, 200).map(Decimal))
indicator = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["positif", "negatif_selisih", "negatif_rasio", "kualitatif"]),
        "agregasi": st.sampled_from(["kumulatif", "akhir", "rata"]),
        "target": targets,
        "tw_targets": st.lists(targets, min_size=4, max_size=4),
        "values": st.lists(values, min_size=4, max_size=4),
        "levels": st.lists(st.sampled_from([None, 0, 1, 2, 3]), min_size=4, max_size=4),
    }
)
scenario = st.fixed_dictionaries(
    {
        "indicators": st.lists(indicator, min_size=1, max_size=4),
        "statuses": st.lists(st.sampled_from(STATUSES), min_size=4, max_size=4),
        "triwulan": st.integers(1, 4),
    }
)


def _build(org, data):
    kecamatan = org.awayan.unit
    skala = Skala.objects.create(kabupaten=org.kabupaten, nama="Predikat SAKIP uji")
    levels = [
        SkalaLevel.objects.create(skala=skala, urutan=i, label=lbl, skor=s)
        for i, (lbl, s) in enumerate([("C", 25), ("B", 75), ("BB", 100), ("A", 120)], start=1)
    ]
    pk = PerjanjianKinerja.objects.create(kecamatan=kecamatan, tahun=YEAR)
    sasaran = [Sasaran.objects.create(perjanjian=pk, urutan=n, uraian=f"Sasaran uji {n}") for n in (1, 2)]
    for n, spec in enumerate(data["indicators"], start=1):
        kualitatif = spec["kind"] == "kualitatif"
        ind = Indikator.objects.create(
            sasaran=sasaran[n % 2],
            urutan=n,
            uraian=f"Indikator uji nomor {n}",
            satuan="dokumen",
            target_tahunan=None if kualitatif else spec["target"],
            skala=skala if kualitatif else None,
            target_level=levels[2] if kualitatif else None,
            polaritas="negatif" if spec["kind"].startswith("negatif") else "positif",
            rumus_negatif="rasio" if spec["kind"] == "negatif_rasio" else "selisih",
            agregasi=spec["agregasi"],
        )
        for tw in (1, 2, 3, 4):
            RencanaAksi.objects.create(
                indikator=ind, triwulan=tw, target=None if kualitatif else spec["tw_targets"][tw - 1]
            )
            level = spec["levels"][tw - 1]
            value = spec["values"][tw - 1]
            if kualitatif and level is not None:
                Realisasi.objects.create(indikator=ind, triwulan=tw, nilai_level=levels[level], hambatan="h", upaya="u")
            elif not kualitatif and value is not None:
                Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=value, hambatan="h", upaya="u")
    for tw, status in enumerate(data["statuses"], start=1):
        Triwulan.objects.create(
            kecamatan=kecamatan,
            tahun=YEAR,
            triwulan=tw,
            status=status,
            batas_mulai=datetime.date(YEAR, 1, 1),
            batas_akhir=datetime.date(YEAR, 12, 31),
        )


def _cells(html: str, figure: str) -> dict[int, tuple[str, str]]:
    """{indicator id: (capaian text, predikat text)} of the cells marked data-figure=figure."""
    tree = lxml.html.fromstring(html)
    found = {}
    for tr in tree.xpath("//tr[@data-indikator]"):
        for td in tr.xpath(f"./td[@data-figure='{figure}']"):
            cap = " ".join(td.xpath(".//span[@class='capaian']")[0].text_content().split())
            pred = td.xpath(".//span[contains(@class,'predikat')]")
            found[int(tr.get("data-indikator"))] = (cap, pred[0].text_content().strip() if pred else "")
    return found


def _expect(angka) -> tuple[str, str]:
    return angka.capaian.teks, angka.capaian.predikat or ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(data: bytes) -> str:
    return _squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def _segments(text: str, start_marker: str, items) -> dict[int, str]:
    """The PDF text of each indicator's row: from its number and wording to the next one's."""
    body = text[text.index(_squash(start_marker)) :]
    marks = [(i.indikator.pk, body.index(_squash(f"{i.nomor}{i.indikator.uraian}"))) for i in items]
    marks.sort(key=lambda m: m[1])
    return {pk: body[pos : (marks[n + 1][1] if n + 1 < len(marks) else pos + 600)] for n, (pk, pos) in enumerate(marks)}


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=scenario)
def test_every_view_prints_the_figures_of_the_one_measurement_model(org, client_for, signing_cert, data):
    with transaction.atomic():
        _build(org, data)
        tw = data["triwulan"]
        kecamatan = org.awayan.unit
        model = pengukuran.ukur_kecamatan(kecamatan, YEAR)
        items = model.indikator
        client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))

        entry = client.get(reverse("kinerja:entry", args=[kecamatan.pk, YEAR, tw])).content.decode()
        quarter = client.get(reverse("kinerja:triwulan", args=[kecamatan.pk, YEAR, tw])).content.decode()
        for html in (entry, quarter):
            assert _cells(html, "capaian-tw") == {i.indikator.pk: _expect(i.triwulan(tw)) for i in items}
            assert _cells(html, "capaian-sd") == {i.indikator.pk: _expect(i.sampai(tw)) for i in items}
            assert _cells(html, "progres") == {i.indikator.pk: _expect(i.progres(tw)) for i in items}

        dashboard = client.get(reverse("kinerja:dashboard", args=[kecamatan.pk, YEAR])).content.decode()
        for q in (1, 2, 3, 4):
            assert _cells(dashboard, f"capaian-tw{q}") == {i.indikator.pk: _expect(i.triwulan(q)) for i in items}
        assert _cells(dashboard, "tahunan") == {i.indikator.pk: _expect(i.tahunan) for i in items}

        rekap = client_for(org.evaluator).get(reverse("kinerja:rekap") + f"?tahun={YEAR}").content.decode()
        row = lxml.html.fromstring(rekap).xpath(f"//tr[th/a[contains(@href, '/{kecamatan.pk}/')]]")[0]
        approved = 0
        for q, status in enumerate(data["statuses"], start=1):
            if status != "disetujui":
                break
            approved = q
        expected = model.rata_tahunan if approved == 4 else model.rata(1, approved) if approved else None
        shown = " ".join(row.xpath(".//td[@data-figure='capaian']")[0].text_content().split())
        assert shown.startswith(expected.teks if expected else "Belum diisi")

        kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
        report = buat_laporan(user=kasubbag, kecamatan=kecamatan, kind=Report.Kind.TRIWULAN, tahun=YEAR, periode=tw)
        text = _pdf_text(pdf.render_pdf(report))
        for item in items:
            segment = _segments(text, "CAPAIAN KINERJA", items)[item.indikator.pk]
            for angka in (item.triwulan(tw), item.sampai(tw), item.progres(tw)):
                assert _squash(angka.capaian.teks) in segment
                if angka.capaian.predikat:
                    assert _squash(angka.capaian.predikat) in segment
        wb = load_workbook(io.BytesIO(xlsx.build_workbook(report, documents.build(report))))
        ws = wb["Pengukuran Kinerja"]
        header = [c.value for c in ws[1]]
        label = pengukuran.label_tw(tw)
        for item, cells in zip(items, ws.iter_rows(min_row=2, values_only=True), strict=True):
            cell = dict(zip(header, cells, strict=True))
            for name, angka in ((label, item.triwulan(tw)), (f"s.d. {label}" if tw > 1 else label, item.sampai(tw))):
                cap = angka.capaian
                assert cell[f"Capaian {name} (%)"] == (float(cap.nilai) if cap.ok else cap.teks)
                assert cell[f"Predikat {name}"] == (cap.predikat or "—")

        lkip = buat_laporan(user=kasubbag, kecamatan=kecamatan, kind=Report.Kind.LKIP, tahun=YEAR, periode=0)
        text = _pdf_text(pdf.render_pdf(lkip))
        for item in items:
            segment = _segments(text, "Tabel Pengukuran Kinerja", items)[item.indikator.pk]
            assert _squash(item.tahunan.capaian.teks) in segment
            assert _squash(item.tahunan.capaian.predikat or "—") in segment
        transaction.set_rollback(True)
