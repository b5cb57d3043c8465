"""Issue 12, finding 8 (and the evidence of finding 4): locks that hold on every path.

The model's own save() and delete() are called here, as the admin or a shell would: the services are
not in the way. Each refused change leaves the database as it was; the legitimate flows (establishing
a PK, a PK Perubahan, reopening a quarter) still work.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from kinerja.locks import DataTerkunci
from kinerja.models import (
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    RencanaAksi,
    Sasaran,
    Triwulan,
)
from kinerja.services import perencanaan
from kinerja.services import realisasi as realisasi_services
from kinerja.services import triwulan as tw
from laporan import locks as laporan_locks
from laporan.models import Report
from sakip.models import Pegawai
from sakip.roles import Role
from tests.factories import PASSWORD
from tests.kinerja.data import make_budget, make_pk

YEAR = 2020
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def refused(match=None):
    """The lock refuses, and the refused statement's savepoint is rolled back (as the admin's atomic view does)."""
    with pytest.raises(DataTerkunci, match=match), transaction.atomic():
        yield


@pytest.fixture
def established(org):
    """Awayan's PK 2020 (two indicators with Rencana Aksi), established by its Camat through the service."""
    indicators = make_pk(org.awayan, YEAR, indicators=2)
    pk = indicators[0].sasaran.perjanjian
    perencanaan.pk_tetapkan(
        user=org.person("awayan", Role.CAMAT), pk=pk, password=PASSWORD, tanggal=datetime.date(YEAR, 1, 15)
    )
    pk.refresh_from_db()
    return pk, indicators


def approve(org, quarter):
    tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter)
    tw.triwulan_verifikasi(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter)
    tw.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter)
    quarter.refresh_from_db()
    return quarter


@pytest.fixture
def approved_quarter(org, established):
    """TW I 2020 with a realisation and one evidence file, entered through the services, then approved."""
    _, indicators = established
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=1)
    staff = org.person("awayan", Role.PELAKSANA)
    realisasi_services.realisasi_simpan(
        user=staff,
        quarter=quarter,
        entries=[
            realisasi_services.Entri(indicators[0].pk, "20", catatan="Sesuai"),
            # The second indicator had no activity this quarter: declared with its reason (kinerja.gates).
            realisasi_services.Entri(
                indicators[1].pk, "", tidak_ada_kegiatan=True, alasan_tidak_ada_kegiatan="Dijadwalkan TW II"
            ),
        ],
    )
    bukti = realisasi_services.bukti_unggah(
        user=staff, quarter=quarter, indikator=indicators[0], berkas=SimpleUploadedFile("bukti.pdf", PDF)
    )
    return approve(org, quarter), Realisasi.objects.get(indikator=indicators[0], triwulan=1), bukti


# --- Perjanjian Kinerja ---------------------------------------------------------------------------


def test_an_established_pk_cannot_be_set_back_to_draft_or_edited(established):
    pk, _ = established
    pk.status = PerjanjianKinerja.Status.DRAFT
    with refused("tidak dapat diubah atau dikembalikan menjadi draf"):
        pk.save()
    pk = PerjanjianKinerja.objects.get(pk=pk.pk)
    pk.pihak_kedua_nama = "Orang Lain"
    with refused():
        pk.save()
    with refused():
        PerjanjianKinerja.objects.get(pk=pk.pk).delete()
    stored = PerjanjianKinerja.objects.get(pk=pk.pk)
    assert (stored.status, stored.pihak_kedua_nama) == ("ditandatangani", "")


def test_a_pk_is_established_only_with_the_camat_as_pihak_pertama(org):
    (indikator,) = make_pk(org.awayan, YEAR, indicators=1)
    pk = indikator.sasaran.perjanjian
    for pihak_pertama in (None, org.person("awayan", Role.KASUBBAG_PERENCANAAN), org.person("tebing", Role.CAMAT)):
        pk.pihak_pertama = pihak_pertama
        pk.status = PerjanjianKinerja.Status.DITANDATANGANI
        with refused("hanya dapat ditetapkan oleh Camat"):
            pk.save()
        assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "draft"
    # Not created established either, nor superseded out of nowhere.
    with refused():
        PerjanjianKinerja.objects.create(kecamatan=org.tebing.unit, tahun=YEAR, status="ditandatangani")
    with refused():
        PerjanjianKinerja.objects.create(kecamatan=org.tebing.unit, tahun=YEAR, status="digantikan")
    # The Camat named in memory but not written: the stored pihak pertama counts.
    pk.pihak_pertama = org.person("awayan", Role.CAMAT)
    with refused("hanya dapat ditetapkan oleh Camat"):
        pk.save(update_fields=["status"])
    # The Camat (or an acting official) as pihak pertama: the demo loader's path.
    pk.save()
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "ditandatangani"


def test_a_superseded_pk_never_becomes_current_again(org, established):
    pk, _ = established
    new = perencanaan.pk_perubahan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), pk=pk, alasan="APBD-P")
    old = PerjanjianKinerja.objects.get(pk=pk.pk)
    assert (old.status, new.status) == ("digantikan", "draft")
    new.delete()  # a draft may go; the superseded PK still may not come back
    old.status = PerjanjianKinerja.Status.DITANDATANGANI
    with refused():
        old.save()
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "digantikan"


def test_indicators_targets_and_rencana_aksi_of_an_established_pk_refuse_change(org, established):
    pk, indicators = established
    ind = Indikator.objects.get(pk=indicators[0].pk)
    ind.target_tahunan = Decimal(50)
    with refused("melalui PK Perubahan"):
        ind.save()
    with refused():
        Indikator.objects.get(pk=ind.pk).delete()
    sasaran = Sasaran.objects.get(perjanjian=pk)
    with refused():
        Indikator.objects.create(sasaran=sasaran, urutan=9, uraian="Baru", satuan="%", target_tahunan=1)
    sasaran.uraian = "Sasaran lain"
    with refused():
        sasaran.save()
    with refused():
        Sasaran.objects.create(perjanjian=pk, urutan=2, uraian="Sasaran tambahan")
    ra = RencanaAksi.objects.get(indikator=ind, triwulan=1)
    ra.target = Decimal(99)
    with refused():
        ra.save()
    with refused():
        RencanaAksi.objects.get(pk=ra.pk).delete()
    # A save that changes nothing passes (an unchanged inline row in the admin).
    Indikator.objects.get(pk=ind.pk).save()
    assert Indikator.objects.get(pk=ind.pk).target_tahunan == Decimal(100)
    assert RencanaAksi.objects.get(pk=ra.pk).target == Decimal(25)
    assert Indikator.objects.filter(sasaran__perjanjian=pk).count() == 2


def test_an_indicator_cannot_be_moved_into_or_out_of_an_established_pk(org, established):
    # Finding 2 moved an indicator with its realisations into another kecamatan's established PK.
    pk, indicators = established
    (draft_indicator,) = make_pk(org.tebing, YEAR, indicators=1)
    draft_indicator.sasaran = Sasaran.objects.get(perjanjian=pk)
    draft_indicator.urutan = 9
    with refused():
        draft_indicator.save()
    locked = Indikator.objects.get(pk=indicators[0].pk)
    locked.sasaran = Sasaran.objects.get(perjanjian__kecamatan=org.tebing.unit)
    with refused():
        locked.save()
    assert Indikator.objects.get(pk=indicators[0].pk).sasaran.perjanjian_id == pk.pk


def test_pk_perubahan_still_copies_and_its_draft_is_editable(org, established):
    pk, indicators = established
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    Realisasi.objects.create(indikator=indicators[0], triwulan=1, nilai=Decimal(20))
    new = perencanaan.pk_perubahan(user=kasubbag, pk=pk, alasan="APBD Perubahan")
    copy = Indikator.objects.get(sasaran__perjanjian=new, urutan=1)
    assert Realisasi.objects.get(triwulan=1).indikator_id == copy.pk
    assert RencanaAksi.objects.filter(indikator__sasaran__perjanjian=new).count() == 8
    perencanaan.indikator_simpan(user=kasubbag, sasaran=copy.sasaran, indikator=copy, data={"target_tahunan": 80})
    assert Indikator.objects.get(pk=copy.pk).target_tahunan == Decimal(80)
    perencanaan.pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=new, password=PASSWORD)
    assert PerjanjianKinerja.objects.get(pk=new.pk).status == "ditandatangani"


# --- Quarters ---------------------------------------------------------------------------------------


def test_realisations_of_an_approved_quarter_refuse_change_and_deletion(approved_quarter):
    quarter, realisasi, _ = approved_quarter
    realisasi.nilai = Decimal(99)
    with refused('berstatus "Disetujui'):
        realisasi.save()
    with refused():
        Realisasi.objects.get(pk=realisasi.pk).delete()
    with refused():
        Realisasi.objects.create(indikator=realisasi.indikator.sasaran.indikator.get(urutan=2), triwulan=1, nilai=1)
    assert Realisasi.objects.get(pk=realisasi.pk).nilai == Decimal(20)


def test_a_submitted_quarter_refuses_change_too_and_a_reopened_one_accepts_it(org, approved_quarter):
    quarter, realisasi, _ = approved_quarter
    tw.triwulan_buka_kembali(user=org.person("awayan", Role.CAMAT), quarter=quarter, alasan="Koreksi angka")
    tw.triwulan_ajukan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), quarter=quarter)
    realisasi.nilai = Decimal(21)
    with refused('berstatus "Diajukan"'):
        realisasi.save()
    tw.triwulan_kembalikan(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan="Periksa lagi")
    realisasi.save()
    assert Realisasi.objects.get(pk=realisasi.pk).nilai == Decimal(21)


def test_evidence_of_a_locked_quarter_refuses_upload_and_deletion(org, approved_quarter, client_for):
    _, realisasi, bukti = approved_quarter
    staff = org.person("awayan", Role.PELAKSANA)
    with refused("Bukti dukung TW I"):
        BuktiDukung.objects.get(pk=bukti.pk).delete()
    extra = BuktiDukung(
        realisasi=realisasi, nama_asli="lain.pdf", jenis_isi="PDF", ukuran=3, sha256="0" * 64, diunggah_oleh=staff
    )
    extra.berkas.name = "bukti/lain.pdf"
    with refused():
        extra.save()
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    stored.nama_asli = "diganti.pdf"
    with refused():
        stored.save()
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["bukti.pdf"]
    # Finding 4: the draft TW II page's delete, given the id of TW I's file, deletes nothing.
    url = reverse("kinerja:bukti", args=[org.awayan.unit.pk, YEAR, 2, realisasi.indikator_id])
    client_for(staff).post(url, {"hapus": bukti.pk})
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()
    # Nor through the service with the wrong quarter: the row and its file both stay.
    from kinerja.services import KinerjaError
    from kinerja.services import realisasi as realisasi_services
    from kinerja.services import triwulan as triwulan_services

    draft = triwulan_services.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=YEAR, triwulan=2)
    with pytest.raises(KinerjaError, match="bukan milik triwulan"):
        realisasi_services.bukti_hapus(user=staff, bukti=BuktiDukung.objects.get(pk=bukti.pk), quarter=draft)
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert stored.berkas.storage.exists(stored.berkas.name)


def test_evidence_under_a_signed_report_refuses_change(org, approved_quarter):
    # laporan/locks.py refuses it on its own account (kinerja's quarter lock refuses it first).
    _, realisasi, bukti = approved_quarter
    Report.objects.create(
        kind=Report.Kind.TRIWULAN,
        kecamatan=org.awayan.unit,
        tahun=YEAR,
        periode=1,
        status=Report.Status.DITANDATANGANI,
        dibuat_oleh=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
    )
    with pytest.raises(laporan_locks.DataTerkunci, match="telah ditandatangani"), transaction.atomic():
        laporan_locks.guard_bukti(BuktiDukung, BuktiDukung.objects.get(pk=bukti.pk))
    with refused():
        BuktiDukung.objects.get(pk=bukti.pk).delete()
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()


def test_realised_budget_of_an_approved_quarter_refuses_change_but_the_plan_may_change(org, approved_quarter):
    (sub,) = make_budget(org.awayan.unit, tahun=YEAR)
    row = AnggaranTriwulan(sub_kegiatan=sub, triwulan=1, rencana=Decimal(300), realisasi=Decimal(250))
    with refused("Realisasi anggaran TW I"):
        row.save()
    row.realisasi = None
    row.save()
    row.rencana = Decimal(400)  # APBD Perubahan: the plan changes during the year
    row.save()
    row.realisasi = Decimal(10)
    with refused():
        row.save()
    assert AnggaranTriwulan.objects.get(pk=row.pk).realisasi is None


# --- The admin: a refusal is a message, not a 500 -----------------------------------------------------


@pytest.fixture
def operator(db):
    return Pegawai.objects.create_superuser("operator", "operator@example.org", "kata-sandi-operator-1")


def _post_data(response) -> dict:
    """The values an admin change form would submit unchanged (main form and inline formsets)."""
    data = {"_save": "Simpan"}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(v) for v in value]
            data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_a_signed_quarters_budget_edit_in_the_admin_is_a_message_not_a_500(client_for, org, operator):
    (sub,) = make_budget(org.awayan.unit, tahun=2025)
    row = AnggaranTriwulan.objects.create(sub_kegiatan=sub, triwulan=1, rencana=Decimal(300), realisasi=Decimal(250))
    quarter = tw.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
    Triwulan.objects.filter(pk=quarter.pk).update(status=Triwulan.Status.DISETUJUI)
    Report.objects.create(
        kind=Report.Kind.TRIWULAN,
        kecamatan=org.awayan.unit,
        tahun=2025,
        periode=1,
        status=Report.Status.DITANDATANGANI,
        dibuat_oleh=org.person("awayan", Role.KASUBBAG_PERENCANAAN),
    )
    client = client_for(operator)
    url = reverse("admin:kinerja_subkegiatan_change", args=[sub.pk])
    data = _post_data(client.get(url))
    data["anggaran-0-realisasi"] = "999"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "tidak dapat diubah" in response.content.decode()
    assert AnggaranTriwulan.objects.get(pk=row.pk).realisasi == Decimal(250)


def test_setting_an_established_pk_back_to_draft_in_the_admin_is_refused_with_a_message(
    client_for, operator, established
):
    pk, _ = established
    client = client_for(operator)
    url = reverse("admin:kinerja_perjanjiankinerja_change", args=[pk.pk])
    data = _post_data(client.get(url))
    data["status"] = "draft"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "dikembalikan menjadi draf" in response.content.decode()
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "ditandatangani"


def test_a_target_change_of_an_established_pk_in_the_admin_is_refused_with_a_message(client_for, operator, established):
    _, indicators = established
    client = client_for(operator)
    url = reverse("admin:kinerja_indikator_change", args=[indicators[0].pk])
    data = _post_data(client.get(url))
    data["target_tahunan"] = "5"
    data["rencana_aksi-0-target"] = "1"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "melalui PK Perubahan" in response.content.decode()
    assert Indikator.objects.get(pk=indicators[0].pk).target_tahunan == Decimal(100)
    assert RencanaAksi.objects.get(indikator=indicators[0], triwulan=1).target == Decimal(25)


def test_loading_a_backup_is_not_refused(org, established):
    # `raw` saves (loaddata in pulihkan) restore locked data as it was.
    pk, indicators = established
    ind = Indikator.objects.get(pk=indicators[0].pk)
    ind.target_tahunan = Decimal(70)
    payload = serializers.serialize("json", [ind])
    for obj in serializers.deserialize("json", payload):
        obj.save()
    assert Indikator.objects.get(pk=ind.pk).target_tahunan == Decimal(70)
