"""No lost words on the quarter page (issue 26): the Camat's page of a verified quarter has two forms, "Setujui
dan kunci" (a reason, required before the quarter has ended) and "Kembalikan untuk diperbaiki" (a reason).
What was typed into one survives the other being sent and refused, restored by static/js/unsaved.js and marked
"Draf belum disimpan"."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.models import Triwulan
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import fill_quarter, make_pk

PHONE = {"width": 390, "height": 844}
DRAF = "Draf belum disimpan"
SETUJUI = "Disetujui lebih awal: seluruh kegiatan triwulan ini telah selesai dan dananya terserap."
KEMBALIKAN = "Realisasi indikator 2 belum sesuai register layanan; periksa kembali."


@pytest.fixture
def quarter(org):
    """The quarter at hand (so approving it now is before its end and needs a reason), verified by the Sekretaris."""
    today = timezone.localdate()
    tahun, triwulan = today.year, (today.month - 1) // 3 + 1
    make_pk(org.awayan, tahun, 2)
    fill_quarter(org.awayan.unit, tahun, triwulan)
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=tahun, triwulan=triwulan)
    quarter = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter)
    return tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)


def _open(live_server, page_for, org, quarter):
    page = page_for(org.person("awayan", Role.CAMAT))
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("kinerja:triwulan", args=[org.awayan.unit.pk, quarter.tahun, quarter.triwulan]))
    return page, page.locator('form[data-action="setujui"]'), page.locator('form[data-action="kembalikan_verifikasi"]')


def test_the_approval_reason_survives_a_refused_return(live_server, page_for, org, quarter, screenshot):
    page, setujui, kembalikan = _open(live_server, page_for, org, quarter)
    setujui.get_by_role("textbox").fill(SETUJUI)
    kembalikan.get_by_role("textbox").fill("   ")  # passes the browser's "required", not the server
    with page.expect_navigation():
        kembalikan.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(page.get_by_text("Alasan wajib diisi.")).to_be_visible()
    assert page.url.rstrip("/").endswith("/kembalikan_verifikasi")
    expect(setujui.get_by_role("textbox")).to_have_value(SETUJUI)
    expect(setujui.get_by_text(DRAF)).to_be_visible()
    screenshot(page, "unsaved-triwulan-alasan-setujui-dipulihkan-390")
    assert Triwulan.objects.get(pk=quarter.pk).status == Triwulan.Status.DIVERIFIKASI

    # Sent at last, with the restored reason: approved and locked, the reason in the history.
    with page.expect_navigation():
        setujui.get_by_role("button", name="Setujui dan kunci").click()
    expect(page.get_by_text("Status").first).to_be_visible()
    approved = Triwulan.objects.get(pk=quarter.pk)
    assert approved.status == Triwulan.Status.DISETUJUI
    assert approved.riwayat.order_by("pk").last().alasan == SETUJUI


def test_the_return_reason_survives_a_refused_approval(live_server, page_for, org, quarter, screenshot):
    page, setujui, kembalikan = _open(live_server, page_for, org, quarter)
    kembalikan.get_by_role("textbox").fill(KEMBALIKAN)
    setujui.get_by_role("textbox").fill("   ")  # before the quarter's end the reason is required
    with page.expect_navigation():
        setujui.get_by_role("button", name="Setujui dan kunci").click()
    expect(page.get_by_text("persetujuan sebelum triwulan berakhir memerlukan alasan").first).to_be_visible()
    assert page.url.rstrip("/").endswith("/setujui")
    expect(kembalikan.get_by_role("textbox")).to_have_value(KEMBALIKAN)
    expect(kembalikan.get_by_text(DRAF)).to_be_visible()
    screenshot(page, "unsaved-triwulan-alasan-kembalikan-dipulihkan-390")
    assert Triwulan.objects.get(pk=quarter.pk).status == Triwulan.Status.DIVERIFIKASI

    with page.expect_navigation():
        kembalikan.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    expect(page.get_by_text(KEMBALIKAN).first).to_be_visible()
    assert Triwulan.objects.get(pk=quarter.pk).status == Triwulan.Status.DRAFT
