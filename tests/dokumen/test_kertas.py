"""Every document kind read as paper (issue 24): rendered once per module from the demo, and from a data set
the size of a large kecamatan, then checked on the laid-out PDF with the checks of tests/dokumen/kertas.py.

The page images of each kind are written to artifacts/dokumen/<kind>-p<n>.png (60 dpi) for a person to look
at; they are not committed (artifacts/ is ignored).

The checks are proven able to fail: `test_the_checks_fail_on_a_bad_page` feeds them a page with a table too
wide for it, the pohon kinerja drawn at 4 pt, a doubled word, a total row repeated at every page foot and a
footer that ignores appended pages, and the same page without those faults passes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from pypdf import PdfReader, PdfWriter

from tests.dokumen import besar, kertas
from tests.dokumen.dokumen import build_all, build_besar

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "dokumen"

# templates/sop/document_pdf.html: A4 landscape, 10 mm around, 12 mm at the foot.
MARGIN_SOP = {"landscape": kertas.Margin.cm(1.0, 1.0, 1.2, 1.0), "portrait": kertas.Margin.cm(1.0, 1.0, 1.2, 1.0)}
# evaluasi/rekap.py: A4 landscape with the report stylesheet's page margins.
MARGIN_REKAP = {"landscape": kertas.Margin.cm(2.2, 2, 2.2, 2.5), "portrait": kertas.MARGIN_LAPORAN["portrait"]}
# The receipt is a page printed by the browser: WeasyPrint's default page margin (75 px) stands in for it.
MARGIN_HALAMAN = {"portrait": kertas.Margin.cm(1.98), "landscape": kertas.Margin.cm(1.98)}
MARGIN = {
    "sop-ap": MARGIN_SOP,
    "rekap-evaluasi": MARGIN_REKAP,
    "besar-rekap-evaluasi": MARGIN_REKAP,
    "tanda-terima": MARGIN_HALAMAN,
}

KINDS = [
    "pk",
    "rencana-aksi",
    "triwulan",
    "semester",
    "lkip",
    "renstra",
    "iku",
    "lhe",
    "pk-jabatan",
    "rekap-evaluasi",
    "skm",
    "monitoring-sop",
    "sop-ap",
    "tanda-terima",
    # The large kecamatan (tests/dokumen/besar.py): every kind that grows with it. The SOP AP and the receipt
    # stay demo-only: one SOP's paper and one applicant's receipt are the same size in any kecamatan.
    "besar-pk",
    "besar-rencana-aksi",
    "besar-triwulan",
    "besar-semester",
    "besar-lkip",
    "besar-renstra",
    "besar-iku",
    "besar-lhe",
    "besar-pk-jabatan",
    "besar-rekap-evaluasi",
    "besar-skm",
    "besar-monitoring-sop",
]


@pytest.fixture(scope="module")
def sertifikat(tmp_path_factory):
    """A throwaway signing certificate for the module (submitting renders the signature block)."""
    from laporan import signing

    folder = tmp_path_factory.mktemp("sertifikat")
    patch = pytest.MonkeyPatch()
    patch.setenv("SIGNING_KEY_PATH", str(folder / "key.pem"))
    patch.setenv("SIGNING_CERT_PATH", str(folder / "cert.pem"))
    signing.create_certificate(
        common_name="Kecamatan Awayan",
        organization="Pemkab Balangan",
        key_file=folder / "key.pem",
        cert_file=folder / "cert.pem",
    )
    yield
    patch.undo()


def _images(kind: str, pdf: bytes) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{kind}-p*.png"):
        old.unlink()
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            # Light compression: hundreds of pages are written per run, for a person to look at.
            document[index].render(scale=60 / 72).to_pil().save(
                ARTIFACTS / f"{kind}-p{index + 1}.png", compress_level=1
            )
        (ARTIFACTS / f"{kind}.pdf").write_bytes(pdf)
    finally:
        document.close()


@pytest.fixture(scope="module")
def dokumen(sertifikat, demo_data, django_db_blocker):
    """{kind: (Dokumen, pages)} — every kind rendered once for the module."""
    from django.core.cache import cache

    with django_db_blocker.unblock():
        cache.clear()
        built = build_all()
        built.update(build_besar())
    result = {}
    for kind, doc in built.items():
        _images(kind, doc.pdf)
        result[kind] = (doc, kertas.baca(doc.pdf))
    return result


def test_every_kind_is_rendered(dokumen):
    assert sorted(dokumen) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_is_printed_beyond_the_content_area(dokumen, kind):
    _, pages = dokumen[kind]
    assert kertas.di_luar_area(pages, MARGIN.get(kind, kertas.MARGIN_LAPORAN)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_is_printed_under_7_pt(dokumen, kind):
    _, pages = dokumen[kind]
    assert kertas.huruf_kecil(pages) == []


@pytest.mark.parametrize("kind", KINDS)
def test_page_numbers_count_the_whole_file(dokumen, kind):
    doc, pages = dokumen[kind]
    if kind == "tanda-terima":
        pytest.skip("a one-page receipt printed by the browser carries no page number")
    assert kertas.nomor_halaman(pages, salinan=doc.notes.get("salinan")) == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_word_or_phrase_is_printed_twice_in_a_row(dokumen, kind):
    _, pages = dokumen[kind]
    assert kertas.kata_ganda(pages) == []


@pytest.mark.parametrize("kind", KINDS)
def test_total_rows_stay_with_their_table(dokumen, kind):
    _, pages = dokumen[kind]
    assert kertas.jumlah_terpisah(pages) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_submitted_document_holds_no_placeholder(dokumen, kind):
    doc, pages = dokumen[kind]
    if not doc.final:
        pytest.skip("a draft says it is a draft")
    assert kertas.teks_sementara(pages) == []


def test_the_lkip_compares_with_the_renstra_baseline_when_the_app_holds_no_earlier_year(dokumen):
    _, pages = dokumen["lkip"]
    text = " ".join(w.teks for p in pages for w in p.kata)
    assert "Kondisi Awal Renstra" in text and "Belum ada data tahun-tahun sebelumnya" not in text


@pytest.mark.parametrize("kind", ["lkip", "besar-lkip"])
def test_the_lkip_and_its_appended_statement_are_numbered_as_one_file(dokumen, kind):
    _, pages = dokumen[kind]
    last = pages[-1].teks()
    assert "PERNYATAAN TELAH DIREVIU" in last.upper()
    assert f"Halaman {len(pages)} dari {len(pages)}" in last


@pytest.mark.parametrize("kind", ["lkip", "besar-lkip"])
def test_the_reviu_statement_is_signed_by_the_inspektur_at_the_kabupaten_capital(dokumen, kind):
    _, pages = dokumen[kind]
    last = " ".join(pages[-1].teks().split())
    # The demo's reviewer is an auditor: "a.n." the Inspektur, under the auditor's own position.
    assert "a.n. INSPEKTUR KABUPATEN BALANGAN" in last and "Paringin," in last
    assert "INSPEKTORAT BALANGAN" not in last


def test_the_lhe_is_a_letter_of_the_inspektorat_signed_by_the_inspektur(dokumen):
    _, pages = dokumen["lhe"]
    text = " ".join(" ".join(p.teks() for p in pages).split())
    for expected in (
        "PEMERINTAH KABUPATEN BALANGAN",
        "INSPEKTORAT",
        "Nomor",
        "Sifat",
        "Lampiran",
        "Perihal",
        "Implementasi SAKIP",
        "Yth. Camat Awayan",
        "Paringin,",
        "INSPEKTUR KABUPATEN BALANGAN",
        "H. Ahmad Rifani, S.E., M.M.",
        "Tembusan",
        "Bupati Balangan;",
    ):
        assert expected in text, expected
    assert "Sri Arsyad" not in text  # the auditor composes; the Inspektur signs


def test_the_cascading_pk_names_both_parties_with_pangkat_and_nip(dokumen):
    _, pages = dokumen["pk-jabatan"]
    text = " ".join(" ".join(p.teks() for p in pages).split())
    assert text.count("PIHAK PERTAMA") >= 2 and text.count("PIHAK KEDUA") >= 2
    assert "CAMAT AWAYAN" in text and "SWAL SALAHUDIN, S.IP" in text and "19701208 199203 1 007" in text
    assert "Mendukung Indikator Kinerja Camat" in text


def test_the_pohon_kinerja_is_printed_legibly_one_landscape_page_per_sasaran(dokumen):
    _, pages = dokumen["lkip"]
    pohon = [p for p in pages if "Pohon Kinerja Tahun" in p.teks() and "Gambar 2." in p.teks()]
    assert len(pohon) >= 2 and all(p.orientasi == "landscape" for p in pohon)
    assert not any("…" in p.teks() for p in pohon)
    assert min(w.pt for p in pohon for w in p.kata) >= kertas.MIN_PT


def test_the_pk_body_is_justified_and_both_parties_sign_at_one_height(dokumen):
    _, pages = dokumen["pk"]
    words = pages[0].kata
    kedua = next(w for w in words if w.teks == "KEDUA," and w.x0 < pages[0].lebar / 2)
    pertama = next(w for w in words if w.teks == "PERTAMA," and w.x0 > pages[0].lebar / 2)
    assert abs(kedua.dasar - pertama.dasar) < 1
    # The names underlined under the two blocks: the Bupati's and the Camat's on one line.
    bottom = sorted((w for w in words if w.dasar < kedua.dasar - 60), key=lambda w: -w.dasar)
    left = next(w for w in bottom if w.x0 < pages[0].lebar / 2 and w.teks.isupper() and len(w.teks) > 2)
    right = next(w for w in bottom if w.x0 > pages[0].lebar / 2 and w.teks.isupper() and len(w.teks) > 2)
    assert abs(left.dasar - right.dasar) < 1, (left, right)

    # Justified: the first lines of two paragraphs ("Dalam rangka …", "PIHAK PERTAMA berjanji …") start and
    # end at the same x (centred, lines of different lengths did not).
    def line_of(word):
        anchor = next(w for w in words if w.teks == word)
        return [w for w in words if abs(w.dasar - anchor.dasar) < 1]

    first, statement = line_of("Dalam"), line_of("berjanji")
    assert abs(min(w.x0 for w in first) - min(w.x0 for w in statement)) < 1.5
    assert abs(max(w.x1 for w in first) - max(w.x1 for w in statement)) < 1.5


def test_the_rencana_aksi_is_a_compact_table(dokumen):
    """More indicators than pages (it spent a page on each)."""
    _, pages = dokumen["rencana-aksi"]
    rows = sum(1 for p in pages for line in p.baris() if line[:4].replace(".", "").strip().isdigit())
    assert len(pages) <= 6 and rows > len(pages)


# --- the checks can fail ----------------------------------------------------------------------------------

GOOD = """
<section class="landscape"><h2 class="judul-bab">CAPAIAN KINERJA TAHUN 2025</h2>
<table class="tabel"><thead><tr><th>No</th><th>Uraian</th><th>Nilai</th></tr></thead><tbody>{rows}</tbody>
<tfoot{foot}><tr><th colspan="2">Jumlah</th><th class="num">1.234,00</th></tr></tfoot></table>
<table class="tabel"><tr><td>Kolom</td><td class="num">{wide}</td></tr></table>
</section>
{pohon}
"""


def _page(*, wide=False, small=False, doubled=False, footer=False) -> bytes:
    from kinerja import pohon
    from laporan import pdf

    rows = "".join(
        f"<tr><td>{n}</td><td>Uraian kegiatan nomor {n}{' tahun tahun' if doubled and n == 3 else ''}</td>"
        f'<td class="num">{n},00</td></tr>'
        for n in range(1, 60)
    )
    node = pohon.Node(0, "1. Meningkatnya kualitas pelayanan publik", lines=["Capaian s.d. TW IV: 90,00%"])
    node.children = [pohon.Node(1, f"1.{n} Indikator sasaran", lines=["Target 100 %"]) for n in range(1, 4)]
    html = GOOD.format(
        rows=rows,
        foot=' style="display: table-footer-group"' if footer else "",
        wide=("Nilai" + "x" * 400) if wide else "Nilai",
        # The old print: the screen drawing at a portrait page's width (about 4 pt); the new: its pages.
        pohon=(
            f'<section class="bab"><div class="pohon-pdf">{pohon.svg([node])}</div></section>'
            if small
            else f'<div class="landscape pohon-halaman">{pohon.halaman_cetak([node])[0]}</div>'
        ),
    )
    return pdf.write_pdf(f'<!doctype html><html lang="id"><body>{html}</body></html>', "Uji")


def test_the_checks_fail_on_a_bad_page():
    good = kertas.baca(_page())
    assert kertas.semua(good) == []
    assert kertas.di_luar_area(kertas.baca(_page(wide=True)))
    assert kertas.huruf_kecil(kertas.baca(_page(small=True)))
    assert kertas.kata_ganda(kertas.baca(_page(doubled=True)))
    assert kertas.jumlah_terpisah(kertas.baca(_page(footer=True)))
    # A page appended after rendering, the footer not told: "Halaman 1 dari 2" in a three-page file.
    writer = PdfWriter(clone_from=io.BytesIO(_page()))
    writer.append(io.BytesIO(_page()), pages=(0, 1))
    out = io.BytesIO()
    writer.write(out)
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) > len(good)
    assert kertas.nomor_halaman(kertas.baca(out.getvalue()))


def test_the_placeholder_check_finds_an_empty_section():
    page = kertas.Halaman(
        1,
        595,
        842,
        [
            kertas.Kata("(Bagian", 80, 120, 500, 510, 10, 500),
            kertas.Kata("ini", 122, 135, 500, 510, 10, 500),
            kertas.Kata("belum", 137, 165, 500, 510, 10, 500),
            kertas.Kata("diisi.)", 167, 195, 500, 510, 10, 500),
        ],
    )
    assert kertas.teks_sementara([page]) and not kertas.teks_sementara([kertas.Halaman(1, 595, 842)])
    # Wrapped in a narrow box: "Belum" ends one line, "diisi" starts the next (a pohon kinerja's label).
    wrapped = kertas.Halaman(
        1,
        842,
        595,
        [
            kertas.Kata("Capaian:", 80, 115, 500, 510, 8, 500),
            kertas.Kata("Belum", 117, 140, 500, 510, 8, 500),
            kertas.Kata("diisi", 80, 98, 490, 500, 8, 490),
        ],
    )
    assert kertas.teks_sementara([wrapped])


def test_numbers_repeat_legitimately_in_tables():
    words = [kertas.Kata(t, 80 + 30 * i, 100 + 30 * i, 500, 510, 10, 500) for i, t in enumerate(["100", "100"])]
    assert kertas.kata_ganda([kertas.Halaman(1, 595, 842, words)]) == []


def test_each_indicator_states_one_formula_in_the_iku_and_the_lkip_and_the_bands_are_printed(dokumen):
    """The capaian formula comes from kinerja.capaian.rumus_teks for both documents: the IKU and the LKIP say
    the same of each indicator, a negative one by its (2T − R)/T rule, and the LKIP states the bands."""
    from kinerja import capaian
    from laporan import documents
    from laporan.models import Report

    lkip = Report.objects.get(kecamatan__kode="awayan", kind=Report.Kind.LKIP, tahun=2025)
    iku = Report.objects.get(kecamatan__kode="awayan", kind=Report.Kind.IKU, tahun=2025)
    lkip_rows = {b.indikator: b.rumus for k in documents.build(lkip)["sasaran"] for b in k.baris}
    iku_rows = {ind.uraian: ind.rumus_capaian for ind in documents.build(iku)["renstra"]["iku_list"]}
    shared = set(lkip_rows) & set(iku_rows)
    assert shared and all(lkip_rows[name] == iku_rows[name] for name in shared)
    negative = capaian.rumus_teks(polaritas="negatif")
    assert negative in lkip_rows.values()

    def words(kind):
        return " ".join(w.teks for p in dokumen[kind][1] for w in p.kata)

    assert " ".join(negative.split()) in words("lkip") and " ".join(negative.split()) in words("iku")
    for band in capaian.rentang_predikat():
        assert " ".join(band.split()) in words("lkip"), band


def test_every_effective_sop_of_the_demo_reads_as_paper(dokumen):
    """Beyond the one SOP above: every effective SOP the demo holds, each through the same checks."""
    from sop.models import SopRevision
    from sop.pdf import render_revision_pdf

    # The large kecamatan's SOPs are copies of these (tests/dokumen/besar.py): read once, as the demo's.
    revisions = list(
        SopRevision.objects.filter(status=SopRevision.Status.EFFECTIVE)
        .exclude(sop__kecamatan__kode=besar.KECAMATAN)
        .order_by("pk")
    )
    assert revisions
    problems = {}
    for revision in revisions:
        pages = kertas.baca(render_revision_pdf(revision))
        found = kertas.semua(pages, margin=MARGIN_SOP)
        if found:
            problems[f"{revision.nomor} {revision.nama}"] = found
    assert problems == {}


def test_a_tall_pohon_kinerja_continues_on_the_next_page_and_stays_legible():
    """A sasaran with fifteen indicators of long names, each carried out by two positions: its subtree is
    taller than a page, so it is printed over several pages (the sasaran repeated), every label in full."""
    from kinerja import pohon
    from laporan import pdf

    long = "Persentase penyelesaian pelayanan administrasi kependudukan dan perizinan tepat waktu desa binaan"
    indicators = [
        pohon.Node(
            2,
            f"1.{n} {long} {n}",
            lines=["Target 2025: 95 %", "Capaian s.d. TW IV: 91,20% (Sangat Tinggi)"],
            children=[pohon.Node(3, f"1.{n}.{k} {long}", lines=["Target 95 %"]) for k in (1, 2)],
        )
        for n in range(1, 16)
    ]
    sasaran = pohon.Node(1, "1. Meningkatnya kualitas pelayanan publik di kecamatan", children=indicators)
    root = pohon.Node(0, "1. Meningkatnya tata kelola pemerintahan daerah", children=[sasaran])
    svgs = pohon.halaman_cetak([root])
    assert len(svgs) > 1
    html = "".join(f'<div class="landscape pohon-halaman">{svg}</div>' for svg in svgs)
    content = pdf.write_pdf(f'<!doctype html><html lang="id"><body>{html}</body></html>', "Uji")
    _images("pohon-tinggi", content)
    pages = kertas.baca(content)
    assert len(pages) == len(svgs)
    assert kertas.di_luar_area(pages) == [] and kertas.huruf_kecil(pages) == []
    text = " ".join(w.teks for p in pages for w in p.kata)
    assert "…" not in text and text.count("binaan 15") == 1
    assert all("Meningkatnya kualitas pelayanan publik" in " ".join(w.teks for w in p.kata) for p in pages)
