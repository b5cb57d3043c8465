import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from sakip.models import Pegawai, Unit
from sop.models import Lane, Sop, SopRevision, Step


def _text(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture
def demo(demo_data, db):
    return {r.nomor: r for r in SopRevision.objects.all()}


def user(username):
    return Pegawai.objects.get(username=username)


def make_draft(kecamatan_unit, steps: int) -> SopRevision:
    sop = Sop.objects.create(kecamatan=kecamatan_unit)
    revision = SopRevision.objects.create(sop=sop, nama=f"SOP uji {steps} langkah", nomor=f"UJI/{steps}")
    lanes = [
        Lane.objects.create(revision=revision, urutan=i, label=label, role=role)
        for i, (label, role) in enumerate([("Camat", "CAMAT"), ("Kasubbag", "KASUBBAG_PERENCANAAN")], start=1)
    ]
    for n in range(1, steps + 1):
        kind = "mulai" if n == 1 else "selesai" if n == steps else "proses"
        Step.objects.create(
            revision=revision,
            no=n,
            uraian=f"Langkah {n}",
            lane=lanes[n % 2],
            kind=kind,
            waktu_cetak="1 Jam",
            waktu_nilai=1,
            waktu_satuan="jam",
        )
    return revision


def test_list_requires_login(client, db):
    assert client.get(reverse("sop:list")).status_code == 302


def test_kasubbag_sees_own_sops_and_other_kecamatan_effective_ones(client, demo):
    client.force_login(user("perencanaan.awayan"))
    html = client.get(reverse("sop:list")).content.decode()
    assert "Penyusunan Laporan Kinerja Instansi Pemerintah (LKIP)" in html
    assert "Monitoring/Evaluasi Internal Capaian Kinerja Per Triwulan" in html  # Batumandi's, as an example
    assert "Templat — unit tidak diketahui" in html
    assert "3 hari kerja 5 jam 20 menit" in html or "hari kerja" in html


def test_list_search_and_filter(client, demo):
    client.force_login(user("perencanaan.awayan"))
    html = client.get(reverse("sop:list"), {"q": "LKIP"}).content.decode()
    assert "Penyusunan Laporan Kinerja Instansi Pemerintah" in html
    assert "Penyusunan Rencana Kinerja" not in html
    html = client.get(reverse("sop:list"), {"kecamatan": "templat"}).content.decode()
    assert "Pengukuran Kinerja Triwulan" in html and "Penyusunan Rencana Kinerja" not in html


def test_awayan_reads_tebing_tinggi_effective_sop_but_not_its_draft(client, demo):
    from sakip.models import Unit

    tebing = Unit.objects.get(kode="tebing-tinggi")
    draft = make_draft(tebing, 3)
    client.force_login(user("perencanaan.awayan"))
    effective = demo["067/211/KTT-BLG/2024"]
    response = client.get(reverse("sop:detail", args=[effective.pk]))
    assert response.status_code == 200
    assert "hanya dapat dibaca" in response.content.decode()
    assert client.get(reverse("sop:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("sop:pdf", args=[draft.pk])).status_code == 404
    assert "SOP uji 3 langkah" not in client.get(reverse("sop:list")).content.decode()


def test_evaluator_reads_every_sop(client, demo):
    client.force_login(user("evaluator.balangan"))
    assert client.get(reverse("sop:detail", args=[demo["02 JANUARI 2023"].pk])).status_code == 200


def test_detail_requires_login(client, demo):
    assert client.get(reverse("sop:detail", args=[demo["02 JANUARI 2023"].pk])).status_code == 302


@pytest.mark.parametrize(
    "nomor",
    [
        "067/211/KTT-BLG/2024",
        "067/02/KEC.AWY/VII/2023",
        "SOP – 01/Kec.Awy",
        "067.2/ 03 /KEC.AWY/VII/2023",
        "067/02/KEC.AWY/VII/2024",
        "02 JANUARI 2023",
        "067/001/KEC.BTM/BLG/2024",
        "009  /KBB /SOP/IV/2023",
    ],
)
def test_each_seed_renders_as_html_and_pdf_with_every_step_and_the_identity(client, demo, nomor):
    revision = demo[nomor]
    client.force_login(user("camat.awayan"))
    html = client.get(reverse("sop:detail", args=[revision.pk])).content.decode()
    for step in revision.steps.all():
        assert step.uraian in html.replace("&quot;", '"')
    response = client.get(reverse("sop:pdf", args=[revision.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    import io

    reader = PdfReader(io.BytesIO(response.content))
    text = _text(" ".join(page.extract_text() for page in reader.pages))
    for step in revision.steps.all():
        assert _text(step.uraian) in text, step.no
    for value in (revision.nama, revision.nomor.strip(), revision.disahkan_nama):
        assert _text(value) in text
    assert "Dasar Hukum" in text and "Kualifikasi Pelaksana" in text and "Mutu Baku" in text
    if revision.disahkan_nip:
        assert revision.disahkan_nip[:8] in text
    if revision.sop.kecamatan is None:
        assert "Unit penerbit tidak diketahui" in text
    assert f"Halaman {len(reader.pages)} dari {len(reader.pages)}" in text


def test_long_sops_break_across_pages_with_off_page_connectors(client, demo):
    revision = demo["067/001/KEC.BTM/BLG/2024"]
    from sop import document

    chunks = document.context(revision, paginate=True)["chunks"]
    # Pages break by row height, never leaving a lone step, and not where the 7 -> 6 loop would be cut.
    assert len(chunks) == 2 and all(len(c) > 1 for c in chunks)
    assert sum(len(c) for c in chunks) == 12
    svg_end = chunks[0][-1]["svg"]
    svg_start = chunks[1][0]["svg"]
    assert 'data-direction="down"' in svg_end and 'data-direction="up"' in svg_start


def test_detail_costs_the_same_queries_for_5_and_40_steps(client, demo):
    client.force_login(user("camat.awayan"))
    counts = []
    for n in (5, 40):
        revision = make_draft(Unit.objects.get(kode="awayan"), n)
        client.get(reverse("sop:detail", args=[revision.pk]))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("sop:detail", args=[revision.pk])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
