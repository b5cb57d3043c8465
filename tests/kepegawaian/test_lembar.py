"""A staff export workbook of several sheets (issue 28): the administrator picks the sheet that holds the list (on
the mapping page), it is read instead of the first, and kept for the next upload while the export still has it;
every refusal names the sheet."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kepegawaian.models import ImporPegawai, PemetaanKolom
from sakip.roles import Role
from tests.kepegawaian.data import MAPPING, _cells, halong, row, rows_of
from tests.kepegawaian.test_akses import tabalong_admin

pytestmark = pytest.mark.django_db


def workbook(rows, *, sheets=("Petunjuk", "Rekap Golongan", "Daftar Pegawai"), daftar="Daftar Pegawai"):
    """A SIMPEG export as some kabupaten make it: a cover sheet, a summary, then the list (or elsewhere)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name in sheets:
        ws = wb.create_sheet(name)
        if name == daftar:
            for cells in _cells(rows):
                ws.append(cells)
        elif name == "Rekap Golongan":
            ws.append(["Golongan", "Jumlah", "Keterangan"])
            ws.append(["III/a", 4, "-"])
        else:
            ws.append(["Ekspor SIMPEG Kabupaten Balangan"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("ekspor-simpeg-berlembar.xlsx", buffer.getvalue())


def upload(client, file):
    return client.post(reverse("kepegawaian:unggah"), {"berkas": file})


def test_the_administrator_picks_the_sheet_and_the_next_upload_reads_it_again(client_for, org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING, diubah_oleh=org.admin)
    kasi = org.person("awayan", Role.KASI)
    rows = [r if r["nip"] != kasi.nip else row(kasi, halong(org)) for r in rows_of(org)]
    client = client_for(org.admin)

    response = upload(client, workbook(rows))

    assert response.status_code == 302 and response["Location"] == reverse("kepegawaian:pemetaan")
    impor = ImporPegawai.objects.get()
    assert impor.status == ImporPegawai.Status.PEMETAAN and impor.lembar == ""
    page = client.get(reverse("kepegawaian:pemetaan")).content.decode()
    assert "Buku kerja ini memiliki beberapa lembar" in page
    for sheet in ("Petunjuk", "Rekap Golongan", "Daftar Pegawai"):
        assert f'<option value="{sheet}"' in page
    assert '<option value="Daftar Pegawai" selected' in page  # the first sheet with a header row of its own
    assert 'name="lembar" value="Daftar Pegawai"' in page

    saved = client.post(reverse("kepegawaian:pemetaan"), {**MAPPING, "lembar": "Daftar Pegawai"})

    assert saved.status_code == 302
    impor.refresh_from_db()
    assert impor.status == ImporPegawai.Status.PRATINJAU and impor.lembar == "Daftar Pegawai"
    assert impor.pratinjau["lembar"] == "Daftar Pegawai"
    assert [r["nip"] for r in impor.pratinjau["pindah"]] == [kasi.nip]
    assert "lembar Daftar Pegawai" in client.get(reverse("kepegawaian:pratinjau")).content.decode()
    assert PemetaanKolom.objects.get(kabupaten=org.kabupaten).lembar == "Daftar Pegawai"
    # Next month's export has the same sheet: read from it at once.
    again = upload(client, workbook(rows))
    assert again["Location"] == reverse("kepegawaian:pratinjau")
    latest = ImporPegawai.objects.latest("pk")
    assert latest.status == ImporPegawai.Status.PRATINJAU and latest.pratinjau["lembar"] == "Daftar Pegawai"


def test_a_sheet_without_a_header_or_absent_is_named_and_a_bad_row_names_the_picked_sheet(client_for, org):
    client = client_for(org.admin)
    rows = rows_of(org)
    rows[2] = {**rows[2], "nip": "19800101 2005"}
    upload(client, workbook(rows, sheets=("Petunjuk", "Pegawai Aktif"), daftar="Pegawai Aktif"))

    cover = client.get(reverse("kepegawaian:pemetaan"), {"lembar": "Petunjuk"}).content.decode()
    assert "Lembar Petunjuk: baris judul kolom tidak ditemukan pada 10 baris pertama. Pilih lembar lain." in cover
    absent = client.post(reverse("kepegawaian:pemetaan"), {**MAPPING, "lembar": "Pegawai"})
    assert "Lembar &quot;Pegawai&quot; tidak ada dalam berkas ekspor-simpeg-berlembar.xlsx; lembar yang ada: " in (
        absent.content.decode()
    )
    refused = client.post(reverse("kepegawaian:pemetaan"), {**MAPPING, "lembar": "Pegawai Aktif"})

    page = refused.content.decode()
    assert "Lembar Pegawai Aktif, baris 4, kolom B (NIP): NIP harus terdiri dari 18 digit" in page
    assert ImporPegawai.objects.get().status == ImporPegawai.Status.PEMETAAN
    assert not PemetaanKolom.objects.exists()  # nothing kept from a refused file


def test_a_one_sheet_workbook_and_a_csv_are_read_as_before(client_for, org):
    PemetaanKolom.objects.create(kabupaten=org.kabupaten, kolom=MAPPING, lembar="Daftar Pegawai")
    client = client_for(org.admin)

    response = upload(client, workbook(rows_of(org), sheets=("Data",), daftar="Data"))

    assert response["Location"] == reverse("kepegawaian:pratinjau")
    impor = ImporPegawai.objects.get()
    assert impor.lembar == "" and impor.pratinjau["lembar"] == "Data"


def test_another_kabupatens_administrator_cannot_pick_balangans_sheet(client_for, org):
    client = client_for(org.admin)
    upload(client, workbook(rows_of(org)))
    _, other_admin = tabalong_admin()
    client.force_login(other_admin)

    page = client.get(reverse("kepegawaian:pemetaan"), {"lembar": "Daftar Pegawai"}).content.decode()
    client.post(reverse("kepegawaian:pemetaan"), {**MAPPING, "lembar": "Daftar Pegawai"})

    assert "ekspor-simpeg-berlembar.xlsx" not in page
    assert ImporPegawai.objects.get().status == ImporPegawai.Status.PEMETAAN
    client.force_login(org.person("awayan", Role.CAMAT))
    assert client.get(reverse("kepegawaian:pemetaan")).status_code == 403
