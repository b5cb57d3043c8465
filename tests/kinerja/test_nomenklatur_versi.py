"""The nomenclature's versions (issue 28): Kepmendagri 050-5889/2021 and its amendment 900.1.15.5-1317/2023 are
distinct shipped rows, each in force for its years; a kabupaten administrator replaces the list for the
kabupaten's kecamatan with an uploaded table (XLSX or CSV, one gate: sakip/uploads.py), previewed, then applied or
cancelled, recorded; a bad row refuses the table naming sheet, row and column, nothing stored; nobody else may."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kinerja import nomenklatur
from kinerja.models import NomenklaturVersi, Program
from kinerja.services import anggaran as anggaran_services
from kinerja.services import nomenklatur as services
from kinerja.services.anggaran import KinerjaError
from renstra.models import ProgramRenstra
from sakip.models import Pegawai, Position, Unit
from sakip.roles import Role
from tests.factories import make_kecamatan, make_person, make_unit
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db

BASE = "Keputusan Menteri Dalam Negeri Nomor 050-5889 Tahun 2021"
UBAH = "Keputusan Menteri Dalam Negeri Nomor 900.1.15.5-1317 Tahun 2023"
SUMBER = "Keputusan Menteri Dalam Negeri Nomor 900.1-861 Tahun 2026 tentang Perubahan Kedua"
HEADER = ["Kode", "Nomenklatur Urusan Kabupaten/Kota", "Berlaku sampai"]


def _rows(*, hapus=(), tambah=(), pensiun=None):
    """The shipped list as table rows (with the urusan and bidang rows SIPD prints), changed as asked."""
    rows = [["7", "URUSAN PEMERINTAHAN UMUM", None], ["7.01", "KECAMATAN", None]]
    for e in nomenklatur.bawaan().entri.values():
        if e.kode not in hapus:
            rows.append([e.kode, e.nama, (pensiun or {}).get(e.kode)])
    return rows + [list(t) + [None] for t in tambah]


def _xlsx(rows, *, sheet="Nomenklatur", header=HEADER, before=None) -> bytes:
    wb = Workbook()
    if before:
        wb.active.title = before
        wb.active.append(["Catatan", "lembar lain"])
        ws = wb.create_sheet(sheet)
    else:
        ws = wb.active
        ws.title = sheet
    ws.append(["DAFTAR NOMENKLATUR PROGRAM, KEGIATAN DAN SUB KEGIATAN"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _form(content: bytes, name="nomenklatur.xlsx", **extra):
    return {
        "berkas": SimpleUploadedFile(name, content),
        "nama": "Nomenklatur Kabupaten Balangan 2026",
        "sumber": SUMBER,
        "berlaku_mulai": "2026",
        "berlaku_sampai": "",
        **extra,
    }


def test_the_base_decision_and_its_amendment_are_distinct_versions_each_for_its_years(org):
    shipped = list(NomenklaturVersi.objects.filter(bawaan=True).order_by("berlaku_mulai"))

    assert [(v.berlaku_mulai, v.berlaku_sampai, v.kabupaten_id) for v in shipped] == [
        (2022, 2023, None),
        (2024, None, None),
    ]
    assert shipped[0].sumber.startswith(BASE) and shipped[1].sumber.startswith(UBAH)
    assert nomenklatur.berlaku(2023, org.awayan.unit.pk).sebutan == BASE
    assert nomenklatur.berlaku(2024, org.awayan.unit.pk).sebutan == UBAH
    assert nomenklatur.berlaku(2026).sebutan == UBAH
    # Each code is in force per version and year: a national version retiring a code from 2026 is asked then.
    data = {**shipped[1].data, "berlaku_mulai": 2026, "sumber": SUMBER}
    data["kode"] = [{**e, "berlaku_sampai": 2026 if e["kode"] == "7.01.05" else None} for e in data["kode"]]
    NomenklaturVersi.objects.create(nama="Uji", sumber=SUMBER, berlaku_mulai=2026, data=data)
    assert nomenklatur.berlaku(2025).periksa("7.01.05", "program", 2025) is None
    assert (
        nomenklatur.berlaku(2027)
        .periksa("7.01.05", "program", 2027)
        .endswith("sudah tidak berlaku sejak tahun 2027 (Keputusan Menteri Dalam Negeri Nomor 900.1-861 Tahun 2026).")
    )
    # Without the rows (a flushed database) the shipped files answer the same by year.
    NomenklaturVersi.objects.all().delete()
    assert nomenklatur.berlaku(2022).sebutan == BASE and nomenklatur.berlaku(2030).sebutan == UBAH


def test_the_administrator_uploads_previews_and_applies_a_list_for_the_kabupaten_only(org, client_for):
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    muara = make_kecamatan(tabalong, "Muara Uya", "muara")
    Program.objects.create(kecamatan=org.awayan.unit, tahun=2026, kode="7.01.05", nama="Umum")
    client = client_for(org.admin)
    rows = _rows(
        hapus={"7.01.05", "7.01.05.2.01", "7.01.05.2.01.0002"},
        tambah=[("7.01.07", "Program Uji Kabupaten"), ("7.01.07.2.01", "Kegiatan Uji")],
        pensiun={"7.01.04.2.02": 2026},
    )

    response = client.post(reverse("pengaturan:nomenklatur_unggah"), _form(_xlsx(rows)))

    assert response.status_code == 302 and response["Location"] == reverse("pengaturan:nomenklatur_pratinjau")
    versi = NomenklaturVersi.objects.get(kabupaten=org.kabupaten)
    assert versi.status == NomenklaturVersi.Status.PRATINJAU
    assert nomenklatur.berlaku(2026, org.awayan.unit.pk).sebutan == UBAH  # nothing in force before applying
    page = client.get(reverse("pengaturan:nomenklatur_pratinjau")).content.decode()
    assert "6 program, 18 kegiatan, 45 sub kegiatan; 2 baris urusan/bidang dilewati" in " ".join(page.split())
    assert "Kode baru: <strong>2</strong>" in page and "Tidak tercantum lagi: <strong>3</strong>" in page
    assert "Program Uji Kabupaten" in page and "7.01.05.2.01.0002" in page
    assert "7.01.05</span> (program, anggaran)" in page  # stored in Awayan's 2026 budget, kept as it is

    applied = client.post(reverse("pengaturan:nomenklatur_terapkan"), {"sha256": versi.sha256})

    assert applied.status_code == 302
    versi.refresh_from_db()
    assert versi.status == NomenklaturVersi.Status.BERLAKU and versi.diputus_oleh == org.admin
    reasons = [h.history_change_reason for h in versi.history.order_by("history_date")]
    assert reasons == ["Diunggah untuk pratinjau", "Diterapkan untuk kecamatan di Kabupaten Balangan"]
    assert versi.history.latest().history_user == org.admin
    for kec in (org.awayan, org.tebing):
        aturan = nomenklatur.berlaku(2026, kec.unit.pk)
        assert aturan.sebutan == "Keputusan Menteri Dalam Negeri Nomor 900.1-861 Tahun 2026"
        assert aturan.periksa("7.01.07.2.01", "kegiatan", 2026, induk_kode="7.01.07") is None
        assert "tidak terdapat" in aturan.periksa("7.01.05", "program", 2026)
        assert "sudah tidak berlaku sejak tahun 2027" in aturan.periksa("7.01.04.2.02", "kegiatan", 2027)
    assert nomenklatur.berlaku(2026, muara.unit.pk).sebutan == UBAH  # another kabupaten: untouched
    assert nomenklatur.berlaku(2025, org.awayan.unit.pk).sebutan == UBAH  # before its years: untouched
    # The budget pages and the Renstra now ask it; the stored 7.01.05 stays.
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    program = anggaran_services.program_simpan(
        user=kasubbag, kecamatan=org.awayan.unit, tahun=2026, kode="7.01.07", nama="Program Uji Kabupaten"
    )
    tebing = org.tebing.people[Role.KASUBBAG_PERENCANAAN]
    with pytest.raises(KinerjaError) as refused:
        anggaran_services.program_simpan(user=tebing, kecamatan=org.tebing.unit, tahun=2026, kode="7.01.05", nama="X")
    assert "tidak terdapat dalam nomenklatur yang berlaku tahun 2026" in refused.value.errors["kode"]
    assert Program.objects.filter(kode="7.01.05").count() == 1 and program.pk
    anggaran_services.program_simpan(user=tebing, kecamatan=org.tebing.unit, tahun=2025, kode="7.01.05", nama="Umum")


def test_a_bad_table_is_refused_naming_sheet_row_and_column_and_nothing_is_stored(org, client_for):
    client = client_for(org.admin)
    rows = _rows() + [
        ["7.01.02.2.01.99", "Salah bentuk", None],
        ["7.01.02.2.01.0001", "Tercantum dua kali", None],
        ["7.01.08.2.01", "Kegiatan tanpa program", None],
        ["7.01.02.2.04.0009", "", None],
        ["7.01.02.2.04.0010", "Tahun salah", "dua ribu"],
    ]
    before = NomenklaturVersi.objects.count()

    response = client.post(reverse("pengaturan:nomenklatur_unggah"), _form(_xlsx(rows)))

    page = " ".join(response.content.decode().split())
    assert response.status_code == 400
    first = 3 + len(_rows())  # title row, header row, then the rows
    for expected in (
        f"Lembar Nomenklatur, baris {first}, kolom A (Kode): &#x27;7.01.02.2.01.99&#x27; bukan kode program",
        f"Lembar Nomenklatur, baris {first + 1}, kolom A (Kode): kode 7.01.02.2.01.0001 tercantum juga di baris",
        f"Lembar Nomenklatur, baris {first + 2}, kolom A (Kode): kegiatan 7.01.08.2.01: program induknya 7.01.08",
        f"Lembar Nomenklatur, baris {first + 3}, kolom B (Nomenklatur Urusan Kabupaten/Kota): nama sub kegiatan",
        f"Lembar Nomenklatur, baris {first + 4}, kolom C (Berlaku sampai): tahun &#x27;dua ribu&#x27; tidak dikenali",
    ):
        assert expected in page, expected
    assert NomenklaturVersi.objects.count() == before


def test_a_csv_and_a_named_sheet_are_read_and_a_missing_sheet_is_named(org, client_for):
    client = client_for(org.admin)
    csv_text = "Kode;Uraian\n7.01;KECAMATAN\n" + "".join(f"{r[0]};{r[1]}\n" for r in _rows()[2:])
    assert client.post(reverse("pengaturan:nomenklatur_unggah"), _form(csv_text.encode(), "n.csv")).status_code == 302
    assert NomenklaturVersi.objects.get(kabupaten=org.kabupaten).ringkasan["lembar"] == "n.csv"

    content = _xlsx(_rows(), sheet="Lampiran", before="Petunjuk")
    missing = client.post(reverse("pengaturan:nomenklatur_unggah"), _form(content, lembar="Lampiran II"))
    named = client.post(reverse("pengaturan:nomenklatur_unggah"), _form(content, lembar="Lampiran"))

    assert missing.status_code == 400
    assert (
        "Lembar &quot;Lampiran II&quot; tidak ada dalam berkas nomenklatur.xlsx; lembar yang ada: Petunjuk, Lampiran."
        in (missing.content.decode())
    )
    assert named.status_code == 302
    waiting = services.tertunda(org.kabupaten)
    assert waiting.ringkasan["lembar"] == "Lampiran"
    # The earlier upload was replaced (cancelled, recorded), one waits.
    assert list(NomenklaturVersi.objects.filter(kabupaten=org.kabupaten).values_list("status", flat=True)) == [
        "dibatalkan",
        "pratinjau",
    ]


def test_applying_a_stale_preview_is_refused_and_cancelling_keeps_what_is_in_force(org, client_for):
    client = client_for(org.admin)
    client.post(reverse("pengaturan:nomenklatur_unggah"), _form(_xlsx(_rows())))
    versi = services.tertunda(org.kabupaten)

    wrong = client.post(reverse("pengaturan:nomenklatur_terapkan"), {"sha256": "0" * 64}, follow=True)
    assert "bukan unggahan terakhir" in wrong.content.decode()
    data = {**versi.data, "berlaku_mulai": 2020}
    NomenklaturVersi.objects.create(nama="Operator", sumber=SUMBER, berlaku_mulai=2020, data=data)  # basis moved
    moved = client.post(reverse("pengaturan:nomenklatur_terapkan"), {"sha256": versi.sha256}, follow=True)
    assert "berubah sejak pratinjau" in moved.content.decode()
    cancelled = client.post(reverse("pengaturan:nomenklatur_batalkan"), follow=True)

    assert "dibatalkan" in cancelled.content.decode()
    versi.refresh_from_db()
    assert versi.status == NomenklaturVersi.Status.DIBATALKAN and versi.diputus_oleh == org.admin
    assert nomenklatur.berlaku(2026, org.awayan.unit.pk).sebutan == SUMBER.split(" tentang ")[0]


def test_only_the_kabupaten_administrator_may_and_only_for_its_own_kabupaten(org, client_for):
    tabalong = make_unit("Tabalong", Unit.Kind.KABUPATEN)
    make_kecamatan(tabalong, "Muara Uya", "muara")
    other_admin = make_person("admin.tabalong", Position.objects.create(unit=tabalong, nama="Admin", role=Role.ADMIN))
    client = client_for(org.admin)
    client.post(reverse("pengaturan:nomenklatur_unggah"), _form(_xlsx(_rows())))
    versi = services.tertunda(org.kabupaten)
    urls = [reverse(f"pengaturan:{n}") for n in ("nomenklatur", "nomenklatur_pratinjau")]
    posts = [reverse(f"pengaturan:{n}") for n in ("nomenklatur_unggah", "nomenklatur_terapkan", "nomenklatur_batalkan")]
    operator = Pegawai.objects.create_superuser("operator", "op@example.org", "sandi-operator-1")
    for person in (
        org.person("awayan", Role.CAMAT),
        org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        org.evaluator,
        operator,
    ):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        for url in posts:
            assert client.post(url, {"sha256": versi.sha256}).status_code == 403, (person, url)
    # Another kabupaten's administrator sees only its own: Balangan's waiting list is not theirs to apply.
    client.force_login(other_admin)
    assert "menunggu penerapan" not in client.get(urls[0]).content.decode()
    client.post(posts[1], {"sha256": versi.sha256})
    client.post(posts[2])
    versi.refresh_from_db()
    assert versi.status == NomenklaturVersi.Status.PRATINJAU
    with pytest.raises(Exception, match="administrator kabupaten"):
        services.terapkan(user=other_admin, kabupaten=org.kabupaten, sha256=versi.sha256)


def test_a_renstra_of_the_kabupaten_follows_its_version(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1, naskah=False)
    data = {
        "nama": "Kabupaten",
        "sumber": SUMBER,
        "berlaku_mulai": 2025,
        "berlaku_sampai": None,
        "kode": [{"kode": "7.01.07", "nama": "Program Uji Kabupaten", "tingkat": "program"}],
    }
    NomenklaturVersi.objects.create(
        nama="Kabupaten", sumber=SUMBER, berlaku_mulai=2025, data=data, kabupaten=org.kabupaten
    )
    from renstra import services as renstra_services

    renstra_services.program_simpan(
        user=org.awayan.people[Role.KASUBBAG_PERENCANAAN],
        renstra=renstra,
        sasaran=renstra.sasaran.get(),
        data={"kode": "7.01.07", "nama": "Program Uji Kabupaten", "indikator": "X"},
    )
    assert ProgramRenstra.objects.get().kode == "7.01.07"
