"""Errors of the source documents (sop/galat.py): kept as printed in the seeds, shown to the Camat beside the
part they concern, warned by the validation, marked on a draft's paper, resolved by a revision that corrects
them — and never printed as marks on the paper of an effective SOP."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sakip.models import Pegawai
from sop import galat, pdf, services
from sop.models import SopRevision
from sop.validation import WARNING, validate_revision

LKIP = "067.2/ 03 /KEC.AWY/VII/2023"
PARINGIN_SELATAN = "02 JANUARI 2023"
PERMENDAGRI_29 = "Peraturan Menteri Dalam Negeri Nomor 29 Tahun 2014"
PERPRES_29 = "Peraturan Presiden Nomor 29 Tahun 2014"


@pytest.fixture
def seeded(seeds_data, db):
    return {r.nomor: r for r in SopRevision.objects.select_related("sop__kecamatan")}


def camat(username="camat.awayan") -> Pegawai:
    return Pegawai.objects.get(username=username)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _correct_the_perpres(revision: SopRevision) -> SopRevision:
    """The Camat's revision: the legal basis cited as the Perpres it is, the truncated Perbup completed."""
    data = {field: getattr(revision, field) for field in services.IDENTITY_FIELDS}
    data |= {field: "\n".join(getattr(revision, field)) for field in services.LIST_FIELDS}
    data["dasar_hukum"] = "\n".join(
        item.replace(PERMENDAGRI_29, PERPRES_29).replace(
            "Peraturan Bupati Balangan Nomor", "Peraturan Bupati Balangan Nomor 19 Tahun 2016 tentang SAKIP"
        )
        for item in revision.dasar_hukum
    )
    return services.sop_revision_update_identity(user=camat(), revision=revision, data=data)


def test_every_seed_records_its_source_errors_and_each_is_still_printed_as_loaded(seeded):
    for revision in seeded.values():
        found = galat.daftar(revision)
        assert found, revision.nama
        assert all(g.masih_ada for g in found), [g for g in found if not g.masih_ada]


def test_the_lkip_seed_keeps_the_permendagri_as_printed_and_names_it_a_perpres(seeded):
    found = {g.tercetak: g for g in galat.daftar(seeded[LKIP])}
    assert PERMENDAGRI_29 in found and found[PERMENDAGRI_29].label == "Dasar hukum"
    assert "Peraturan Presiden" in found[PERMENDAGRI_29].catatan
    assert any(PERMENDAGRI_29 in item for item in seeded[LKIP].dasar_hukum)


def test_the_validation_warns_of_each_error_still_printed_naming_the_part(seeded):
    messages = [i.message for i in validate_revision(seeded[PARINGIN_SELATAN]) if i.severity == WARNING]
    assert any(m.startswith("Nomor SOP: galat dokumen sumber masih tercetak “02 JANUARI 2023”") for m in messages)
    assert any(m.startswith("Unit penerbit: galat dokumen sumber") for m in messages)


def test_the_camat_sees_the_source_errors_at_periksa_lajur(client_for, seeded):
    html = client_for(camat()).get(reverse("sop:lane_review", args=[seeded[LKIP].pk])).content.decode()
    assert "Galat dokumen sumber" in html
    assert PERMENDAGRI_29 in html and "Masih tercetak" in html
    assert html.count("data-galat-masih-ada") == 2


def test_a_camat_of_another_kecamatan_cannot_open_the_review_of_awayan(client_for, seeded):
    response = client_for(camat("camat.tebing-tinggi")).get(reverse("sop:lane_review", args=[seeded[LKIP].pk]))
    assert response.status_code in (403, 404)


def test_a_draft_marks_the_parts_still_printing_an_error_and_lists_them_after_the_flowchart(seeded):
    text = pdf_text(pdf.render_revision_pdf(seeded[LKIP]))
    assert "Galat dokumen sumber yang masih tercetak pada draf ini" in text
    assert "Butir terpotong pada dokumen sumber" in text


def test_correcting_the_error_in_a_revision_resolves_it_and_the_new_pdf_no_longer_carries_it(client_for, seeded):
    revision = _correct_the_perpres(seeded[LKIP])
    found = galat.daftar(revision)
    assert not any(g.masih_ada for g in found), found
    text = pdf_text(pdf.render_revision_pdf(revision))
    assert PERMENDAGRI_29 not in text and PERPRES_29 in text
    assert "Galat dokumen sumber yang masih tercetak" not in text
    html = client_for(camat()).get(reverse("sop:lane_review", args=[revision.pk])).content.decode()
    assert html.count("Sudah diperbaiki") == 2 and "data-galat-masih-ada" not in html


def test_a_new_revision_of_an_effective_sop_carries_the_list_of_its_source_errors(seeded):
    revision = seeded[LKIP]
    services.sop_lajur_konfirmasi(user=camat(), revision=revision)
    effective = services.sop_revision_make_effective(user=camat(), revision=revision)
    assert "Galat dokumen sumber yang masih tercetak" not in pdf_text(pdf.render_revision_pdf(effective))
    draft = services.sop_revision_start_edit(user=camat(), revision=effective)
    assert draft.pk != effective.pk and draft.galat_sumber == effective.galat_sumber
    assert [g.tercetak for g in galat.daftar(draft) if g.masih_ada] == [
        PERMENDAGRI_29,
        "Peraturan Bupati Balangan Nomor",
    ]


def test_an_exact_entry_is_resolved_only_when_the_value_changes_and_an_empty_field_when_filled(seeded):
    revision = seeded[PARINGIN_SELATAN]
    revision.nomor = "067/01/KEC.PRS/I/2023"
    revision.unit_penerbit = "KECAMATAN PARINGIN SELATAN"
    still = {g.bagian: g.masih_ada for g in galat.daftar(revision)}
    assert still["nomor"] is False and still["unit_penerbit"] is False
    assert still["disahkan_jabatan"] is True  # "CAMAT PARING SELATAN" still printed there
    empty = next(r for r in seeded.values() if r.nomor == "067/02/KEC.AWY/VII/2023")
    assert {g.bagian for g in galat.daftar(empty) if g.masih_ada} == {"disahkan_jabatan", "disahkan_nama"}
    empty.disahkan_nama = "H. CONTOH, S.Sos"
    assert {g.bagian for g in galat.daftar(empty) if g.masih_ada} == {"disahkan_jabatan"}
