"""Issue 13: a step bound to work says what it touches and names the consequence before completing."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse

from kinerja.models import Triwulan
from kinerja.services import triwulan as tw
from sakip.roles import Role
from tests.kinerja.data import fill_quarter, make_pk
from tests.workflow.test_views import make_sop
from workflow import services
from workflow.models import Step, Task


def bound_task(org, aksi: str, tahun: int, triwulan: int):
    revision = make_sop(org.awayan.unit, lanes=("CAMAT", "CAMAT", "CAMAT"))
    Step.objects.filter(revision=revision, no=2).update(aksi=aksi)
    camat = org.person("awayan", Role.CAMAT)
    run = services.run_start(user=camat, revision=revision, tahun=tahun, triwulan=triwulan)
    services.task_complete(user=camat, task=run.tasks.get(step__no=1))
    return run.tasks.get(step__no=2)


def verified(org, tahun, triwulan, filled=True):
    make_pk(org.awayan, tahun, 3)
    if filled:
        fill_quarter(org.awayan.unit, tahun, triwulan)
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=tahun, triwulan=triwulan)
    quarter = tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter)
    return tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)


@time_machine.travel(datetime.datetime(2026, 11, 29, 10, 0), tick=False)
def test_the_approval_step_shows_the_quarter_and_names_locking_in_its_confirmation(org, client_for):
    verified(org, 2026, 4)
    task = bound_task(org, "setujui", 2026, 4)
    camat = org.person("awayan", Role.CAMAT)
    page = client_for(camat).get(reverse("workflow:task", args=[task.pk]))
    body = html.unescape(page.content.decode())
    assert "Data TW IV 2026 Kecamatan Awayan" in body
    assert page.context["deskripsi"]["rincian"] == [
        ("Periode", "TW IV 2026"),
        ("Indikator terisi", "3 dari 3"),
        ("Status data", "Diverifikasi"),
    ]
    consequence = "Menyelesaikan langkah ini akan MENYETUJUI dan MENGUNCI data TW IV 2026 Kecamatan Awayan."
    assert page.context["konsekuensi"] == consequence
    assert f'data-confirm="{consequence}' in body  # the confirmation names it
    # Before the quarter ends the step asks for a reason; a refused completion keeps what was typed.
    assert "baru berakhir 31 Desember 2026" in body and 'name="alasan"' in body
    url = reverse("workflow:task_selesai", args=[task.pk])
    response = client_for(camat).post(url, {"catatan": "Catatan saya yang panjang"})
    assert "memerlukan alasan" in response.content.decode()
    assert "Catatan saya yang panjang" in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == Task.Status.AKTIF
    client_for(camat).post(url, {"alasan": "Camat mutasi 1 Desember", "catatan": "ok"})
    quarter = Triwulan.objects.get(kecamatan=org.awayan.unit, tahun=2026, triwulan=4)
    assert quarter.status == Triwulan.Status.DISETUJUI
    assert quarter.riwayat.last().alasan == "Camat mutasi 1 Desember"


def test_the_submission_step_counts_filled_indicators_from_the_read_model(org, client_for):
    make_pk(org.awayan, 2025, 3)
    task = bound_task(org, "ajukan", 2025, 1)
    page = client_for(org.person("awayan", Role.CAMAT)).get(reverse("workflow:task", args=[task.pk]))
    assert ("Indikator terisi", "0 dari 3") in page.context["deskripsi"]["rincian"]
    assert "MENGAJUKAN data TW I 2025 Kecamatan Awayan" in page.context["konsekuensi"]


@pytest.mark.parametrize("aksi", ["susun_laporan", "tandatangani"])
def test_report_steps_describe_the_report_and_what_it_still_lacks(org, client_for, aksi):
    from laporan.services import buat_laporan

    make_pk(org.awayan, 2025, 1)
    buat_laporan(
        user=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
        kecamatan=org.awayan.unit,
        kind="triwulan",
        tahun=2025,
        periode=1,
    )
    task = bound_task(org, aksi, 2025, 1)
    page = client_for(org.person("awayan", Role.CAMAT)).get(reverse("workflow:task", args=[task.pk]))
    rincian = dict(page.context["deskripsi"]["rincian"])
    assert rincian["Status"] == "Draf"
    assert "TW I 2025 belum disetujui" in rincian["Syarat pengajuan"]
    assert "Bagian narasi belum diisi: Pengantar" in rincian["Syarat pengajuan"]
