"""The budget from SIPD-RI (kinerja/services/sipd.py) and the national nomenclature (kinerja/nomenklatur.py):
real XLSX/CSV files written with openpyxl or as text, uploaded through the pages, previewed, applied."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from kinerja import nomenklatur
from kinerja.models import AnggaranTriwulan, ImporSipd, Kegiatan, Program, SubKegiatan, Triwulan
from kinerja.services.triwulan import triwulan_get_or_create
from sakip.roles import Role

YEAR = 2026
DPA_HEADER = ["Kode", "Uraian", "Pagu"]


def dpa_xlsx(rows, title_rows=2) -> bytes:
    """A DPA recap as SIPD prints it: a title block, the header, urusan/program/kegiatan/sub/account rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap DPA"
    for _ in range(title_rows):
        ws.append(["DOKUMEN PELAKSANAAN ANGGARAN SKPD — KECAMATAN AWAYAN"])
    ws.append(DPA_HEADER)
    ws.append(["7.01", "KECAMATAN", None])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CLEAN_DPA = [
    ["7.01.02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", 150_000_000],
    ["7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan", 150_000_000],
    ["7.01.02.2.01.0001", "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan", 100_000_000],
    ["5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", 2_500_000],
    ["7.01.02.2.01.0002", "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan", 50_000_000],
]


def upload(client, org, content: bytes, jenis: str, name="dpa.xlsx"):
    return client.post(
        reverse("kinerja:sipd_impor", args=[org.awayan.unit.pk, YEAR]),
        {"jenis": jenis, "berkas": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def kasubbag(org, client_for):
    return client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))


def test_a_clean_dpa_is_previewed_then_applied_in_one_go(org, kasubbag):
    response = upload(kasubbag, org, dpa_xlsx(CLEAN_DPA), "dpa")

    impor = ImporSipd.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/sipd/{impor.pk}/")
    assert not Program.objects.exists()  # a preview saves nothing of the budget
    page = kasubbag.get(response["Location"]).content.decode()
    assert "Perubahan (4)" in page and "Rp 100.000.000,00" in page and "Alat Tulis" not in page
    assert [c["aksi"] for c in impor.perubahan] == ["program_baru", "kegiatan_baru", "sub_baru", "sub_baru"]

    applied = kasubbag.post(reverse("kinerja:sipd_terapkan", args=[org.awayan.unit.pk, YEAR, impor.pk]))

    assert applied.status_code == 302
    program = Program.objects.get(kecamatan=org.awayan.unit, tahun=YEAR)
    assert program.kode == "7.01.02" and program.nama == "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK"
    assert dict(SubKegiatan.objects.values_list("kode", "pagu")) == {
        "7.01.02.2.01.0001": Decimal(100_000_000),
        "7.01.02.2.01.0002": Decimal(50_000_000),
    }
    assert (
        SubKegiatan.objects.get(kode="7.01.02.2.01.0001")
        .history.first()
        .history_change_reason.startswith("Impor SIPD (DPA/RKA")
    )
    impor.refresh_from_db()
    assert impor.status == ImporSipd.Status.DITERAPKAN and impor.diputus_oleh == org.person(
        "awayan", Role.KASUBBAG_PERENCANAAN
    )


def test_a_retired_code_is_refused_with_sheet_row_and_column_and_nothing_is_saved(org, kasubbag, tmp_path):
    data = json.loads(nomenklatur.BERKAS.read_text(encoding="utf-8"))
    for entry in data["kode"]:
        if entry["kode"] == "7.01.02.2.01.0002":
            entry["berlaku_sampai"] = 2025  # retired by the (test's) newer version
    data["berlaku_mulai"] = 2026
    (tmp_path / "n.json").write_text(json.dumps(data), encoding="utf-8")
    call_command("muat_nomenklatur", str(tmp_path / "n.json"), stdout=io.StringIO())

    response = upload(kasubbag, org, dpa_xlsx(CLEAN_DPA), "dpa")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Lembar Rekap DPA, baris 9, kolom Kode" in page
    assert "sudah tidak berlaku sejak tahun 2026" in page
    assert not ImporSipd.objects.exists() and not Program.objects.exists()


def test_an_unknown_code_in_a_csv_is_refused_naming_the_row(org, kasubbag):
    csv_text = "Kode;Uraian;Pagu\n7.01.02;Program;1.000.000,00\n7.01.02.2.01;Kegiatan;1.000.000,00\n7.01.02.2.01.0099;Salah ketik;1.000.000,00\n"

    response = upload(kasubbag, org, csv_text.encode("utf-8-sig"), "dpa", name="dpa.csv")

    assert response.status_code == 400
    assert (
        "baris 4, kolom Kode: kode sub kegiatan 7.01.02.2.01.0099 tidak terdapat dalam nomenklatur"
        in response.content.decode()
    )
    assert not SubKegiatan.objects.exists()


def _budget(org):
    program = Program.objects.create(kecamatan=org.awayan.unit, tahun=YEAR, kode="7.01.02", nama="Program")
    kegiatan = Kegiatan.objects.create(program=program, kode="7.01.02.2.01", nama="Kegiatan")
    return SubKegiatan.objects.create(kegiatan=kegiatan, kode="7.01.02.2.01.0001", nama="Sub", pagu=Decimal(10_000_000))


def sp2d_xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Register SP2D"
    ws.append(["No", "Nomor SP2D", "Tanggal SP2D", "Kode Sub Kegiatan", "Nilai SP2D"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_sp2d_sums_by_quarter_and_never_touches_a_submitted_quarter(org, kasubbag):
    sub = _budget(org)
    q1 = triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, realisasi=Decimal(1_000_000))
    Triwulan.objects.filter(pk=q1.pk).update(status=Triwulan.Status.DIAJUKAN)
    import datetime

    content = sp2d_xlsx(
        [
            ["0001/SP2D/LS/2026", datetime.date(2026, 2, 10), "7.01.02.2.01.0001", 1_500_000],
            ["0002/SP2D/LS/2026", datetime.date(2026, 4, 5), "7.01.02.2.01.0001", 2_000_000],
            ["0003/SP2D/LS/2026", "30-06-2026", "7.01.02.2.01.0001", "500.000,00"],
        ]
    )

    response = upload(kasubbag, org, content, "sp2d", name="sp2d.xlsx")
    impor = ImporSipd.objects.get()
    page = kasubbag.get(response["Location"]).content.decode()
    kasubbag.post(reverse("kinerja:sipd_terapkan", args=[org.awayan.unit.pk, YEAR, impor.pk]))

    assert impor.perubahan == [
        {"aksi": "realisasi", "kode": sub.kode, "nama": "Sub", "triwulan": 2, "lama": None, "baru": "2500000.00"}
    ]
    assert "TW I 2026 berstatus diajukan: realisasi 7.01.02.2.01.0001 tidak diubah" in page
    assert dict(sub.anggaran.values_list("triwulan", "realisasi")) == {1: Decimal(1_000_000), 2: Decimal(2_500_000)}


def test_sp2d_of_a_sub_kegiatan_not_in_the_budget_is_refused(org, kasubbag):
    _budget(org)
    import datetime

    content = sp2d_xlsx([["0001", datetime.date(2026, 2, 10), "7.01.02.2.01.0002", 1_000]])

    response = upload(kasubbag, org, content, "sp2d", name="sp2d.xlsx")

    assert response.status_code == 400
    assert (
        "baris 2, kolom Kode Sub Kegiatan: sub kegiatan 7.01.02.2.01.0002 belum ada di anggaran"
        in response.content.decode()
    )
    assert not AnggaranTriwulan.objects.exists()


def test_applying_after_the_budget_changed_is_refused(org, kasubbag):
    sub = _budget(org)
    upload(kasubbag, org, dpa_xlsx([["7.01.02.2.01.0001", "Sub", 12_000_000]]), "dpa")
    impor = ImporSipd.objects.get()
    SubKegiatan.objects.filter(pk=sub.pk).update(pagu=Decimal(11_000_000))  # someone typed on the page since

    response = kasubbag.post(reverse("kinerja:sipd_terapkan", args=[org.awayan.unit.pk, YEAR, impor.pk]), follow=True)

    assert "berubah sejak pratinjau" in response.content.decode()
    sub.refresh_from_db()
    impor.refresh_from_db()
    assert sub.pagu == Decimal(11_000_000) and impor.status == ImporSipd.Status.PRATINJAU


def test_a_kasi_cannot_import_and_tebing_tinggi_cannot_open_awayan_imports(org, client_for):
    kasi = client_for(org.person("awayan", Role.KASI))
    assert kasi.get(reverse("kinerja:sipd_impor", args=[org.awayan.unit.pk, YEAR])).status_code == 403

    admin = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    upload(admin, org, dpa_xlsx(CLEAN_DPA), "dpa")
    impor = ImporSipd.objects.get()
    tebing = client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN))
    assert tebing.get(reverse("kinerja:sipd_pratinjau", args=[org.awayan.unit.pk, YEAR, impor.pk])).status_code == 404
    assert tebing.post(reverse("kinerja:sipd_terapkan", args=[org.awayan.unit.pk, YEAR, impor.pk])).status_code == 404
    assert not Program.objects.exists()


def test_the_demo_budget_codes_are_valid_for_their_year():
    demo = json.loads((Path(settings.BASE_DIR) / "fixtures" / "kinerja" / "iku.json").read_text(encoding="utf-8"))
    aturan = nomenklatur.bawaan()
    problems = []
    for tahun in (2025, 2026):
        for program in demo["program"]:
            problems.append(aturan.periksa(program["kode"], "program", tahun))
            for kegiatan in program["kegiatan"]:
                problems.append(aturan.periksa(kegiatan["kode"], "kegiatan", tahun, induk_kode=program["kode"]))
                for sub in kegiatan["sub"]:
                    problems.append(aturan.periksa(sub["kode"], "sub_kegiatan", tahun, induk_kode=kegiatan["kode"]))
                    assert sub["nama"] == aturan.nama_kode(sub["kode"]), sub["kode"]
    assert [p for p in problems if p] == []
