"""Qualitative Renstra targets (issue 14): a Renstra indicator on one of the kabupaten's scales (kinerja.Skala,
read by renstra through renstra/skala.py) has a level per year and an end level; the labels are checked
against the scale, printed by the Renstra document, carried by a Renstra Perubahan and the workbook, and a
PK pre-filled from it takes the scale and the year's level (kinerja/skala.py `isian_pk`)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja import excel
from kinerja import skala as kinerja_skala
from kinerja.excel import export_workbook
from kinerja.models import Skala, SkalaLevel
from laporan import signing
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, tandatangani
from renstra import services
from renstra.models import IndikatorRenstra, Renstra, TargetRenstra
from renstra.services import RenstraError
from sakip.models import Unit
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD, make_unit
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db

LEVELS = ("TMP", "TW", "WDP", "WTP")


def _opini(kabupaten) -> Skala:
    skala = Skala.objects.create(kabupaten=kabupaten, nama="Opini BPK")
    for n, label in enumerate(LEVELS, start=1):
        SkalaLevel.objects.create(skala=skala, urutan=n, label=label, skor=Decimal(25 * n))
    return skala


def _kasubbag(org):
    return org.person("awayan", Role.KASUBBAG_PERENCANAAN)


def _qualitative(org, renstra, skala, targets=None, akhir="wtp") -> IndikatorRenstra:
    sasaran = renstra.sasaran.order_by("urutan").first()
    targets = targets or {2025: "wdp", 2026: "WDP", 2027: "wtp", 2028: "WTP", 2029: "WTP"}
    return services.indikator_simpan(
        user=_kasubbag(org),
        sasaran=sasaran,
        data={
            "uraian": "Opini BPK atas laporan keuangan kecamatan",
            "satuan": "predikat",
            "polaritas": "positif",
            "skala": skala.pk,
            "kondisi_awal_level": "WDP",
            "target_akhir_level": akhir,
            "sumber_data": "LHP BPK",
        },
        targets=targets,
    )


@pytest.fixture
def world(org):
    skala = _opini(org.kabupaten)
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=1)
    return renstra, skala, _qualitative(org, renstra, skala)


def test_a_qualitative_indicator_keeps_levels_in_the_scales_spelling_and_no_numbers(world):
    renstra, skala, ind = world
    ind.refresh_from_db()
    assert (ind.skala, ind.skala_nama, ind.kualitatif) == (skala.pk, "Opini BPK", True)
    assert (ind.kondisi_awal, ind.target_akhir) == (None, None)
    assert (ind.kondisi_awal_cetak, ind.target_akhir_cetak) == ("WDP", "WTP")
    assert [(t.tahun, t.nilai, t.level) for t in TargetRenstra.objects.filter(indikator=ind)] == [
        (2025, None, "WDP"),
        (2026, None, "WDP"),
        (2027, None, "WTP"),
        (2028, None, "WTP"),
        (2029, None, "WTP"),
    ]
    assert services.alasan_belum_lengkap(renstra) == []
    assert services.target_tahun(ind, 2026) == "WDP"


def test_a_label_outside_the_scale_is_refused_naming_the_field_and_the_levels(org, world):
    renstra, skala, _ind = world
    with pytest.raises(RenstraError) as refused:
        _qualitative(org, renstra, skala, targets={2025: "WDP", 2026: "Baik", 2027: "WTP"}, akhir="WTP")
    assert refused.value.errors == {
        "target_2026": "Target 2026: pilih salah satu tingkat skala Opini BPK (TMP, TW, WDP, WTP)."
    }
    with pytest.raises(RenstraError) as refused:
        _qualitative(org, renstra, skala, akhir="A")
    assert "target_akhir_level" in refused.value.errors
    assert IndikatorRenstra.objects.filter(renstra=renstra).count() == 2  # nothing added by the refusals


def test_a_scale_of_another_kabupaten_is_refused(org, world):
    renstra, _skala, _ind = world
    other = _opini(make_unit("Tabalong", Unit.Kind.KABUPATEN))
    with pytest.raises(RenstraError) as refused:
        _qualitative(org, renstra, other)
    assert refused.value.errors == {"skala": "Pilih skala kualitatif kabupaten ini."}


def test_a_qualitative_indicator_without_its_end_level_keeps_the_renstra_incomplete(org, world):
    renstra, skala, ind = world
    services.indikator_simpan(
        user=_kasubbag(org),
        sasaran=ind.sasaran,
        indikator=IndikatorRenstra.objects.get(pk=ind.pk),
        data={"skala": skala.pk, "target_akhir_level": ""},
        targets={},
    )
    assert services.alasan_belum_lengkap(renstra) == [
        "Indikator 1.2 (Opini BPK atas laporan keuangan kecamatan): target akhir periode belum diisi."
    ]


def test_the_indicator_page_offers_the_scale_and_saves_levels(org, world, client_for):
    renstra, skala, _ind = world
    client = client_for(_kasubbag(org))
    sasaran = renstra.sasaran.order_by("urutan").first()
    url = reverse("renstra:indikator_tambah", args=[org.awayan.unit.pk, sasaran.pk])
    page = client.get(url).content.decode()
    assert "Skala kualitatif" in page and "Opini BPK (TMP, TW, WDP, WTP)" in page
    form = {
        "uraian": "Predikat SAKIP kecamatan",
        "satuan": "predikat",
        "polaritas": "positif",
        "skala": str(skala.pk),
        "target_akhir_level": "WTP",
        **{f"level_{y}": "TW" for y in renstra.tahun_list},
    }
    assert client.post(url, {**form, "level_2027": "XYZ"}).status_code == 400
    response = client.post(url, form)
    assert response.status_code == 302
    saved = IndikatorRenstra.objects.get(uraian="Predikat SAKIP kecamatan")
    assert saved.skala == skala.pk and saved.target.filter(level="TW").count() == 5


def test_a_renstra_perubahan_carries_the_scale_and_the_levels(org, world):
    renstra, skala, _ind = world
    renstra = services.renstra_tetapkan(user=org.person("awayan", Role.CAMAT), renstra=renstra, password=PASSWORD)
    new = services.renstra_perubahan(user=_kasubbag(org), renstra=renstra, alasan="Penyesuaian RPJMD")
    copy = IndikatorRenstra.objects.get(renstra=new, skala__isnull=False)
    assert (copy.skala, copy.skala_nama, copy.kondisi_awal_level, copy.target_akhir_level) == (
        skala.pk,
        "Opini BPK",
        "WDP",
        "WTP",
    )
    assert list(copy.target.values_list("level", flat=True)) == ["WDP", "WDP", "WTP", "WTP", "WTP"]


def test_the_signed_renstra_document_prints_the_levels(org, world, tmp_path, monkeypatch):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    monkeypatch.setenv("SIGNING_KEY_PATH", str(key))
    monkeypatch.setenv("SIGNING_CERT_PATH", str(cert))
    signing.create_certificate(
        common_name="Kecamatan Awayan", organization="Pemkab Balangan", key_file=key, cert_file=cert
    )
    report = buat_laporan(user=_kasubbag(org), kecamatan=org.awayan.unit, kind=Report.Kind.RENSTRA, tahun=2025)
    ajukan(user=_kasubbag(org), report_id=report.pk)
    doc = tandatangani(
        alasan_terlambat=LAMPAU, user=org.person("awayan", Role.CAMAT), report_id=report.pk, password=PASSWORD
    )
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(bytes(doc.pdf))).pages)
    assert "Opini BPK atas laporan keuangan kecamatan" in text and "skala Opini BPK" in text
    assert "WDP WDP WDP WTP WTP WTP WTP" in text  # baseline, 2025–2029, end target
    assert Renstra.objects.get().status == Renstra.Status.DITETAPKAN


def test_the_workbook_carries_levels_and_reads_labels_back_checked_against_the_scale(org, world):
    renstra, _skala, ind = world
    kasubbag = _kasubbag(org)

    def apply(wb):
        out = io.BytesIO()
        wb.save(out)
        parsed = excel.parse_workbook(out.getvalue())
        return excel.terapkan_renstra(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026, parsed=parsed)

    wb = load_workbook(io.BytesIO(export_workbook(user=kasubbag, kecamatan=org.awayan.unit, tahun=2026)))
    row = [c.value for c in wb["Renstra"][3]]
    assert row[0] == "1.2" and row[6:13] == ["WDP", "WDP", "WDP", "WTP", "WTP", "WTP", "WTP"]
    wb["Renstra"]["H3"] = "tw"  # Target 2025
    wb["Renstra"]["I3"] = 3  # Target 2026: a number is no level
    (problem,) = apply(wb)[1]
    assert str(problem) == (
        "Lembar Renstra, baris 3, kolom I: pilih salah satu tingkat skala Opini BPK (TMP, TW, WDP, WTP)."
    )
    assert services.target_tahun(IndikatorRenstra.objects.get(pk=ind.pk), 2025) == "WDP"
    wb["Renstra"]["I3"] = "WTP"
    assert apply(wb) == (1, [])
    ind = IndikatorRenstra.objects.get(pk=ind.pk)
    assert (services.target_tahun(ind, 2025), services.target_tahun(ind, 2026)) == ("TW", "WTP")


def test_a_pk_indicator_prefilled_from_a_qualitative_renstra_indicator_takes_the_scale_and_level(org, world):
    _renstra, skala, ind = world
    ind = IndikatorRenstra.objects.get(pk=ind.pk)
    isian = kinerja_skala.isian_pk(ind, 2027)
    assert isian == {
        "skala_id": skala.pk,
        "target_level": SkalaLevel.objects.get(skala=skala, label="WTP"),
        "target_tahunan": None,
        "target_renstra": None,
    }
    numeric = IndikatorRenstra.objects.get(uraian="Persentase layanan tepat waktu 1.1")
    assert kinerja_skala.isian_pk(numeric, 2027) == {
        "skala_id": None,
        "target_level": None,
        "target_tahunan": Decimal(82),
        "target_renstra": Decimal(84),
    }


def test_a_pk_filled_from_the_renstra_takes_the_level_and_a_different_level_asks_a_reason(org, world):
    from kinerja.models import Indikator
    from kinerja.services import perencanaan

    renstra, skala, ind = world
    services.renstra_tetapkan(user=org.person("awayan", Role.CAMAT), renstra=renstra, password=PASSWORD)
    pk = perencanaan.pk_buat(user=_kasubbag(org), kecamatan=org.awayan.unit, tahun=2027, dari_renstra=True)
    copied = Indikator.objects.get(sasaran__perjanjian=pk, indikator_renstra=ind)
    assert copied.kualitatif and copied.skala_id == skala.pk
    assert (copied.target_level.label, copied.target_tahunan) == ("WTP", None)
    assert perencanaan.alasan_beda_renstra_kurang(copied) == ""
    copied.target_level = SkalaLevel.objects.get(skala=skala, label="WDP")
    assert perencanaan.alasan_beda_renstra_kurang(copied) == (
        "Target WDP berbeda dari target Renstra tahun 2027 (WTP). Tuliskan alasannya."
    )
