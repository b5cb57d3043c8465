"""The respondent's profile of the SKM (PermenPAN-RB 14/2017, layanan/ikm.py): asked on the public survey before
the nine unsur, stored with the answer, tabulated in the SKM report ("Profil Responden") over the respondents the
IKM counts, with "Tidak diisi" for answers saved before it was asked; and the Krejcie–Morgan rule stated with
each population, its table row and the minimum sample. Real database, the report read back from its PDF."""

import datetime
import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from laporan import documents
from laporan import pdf as laporan_pdf
from laporan.models import Report
from laporan.services import buat_laporan
from layanan import ikm, services
from layanan.models import WITA, JenisLayanan, ResponSkm
from sakip.errors import Penolakan
from sakip.roles import Role
from tests.dokumen import kertas
from tests.laporan.test_skm_report import registered

PROFIL = {"umur": "34", "jenis_kelamin": "P", "pendidikan": "sma", "pekerjaan": "wirausaha"}


@pytest.fixture
def ktp(org):
    return services.layanan_tambah(
        user=org.person("awayan", Role.CAMAT), kecamatan=org.awayan.unit, nama="Pelayanan KTP"
    )


def _answers(value=3, **override):
    data = {**PROFIL, **{f"u{i}": str(value) for i in range(1, 10)}}
    data.update({k: str(v) for k, v in override.items()})
    return {k: v for k, v in data.items() if v != "None"}


def _post(layanan, data):
    return Client(REMOTE_ADDR="10.0.0.3").post(reverse("layanan:survei", args=[layanan.kode_survei]), data)


def test_the_survey_asks_the_profile_before_the_nine_unsur(ktp):
    page = Client().get(reverse("layanan:survei", args=[ktp.kode_survei])).content.decode()
    order = [page.index(s) for s in ('name="umur"', 'name="jenis_kelamin"', 'name="pendidikan"', 'name="pekerjaan"')]
    assert order == sorted(order) and order[-1] < page.index('name="u1"')
    for label in ("SD ke bawah", "D1–D3–D4", "S2 ke atas", "POLRI", "Wirausaha", "Lainnya", "Laki-laki"):
        assert label in page, label
    assert "Pelajar/Mahasiswa" not in page  # not in the regulation's list


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("umur", None, "Umur: isi umur Anda dalam tahun (angka 15 sampai 120)."),
        ("umur", "200", "Umur: isi umur Anda dalam tahun (angka 15 sampai 120)."),
        ("umur", "dua puluh", "Umur: isi umur Anda dalam tahun (angka 15 sampai 120)."),
        ("jenis_kelamin", None, "Jenis kelamin: pilih Laki-laki atau Perempuan."),
        ("pendidikan", "", "Pendidikan: pilih pendidikan terakhir Anda."),
        ("pendidikan", "s3", "Pendidikan: pilih pendidikan terakhir Anda."),
        ("pekerjaan", None, "Pekerjaan: pilih pekerjaan Anda (pilih Lainnya bila tidak ada yang sesuai)."),
    ],
)
def test_each_profile_question_is_required_naming_it_and_the_typed_input_stays(ktp, field, value, message):
    response = _post(ktp, _answers(4, saran="Antre lama.", **{field: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(message) == 2  # in the summary and beside the question
    assert not ResponSkm.objects.exists()
    # What was typed or chosen is still on the form.
    if field != "umur":
        assert 'name="umur" id="id_umur" min="15" max="120" step="1" value="34"' in html
    elif value:
        assert f'value="{value}"' in html
    if field != "jenis_kelamin":
        assert 'value="P" id="id_jenis_kelamin_1" checked' in html
    if field != "pendidikan":
        assert '<option value="sma" selected>SMA</option>' in html
    if field != "pekerjaan":
        assert '<option value="wirausaha" selected>Wirausaha</option>' in html
    assert 'value="4" id="id_u1_3" checked' in html and "Antre lama." in html


def test_the_profile_is_stored_with_the_answer(ktp):
    response = _post(ktp, _answers(4, umur=67, jenis_kelamin="L", pendidikan="diploma", pekerjaan="polri"))
    assert response.status_code == 302
    respon = ResponSkm.objects.get()
    assert (respon.umur, respon.jenis_kelamin, respon.pendidikan, respon.pekerjaan) == (67, "L", "diploma", "polri")
    assert respon.get_pendidikan_display() == "D1–D3–D4" and respon.jawaban == (4,) * 9


def test_the_service_refuses_a_bad_profile_naming_each_question(ktp):
    with pytest.raises(Penolakan) as refused:
        services.respon_simpan(
            layanan=ktp,
            jawaban={i: 3 for i in range(1, 10)},
            profil=services.Profil(umur=14, jenis_kelamin="X", pendidikan="sma", pekerjaan="nelayan"),
        )
    assert set(refused.value.errors) == {"umur", "jenis_kelamin", "pekerjaan"}
    assert refused.value.message.startswith("Umur:") and "(dan 2 isian lain)" in refused.value.message
    assert not ResponSkm.objects.exists()


@pytest.mark.parametrize(
    "profil",
    [{"umur": 14}, {"umur": 121}, {"jenis_kelamin": "X"}, {"pendidikan": "s3"}, {"pekerjaan": "pelajar"}],
)
def test_the_database_refuses_a_profile_outside_the_questionnaire(ktp, profil):
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponSkm.objects.create(
            layanan=ktp, tahun=2025, triwulan=1, dibuat_pada=datetime.datetime.now(WITA),
            **{f"u{i}": 3 for i in range(1, 10)}, **profil,
        )  # fmt: skip


def test_the_krejcie_morgan_row_is_the_smallest_tabulated_population_at_least_as_large():
    assert ikm.baris_krejcie_morgan(41) == (45, 40) and ikm.sampel_minimal(41) == 40
    assert ikm.baris_krejcie_morgan(45) == (45, 40)
    assert ikm.baris_krejcie_morgan(7) == (10, 10) and ikm.sampel_minimal(7) == 7  # everyone
    assert ikm.baris_krejcie_morgan(2_000_000) == (1_000_000, 384) and ikm.sampel_minimal(2_000_000) == 384
    assert ikm.baris_krejcie_morgan(0) is None and ikm.sampel_minimal(0) == 0


# Six counted respondents in TW II 2025: five of "Surat Keterangan" (one saved before the profile was asked),
# one of "Rekomendasi"; and one answer of "Surat Keterangan" without a proving receipt, left out of the IKM
# and so of the profile (its S2 ke atas / TNI must read 0).
DIHITUNG = [
    ("Surat Keterangan", dict(umur=23, jenis_kelamin="L", pendidikan="sma", pekerjaan="wirausaha")),
    ("Surat Keterangan", dict(umur=41, jenis_kelamin="P", pendidikan="s1", pekerjaan="pns")),
    ("Surat Keterangan", dict(umur=58, jenis_kelamin="P", pendidikan="sd", pekerjaan="lainnya")),
    ("Surat Keterangan", dict(umur=44, jenis_kelamin="L", pendidikan="sma", pekerjaan="swasta")),
    ("Surat Keterangan", {}),  # an old answer: no profile
    ("Rekomendasi", dict(umur=35, jenis_kelamin="P", pendidikan="diploma", pekerjaan="swasta")),
]
TIDAK_DIHITUNG = ("Surat Keterangan", dict(umur=30, jenis_kelamin="L", pendidikan="s2", pekerjaan="tni"))


def _respon(layanan, profil, *, sah=True, triwulan=2):
    return ResponSkm(
        layanan=layanan,
        tahun=2025,
        triwulan=triwulan,
        dibuat_pada=datetime.datetime(2025, 3 * triwulan - 1, 10, 9, tzinfo=WITA),
        tanda_terima_sah=sah,
        **{f"u{i}": 3 for i in range(1, 10)},
        **profil,
    )


@pytest.fixture
def laporan_skm(org):
    layanan = {nama: JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama=nama) for nama in ("Surat Keterangan", "Rekomendasi")}  # fmt: skip
    ResponSkm.objects.bulk_create(
        [
            *(_respon(layanan[nama], profil) for nama, profil in DIHITUNG),
            _respon(layanan[TIDAK_DIHITUNG[0]], TIDAK_DIHITUNG[1], sah=False),
            _respon(layanan["Surat Keterangan"], dict(umur=70, jenis_kelamin="L", pendidikan="s2"), triwulan=1),
        ]
    )
    # 41 applicants of Surat Keterangan at the counter: the row N = 45 (S = 40) gives a minimum of 40.
    registered(org, layanan["Surat Keterangan"], 41, datetime.datetime(2025, 5, 2, 9, tzinfo=WITA))
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    return buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.SKM, tahun=2025, periode=2)


def _teks(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_report_tabulates_the_profile_of_the_counted_respondents(laporan_skm):
    data = documents.build(laporan_skm)["skm"]
    assert data["responden_profil"] == data["gabungan"].responden == 6
    profil = {k.nama: {r.kategori: (r.jumlah, str(r.persen)) for r in k.baris} for k in data["profil"]}
    assert profil["Umur"] == {
        "15–24 tahun": (1, "16.67"), "25–34 tahun": (0, "0.00"), "35–44 tahun": (3, "50.00"),
        "45–54 tahun": (0, "0.00"), "55 tahun ke atas": (1, "16.67"), "Tidak diisi": (1, "16.67"),
    }  # fmt: skip
    assert profil["Jenis kelamin"] == {
        "Laki-laki": (2, "33.33"),
        "Perempuan": (3, "50.00"),
        "Tidak diisi": (1, "16.67"),
    }
    assert profil["Pendidikan"]["S2 ke atas"] == (0, "0.00") and profil["Pekerjaan"]["TNI"] == (0, "0.00")
    for kategori in profil.values():  # every counted respondent in exactly one category
        assert sum(n for n, _ in kategori.values()) == 6


def test_the_report_pdf_prints_the_profile_and_the_krejcie_morgan_rule(laporan_skm):
    pdf = laporan_pdf.render_pdf(laporan_skm)
    text = _teks(pdf)
    assert "A. Profil Responden" in text and text.index("A. Profil Responden") < text.index("B. Indeks Kepuasan")
    # Four tables side by side, one per characteristic (read back one table after the other).
    for table in (
        "1. Umur Kategori Jumlah % 15–24 tahun 1 16,67 25–34 tahun 0 0,00 35–44 tahun 3 50,00 45–54 tahun 0 0,00 "
        "55 tahun ke atas 1 16,67 Tidak diisi 1 16,67 Jumlah 6 100,00",
        "2. Jenis kelamin Kategori Jumlah % Laki-laki 2 33,33 Perempuan 3 50,00 Tidak diisi 1 16,67 Jumlah 6 100,00",
        "3. Pendidikan Kategori Jumlah % SD ke bawah 1 16,67 SMP 0 0,00 SMA 2 33,33 D1–D3–D4 1 16,67 S1 1 16,67 "
        "S2 ke atas 0 0,00 Tidak diisi 1 16,67 Jumlah 6 100,00",
        "4. Pekerjaan Kategori Jumlah % PNS 1 16,67 TNI 0 0,00 POLRI 0 0,00 Swasta 2 33,33 Wirausaha 1 16,67 "
        "Lainnya 1 16,67 Tidak diisi 1 16,67 Jumlah 6 100,00",
    ):
        assert table in text, table
    assert "Jumlah responden triwulan ini 6 orang" in text
    assert "“Tidak diisi”: jawaban yang tersimpan sebelum profil responden ditanyakan." in text
    assert "pada baris populasi (N) terkecil dalam tabel yang tidak kurang dari jumlah penerima layanan" in text
    assert (
        "Seluruh layanan triwulan ini: populasi 41 orang, baris N = 45 (S = 40), sampel minimal 40 orang, "
        "responden 6 orang." in text
    )
    assert text.count("baris N = 45") == 3  # Surat Keterangan's row, the total row, the sentence
    rows = {b.layanan: b.hasil for b in documents.build(laporan_skm)["skm"]["baris"]}
    assert (rows["Surat Keterangan"].baris_tabel, rows["Surat Keterangan"].sampel_minimal) == ((45, 40), 40)
    assert rows["Rekomendasi"].baris_tabel is None  # no register for it: no population, no row
    pages = kertas.baca(pdf)
    assert kertas.di_luar_area(pages) == [] and kertas.huruf_kecil(pages) == []
    assert kertas.kata_ganda(pages) == [] and kertas.nomor_halaman(pages) == []


def test_without_a_register_the_rule_says_no_minimum_was_computed(org):
    layanan = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Surat Keterangan")
    ResponSkm.objects.bulk_create([_respon(layanan, DIHITUNG[0][1])])
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.SKM, tahun=2025, periode=2)
    text = _teks(laporan_pdf.render_pdf(report))
    assert "tidak ada penerima layanan yang tercatat di register loket, sehingga sampel minimal tidak dihitung" in text
    assert "Tidak diisi" not in text  # every counted answer has its profile


def _build_queries(report) -> int:
    with CaptureQueriesContext(connection) as ctx:
        documents.build(Report.objects.get(pk=report.pk))
    return len(ctx.captured_queries)


def test_the_report_context_costs_the_same_queries_for_few_or_many_answers(org, laporan_skm):
    few = _build_queries(laporan_skm)
    extra = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="SKTM")
    profiles = [
        dict(umur=18 + k, jenis_kelamin="LP"[k % 2], pendidikan=ikm.Pendidikan.values[k % 6]) for k in range(40)
    ]
    ResponSkm.objects.bulk_create(_respon(extra, p) for p in profiles)
    assert _build_queries(laporan_skm) == few
