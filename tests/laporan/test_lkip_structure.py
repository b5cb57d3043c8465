"""The signed LKIP read back from its PDF (pypdf) against the structure PermenPAN-RB 53/2014 sets out
(Lampiran: format of the Laporan Kinerja): cover, Kata Pengantar, Ikhtisar Eksekutif, Bab I Pendahuluan
(gambaran umum, struktur organisasi, tugas dan fungsi, isu strategis), Bab II Perencanaan Kinerja (with
the Perjanjian Kinerja), Bab III Akuntabilitas Kinerja (capaian with the comparisons the regulation names:
target against realisation, against earlier years, against the medium-term target and a national
standard; analysis of causes and of efficiency; realisasi anggaran), Bab IV Penutup, and the appendices —
in that order, with no placeholder of an unwritten section anywhere."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kinerja.models import Indikator
from laporan import signing
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi, tandatangani
from sakip.roles import Role
from tests.conftest import held_for_the_module
from tests.factories import LAMPAU, PASSWORD, build_org
from tests.laporan.data import build_kinerja, narasi_lengkap, sign_pk_document

pytestmark = pytest.mark.django_db

# (what the page must say, in the order the regulation gives)
STRUCTURE = [
    "LAPORAN KINERJA INSTANSI PEMERINTAH",
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "DAFTAR ISI",
    "BAB I PENDAHULUAN",
    "A. Gambaran Umum",
    "B. Struktur Organisasi",
    "C. Tugas dan Fungsi",
    "D. Isu Strategis",
    "BAB II PERENCANAAN KINERJA",
    "A. Sasaran dan Indikator Kinerja Utama",
    "B. Perjanjian Kinerja 2025",
    "BAB III AKUNTABILITAS KINERJA",
    "A. Capaian Kinerja Organisasi",
    "Tabel Pengukuran Kinerja",
    "Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya",
    "Perbandingan dengan Target Jangka Menengah (Renstra) dan Standar Nasional/Provinsi",
    "Analisis Sasaran 1",
    "Efisiensi penggunaan sumber daya",
    "Analisis Sasaran 2",
    "B. Realisasi Anggaran",
    "Anggaran per Sasaran",
    "BAB IV PENUTUP",
    "LAMPIRAN",
    "Pernyataan Telah Direviu",
    "Lampiran 1. Perjanjian Kinerja 2025",
    "Lampiran 2. Rencana Aksi 2025",
]


@pytest.fixture(scope="module")
def signed_lkip(django_db_setup, django_db_blocker, tmp_path_factory):
    """Awayan's LKIP 2025, signed, as the text of its pages: built once for the module's three readings."""
    pages = []

    def build():
        org = build_org()
        for year in range(2019, 2026):  # six earlier years: the LKIP compares with the last five
            build_kinerja(org.awayan.unit, year)
        ind = Indikator.objects.get(kecamatan=org.awayan.unit, tahun=2025, sasaran__urutan=1, urutan=1)
        ind.target_renstra, ind.standar_nasional, ind.sumber_standar = Decimal(120), Decimal(90), "SPM Kemendagri"
        ind.save()
        kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
        folder = tmp_path_factory.mktemp("sertifikat")
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SIGNING_KEY_PATH", str(folder / "key.pem"))
            env.setenv("SIGNING_CERT_PATH", str(folder / "cert.pem"))
            signing.create_certificate(
                common_name="Kecamatan Awayan",
                organization="Pemkab Balangan",
                key_file=folder / "key.pem",
                cert_file=folder / "cert.pem",
            )
            sign_pk_document(org, 2025)  # the LKIP rests on the year's signed PK (laporan.gates)
            report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.LKIP, tahun=2025)
            report = simpan_narasi(
                user=kasubbag, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi
            )
            ajukan(user=kasubbag, report_id=report.pk)
            doc = tandatangani(
                alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
            )
        # pypdf puts a space after a slash where a line wraps ("Nasional/ Provinsi"): compare without it.
        pages.extend(
            " ".join(page.extract_text().split()).replace("/ ", "/")
            for page in PdfReader(io.BytesIO(bytes(doc.pdf))).pages
        )

    with held_for_the_module(django_db_blocker, build):
        yield pages


def test_the_signed_lkip_has_every_part_of_the_regulation_in_order(signed_lkip):
    text = "\n".join(signed_lkip)
    body = text[text.index("BAB I PENDAHULUAN", text.index("DAFTAR ISI") + 200) :]  # past the table of contents
    position = 0
    for part in STRUCTURE[4:]:
        found = body.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order"
        position = found
    for part in STRUCTURE[:4]:
        assert part in text, part


def test_no_placeholder_and_no_draft_mark_in_the_signed_lkip(signed_lkip):
    text = "\n".join(signed_lkip)
    assert "(Bagian ini belum diisi.)" not in text
    assert not any("DRAF" in page for page in signed_lkip)


def test_the_comparison_covers_the_five_previous_years_that_have_data(signed_lkip):
    text = "\n".join(signed_lkip)
    table = text[text.index("Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya") :]
    table = table[: table.index("Perbandingan dengan Target Jangka Menengah")]
    for year in range(2020, 2026):
        assert str(year) in table, year
    assert "2019" not in table  # six years back is beyond the five the LKIP compares with
    assert "SPM Kemendagri" in text and "70,00%" in text  # 84 against the Renstra's 120
