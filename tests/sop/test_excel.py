import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from sakip.models import Pegawai, Unit
from sop.excel import ImportErrors, export_revision, import_workbook, parse_workbook
from sop.models import SopRevision
from tests.sop.test_seeds import EXPECTED

REVISION_FIELDS = [
    "pemerintah",
    "unit_penerbit",
    "alamat",
    "telepon",
    "email",
    "website",
    "nomor",
    "nama",
    "tanggal_pembuatan",
    "tanggal_pembuatan_cetak",
    "tanggal_revisi",
    "tanggal_revisi_cetak",
    "tanggal_efektif",
    "tanggal_efektif_cetak",
    "disahkan_jabatan",
    "disahkan_nama",
    "disahkan_nip",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "peralatan",
    "peringatan",
    "pencatatan",
    "catatan_transkripsi",
]
STEP_FIELDS = [
    "no",
    "uraian",
    "lane_inferred",
    "kind",
    "ya_ke",
    "tidak_ke",
    "kelengkapan",
    "waktu_cetak",
    "waktu_nilai",
    "waktu_satuan",
    "output",
    "keterangan",
    "aksi",
]


def content(revision):
    return (
        {f: getattr(revision, f) for f in REVISION_FIELDS},
        [(lane.urutan, lane.label, lane.role) for lane in revision.lanes.all()],
        [{**{f: getattr(s, f) for f in STEP_FIELDS}, "lane": s.lane.label} for s in revision.steps.order_by("no")],
        [k.teks for k in revision.keterkaitan.all()],
    )


@pytest.fixture
def demo(demo_data, db):
    return {r.nomor: r for r in SopRevision.objects.all()}


@pytest.mark.parametrize("nomor", sorted(EXPECTED))
def test_export_then_import_is_lossless_for_every_seed(demo, nomor):
    original = demo[nomor]
    copy = import_workbook(export_revision(original), kecamatan=original.sop.kecamatan)
    if original.sop.kecamatan is None:
        # The library template is a draft: importing the same content again gives that draft back.
        assert copy.pk == original.pk and copy.sudah_ada
        copy = import_workbook(export_revision(original), kecamatan=Unit.objects.get(kode="awayan"))
    assert copy.pk != original.pk and copy.status == SopRevision.Status.DRAFT
    assert content(copy) == content(original)


def workbook_with(demo, change):
    wb = load_workbook(io.BytesIO(export_revision(demo["067/001/KEC.BTM/BLG/2024"])))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda wb: wb["Prosedur"].cell(5, 11).__setattr__("value", "dua jam"),
            'Lembar Prosedur, baris 5, kolom K: waktu "dua jam"',
        ),
        (
            lambda wb: wb["Prosedur"].cell(2, 3).__setattr__("value", "LURAH"),
            'Lembar Prosedur, baris 2, kolom C: kode peran "LURAH"',
        ),
        (
            lambda wb: wb["Prosedur"].cell(9, 9).__setattr__("value", None),
            "Lembar Prosedur, baris 9, kolom H: keputusan harus memiliki cabang Ya dan Tidak",
        ),
        (lambda wb: wb.remove(wb["Identitas"]), 'Lembar "Identitas" tidak ditemukan'),
        (lambda wb: wb["Prosedur"].cell(1, 10).__setattr__("value", "Syarat"), "judul kolom tidak sesuai"),
        (lambda wb: wb["Prosedur"].cell(1, 7).__setattr__("value", "Bentuk"), 'kolom "Simbol" tidak ditemukan'),
    ],
)
def test_malformed_workbooks_are_refused_with_sheet_row_column_and_save_nothing(demo, change, message):
    before = SopRevision.objects.count()
    with pytest.raises(ImportErrors) as error:
        import_workbook(workbook_with(demo, change), kecamatan=None)
    assert any(message in e for e in error.value.errors), error.value.errors
    assert SopRevision.objects.count() == before


def test_a_file_that_is_not_xlsx_is_refused(db):
    with pytest.raises(ImportErrors, match="bukan lembar kerja Excel"):
        parse_workbook(b"%PDF-1.4 not a workbook")


def test_text_that_looks_like_a_formula_is_stored_as_text(demo):
    revision = demo["067/001/KEC.BTM/BLG/2024"]
    revision.steps.filter(no=1).update(uraian='=HYPERLINK("http://jahat","klik")')
    wb = load_workbook(io.BytesIO(export_revision(revision)))
    cell = wb["Prosedur"].cell(3, 2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_commands_export_and_import(demo, tmp_path):
    path = tmp_path / "sop.xlsx"
    call_command("export_sop", "067/211/KTT-BLG/2024", str(path), verbosity=0)
    call_command("import_sop", str(path), "--kecamatan", "awayan", verbosity=0)
    assert SopRevision.objects.filter(sop__kecamatan__kode="awayan", nomor="067/211/KTT-BLG/2024").exists()
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_sop", str(path), "--kecamatan", "atlantis", verbosity=0)


def test_import_page_is_for_sop_editors_and_lists_errors(client, demo):
    client.force_login(Pegawai.objects.get(username="staf.awayan"))
    assert client.get(reverse("sop:import")).status_code == 403
    client.force_login(Pegawai.objects.get(username="perencanaan.awayan"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("sop:import"), {"berkas": SimpleUploadedFile("x.xlsx", b"bukan excel")})
    assert "bukan lembar kerja Excel" in response.content.decode()
    good = SimpleUploadedFile("sop.xlsx", export_revision(demo["067/211/KTT-BLG/2024"]))
    response = client.post(reverse("sop:import"), {"berkas": good})
    assert response.status_code == 302
    assert SopRevision.objects.filter(
        sop__kecamatan=Unit.objects.get(kode="awayan"), nomor="067/211/KTT-BLG/2024"
    ).exists()


def test_xlsx_download_hides_other_kecamatan_drafts(client, demo):
    draft = import_workbook(
        export_revision(demo["067/211/KTT-BLG/2024"]), kecamatan=Unit.objects.get(kode="tebing-tinggi")
    )
    client.force_login(Pegawai.objects.get(username="perencanaan.awayan"))
    assert client.get(reverse("sop:xlsx", args=[draft.pk])).status_code == 404
    assert client.get(reverse("sop:xlsx", args=[demo["067/211/KTT-BLG/2024"].pk])).status_code == 200


def test_importing_the_same_workbook_twice_keeps_one_draft(demo):
    original = demo["067/001/KEC.BTM/BLG/2024"]
    content_bytes = export_revision(original)
    first = import_workbook(content_bytes, kecamatan=original.sop.kecamatan)
    again = import_workbook(content_bytes, kecamatan=original.sop.kecamatan)
    assert again.pk == first.pk and again.sudah_ada
    drafts = SopRevision.objects.filter(nomor=original.nomor, status=SopRevision.Status.DRAFT)
    assert drafts.count() == 1
    # A changed workbook is a new draft.
    wb = load_workbook(io.BytesIO(content_bytes))
    wb["Prosedur"].cell(3, 2).value = "Uraian yang diperbaiki"
    out = io.BytesIO()
    wb.save(out)
    changed = import_workbook(out.getvalue(), kecamatan=original.sop.kecamatan)
    assert changed.pk != first.pk and not getattr(changed, "sudah_ada", False)


def test_export_with_a_control_character_already_stored_does_not_fail(demo):
    """Issue 12, finding 7: a step stored with a control character is exported without it."""
    revision = demo["067/001/KEC.BTM/BLG/2024"]
    revision.steps.filter(no=1).update(uraian="Menerima\x01 berkas\x0b", output="Berkas\x02")
    wb = load_workbook(io.BytesIO(export_revision(revision)))
    values = [c.value for row in wb["Prosedur"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Menerima berkas" in values
    assert not any(ch in v for v in values for ch in "\x01\x02\x0b")
