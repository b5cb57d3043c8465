import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import BuktiDukung, Realisasi
from kinerja.services import KinerjaError
from kinerja.services import realisasi as svc
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import make_pk

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def indicators(org):
    return make_pk(org.awayan, 2025, 3)


@pytest.fixture
def quarter(org, indicators):
    return tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)


def url(org, kecamatan="awayan", triwulan=2):
    return reverse("kinerja:entry", args=[getattr(org, kecamatan).unit.pk, 2025, triwulan])


def form(indicators, values, versions=None):
    data = {}
    for ind, value in zip(indicators, values, strict=True):
        data[f"nilai-{ind.pk}"] = value
        data[f"versi-{ind.pk}"] = str((versions or {}).get(ind.pk, 0))
        data[f"hambatan-{ind.pk}"] = ""
        data[f"upaya-{ind.pk}"] = ""
        data[f"catatan-{ind.pk}"] = ""
    return data


def test_it_requires_login(client, org, quarter):
    assert client.get(url(org)).status_code == 302


def test_it_hides_other_kecamatan(client_for, org, quarter):
    assert client_for(org.person("tebing", Role.PELAKSANA)).get(url(org)).status_code == 404


def test_evaluator_reads_but_cannot_post(client_for, org, quarter, indicators):
    client = client_for(org.evaluator)
    assert client.get(url(org)).status_code == 200
    assert client.post(url(org), form(indicators, ["1", "2", "3"])).status_code == 403


def test_staff_sees_the_indicators_they_answer_for(client_for, org, indicators, quarter):
    other = make_pk(org.awayan, 2026, 1, owner_position=org.awayan.positions[Role.KASI])[0]
    html = client_for(org.person("awayan", Role.PELAKSANA)).get(url(org)).content.decode()
    for ind in indicators:
        assert f'name="nilai-{ind.pk}"' in html
    assert f'name="nilai-{other.pk}"' not in html


def test_kasi_does_not_see_indicators_of_another_unit(client_for, org, indicators, quarter):
    html = client_for(org.person("awayan", Role.KASI)).get(url(org)).content.decode()
    assert 'name="nilai-' not in html
    assert "Tidak ada indikator untuk Anda" in html


def test_staff_saves_with_decimal_comma_and_sees_capaian(client_for, org, indicators, quarter):
    client = client_for(org.person("awayan", Role.PELAKSANA))
    response = client.post(url(org), form(indicators, ["20,5", "0", ""]), follow=True)
    assert "Realisasi tersimpan" in response.content.decode()
    values = dict(Realisasi.objects.filter(triwulan=2).values_list("indikator_id", "nilai"))
    assert values == {indicators[0].pk: Decimal("20.5"), indicators[1].pk: Decimal(0), indicators[2].pk: None}
    html = response.content.decode()
    assert "82,00%" in html  # 20,5 of the TW target 25
    assert "0,00%" in html  # 0 is a value
    assert "belum diisi" in html  # blank is not 0


def test_invalid_number_keeps_every_typed_value_and_saves_nothing(client_for, org, indicators, quarter):
    client = client_for(org.person("awayan", Role.PELAKSANA))
    response = client.post(url(org), form(indicators, ["12,5", "abc", "7"]))
    html = response.content.decode()
    assert "bukan angka yang sah" in html
    assert 'value="12,5"' in html and 'value="abc"' in html and 'value="7"' in html
    assert not Realisasi.objects.exists()


def test_stale_save_is_refused_and_nothing_is_overwritten(client_for, org, indicators, quarter):
    staff, kasubbag = org.person("awayan", Role.PELAKSANA), org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    # Both open the page at version 0; the Kasubbag saves first.
    svc.realisasi_simpan(user=kasubbag, quarter=quarter, entries=[svc.Entri(indicators[0].pk, "10")])
    response = client_for(staff).post(url(org), form(indicators[:1], ["99"]))
    html = response.content.decode()
    assert "telah diubah oleh" in html and kasubbag.nama in html
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == Decimal(10)


def test_locked_quarter_refuses_entries(org, indicators, quarter):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    svc.realisasi_simpan(user=kasubbag, quarter=quarter, entries=[svc.Entri(i.pk, "20") for i in indicators])
    for service, role in [
        (tw.triwulan_ajukan, Role.KASUBBAG_PERENCANAAN),
        (tw.triwulan_verifikasi, Role.SEKRETARIS),
        (tw.triwulan_setujui, Role.CAMAT),
    ]:
        quarter = service(user=org.person("awayan", role), quarter=quarter)
    with pytest.raises(KinerjaError, match="tidak dapat diubah"):
        svc.realisasi_simpan(
            user=org.person("awayan", Role.PELAKSANA),
            quarter=quarter,
            entries=[svc.Entri(indicators[0].pk, "5", versi=1)],
        )
    assert Realisasi.objects.get(indikator=indicators[0], triwulan=2).nilai == Decimal(20)


@time_machine.travel(datetime.datetime(2025, 7, 20, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_entries_after_the_window_are_accepted_and_flagged_late(org, indicators, quarter):
    svc.realisasi_simpan(
        user=org.person("awayan", Role.PELAKSANA), quarter=quarter, entries=[svc.Entri(indicators[0].pk, "5")]
    )
    assert Realisasi.objects.get().terlambat


def test_entry_page_costs_the_same_queries_for_5_and_50_indicators(client_for, org, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    counts = []
    for year, n in ((2024, 5), (2023, 50)):
        make_pk(org.awayan, year, n)
        tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=year, triwulan=3)
        page = reverse("kinerja:entry", args=[org.awayan.unit.pk, year, 3])
        client.get(page)  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


class TestEvidence:
    def bukti_url(self, org, ind):
        return reverse("kinerja:bukti", args=[org.awayan.unit.pk, 2025, 2, ind.pk])

    def test_pdf_evidence_is_stored_and_served_as_attachment(self, client_for, org, indicators, quarter):
        client = client_for(org.person("awayan", Role.PELAKSANA))
        upload = SimpleUploadedFile("laporan-ikm.pdf", PDF, content_type="application/pdf")
        response = client.post(self.bukti_url(org, indicators[0]), {"berkas": upload}, follow=True)
        assert "tersimpan" in response.content.decode()
        bukti = BuktiDukung.objects.get()
        assert bukti.jenis_isi == "application/pdf" and bukti.ukuran == len(PDF)
        download = client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        assert b"".join(download.streaming_content) == PDF

    def test_a_pdf_that_is_really_html_is_refused(self, client_for, org, indicators, quarter):
        client = client_for(org.person("awayan", Role.PELAKSANA))
        upload = SimpleUploadedFile(
            "bukti.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
        )
        response = client.post(self.bukti_url(org, indicators[0]), {"berkas": upload}, follow=True)
        assert "bukan PDF, JPG, PNG, XLSX atau DOCX yang sah" in response.content.decode()
        assert not BuktiDukung.objects.exists()

    def test_a_png_named_pdf_is_refused(self, client_for, org, indicators, quarter):
        client = client_for(org.person("awayan", Role.PELAKSANA))
        upload = SimpleUploadedFile("bukti.pdf", PNG, content_type="application/pdf")
        response = client.post(self.bukti_url(org, indicators[0]), {"berkas": upload}, follow=True)
        assert "tidak sesuai dengan ekstensinya" in response.content.decode()

    def test_oversized_evidence_is_refused(self, client_for, org, indicators, quarter, settings):
        settings.MAX_UPLOAD_MB = 0
        client = client_for(org.person("awayan", Role.PELAKSANA))
        upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
        response = client.post(self.bukti_url(org, indicators[0]), {"berkas": upload}, follow=True)
        assert "melebihi batas" in response.content.decode()

    def test_evidence_of_awayan_is_hidden_from_tebing_tinggi(self, client_for, org, indicators, quarter):
        upload = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
        bukti = svc.bukti_unggah(
            user=org.person("awayan", Role.PELAKSANA), quarter=quarter, indikator=indicators[0], berkas=upload
        )
        client = client_for(org.person("tebing", Role.CAMAT))
        assert client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk])).status_code == 404
        assert client.get(self.bukti_url(org, indicators[0])).status_code == 404

    def test_evidence_page_requires_login(self, client, org, indicators, quarter):
        assert client.get(self.bukti_url(org, indicators[0])).status_code == 302


def test_qualitative_indicator_takes_a_level_and_compares_scores(client_for, org, quarter, indicators):
    from kinerja.models import Skala, SkalaLevel

    scale = Skala.objects.create(kabupaten=org.kabupaten, nama="Predikat SAKIP")
    levels = {
        label: SkalaLevel.objects.create(skala=scale, urutan=n, label=label, skor=n)
        for n, label in enumerate(["C", "CC", "B", "BB", "A"], start=1)
    }
    ind = indicators[0]
    ind.skala, ind.target_level, ind.target_tahunan = scale, levels["BB"], None
    ind.save()
    client = client_for(org.person("awayan", Role.PELAKSANA))
    data = form(indicators, ["X", "24", "25"])
    response = client.post(url(org), data)
    assert "Pilih salah satu tingkat: C, CC, B, BB, A." in response.content.decode()
    data[f"nilai-{ind.pk}"] = "b"
    html = client.post(url(org), data, follow=True).content.decode()
    assert Realisasi.objects.get(indikator=ind, triwulan=2).nilai_level == levels["B"]
    assert "75,00%" in html  # score 3 of target score 4
