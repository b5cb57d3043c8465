"""The Renstra document with the chapters of Permendagri 86/2017 (issue 24): the naskah and the programmes with
their pagu indikatif are composed on their pages by the Renstra's composers, hidden from other kecamatan,
locked once the Renstra is established, copied by a Renstra Perubahan; an empty chapter keeps the document
from being submitted; the PDF prints BAB I–VIII in order and the programme totals."""

import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from laporan import gates
from laporan import pdf as laporan_pdf
from laporan.models import Report
from laporan.services import LaporanError, ajukan, buat_laporan
from renstra import selectors, services
from renstra.locks import RenstraTerkunci
from renstra.models import BabRenstra, KegiatanRenstra, PaguRenstra, ProgramRenstra, Renstra
from renstra.services import RenstraError
from sakip.roles import Role
from tests.dokumen import kertas
from tests.renstra.data import fill_naskah, make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def _url(name, kec):
    return reverse(f"renstra:{name}", args=[kec.unit.pk])


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_kasubbag_writes_the_chapters_and_other_kecamatan_and_roles_are_refused(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)
    sasaran = renstra.sasaran.get()
    url = _url("naskah", org.awayan)
    kasubbag = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    form = kasubbag.get(url).content.decode()
    assert 'name="latar_belakang"' in form and f'name="strategi_{sasaran.pk}"' in form
    response = kasubbag.post(
        url,
        {
            "latar_belakang": "Kecamatan Awayan menyusun Renstra.",
            "landasan_hukum": "1. Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
            f"strategi_{sasaran.pk}": "Menyederhanakan prosedur",
            f"arah_{sasaran.pk}": "Standar pelayanan diterapkan",
        },
    )
    assert response.status_code == 302
    assert selectors.naskah(renstra)["latar_belakang"] == "Kecamatan Awayan menyusun Renstra."
    sasaran.refresh_from_db()
    assert (sasaran.strategi, sasaran.arah_kebijakan) == ("Menyederhanakan prosedur", "Standar pelayanan diterapkan")
    # Another kecamatan's people do not see it; a Kasi of the kecamatan reads it but may not write.
    tebing = client_for(org.tebing.people[Role.KASUBBAG_PERENCANAAN])
    for name in ("naskah", "program"):
        assert tebing.get(_url(name, org.awayan)).status_code == 404
    for name in ("naskah", "program_tambah"):
        assert tebing.post(_url(name, org.awayan), {"latar_belakang": "x", "kode": "x"}).status_code == 404
    kasi = client_for(org.awayan.people[Role.KASI])
    page = kasi.get(url)
    assert page.status_code == 200 and "Kecamatan Awayan menyusun Renstra." in page.content.decode()
    assert 'name="latar_belakang"' not in page.content.decode()
    assert kasi.post(url, {"latar_belakang": "Diubah"}).status_code == 403
    assert selectors.naskah(renstra)["latar_belakang"] == "Kecamatan Awayan menyusun Renstra."


def test_a_refused_chapter_is_named_the_input_kept_and_nothing_saved(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    response = client.post(
        _url("naskah", org.awayan),
        {"latar_belakang": "Teks\x07dengan bel", "maksud_tujuan": "Maksud yang sudah diketik"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "1.1 Latar Belakang" in page and "Maksud yang sudah diketik" in page
    assert not BabRenstra.objects.filter(renstra=renstra).exists()
    with pytest.raises(RenstraError) as refused:
        services.naskah_simpan(
            user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], renstra=renstra, isi={"penutup": "x" * 20001}
        )
    assert "Penutup" in refused.value.errors["penutup"]


def test_the_programme_pagu_is_stored_per_year_and_summed(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)
    client = client_for(org.awayan.people[Role.KASUBBAG_PERENCANAAN])
    url = _url("program", org.awayan)
    sasaran = renstra.sasaran.get()
    program_form = {"sasaran": sasaran.pk, "kode": "7.01.02", "nama": "Program Pelayanan"}
    assert client.post(_url("program_tambah", org.awayan), {**program_form, "indikator": "IKM"}).status_code == 302
    program = ProgramRenstra.objects.get(renstra=renstra)
    tambah = reverse("renstra:kegiatan_tambah", args=[org.awayan.unit.pk, program.pk])
    kegiatan = {"indikator": "Layanan selesai"}
    pagu = {f"pagu_{y}": f"{1 + i}.250.000.000" for i, y in enumerate(renstra.tahun_list)}
    assert client.post(tambah, {**kegiatan, "kode": "7.01.02.2.01", "nama": "Koordinasi", **pagu}).status_code == 302
    bad = client.post(tambah, {**kegiatan, "kode": "7.01.02.2.02", "nama": "PATEN", "pagu_2025": "-5"})
    assert bad.status_code == 400 and "Tidak boleh negatif" in bad.content.decode()
    assert 'value="PATEN"' in bad.content.decode()  # the input is kept
    assert KegiatanRenstra.objects.filter(program=program).count() == 1
    other = {f"pagu_{y}": "100.000.000,50" for y in renstra.tahun_list}
    assert client.post(tambah, {**kegiatan, "kode": "7.01.02.2.02", "nama": "PATEN", **other}).status_code == 302
    stored = sorted(PaguRenstra.objects.filter(kegiatan__program=program).values_list("tahun", "nilai"))
    assert (2025, Decimal("1250000000")) in stored and (2029, Decimal("100000000.50")) in stored
    tabel = selectors.program_tabel(renstra)
    assert tabel.program[0].pagu_per_tahun[0] == Decimal("1350000000.50")
    assert tabel.total == sum(Decimal(f"{1 + i}250000000") for i in range(5)) + Decimal("500000002.50")
    page = client.get(url).content.decode()
    assert "1.350.000.001" in page  # the 2025 total, whole rupiah on the page
    # A sasaran served by a programme is not deleted from under it.
    with pytest.raises(RenstraError, match="7.01.02"):
        services.sasaran_hapus(user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], sasaran=sasaran)


def test_the_naskah_and_programmes_are_locked_once_the_renstra_is_established(org, client_for):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1, establish=True)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    with pytest.raises(RenstraError, match="Renstra Perubahan"):
        services.naskah_simpan(user=kasubbag, renstra=renstra, isi={"penutup": "Diubah"})
    program = ProgramRenstra.objects.get(renstra=renstra)
    with pytest.raises(RenstraError):
        services.program_simpan(
            user=kasubbag, renstra=renstra, sasaran=program.sasaran, data={"kode": "X", "nama": "X", "indikator": "X"}
        )
    # The locks hold below the services too (renstra/locks.py).
    bab = BabRenstra.objects.filter(renstra=renstra).first()
    bab.isi = "Diubah di shell"
    with pytest.raises(RenstraTerkunci), transaction.atomic():
        bab.save()
    pagu = PaguRenstra.objects.filter(kegiatan__program=program).first()
    pagu.nilai = Decimal(1)
    with pytest.raises(RenstraTerkunci), transaction.atomic():
        pagu.save()
    with pytest.raises(RenstraTerkunci), transaction.atomic():
        program.delete()
    client = client_for(kasubbag)
    assert 'name="latar_belakang"' not in client.get(_url("naskah", org.awayan)).content.decode()
    assert client.post(_url("naskah", org.awayan), {"penutup": "Diubah"}).status_code == 400
    assert selectors.naskah(renstra)["penutup"] != "Diubah"
    # A Renstra Perubahan starts from the same naskah and programmes, and may change them.
    new = services.renstra_perubahan(user=kasubbag, renstra=renstra, alasan="Penyesuaian RPJMD")
    assert selectors.naskah(new) == selectors.naskah(renstra)
    assert selectors.program_tabel(new).total == selectors.program_tabel(renstra).total > 0
    assert new.sasaran.get().strategi == renstra.sasaran.get().strategi
    assert services.bab_belum_diisi(new) == []
    services.naskah_simpan(user=kasubbag, renstra=new, isi={"penutup": "Penutup perubahan"})
    assert selectors.naskah(new)["penutup"] == "Penutup perubahan"


def test_an_empty_chapter_keeps_the_document_from_being_submitted_and_is_named(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2, naskah=False)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.RENSTRA, tahun=2025)
    reasons = gates.alasan_tidak_dapat_diajukan(report)
    assert "Naskah BAB I Pendahuluan belum diisi: 1.1 Latar Belakang, 1.2 Landasan Hukum, 1.3 Maksud dan Tujuan." in (
        reasons
    )
    assert "Naskah BAB VIII Penutup belum diisi: Penutup." in reasons
    assert "BAB V Strategi dan Arah Kebijakan: strategi dan arah kebijakan sasaran 1, 2 belum diisi." in reasons
    assert any(r.startswith("BAB VI Rencana Program dan Kegiatan serta Pendanaan: belum ada program") for r in reasons)
    with pytest.raises(LaporanError):
        ajukan(user=kasubbag, report_id=report.pk)
    fill_naskah(org.awayan, renstra)
    PaguRenstra.objects.filter(kegiatan__kode="7.01.02.2.01", tahun=2027).delete()
    assert gates.alasan_tidak_dapat_diajukan(report) == [
        "BAB VI Rencana Program dan Kegiatan serta Pendanaan: pagu indikatif kegiatan 7.01.02.2.01 tahun 2027 belum diisi."
    ]
    services.kegiatan_simpan(
        user=kasubbag,
        program=ProgramRenstra.objects.get(kode="7.01.02"),
        data={"kode": "7.01.02.2.01", "nama": "Kegiatan layanan 2", "indikator": "Layanan terlaksana"},
        pagu={2027: Decimal(120_000_000)},
        kegiatan=KegiatanRenstra.objects.get(kode="7.01.02.2.01"),
    )
    assert gates.alasan_tidak_dapat_diajukan(report) == []
    ajukan(user=kasubbag, report_id=report.pk)
    assert Report.objects.get(pk=report.pk).status == Report.Status.DIAJUKAN
    assert Renstra.objects.get(pk=renstra.pk).status == Renstra.Status.DRAFT


def test_the_document_prints_the_eight_chapters_in_order_and_the_programme_totals(org):
    make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.RENSTRA, tahun=2025)
    data = laporan_pdf.render_pdf(report)
    text = _text(data)
    headings = [
        "BAB I PENDAHULUAN",
        "BAB II GAMBARAN PELAYANAN PERANGKAT DAERAH",
        "BAB III PERMASALAHAN DAN ISU-ISU STRATEGIS",
        "BAB IV TUJUAN DAN SASARAN",
        "BAB V STRATEGI DAN ARAH KEBIJAKAN",
        "BAB VI RENCANA PROGRAM DAN KEGIATAN SERTA PENDANAAN",
        "BAB VII KINERJA PENYELENGGARAAN BIDANG URUSAN",
        "BAB VIII PENUTUP",
    ]
    body = text[text.index("1.1 Latar Belakang") - 40 :]  # after the table of contents
    positions = [body.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions), list(zip(headings, positions, strict=True))
    assert "1.4 Sistematika Penulisan" in body and "Strategi sasaran 2" in body and "Arah kebijakan sasaran 1" in body
    # Two programmes, each one kegiatan of 100, 110, 120, 130, 140 million: 600 million each, 1,2 billion in all.
    assert "7.01.01 Program layanan 1 Indeks kepuasan 1 100.000.000 110.000.000" in body
    assert "600.000.000" in body
    assert "JUMLAH PAGU INDIKATIF 200.000.000 220.000.000 240.000.000 260.000.000 280.000.000 1.200.000.000" in body
    assert "belum diisi" not in text.lower()
    # Read as paper (tests/dokumen/kertas.py): nothing beyond the content area, no text under 7 pt, page numbers
    # true, no doubled words, totals with their table.
    assert kertas.semua(kertas.baca(data)) == []


def test_the_renstra_page_shows_the_eight_chapters_as_the_document_does(org, client_for, django_assert_max_num_queries):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2)
    client = client_for(org.awayan.people[Role.CAMAT])
    url = reverse("renstra:dokumen", args=[org.awayan.unit.pk, renstra.pk])
    with django_assert_max_num_queries(30):
        page = " ".join(client.get(url).content.decode().split())
    headings = [f'data-bab="{nomor}"' for nomor in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    positions = [page.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions)
    assert "1.4 Sistematika Penulisan" in page and "Strategi sasaran 2" in page and "Arah kebijakan sasaran 1" in page
    assert "Program layanan 1" in page and "1.200.000.000" in page  # BAB VI with its total
    assert "Tambah kegiatan" not in page  # the document, not the editing page
