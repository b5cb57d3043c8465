"""The performance workbook: written with current data, read back with openpyxl, filled, uploaded back."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.excel import WorkbookError, export_workbook
from kinerja.models import AnggaranTriwulan, Indikator, PerjanjianKinerja, Program, Realisasi, RencanaAksi, SubKegiatan
from kinerja.services.impor import impor_kinerja
from kinerja.services.perencanaan import pk_tetapkan
from kinerja.services.triwulan import triwulan_get_or_create
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_budget, make_pk

YEAR = 2020


@pytest.fixture
def world(org):
    indicators = make_pk(org.awayan, YEAR, indicators=2)
    Realisasi.objects.create(
        indikator=indicators[0], triwulan=1, nilai=Decimal("24.5"), hambatan='=HYPERLINK("x")', versi=1
    )
    (sub,) = make_budget(org.awayan.unit)
    AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, rencana=300, realisasi=Decimal("250.50"))
    return indicators, sub


def kasubbag(org):
    return org.person("awayan", Role.KASUBBAG_PERENCANAAN)


def workbook(org):
    return load_workbook(io.BytesIO(export_workbook(user=kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR)))


def rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def apply(org, wb, user=None):
    return impor_kinerja(user=user or kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR, content=save(wb))


def test_export_holds_the_current_data(org, world):
    indicators, sub = world
    wb = workbook(org)
    assert wb.sheetnames == ["Petunjuk", "PK", "Rencana Aksi", "Realisasi", "Anggaran"]
    info = {r[0]: r[1] for r in wb["Petunjuk"].iter_rows(values_only=True)}
    assert (info["Kode kecamatan"], info["Tahun"]) == (org.awayan.unit.kode, YEAR)

    pk_rows = rows(wb["PK"])
    assert [(r["Kode"], r["Indikator"], r["Target Tahunan"], r["Agregasi"]) for r in pk_rows] == [
        ("1.1", indicators[0].uraian, 100, "kumulatif"),
        ("1.2", indicators[1].uraian, 100, "kumulatif"),
    ]
    ra = rows(wb["Rencana Aksi"])[0]
    assert [ra[f"Target TW {r}"] for r in ("I", "II", "III", "IV")] == [25, 25, 25, 25]

    real = rows(wb["Realisasi"])
    assert len(real) == 8
    first = real[0]
    assert (first["Kode"], first["Triwulan"], first["Realisasi"], first["Versi"]) == ("1.1", 1, 24.5, 1)
    # Formula-like text written by a person stays text.
    cell = wb["Realisasi"]["G2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"

    (budget,) = rows(wb["Anggaran"])
    assert (budget["Kode Sub Kegiatan"], budget["Pagu"], budget["Rencana TW I"], budget["Realisasi TW I"]) == (
        sub.kode,
        1000,
        300,
        250.5,
    )


def test_round_trip_changes_realisations_plan_and_budget(org, world):
    indicators, sub = world
    wb = workbook(org)
    ws = wb["Realisasi"]
    ws["E2"] = "26,5"  # 1.1 TW I, typed the Indonesian way
    ws["H2"] = "Koordinasi ulang dengan desa"
    ws["E3"] = 0  # 1.1 TW II: 0 is a value
    ws["E6"] = 12.75  # 1.2 TW I as an Excel number
    ra = wb["Rencana Aksi"]
    ra["I2"] = "Sosialisasi PATEN"  # Rencana Aksi TW I of 1.1
    ang = wb["Anggaran"]
    ang["L2"] = "300.000,25"  # Realisasi TW I — over the pagu? pagu is 1000: refused below
    ang["L2"] = 400
    ang.append(["7.01.01", None, "7.01.01.2.01", None, "7.01.01.2.01.0007", "Sub baru", 5000, 1000, 1000, None, None])

    result = apply(org, wb)

    r11 = Realisasi.objects.get(indikator=indicators[0], triwulan=1)
    assert (r11.nilai, r11.upaya, r11.versi, r11.diisi_oleh) == (
        Decimal("26.5"),
        "Koordinasi ulang dengan desa",
        2,
        kasubbag(org),
    )
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == Decimal(0)
    assert Realisasi.objects.get(indikator=indicators[1], triwulan=1).nilai == Decimal("12.75")
    assert RencanaAksi.objects.get(indikator=indicators[0], triwulan=1).rencana_kegiatan == "Sosialisasi PATEN"
    assert AnggaranTriwulan.objects.get(sub_kegiatan=sub, triwulan=1).realisasi == Decimal(400)
    new_sub = SubKegiatan.objects.get(kode="7.01.01.2.01.0007")
    assert new_sub.pagu == 5000 and new_sub.kegiatan == sub.kegiatan
    assert result.realisasi == 3 and result.rencana_aksi == 1 and result.catatan == []

    # Reading back what was saved gives the same values (the true round trip).
    again = rows(workbook(org)["Realisasi"])
    assert [r["Realisasi"] for r in again[:3]] == [26.5, 0, None]


def _snapshot():
    return (
        list(Realisasi.objects.order_by("pk").values_list("nilai", "hambatan", "upaya", "versi")),
        list(RencanaAksi.objects.order_by("pk").values_list("target", "rencana_kegiatan")),
        list(AnggaranTriwulan.objects.order_by("pk").values_list("rencana", "realisasi")),
        list(Indikator.objects.order_by("pk").values_list("target_tahunan", "satuan")),
        Program.objects.count(),
        SubKegiatan.objects.count(),
    )


def test_errors_are_listed_with_sheet_row_and_column_and_nothing_is_saved(org, world):
    wb = workbook(org)
    wb["Realisasi"]["E2"] = "dua puluh"
    wb["Realisasi"]["H3"] = "Upaya baru yang sah"  # valid change in the same upload: must not be saved either
    wb["Realisasi"]["C4"] = 7
    wb["PK"]["E2"] = -5
    wb["Rencana Aksi"]["E3"] = "9" * 30
    wb["Anggaran"]["G2"] = "NaN"
    wb["Anggaran"].append(["9.99", None, "9.99.1", "Kegiatan", "9.99.1.1", "Sub", "1.000", "2.000"])
    before = _snapshot()

    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)

    found = {(p.lembar, p.baris, p.kolom) for p in failed.value.errors}
    assert {
        ("Realisasi", 2, "E"),
        ("Realisasi", 4, "C"),
        ("PK", 2, "E"),
        ("Rencana Aksi", 3, "E"),
        ("Anggaran", 2, "G"),
        ("Anggaran", 3, "B"),  # a new programme needs its name
        ("Anggaran", 3, "K"),  # plan over pagu
    } <= found
    messages = [str(p) for p in failed.value.errors]
    assert any(m.startswith("Lembar Realisasi, baris 2, kolom E: Nilai 'dua puluh' bukan angka") for m in messages)
    assert _snapshot() == before


def test_locked_quarter_rows_are_skipped_with_a_notice(org, world):
    indicators, sub = world
    quarter = triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    type(quarter).objects.filter(pk=quarter.pk).update(status="disetujui")
    wb = workbook(org)
    wb["Realisasi"]["E2"] = 99  # TW I is locked
    wb["Realisasi"]["E3"] = 10  # TW II is a draft
    wb["Anggaran"]["L2"] = 999  # TW I budget realisation: locked too

    result = apply(org, wb)

    assert Realisasi.objects.get(indikator=indicators[0], triwulan=1).nilai == Decimal("24.5")
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == Decimal(10)
    assert AnggaranTriwulan.objects.get(sub_kegiatan=sub, triwulan=1).realisasi == Decimal("250.50")
    notices = [str(n) for n in result.catatan]
    assert notices == [
        "Lembar Realisasi, baris 2, kolom E: dilewati: TW I berstatus Disetujui (terkunci); nilai tidak diubah.",
        "Lembar Anggaran, baris 2, kolom L: dilewati: TW I berstatus Disetujui (terkunci); nilai tidak diubah.",
    ]


def test_value_changed_after_download_is_refused_not_overwritten(org, world):
    indicators, _sub = world
    wb = workbook(org)
    Realisasi.objects.filter(indikator=indicators[0], triwulan=1).update(nilai=30, versi=2)
    wb["Realisasi"]["E2"] = 20
    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)
    (problem,) = failed.value.errors
    assert (problem.lembar, problem.baris, problem.kolom) == ("Realisasi", 2, "E")
    assert "telah diubah" in problem.pesan
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=1).nilai == 30


def test_established_pk_refuses_target_changes_from_the_workbook(org, world):
    indicators, _sub = world
    pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=indicators[0].sasaran.perjanjian, password=PASSWORD)
    wb = workbook(org)
    wb["PK"]["E2"] = 90
    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)
    assert "PK Perubahan" in failed.value.errors[0].pesan
    assert Indikator.objects.get(pk=indicators[0].pk).target_tahunan == 100


def test_draft_pk_targets_and_rencana_aksi_change_together(org, world):
    indicators, _sub = world
    wb = workbook(org)
    wb["PK"]["E2"] = 80  # annual target of 1.1: the quarters (4 × 25) no longer add up
    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)
    (problem,) = failed.value.errors
    assert (problem.lembar, problem.baris, problem.kolom) == ("Rencana Aksi", 2, "M")
    assert problem.pesan.startswith("Jumlah target triwulan (100) tidak sama dengan target tahunan (80)")
    wb["Rencana Aksi"]["E2"] = 20  # 20 + 25 + 25 + 25 = 95 ≠ 80 still
    wb["Rencana Aksi"]["M2"] = "Target tahunan diturunkan setelah refocusing"
    apply(org, wb)
    ind = Indikator.objects.get(pk=indicators[0].pk)
    assert ind.target_tahunan == 80 and ind.alasan_target_triwulan.startswith("Target tahunan diturunkan")


def test_workbook_of_another_kecamatan_is_refused(org, world):
    make_pk(org.tebing, YEAR, indicators=1)
    other = export_workbook(user=org.person("tebing", Role.KASUBBAG_PERENCANAAN), kecamatan=org.tebing.unit, tahun=YEAR)
    with pytest.raises(WorkbookError) as failed:
        impor_kinerja(user=kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR, content=other)
    assert "bukan Kecamatan Awayan tahun 2020" in failed.value.errors[0].pesan


def test_changed_headers_and_missing_sheets_are_named(org, world):
    wb = workbook(org)
    wb["Realisasi"]["E1"] = "Nilai"
    del wb["Anggaran"]
    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)
    assert [str(p) for p in failed.value.errors] == [
        "Lembar Anggaran: Lembar tidak ditemukan. Gunakan lembar kerja yang diunduh."
    ]
    wb = workbook(org)
    wb["Realisasi"]["E1"] = "Nilai"
    with pytest.raises(WorkbookError) as failed:
        apply(org, wb)
    assert str(failed.value.errors[0]) == (
        'Lembar Realisasi, baris 1, kolom E: judul kolom harus "Realisasi" (susunan kolom diubah).'
    )


def test_upload_page_saves_and_reports(org, world, client_for):
    indicators, _sub = world
    wb = workbook(org)
    wb["Realisasi"]["E3"] = "7,5"
    client = client_for(kasubbag(org))
    url = reverse("kinerja:excel_unggah", args=[org.awayan.unit.pk, YEAR])
    upload = SimpleUploadedFile("kinerja.xlsx", save(wb))
    response = client.post(url, {"berkas": upload}, follow=True)
    assert "Lembar kerja disimpan" in response.content.decode()
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == Decimal("7.5")

    wb["Realisasi"]["E4"] = "abc"
    response = client.post(url, {"berkas": SimpleUploadedFile("kinerja.xlsx", save(wb))})
    page = response.content.decode()
    assert "Tidak ada data yang diubah" in page and "bukan angka yang sah" in page


def test_html_renamed_xlsx_is_refused(org, world, client_for):
    client = client_for(kasubbag(org))
    url = reverse("kinerja:excel_unggah", args=[org.awayan.unit.pk, YEAR])
    fake = SimpleUploadedFile("kinerja.xlsx", b"<html><script>alert(1)</script></html>")
    response = client.post(url, {"berkas": fake})
    assert "bukan lembar kerja Excel (.xlsx)" in response.context["error"]


@pytest.mark.parametrize("role", [Role.PELAKSANA, Role.KASI, Role.CAMAT, Role.KASUBBAG_UMUM])
def test_only_planners_upload_but_everyone_in_the_kecamatan_downloads(org, world, client_for, role):
    client = client_for(org.person("awayan", role))
    assert client.get(reverse("kinerja:excel", args=[org.awayan.unit.pk, YEAR])).status_code == 200
    pk_page = client.get(reverse("kinerja:pk", args=[org.awayan.unit.pk, YEAR])).content.decode()
    assert "Unduh Excel" in pk_page and "Unggah Excel" not in pk_page
    url = reverse("kinerja:excel_unggah", args=[org.awayan.unit.pk, YEAR])
    assert client.get(url).status_code == 403
    content = export_workbook(user=kasubbag(org), kecamatan=org.awayan.unit, tahun=YEAR)
    assert client.post(url, {"berkas": SimpleUploadedFile("k.xlsx", content)}).status_code == 403


def test_awayan_cannot_download_tebing_tinggi_workbook(org, world, client_for):
    client = client_for(org.person("awayan", Role.CAMAT))
    assert client.get(reverse("kinerja:excel", args=[org.tebing.unit.pk, YEAR])).status_code == 404
    assert client.get(reverse("kinerja:excel_unggah", args=[org.tebing.unit.pk, YEAR])).status_code == 404


def test_management_commands_round_trip(org, world, tmp_path):
    indicators, _sub = world
    path = tmp_path / "awayan.xlsx"
    call_command("export_kinerja", "--kecamatan", org.awayan.unit.kode, "--tahun", str(YEAR), str(path))
    wb = load_workbook(path)
    wb["Realisasi"]["E3"] = 11
    wb.save(path)
    call_command("import_kinerja", str(path))
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == 11

    wb["Realisasi"]["E3"] = "sebelas"
    wb.save(path)
    with pytest.raises(CommandError, match="1 masalah; tidak ada data yang disimpan"):
        call_command("import_kinerja", str(path))
    assert PerjanjianKinerja.objects.count() == 1


def test_uploading_the_same_workbook_twice_changes_nothing_the_second_time(org, world):
    indicators, _sub = world
    wb = workbook(org)
    wb["Realisasi"]["E3"] = 12
    wb["Rencana Aksi"]["I2"] = "Rapat koordinasi"
    wb["Anggaran"].append(["7.01.01", None, "7.01.01.2.01", None, "7.01.01.2.01.0006", "Sub lima", 500, 100])
    first = apply(org, wb)
    assert (first.realisasi, first.rencana_aksi) == (1, 1) and first.anggaran >= 1
    before = _snapshot()
    versions = list(Realisasi.objects.order_by("pk").values_list("versi", flat=True))
    # The same file again (its Versi column is the one read before the first upload): nothing to do.
    second = apply(org, wb)
    assert (second.pk, second.rencana_aksi, second.realisasi, second.anggaran) == (0, 0, 0, 0)
    assert _snapshot() == before
    assert list(Realisasi.objects.order_by("pk").values_list("versi", flat=True)) == versions
