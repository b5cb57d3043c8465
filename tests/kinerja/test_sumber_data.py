"""Indicators whose realisation the app computes from its own records (kinerja/sumber_data.py): the proposal
with its calculation, confirmed or replaced with a reason (kinerja/services/usulan.py), never written into
a quarter that is no longer a draft, then read like any stored realisation by the reports."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja import sumber_data
from kinerja.models import BuktiDukung, Realisasi, SumberHitung, Triwulan
from kinerja.services import KinerjaError
from kinerja.services import triwulan as tw
from kinerja.services.realisasi import Entri, realisasi_simpan
from kinerja.services.usulan import sumber_hitung_simpan, usulan_putuskan
from layanan import ikm
from layanan.models import JenisLayanan, ResponSkm
from sakip.roles import Role
from tests.kinerja.data import make_pk
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import HariLibur, WorkingCalendar

pytestmark = pytest.mark.django_db

WITA = datetime.timezone(datetime.timedelta(hours=8))


def at(y, m, d, hh, mm=0):
    return time_machine.travel(datetime.datetime(y, m, d, hh, mm, tzinfo=WITA), tick=False)


def service_run(org, revision, start, step1, finish):
    """One run of a two-step SOP (1 Jam + 1 Jam on its main path): started, then each step completed."""
    camat, kasubbag = org.person("awayan", Role.CAMAT), org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with at(*start):
        run = workflow_services.run_start(user=camat, revision=revision, tahun=2025, triwulan=1)
    with at(*step1):
        workflow_services.task_complete(user=camat, task=run.tasks.get(step__no=1, status="aktif"))
    with at(*finish):
        workflow_services.task_complete(user=kasubbag, task=run.tasks.get(step__no=2, status="aktif"))
    run.refresh_from_db()
    return run


def quarter_of_runs(org):
    """Four runs finished in TW I 2025, timed across a weekend, a national holiday and a local day off.

    Standard: 2 Jam of office time (Monday–Thursday 07:30–16:00, Friday until 11:00).
    A  Friday 7 March 10:00 → due Monday 10 March 08:30 (one hour on Friday, one on Monday); done 08:20: on time.
    B  Monday 10 March 09:00 → due 11:00; done 11:10: late.
    C  Friday 24 January 10:30 → Monday 27 January is Isra Mi'raj → due Tuesday 28 January 09:00;
       done 08:50: on time (without the holiday it would be due on the Monday and late).
    D  Monday 3 February 15:30 → Tuesday 4 February is the kabupaten's own day off → due Wednesday 5
       February 09:00; done 08:55: on time.
    """
    calendar = WorkingCalendar.objects.create(kabupaten=org.kabupaten)
    HariLibur.objects.create(kalender=calendar, tanggal=datetime.date(2025, 2, 4), nama="Cuti bersama (uji)")
    revision = make_sop(org.awayan.unit, lanes=("CAMAT", "KASUBBAG_PERENCANAAN"), steps=2)
    runs = [
        service_run(org, revision, (2025, 1, 24, 10, 30), (2025, 1, 24, 10, 50), (2025, 1, 28, 8, 50)),
        service_run(org, revision, (2025, 2, 3, 15, 30), (2025, 2, 3, 15, 50), (2025, 2, 5, 8, 55)),
        service_run(org, revision, (2025, 3, 7, 10, 0), (2025, 3, 7, 10, 30), (2025, 3, 10, 8, 20)),
        service_run(org, revision, (2025, 3, 10, 9, 0), (2025, 3, 10, 9, 30), (2025, 3, 10, 11, 10)),
    ]
    return revision, runs


@pytest.fixture
def paten(org):
    """The PATEN indicator of Awayan 2025 computed from the runs of one SOP; TW I is a draft."""
    revision, runs = quarter_of_runs(org)
    (indikator, manual) = make_pk(org.awayan, 2025, 2)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    sumber_hitung_simpan(
        user=kasubbag, indikator=indikator, jenis=SumberHitung.Jenis.SOP_TEPAT_WAKTU, sop_ids=[revision.sop_id]
    )
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    return indikator, manual, quarter, runs


def proposal(org, indikator, triwulan=1):
    return sumber_data.usulan_kecamatan(org.awayan.unit, 2025, triwulan)[indikator.pk]


def test_on_time_share_counts_office_time_across_weekends_and_holidays(org, paten):
    indikator, _, _, runs = paten
    expected_due = [
        datetime.datetime(2025, 1, 28, 9, 0, tzinfo=WITA),
        datetime.datetime(2025, 2, 5, 9, 0, tzinfo=WITA),
        datetime.datetime(2025, 3, 10, 8, 30, tzinfo=WITA),
        datetime.datetime(2025, 3, 10, 11, 0, tzinfo=WITA),
    ]
    usulan = proposal(org, indikator)
    assert [r.batas for r in usulan.pelaksanaan] == expected_due
    assert [r.tepat_waktu for r in usulan.pelaksanaan] == [True, True, True, False]
    assert [r.menit_kerja for r in usulan.pelaksanaan] == [110, 115, 110, 130]
    assert (usulan.pembilang, usulan.penyebut, usulan.nilai) == (3, 4, Decimal("75.00"))
    assert usulan.perhitungan == "3 dari 4 pelaksanaan selesai dalam Mutu Baku = 3 / 4 × 100 = 75,00%."
    # Another quarter has none of them: 0 dari 0, no value to confirm.
    empty = proposal(org, indikator, triwulan=2)
    assert (empty.penyebut, empty.nilai) == (0, None)
    assert empty.perhitungan.startswith("0 dari 0 pelaksanaan selesai dalam Mutu Baku")


def test_count_of_finished_runs(org, paten):
    indikator, manual, _, runs = paten
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    sumber_hitung_simpan(
        user=kasubbag, indikator=manual, jenis=SumberHitung.Jenis.SOP_SELESAI, sop_ids=[runs[0].sop_id]
    )
    usulan = proposal(org, manual)
    assert usulan.nilai == 4
    assert usulan.perhitungan == "4 pelaksanaan selesai antara 1 Januari 2025 dan 31 Maret 2025."


def test_confirming_stores_the_proposal_with_who_and_the_source_export_as_evidence(org, client_for, paten):
    indikator, _, quarter, runs = paten
    pelaksana = org.person("awayan", Role.PELAKSANA)  # answers for the indicator (its position's unit)
    client = client_for(pelaksana)
    entry = reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1])
    page = client.get(entry).content.decode()
    assert "3 dari 4 pelaksanaan selesai dalam Mutu Baku = 3 / 4 × 100 = 75,00%." in page
    assert "Konfirmasi" in page and "Ganti dengan alasan" in page
    assert f'name="nilai-{indikator.pk}" class="form-control' not in page  # no plain value field
    usulan = proposal(org, indikator)
    url = reverse("kinerja:usulan_konfirmasi", args=[org.awayan.unit.pk, 2025, 1, indikator.pk])
    response = client.post(url, {f"dilihat-{indikator.pk}": usulan.digest})
    assert response.status_code == 302
    row = Realisasi.objects.get(indikator=indikator, triwulan=1)
    assert (row.nilai, row.usulan_nilai, row.usulan_oleh, row.usulan_alasan_ganti) == (75, 75, pelaksana, "")
    assert row.usulan_perhitungan == usulan.perhitungan and row.usulan_pada is not None
    (bukti,) = BuktiDukung.objects.filter(realisasi=row)
    assert bukti.dibuat_aplikasi and bukti.nama_asli.endswith(".xlsx")
    book = load_workbook(io.BytesIO(bukti.berkas.read()))
    listed = list(book["Pelaksanaan SOP"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in listed] == [r.pk for r in runs]
    assert [r[7] for r in listed] == ["Dalam Mutu Baku"] * 3 + ["Melewati Mutu Baku"]
    assert "75,00%" in book["Perhitungan"]["B7"].value
    page = client.get(entry).content.decode()
    assert f"Usulan aplikasi dikonfirmasi oleh {pelaksana.nama}" in page
    # Deciding again replaces the app's export instead of piling them up.
    usulan_putuskan(user=pelaksana, quarter=quarter, indikator=indikator, dilihat=usulan.digest)
    assert BuktiDukung.objects.filter(realisasi=row).count() == 1


def test_override_needs_a_reason_and_records_it_beside_the_proposal(org, client_for, paten):
    indikator, _, quarter, _ = paten
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    digest = proposal(org, indikator).digest
    client = client_for(kasubbag)
    url = reverse("kinerja:usulan_ganti", args=[org.awayan.unit.pk, 2025, 1, indikator.pk])
    refused = client.post(url, {f"dilihat-{indikator.pk}": digest, f"pengganti-{indikator.pk}": "80"})
    assert refused.status_code == 400
    assert "Tuliskan alasan mengganti nilai usulan aplikasi." in refused.content.decode()
    assert 'value="80"' in refused.content.decode()  # the typed value stays
    assert not Realisasi.objects.filter(indikator=indikator).exists()
    reason = "Satu permohonan ditunda atas permintaan pemohon; dihitung tepat waktu sesuai register."
    client.post(
        url,
        {
            f"dilihat-{indikator.pk}": digest,
            f"pengganti-{indikator.pk}": "100",
            f"alasan_ganti-{indikator.pk}": reason,
        },
    )
    row = Realisasi.objects.get(indikator=indikator, triwulan=1)
    assert (row.nilai, row.usulan_nilai, row.usulan_alasan_ganti, row.usulan_oleh) == (100, 75, reason, kasubbag)
    assert row.history.first().history_change_reason.startswith("usulan aplikasi 75 diganti")
    page = client.get(reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1])).content.decode()
    assert f"Usulan aplikasi (75) diganti oleh {kasubbag.nama}" in page and reason in page


def test_a_changed_source_or_a_typed_value_is_refused(org, paten):
    indikator, manual, quarter, _ = paten
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(KinerjaError, match="Data sumber berubah"):
        usulan_putuskan(user=kasubbag, quarter=quarter, indikator=indikator, dilihat="usang")
    # The plain entry form cannot type over a computed indicator; a manual one still saves.
    with pytest.raises(KinerjaError) as error:
        realisasi_simpan(user=kasubbag, quarter=quarter, entries=[Entri(indikator_id=indikator.pk, nilai="90")])
    assert "diusulkan aplikasi" in error.value.errors[indikator.pk]["nilai"]
    assert realisasi_simpan(user=kasubbag, quarter=quarter, entries=[Entri(indikator_id=manual.pk, nilai="20")]) == 1


@pytest.mark.parametrize("status", [Triwulan.Status.DIAJUKAN, Triwulan.Status.DISETUJUI])
def test_a_proposal_never_writes_into_a_submitted_or_locked_quarter(org, client_for, paten, status):
    indikator, _, quarter, _ = paten
    digest = proposal(org, indikator).digest
    Triwulan.objects.filter(pk=quarter.pk).update(status=status)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    with pytest.raises(KinerjaError, match="tidak dapat diubah"):
        usulan_putuskan(user=kasubbag, quarter=quarter, indikator=indikator, dilihat=digest)
    client = client_for(kasubbag)
    url = reverse("kinerja:usulan_ganti", args=[org.awayan.unit.pk, 2025, 1, indikator.pk])
    client.post(url, {f"dilihat-{indikator.pk}": digest, f"pengganti-{indikator.pk}": "1"})
    assert not Realisasi.objects.filter(indikator=indikator).exists()
    assert not BuktiDukung.objects.exists()
    page = client.get(reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1])).content.decode()
    assert "Konfirmasi" not in page


def _answers(layanan, rows, tahun=2025, triwulan=1):
    moment = datetime.datetime(tahun, 3 * triwulan - 1, 10, 9, tzinfo=WITA)
    ResponSkm.objects.bulk_create(
        ResponSkm(
            layanan=layanan,
            tahun=tahun,
            triwulan=triwulan,
            dibuat_pada=moment,
            tanda_terima_sah=True,  # each proven by its receipt (layanan.tanda_terima)
            **{f"u{i}": v for i, v in enumerate(r, 1)},
        )
        for r in rows
    )


def test_ikm_of_the_chosen_services_pools_their_respondents(org):
    (indikator,) = make_pk(org.awayan, 2025, 1)
    ktp = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Surat Keterangan")
    rek = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Rekomendasi")
    other = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Legalisasi")
    first = [[4, 4, 3, 4, 3, 4, 4, 2, 3], [3, 4, 3, 4, 2, 3, 4, 3, 3]]
    second = [[3, 3, 3, 4, 3, 4, 4, 3, 4]]
    _answers(ktp, first)
    _answers(rek, second)
    _answers(other, [[1] * 9])  # not chosen
    _answers(ktp, [[1] * 9], triwulan=2)  # another quarter
    sumber_hitung_simpan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        indikator=indikator,
        jenis=SumberHitung.Jenis.IKM,
        layanan_ids=[ktp.pk, rek.pk],
    )
    usulan = proposal(org, indikator)
    assert usulan.nilai == ikm.hitung_jawaban(first + second).ikm == Decimal("84.26")  # 91/27 × 25
    assert usulan.perhitungan == "IKM = NRR tertimbang 3,3704 × 25 = 84,26 (mutu pelayanan B, Baik) dari 3 responden."
    assert [(b.nama, b.hasil.responden) for b in usulan.layanan] == [("Rekomendasi", 1), ("Surat Keterangan", 2)]
    assert proposal(org, indikator, triwulan=3).nilai is None


def test_sources_are_the_kecamatan_own_and_follow_a_pk_perubahan(org, client_for, paten):
    indikator, _, _, runs = paten
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    foreign = make_sop(org.tebing.unit)
    with pytest.raises(KinerjaError, match="bukan milik kecamatan ini"):
        sumber_hitung_simpan(user=kasubbag, indikator=indikator, jenis="sop_selesai", sop_ids=[foreign.sop_id])
    with pytest.raises(KinerjaError) as error:
        sumber_hitung_simpan(user=kasubbag, indikator=indikator, jenis="ikm", layanan_ids=[])
    assert "layanan" in error.value.errors
    url = reverse("kinerja:sumber_data", args=[org.awayan.unit.pk, 2025, indikator.pk])
    client = client_for(kasubbag)
    assert "SOP uji alur" in client.get(url).content.decode()
    response = client.post(url, {"jenis": "sop_selesai", "sop": [runs[0].sop_id]})
    assert response.status_code == 302
    assert SumberHitung.objects.get(indikator=indikator).jenis == "sop_selesai"
    pk_page = client.get(reverse("kinerja:pk", args=[org.awayan.unit.pk, 2025])).content.decode()
    assert "Dihitung aplikasi: Jumlah pelaksanaan SOP yang selesai" in pk_page
    from kinerja.models import PerjanjianKinerja
    from kinerja.services.perencanaan import pk_perubahan

    pk = PerjanjianKinerja.objects.get(kecamatan=org.awayan.unit, tahun=2025)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status="ditandatangani")
    pk.refresh_from_db()
    new = pk_perubahan(user=kasubbag, pk=pk, alasan="Perubahan target")
    copy = SumberHitung.objects.get(indikator__sasaran__perjanjian=new)
    assert (copy.jenis, list(copy.sop.values_list("pk", flat=True))) == ("sop_selesai", [runs[0].sop_id])
    # Back to manual entry.
    client.post(reverse("kinerja:sumber_data", args=[org.awayan.unit.pk, 2025, copy.indikator_id]), {"jenis": ""})
    assert not SumberHitung.objects.filter(pk=copy.pk).exists()


def test_entry_page_costs_the_same_queries_for_2_and_12_computed_indicators(org, client_for):
    revision, _ = quarter_of_runs(org)
    layanan = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Surat Keterangan")
    _answers(layanan, [[3] * 9] * 3)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    client = client_for(kasubbag)
    indicators = make_pk(org.awayan, 2025, 12)
    url = reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1])
    counts = []
    for batch in (indicators[:2], indicators[2:]):
        for i, ind in enumerate(batch):
            jenis = ["sop_tepat_waktu", "ikm", "sop_selesai"][i % 3]
            sumber_hitung_simpan(
                user=kasubbag, indikator=ind, jenis=jenis, sop_ids=[revision.sop_id], layanan_ids=[layanan.pk]
            )
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_quarterly_report_prints_the_confirmed_computed_realisation(org, paten):
    from laporan import documents, pdf
    from laporan.models import Report
    from laporan.services import buat_laporan

    indikator, _, quarter, _ = paten
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    before = proposal(org, indikator)
    usulan_putuskan(user=kasubbag, quarter=quarter, indikator=indikator, dilihat=before.digest)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DISETUJUI)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2025, periode=1)
    data = documents.build(report)
    (row,) = [b for k in data["sasaran"] for b in k.baris if b.indikator == indikator.uraian]
    assert row.realisasi_periode == Decimal("75") and row.capaian_periode.nilai == Decimal("300.00")
    body = pdf.render_body(report, pdf.context(report, data=data))
    printed = body.split(f"<td>{indikator.uraian}</td>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">75</td>' in printed
    assert f"Realisasi 1.1 dihitung aplikasi dari data yang tercatat — TW I: {before.perhitungan}" in body


def test_demo_declares_awayan_paten_and_ikm_computed_with_a_quarter_of_skm_answers(org):
    """The demo loader on Awayan's demo PK alone (not the whole demo): without counter runs PATEN shows 0 dari 0
    and no SKM answer is proven by a receipt."""
    import json
    import random

    from django.utils import timezone

    from kinerja import demo

    year = timezone.localdate().year
    org.awayan.unit.kode = "awayan"
    org.awayan.unit.save(update_fields=["kode"])
    data = json.loads(demo.DATA.read_text(encoding="utf-8"))
    demo._load_year(org.awayan.unit, year, data, 3, 2, random.Random("uji"))
    demo.load_demo_sumber_hitung()
    first = (SumberHitung.objects.count(), ResponSkm.objects.count())
    demo.load_demo_sumber_hitung()
    assert (SumberHitung.objects.count(), ResponSkm.objects.count()) == first  # idempotent
    assert first[0] == 2 and first[1] >= 56
    usulan = sumber_data.usulan_kecamatan(org.awayan.unit, year, 3)
    by_name = {SumberHitung.objects.get(indikator_id=k).indikator.uraian: u for k, u in usulan.items()}
    paten = by_name[demo.PATEN]
    assert (paten.penyebut, paten.nilai) == (0, None) and paten.perhitungan.startswith("0 dari 0")
    # Without the counter no answer carries a receipt: all are kept apart and none counts (issue 29).
    (ikm_usulan,) = [u for u in usulan.values() if u.jenis == "ikm"]
    assert ikm_usulan.gabungan.responden == 0 and ikm_usulan.nilai is None
    assert not ResponSkm.objects.filter(tanda_terima_sah=True).exists()
