"""Issue 17's loop in a real browser, over one quarter (TW I 2027, in the future of the real date so that
sessions and cookies stay valid): the front desk registers two applicants, the office finishes one run
within and one past the SOP's Mutu Baku, the applicant follows the status and answers the SKM on a phone,
and after the quarter the Kasubbag Perencanaan confirms the realisations the app computed (PATEN on time,
IKM) that the signed quarterly report then prints with its "dihitung aplikasi" note.

Every browser page is opened inside the time travel of its phase: a session made at one fake time may be
expired at a later one.
"""

import datetime
import io
import re
from decimal import Decimal

import time_machine
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.models import BuktiDukung, Indikator, Realisasi, RencanaAksi, SumberHitung
from kinerja.services import triwulan as tw
from kinerja.services.usulan import sumber_hitung_simpan
from laporan.models import Report
from laporan.services import ajukan, buat_laporan, simpan_narasi, tandatangani
from layanan.models import ResponSkm
from layanan.services import layanan_tambah, respon_simpan
from loket.models import Permohonan
from loket.services import survei_tautkan
from sakip import publik
from sakip.roles import Role
from tests.factories import LAMPAU, PASSWORD
from tests.kinerja.data import make_pk
from tests.laporan.data import narasi_lengkap
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Run

WITA = datetime.timezone(datetime.timedelta(hours=8))
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Applicant A's answers to the nine unsur, then B's: 33 + 28 = 61 points over 2 × 9 answers,
# NRR tertimbang 61/18 = 3,3889, IKM 84,72 (mutu B, Baik).
JAWABAN_A = (4, 4, 3, 4, 3, 4, 4, 3, 4)
JAWABAN_B = (3, 3, 3, 4, 3, 3, 3, 3, 3)
PATEN_PERHITUNGAN = "1 dari 2 pelaksanaan selesai dalam Mutu Baku = 1 / 2 × 100 = 50,00%."
IKM_PERHITUNGAN = "IKM = NRR tertimbang 3,3889 × 25 = 84,72 (mutu pelayanan B, Baik) dari 2 responden."


def at(day: int, month: int, hour: int, minute: int = 0):
    """A phase of the story in 2027 (WITA); the clock keeps running inside it."""
    return time_machine.travel(datetime.datetime(2027, month, day, hour, minute, tzinfo=WITA), tick=True)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_counter_runs_and_skm_become_confirmed_computed_realisations_in_the_signed_report(
    live_server, browser, page_for, org, screenshot, signing_cert, settings
):
    settings.SITE_URL = live_server.url
    cache.clear()  # the public pages' rate limits
    unit = org.awayan.unit
    desk_person = org.person("awayan", Role.PELAKSANA)
    kasubbag_person = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    camat_person = org.person("awayan", Role.CAMAT)

    # The world, set up in the first week of the year: a service SOP with the applicant as a lane
    # (1 Jam per step, 3 Jam on its main path), its SKM service, and the PK whose PATEN and IKM
    # indicators declare their data source.
    with at(4, 1, 8):
        revision = make_sop(unit, lanes=("PEMOHON", "PELAKSANA", "CAMAT"))
        umum = org.person("awayan", Role.KASUBBAG_UMUM)
        layanan = layanan_tambah(user=umum, kecamatan=unit, nama="Pelayanan Surat Keterangan")
        survei_tautkan(user=umum, sop=revision.sop, layanan=layanan)
        paten, ikm = make_pk(org.awayan, 2027, 2)
        Indikator.objects.filter(pk=paten.pk).update(
            uraian="Persentase penyelesaian pelayanan administrasi terpadu kecamatan (PATEN) tepat waktu",
            target_tahunan=90,
        )
        Indikator.objects.filter(pk=ikm.pk).update(
            uraian="Indeks Kepuasan Masyarakat (IKM) pelayanan kecamatan", satuan="indeks", target_tahunan=80
        )
        RencanaAksi.objects.filter(indikator=paten).update(target=90)
        RencanaAksi.objects.filter(indikator=ikm).update(target=80)
        paten.refresh_from_db()
        ikm.refresh_from_db()
        sumber_hitung_simpan(
            user=kasubbag_person, indikator=paten, jenis=SumberHitung.Jenis.SOP_TEPAT_WAKTU, sop_ids=[revision.sop_id]
        )
        sumber_hitung_simpan(
            user=kasubbag_person, indikator=ikm, jenis=SumberHitung.Jenis.IKM, layanan_ids=[layanan.pk]
        )

    # Tuesday 16 February 2027, 08:00: the front desk registers two applicants (due at 11:00).
    with at(16, 2, 8):
        desk = page_for(desk_person)
        receipts = {}
        for nama, nik in (("Siti Rahmah", "6308014512900002"), ("Bahrudin", "")):
            desk.goto(f"{live_server.url}/loket/")
            expect(desk.get_by_label(revision.nama)).to_be_checked()
            desk.get_by_label("Nama pemohon").fill(nama)
            desk.get_by_label("NIK (tidak wajib)").fill(nik)
            desk.get_by_role("button", name="Daftarkan dan buat tanda terima").click()
            expect(desk).to_have_url(re.compile(r"/loket/permohonan/\d+/$"))
            permohonan = Permohonan.objects.select_related("run").get(nama_pemohon=nama)
            expect(desk.get_by_label("Kode tanda terima")).to_have_text(permohonan.kode_cetak)
            receipts[nama] = (permohonan, desk.get_by_text("/loket/status/").inner_text())
        a, status_url = receipts["Siti Rahmah"]
        b, _ = receipts["Bahrudin"]
        batas = datetime.datetime(2027, 2, 16, 11, 0, tzinfo=WITA)
        assert a.run.batas_selesai.replace(second=0, microsecond=0) == batas
        assert b.run.batas_selesai.replace(second=0, microsecond=0) == batas
        assert a.layanan == b.layanan == layanan
        # The receipt's survey QR carries the service's survey link with this receipt's code.
        desk.goto(f"{live_server.url}/loket/permohonan/{a.pk}/")
        survey_url = f"{live_server.url}/layanan/survei/{layanan.kode_survei}/?tanda_terima={a.kode}"
        survey_qr = desk.get_by_role("img", name="Kode QR Survei Kepuasan Masyarakat")
        assert survey_qr.get_attribute("src") == publik.qr_svg_data_uri(survey_url)
        expect(desk.get_by_text(f"Kode tanda terima: {a.kode_cetak}")).to_be_visible()
        screenshot(desk, "layanan-loop-tanda-terima")

        # The applicant opens the status page from the receipt on a phone: the next office step only.
        phone = browser.new_context(**PHONE)
        applicant = phone.new_page()
        applicant.goto(status_url)
        expect(applicant.get_by_text("Sedang diproses")).to_be_visible()
        expect(applicant.get_by_text("Langkah uji 2 (Pelaksana)")).to_be_visible()
        assert "Siti Rahmah" not in applicant.content() and "6308" not in applicant.content()
        assert applicant.evaluate(SIDEWAYS) <= 0
        screenshot(applicant, "layanan-loop-status-ponsel")
        phone.close()

    # 09:00 and 09:30: Siti Rahmah's run is finished through the task page, within the Mutu Baku.
    with at(16, 2, 9):
        pelaksana = page_for(desk_person)
        pelaksana.goto(live_server.url + reverse("workflow:task", args=[a.run.tasks.get(step__no=2).pk]))
        pelaksana.get_by_role("button", name="Selesai", exact=True).click()
        expect(pelaksana.get_by_text("Langkah 3 diteruskan")).to_be_visible()
    with at(16, 2, 9, 30):
        camat = page_for(camat_person)
        camat.goto(live_server.url + reverse("workflow:task", args=[a.run.tasks.get(step__no=3).pk]))
        camat.get_by_role("button", name="Selesai", exact=True).click()
        expect(camat.get_by_text("Tugas selesai. Pelaksanaan SOP selesai.")).to_be_visible()
        screenshot(camat, "layanan-loop-pelaksanaan-selesai")
        a.run.refresh_from_db()
        assert a.run.status == Run.Status.SELESAI and a.run.selesai_pada <= a.run.batas_selesai

    # 10:00: on the phone again, the service is done; the applicant answers the SKM from the receipt's
    # link (its code filled in); the same code cannot answer twice.
    with at(16, 2, 10):
        phone = browser.new_context(**PHONE)
        applicant = phone.new_page()
        applicant.goto(status_url)
        expect(applicant.get_by_text("Layanan telah selesai.")).to_be_visible()
        applicant.goto(survey_url)
        expect(applicant.get_by_text("Pelayanan Surat Keterangan")).to_be_visible()
        expect(applicant.get_by_label("Kode tanda terima (tidak wajib)")).to_have_value(a.kode)
        assert applicant.evaluate(SIDEWAYS) <= 0
        applicant.get_by_label("Umur (tahun)").fill("38")
        applicant.get_by_label("Perempuan").check()
        applicant.get_by_label("Pendidikan terakhir").select_option("sma")
        applicant.get_by_label("Pekerjaan").select_option("wirausaha")
        for nomor, nilai in enumerate(JAWABAN_A, start=1):
            applicant.locator(f'input[name="u{nomor}"][value="{nilai}"]').check()
        applicant.get_by_label("Saran dan masukan (tidak wajib)").fill("Pelayanan cepat dan ramah.")
        screenshot(applicant, "layanan-loop-skm-ponsel")
        applicant.get_by_role("button", name="Kirim penilaian").click()
        expect(applicant).to_have_url(re.compile(r"/layanan/survei/terima-kasih/$"))
        # Opening the receipt's link again is told at once that the code answered already (before nine answers).
        applicant.goto(survey_url)
        expect(applicant.get_by_text("Kode tanda terima ini sudah dipakai").first).to_be_visible()
        expect(applicant.get_by_role("button", name="Kirim penilaian")).to_have_count(0)
        screenshot(applicant, "layanan-loop-skm-ditolak")
        phone.close()
        assert list(ResponSkm.objects.values_list("tahun", "triwulan", "u1", "u9")) == [(2027, 1, 4, 4)]

    # 14:00–15:00: Bahrudin's run is finished past its Mutu Baku; he answers the survey with his code.
    with at(16, 2, 14):
        workflow_services.task_complete(user=desk_person, task=b.run.tasks.get(step__no=2, status="aktif"))
    with at(16, 2, 15):
        workflow_services.task_complete(user=camat_person, task=b.run.tasks.get(step__no=3, status="aktif"))
        b.run.refresh_from_db()
        assert b.run.status == Run.Status.SELESAI and b.run.selesai_pada > b.run.batas_selesai
        respon_simpan(layanan=layanan, jawaban=dict(enumerate(JAWABAN_B, start=1)), kode_tanda_terima=b.kode_cetak)
        # The counter's register shows the same on-time share.
        desk = page_for(desk_person)
        desk.goto(f"{live_server.url}/loket/register/{unit.pk}/2027/1/")
        expect(desk.get_by_text(re.compile(r"Selesai: 2 · tepat waktu .*: 1 · 50,00%"))).to_be_visible()
        screenshot(desk, "layanan-loop-register")

    # Monday 5 April 2027, after the quarter: the Kasubbag Perencanaan sees both proposals with their
    # calculation and confirms them in the browser.
    with at(5, 4, 9):
        kasubbag = page_for(kasubbag_person)
        entry_url = f"{live_server.url}/kinerja/k/{unit.pk}/2027/tw/1/isi/"
        kasubbag.goto(entry_url)
        paten_row = kasubbag.locator(f'tr[data-indikator="{paten.pk}"]')
        ikm_row = kasubbag.locator(f'tr[data-indikator="{ikm.pk}"]')
        expect(paten_row.locator("[data-usulan-nilai]")).to_have_text("50")
        expect(paten_row.locator("[data-perhitungan]")).to_have_text(PATEN_PERHITUNGAN)
        expect(ikm_row.locator("[data-usulan-nilai]")).to_have_text("84,72")
        expect(ikm_row.locator("[data-perhitungan]")).to_have_text(IKM_PERHITUNGAN)
        screenshot(kasubbag, "layanan-loop-usulan")
        paten_row.get_by_role("button", name="Konfirmasi").click()
        expect(paten_row.locator("[data-keputusan-usulan]")).to_contain_text(
            f"Usulan aplikasi dikonfirmasi oleh {kasubbag_person.nama}"
        )
        ikm_row.get_by_role("button", name="Konfirmasi").click()
        expect(ikm_row.locator("[data-keputusan-usulan]")).to_contain_text(
            f"Usulan aplikasi dikonfirmasi oleh {kasubbag_person.nama}"
        )
        screenshot(kasubbag, "layanan-loop-dikonfirmasi")
        stored = {r.indikator_id: r for r in Realisasi.objects.filter(triwulan=1, indikator__in=[paten, ikm])}
        for indikator, nilai, perhitungan in ((paten, "50", PATEN_PERHITUNGAN), (ikm, "84.72", IKM_PERHITUNGAN)):
            row = stored[indikator.pk]
            assert (row.nilai, row.usulan_nilai) == (Decimal(nilai), Decimal(nilai))
            assert (row.usulan_perhitungan, row.usulan_oleh, row.usulan_alasan_ganti) == (
                perhitungan,
                kasubbag_person,
                "",
            )
            assert row.usulan_pada.astimezone(WITA).date() == datetime.date(2027, 4, 5)
            assert BuktiDukung.objects.filter(realisasi=row, dibuat_aplikasi=True).count() == 1

        # The quarter is submitted, verified and approved; the quarterly report made, submitted, signed.
        quarter = tw.triwulan_get_or_create(kecamatan=unit, tahun=2027, triwulan=1)
        tw.triwulan_ajukan(user=kasubbag_person, quarter=quarter)
        tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
        tw.triwulan_setujui(user=camat_person, quarter=quarter)
        report = buat_laporan(user=kasubbag_person, kecamatan=unit, kind=Report.Kind.TRIWULAN, tahun=2027, periode=1)
        report = simpan_narasi(
            user=kasubbag_person, report_id=report.pk, narasi=narasi_lengkap(report), versi=report.versi
        )
        ajukan(user=kasubbag_person, report_id=report.pk)
        signed = bytes(
            tandatangani(alasan_terlambat=LAMPAU, user=camat_person, report_id=report.pk, password=PASSWORD).pdf
        )

    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(signed)).pages))
    # Each computed realisation in its row (target tahunan, target TW I, realisasi, capaian), then the note.
    assert f"{paten.uraian} % 90 90 50 55,56%" in text
    assert f"{ikm.uraian} indeks 80 80 84,72 105,90%" in text
    assert f"Realisasi 1.1 dihitung aplikasi dari data yang tercatat — TW I: {PATEN_PERHITUNGAN}" in text
    assert f"Realisasi 1.2 dihitung aplikasi dari data yang tercatat — TW I: {IKM_PERHITUNGAN}" in text
    assert text.endswith("5 April 2027")  # the signing date stamped on the read bytes
    assert camat_person.nama in text
