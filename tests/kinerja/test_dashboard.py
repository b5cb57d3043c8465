from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.chart import bar_chart_svg
from kinerja.models import Realisasi, Triwulan
from kinerja.services import triwulan as tw
from sakip.models import Unit
from sakip.roles import Role
from tests.factories import make_kecamatan
from tests.kinerja.data import make_pk


def url(org, kecamatan="awayan", tahun=2025):
    return reverse("kinerja:dashboard", args=[getattr(org, kecamatan).unit.pk, tahun])


def fill(indicators, triwulan, value):
    for ind in indicators:
        Realisasi.objects.create(indikator=ind, triwulan=triwulan, nilai=Decimal(value))


def test_it_requires_login(client, org):
    assert client.get(url(org)).status_code == 302


def test_it_hides_other_kecamatan(client_for, org):
    assert client_for(org.person("tebing", Role.CAMAT)).get(url(org)).status_code == 404


def test_dashboard_shows_capaian_predikat_and_the_chart(client_for, org):
    indicators = make_pk(org.awayan, 2025, 2)
    fill(indicators, 1, 20)
    fill(indicators, 2, 25)
    html = client_for(org.person("awayan", Role.PELAKSANA)).get(url(org)).content.decode()
    assert "80,00%" in html  # TW I: 20 of 25
    assert "90,00%" in html and "Tinggi" in html  # s.d. TW II: 45 of the 50 planned s.d. TW II
    assert "45,00%" in html  # progress: 45 of the annual 100, shown without a predikat
    assert "Sangat Rendah" not in html  # a mid-year figure is never judged against the annual target
    assert "<svg" in html and "Target tahunan" in html


def test_dashboard_costs_the_same_queries_for_5_and_50_indicators(client_for, org):
    client = client_for(org.person("awayan", Role.CAMAT))
    counts = []
    for year, n in ((2023, 5), (2024, 50)):
        fill(make_pk(org.awayan, year, n), 1, 10)
        client.get(url(org, tahun=year))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(org, tahun=year)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_rekap_is_for_kabupaten_readers(client_for, org):
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("kinerja:rekap")).status_code == 403
    response = client_for(org.evaluator).get(reverse("kinerja:rekap") + "?tahun=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Awayan" in html and "Tebing Tinggi" in html


def test_rekap_sorts_by_capaian(client_for, org):
    fill(make_pk(org.awayan, 2025, 1), 1, 10)
    fill(make_pk(org.tebing, 2025, 1), 1, 20)
    for kecamatan in (org.awayan, org.tebing):
        tw.triwulan_get_or_create(kecamatan=kecamatan.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(tahun=2025).update(status=Triwulan.Status.DISETUJUI)
    html = client_for(org.admin).get(reverse("kinerja:rekap") + "?tahun=2025&sort=capaian").content.decode()
    assert html.index("Tebing Tinggi") < html.index("Awayan</a>")


def test_rekap_judges_approved_quarters_only_and_ranks_like_with_like(client_for, org):
    fill(make_pk(org.awayan, 2025, 1), 1, 25)  # 100% in TW I, but still a draft
    fill(make_pk(org.tebing, 2025, 1), 1, 10)  # 40% in TW I, approved
    tw.triwulan_get_or_create(kecamatan=org.tebing.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(kecamatan=org.tebing.unit).update(status=Triwulan.Status.DISETUJUI)
    rows = client_for(org.admin).get(reverse("kinerja:rekap") + "?tahun=2025&sort=capaian").context["rows"]
    awayan, tebing = (next(r for r in rows if r["kecamatan"] == k.unit) for k in (org.awayan, org.tebing))
    assert awayan["capaian"].teks == "Belum diisi"  # drafts are not counted
    assert tebing["capaian"].teks == "40,00%"
    assert tebing["disetujui"] == 1 and awayan["disetujui"] == 0
    assert rows.index(tebing) < rows.index(awayan)


def test_rekap_costs_the_same_queries_for_2_and_8_kecamatan(client_for, org):
    client = client_for(org.admin)
    fill(make_pk(org.awayan, 2025, 3), 1, 10)
    fill(make_pk(org.tebing, 2025, 3), 1, 10)
    counts = []
    for extra in (0, 6):
        for k in range(extra):
            kec = make_kecamatan(org.kabupaten, f"Uji {k}", f"uji{k}")
            fill(make_pk(kec, 2025, 3), 1, 10)
        assert Unit.objects.filter(jenis=Unit.Kind.KECAMATAN).count() == 2 + extra
        client.get(reverse("kinerja:rekap"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("kinerja:rekap") + "?tahun=2025")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_chart_labels_values_in_indonesian_format():
    svg = bar_chart_svg(["1.1"], [("Target", [Decimal("1234.5")]), ("Realisasi", [None])], title="Uji")
    assert "1.234,5" in svg and '<title id="chart-title">Uji</title>' in svg
    assert svg.count("<rect") == 1 + 2  # one bar (None is not drawn) + two legend keys


def test_rekap_workbook_holds_the_page_rows_in_the_page_order(client_for, org):
    import io

    from openpyxl import load_workbook

    fill(make_pk(org.awayan, 2025, 1), 1, 25)  # a draft: not counted
    fill(make_pk(org.tebing, 2025, 1), 1, 10)  # 40% in TW I, approved
    tw.triwulan_get_or_create(kecamatan=org.tebing.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(kecamatan=org.tebing.unit).update(status=Triwulan.Status.DISETUJUI)
    client = client_for(org.admin)
    rows = client.get(reverse("kinerja:rekap") + "?tahun=2025&sort=capaian").context["rows"]
    response = client.get(reverse("kinerja:rekap_xlsx") + "?tahun=2025&sort=capaian")
    assert response["Content-Disposition"] == 'attachment; filename="rekap-kinerja-kecamatan-2025.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Rekap 2025"]
    cells = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [c[0] for c in cells] == [r["kecamatan"].nama for r in rows]
    tebing = next(c for c in cells if c[0] == org.tebing.unit.nama)
    assert tebing[1] == "Disetujui (terkunci)" and tebing[5] == 1
    assert tebing[6] == 40 and tebing[7] == "s.d. TW I"  # a number, as the page's 40,00%
    awayan = next(c for c in cells if c[0] == org.awayan.unit.nama)
    assert awayan[6] == "Belum diisi" and awayan[5] == 0
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("kinerja:rekap_xlsx")).status_code == 403


def test_one_indicator_followed_across_kecamatan_on_approved_data(client_for, org):
    fill(make_pk(org.awayan, 2025, 1), 1, 25)  # a draft: no capaian yet
    fill(make_pk(org.tebing, 2025, 1), 1, 10)  # 40% in TW I, approved
    tw.triwulan_get_or_create(kecamatan=org.tebing.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(kecamatan=org.tebing.unit).update(status=Triwulan.Status.DISETUJUI)
    client = client_for(org.admin)
    page = client.get(reverse("kinerja:rekap_indikator") + "?tahun=2025")
    assert page.context["names"] == ["Persentase layanan PATEN tepat waktu 1"]  # one name, two kecamatan
    page = client.get(reverse("kinerja:rekap_indikator") + "?tahun=2025&uraian=persentase layanan paten tepat waktu 1")
    rows = {r["kecamatan"]: r for r in page.context["rows"]}
    assert rows[org.tebing.unit]["capaian"].teks == "40,00%" and rows[org.tebing.unit]["angka"].realisasi == 10
    assert rows[org.awayan.unit]["capaian"].teks == "Belum diisi" and rows[org.awayan.unit]["angka"] is None
    assert f'data-kecamatan="{org.tebing.unit.pk}"' in page.content.decode()
    assert client_for(org.person("awayan", Role.CAMAT)).get(reverse("kinerja:rekap_indikator")).status_code == 403


def test_rekap_pdf_prints_the_page_figures(client_for, org):
    import io

    from pypdf import PdfReader

    fill(make_pk(org.tebing, 2025, 1), 1, 10)  # 40% in TW I, approved
    tw.triwulan_get_or_create(kecamatan=org.tebing.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(kecamatan=org.tebing.unit).update(status=Triwulan.Status.DISETUJUI)
    response = client_for(org.admin).get(reverse("kinerja:rekap_pdf") + "?tahun=2025")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "REKAP KINERJA KECAMATAN TAHUN 2025" in text
    assert org.tebing.unit.nama in text and "40,00%" in text and "s.d. TW I" in text
    assert org.awayan.unit.nama in text and "Halaman 1 dari 1" in text
