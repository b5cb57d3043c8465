"""No lost words on the quarter's entry page with an app-computed proposal (issue 26): a value and a note typed
into one indicator survive deciding the proposal of another ("Konfirmasi", or "Simpan nilai pengganti"
refused for want of a reason), restored by static/js/unsaved.js and marked "Draf belum disimpan"."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.models import Realisasi, SumberHitung
from kinerja.services.usulan import sumber_hitung_simpan
from layanan.models import JenisLayanan, ResponSkm
from sakip.roles import Role
from tests.kinerja.data import make_pk

PHONE = {"width": 390, "height": 844}
DRAF = "Draf belum disimpan"
WITA = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def indikator(org):
    """Awayan 2025: the first indicator is the IKM computed from two SKM answers of TW I, the second is typed."""
    computed, manual = make_pk(org.awayan, 2025, 2)
    layanan = JenisLayanan.objects.create(kecamatan=org.awayan.unit, nama="Surat Keterangan")
    ResponSkm.objects.bulk_create(
        ResponSkm(
            layanan=layanan,
            tahun=2025,
            triwulan=1,
            dibuat_pada=datetime.datetime(2025, 2, 10, 9, tzinfo=WITA),
            tanda_terima_sah=True,
            **{f"u{i}": v for i, v in enumerate(answers, 1)},
        )
        for answers in ([4, 4, 3, 4, 3, 4, 4, 2, 3], [3, 4, 3, 4, 2, 3, 4, 3, 3])
    )
    sumber_hitung_simpan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        indikator=computed,
        jenis=SumberHitung.Jenis.IKM,
        layanan_ids=[layanan.pk],
    )
    return computed, manual


def test_a_value_typed_into_one_indicator_survives_deciding_the_proposal_of_another(
    live_server, page_for, org, indikator, screenshot
):
    computed, manual = indikator
    page = page_for(org.person("awayan", Role.PELAKSANA))
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("kinerja:entry", args=[org.awayan.unit.pk, 2025, 1]))
    proposal_row = page.locator(f'tr[data-indikator="{computed.pk}"]')
    manual_row = page.locator(f'tr[data-indikator="{manual.pk}"]')
    value = page.get_by_label(f"Realisasi {manual.uraian}")
    value.fill("20")
    manual_row.locator("summary").click()
    hambatan = manual_row.get_by_label("Hambatan")
    hambatan.fill("Dua petugas loket mengikuti diklat pada bulan Februari.")
    main_form = page.locator("form", has=value)

    def still_typed():
        expect(value).to_have_value("20")
        expect(hambatan).to_have_value("Dua petugas loket mengikuti diklat pada bulan Februari.")
        expect(main_form.get_by_text(DRAF)).to_be_visible()
        assert not Realisasi.objects.filter(indikator=manual).exists()

    # "Ganti dengan alasan" without a reason: refused, the page shown again at that action's address.
    proposal_row.get_by_text("Ganti dengan alasan").click()
    proposal_row.get_by_label("Nilai pengganti").fill("90")
    with page.expect_navigation():
        proposal_row.get_by_role("button", name="Simpan nilai pengganti").click()
    expect(page.get_by_text("Tuliskan alasan mengganti nilai usulan aplikasi.").first).to_be_visible()
    assert "/usulan/" in page.url
    still_typed()

    # "Konfirmasi" of the proposal: stored, and the other indicator's typing is still there.
    with page.expect_navigation():
        proposal_row.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("dikonfirmasi. Bukti perhitungan terlampir.")).to_be_visible()
    confirmed = Realisasi.objects.get(indikator=computed, triwulan=1)
    assert confirmed.nilai == confirmed.usulan_nilai == Decimal("83.33")
    manual_row.locator("summary").click()
    still_typed()
    screenshot(page, "unsaved-isian-usulan-dikonfirmasi-390")

    # Saved at last: stored, nothing restored any more.
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi tersimpan")).to_be_visible()
    row = Realisasi.objects.get(indikator=manual, triwulan=1)
    assert (row.nilai, row.hambatan) == (Decimal(20), "Dua petugas loket mengikuti diklat pada bulan Februari.")
    page.reload()
    expect(page.get_by_text(DRAF)).to_have_count(0)
