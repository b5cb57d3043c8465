"""The Renstra's life: drafted, checked complete, established by the Camat, changed only by a Perubahan."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from renstra import services
from renstra.models import IndikatorRenstra, Renstra, TargetRenstra
from renstra.services import RenstraError
from sakip.roles import Role
from tests.factories import PASSWORD, make_delegation
from tests.renstra.data import make_renstra, make_rpjmd

pytestmark = pytest.mark.django_db


def test_only_the_kabupaten_administrator_enters_the_rpjmd(org):
    with pytest.raises(PermissionDenied):
        services.rpjmd_buat(user=org.awayan.people[Role.CAMAT], kabupaten=org.kabupaten, tahun_awal=2025)
    with pytest.raises(PermissionDenied):
        services.rpjmd_buat(user=org.evaluator, kabupaten=org.kabupaten, tahun_awal=2025)
    rpjmd = services.rpjmd_buat(user=org.admin, kabupaten=org.kabupaten, tahun_awal=2025, visi="Maju")
    assert (rpjmd.tahun_awal, rpjmd.tahun_akhir) == (2025, 2029)


def test_an_overlapping_rpjmd_period_is_refused_naming_the_field(org):
    make_rpjmd(org)
    with pytest.raises(RenstraError) as refused:
        services.rpjmd_buat(user=org.admin, kabupaten=org.kabupaten, tahun_awal=2027)
    assert "2027–2031" in refused.value.errors["tahun_awal"]


def test_a_supported_rpjmd_sasaran_cannot_be_deleted(org):
    rpjmd = make_rpjmd(org)
    make_renstra(org.awayan, rpjmd, sasaran=1)
    with pytest.raises(RenstraError, match="didukung"):
        services.sasaran_rpjmd_hapus(user=org.admin, sasaran=rpjmd.sasaran.get(urutan=1))


def test_establishing_names_every_missing_target_and_the_sasaran_without_indicator(org):
    rpjmd = make_rpjmd(org)
    renstra = make_renstra(org.awayan, rpjmd, complete=False)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    services.sasaran_simpan(
        user=kasubbag,
        renstra=renstra,
        tujuan=renstra.tujuan.get(),
        sasaran_rpjmd=rpjmd.sasaran.first(),
        uraian="Kosong",
    )
    reasons = services.alasan_belum_lengkap(renstra)
    assert any("target tahun 2029 belum diisi" in r for r in reasons)
    assert any("Sasaran 3 (Kosong) belum memiliki indikator" in r for r in reasons)
    with pytest.raises(RenstraError, match="belum lengkap"):
        services.renstra_tetapkan(user=org.awayan.people[Role.CAMAT], renstra=renstra, password=PASSWORD)
    assert Renstra.objects.get(pk=renstra.pk).status == Renstra.Status.DRAFT


def test_an_indicator_without_end_target_keeps_the_renstra_a_draft(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org))
    IndikatorRenstra.objects.filter(renstra=renstra).update(target_akhir=None)
    assert any("target akhir periode belum diisi" in r for r in services.alasan_belum_lengkap(renstra))


def test_only_the_camat_establishes_and_must_type_the_password(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org))
    with pytest.raises(PermissionDenied):
        services.renstra_tetapkan(user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], renstra=renstra, password=PASSWORD)
    camat = org.awayan.people[Role.CAMAT]
    with pytest.raises(RenstraError) as refused:
        services.renstra_tetapkan(user=camat, renstra=renstra, password="salah")
    assert "password" in refused.value.errors
    established = services.renstra_tetapkan(user=camat, renstra=renstra, password=PASSWORD)
    assert established.status == Renstra.Status.DITETAPKAN
    assert established.ditetapkan_oleh == camat and established.ditetapkan_pada is not None
    assert established.ditetapkan_sebutan == ""


def test_an_acting_camat_establishes_under_the_acting_title(org):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    sekretaris = org.awayan.people[Role.SEKRETARIS]
    make_delegation(org.awayan.positions[Role.CAMAT], sekretaris, today, today + datetime.timedelta(days=3))
    renstra = make_renstra(org.awayan, make_rpjmd(org))
    established = services.renstra_tetapkan(user=sekretaris, renstra=renstra, password=PASSWORD)
    assert established.ditetapkan_sebutan.startswith("Plh.")


def test_an_established_renstra_refuses_every_change(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), establish=True)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    with pytest.raises(RenstraError, match="Renstra Perubahan"):
        services.tujuan_simpan(user=kasubbag, renstra=renstra, uraian="Baru")
    ind = IndikatorRenstra.objects.filter(renstra=renstra).first()
    with pytest.raises(RenstraError, match="Renstra Perubahan"):
        services.indikator_simpan(
            user=kasubbag, sasaran=ind.sasaran, data={}, targets={2025: Decimal(1)}, indikator=ind
        )
    with pytest.raises(RenstraError, match="Renstra Perubahan"):
        services.indikator_hapus(user=kasubbag, indikator=ind)


def test_a_perubahan_needs_a_reason_and_keeps_the_earlier_revision_readable(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), establish=True)
    kasubbag = org.awayan.people[Role.KASUBBAG_PERENCANAAN]
    with pytest.raises(RenstraError) as refused:
        services.renstra_perubahan(user=kasubbag, renstra=renstra, alasan="  ")
    assert "alasan" in refused.value.errors
    new = services.renstra_perubahan(user=kasubbag, renstra=renstra, alasan="Penyesuaian RPJMD perubahan")
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DIGANTIKAN
    assert (new.revisi, new.status, new.alasan_perubahan) == (1, Renstra.Status.DRAFT, "Penyesuaian RPJMD perubahan")
    assert services.current_renstra(org.awayan.unit) == new
    # The copy is editable; the earlier revision keeps its targets.
    copy = IndikatorRenstra.objects.filter(renstra=new).order_by("sasaran__urutan", "urutan").first()
    assert copy.asal.renstra_id == renstra.pk
    services.indikator_simpan(
        user=kasubbag, sasaran=copy.sasaran, data={}, targets={2026: Decimal("90.5")}, indikator=copy
    )
    assert TargetRenstra.objects.get(indikator=copy, tahun=2026).nilai == Decimal("90.5")
    assert TargetRenstra.objects.get(indikator=copy.asal, tahun=2026).nilai == Decimal(81)
    assert (
        IndikatorRenstra.objects.filter(renstra=renstra).count() == IndikatorRenstra.objects.filter(renstra=new).count()
    )


def test_a_renstra_of_another_kecamatan_is_not_the_kasubbags_to_compose(org):
    rpjmd = make_rpjmd(org)
    with pytest.raises(PermissionDenied):
        services.renstra_buat(user=org.tebing.people[Role.KASUBBAG_PERENCANAAN], kecamatan=org.awayan.unit, rpjmd=rpjmd)


def test_the_camat_designates_exactly_the_chosen_indicators_as_iku(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), sasaran=2, indikator=2, establish=True)
    ids = list(IndikatorRenstra.objects.filter(renstra=renstra).order_by("pk").values_list("pk", flat=True))
    with pytest.raises(PermissionDenied):
        services.iku_tetapkan(user=org.awayan.people[Role.KASUBBAG_PERENCANAAN], renstra=renstra, indikator_ids=ids)
    with pytest.raises(RenstraError):
        services.iku_tetapkan(user=org.awayan.people[Role.CAMAT], renstra=renstra, indikator_ids=[])
    camat = org.awayan.people[Role.CAMAT]
    services.iku_tetapkan(user=camat, renstra=renstra, indikator_ids=ids[:3])
    services.iku_tetapkan(user=camat, renstra=renstra, indikator_ids=ids[1:3])
    assert set(IndikatorRenstra.objects.filter(renstra=renstra, iku=True).values_list("pk", flat=True)) == set(ids[1:3])
    dropped = IndikatorRenstra.objects.get(pk=ids[0]).history.first()
    assert (dropped.iku, dropped.history_change_reason, dropped.history_user) == (False, "Tidak lagi IKU", camat)
    renstra.refresh_from_db()
    assert renstra.iku_ditetapkan_oleh == camat


def test_iku_of_another_renstra_is_refused(org):
    rpjmd = make_rpjmd(org)
    own = make_renstra(org.awayan, rpjmd)
    other = make_renstra(org.tebing, rpjmd)
    foreign = IndikatorRenstra.objects.filter(renstra=other).first()
    with pytest.raises(RenstraError, match="tidak termasuk"):
        services.iku_tetapkan(
            user=org.awayan.people[Role.CAMAT],
            renstra=own,
            indikator_ids=[IndikatorRenstra.objects.filter(renstra=own).first().pk, foreign.pk],
        )


def test_the_lock_holds_outside_the_services_too(org):
    renstra = make_renstra(org.awayan, make_rpjmd(org), establish=True)
    ind = IndikatorRenstra.objects.filter(renstra=renstra).first()
    ind.target_akhir = Decimal(99)
    with pytest.raises(RenstraError, match="Renstra Perubahan"):
        ind.save()
    target = TargetRenstra.objects.filter(indikator=ind).first()
    with pytest.raises(RenstraError), transaction.atomic():  # delete() runs in the caller's transaction
        target.delete()
    renstra.refresh_from_db()
    renstra.alasan_perubahan = "diam-diam"
    with pytest.raises(RenstraError):
        renstra.save()
    ind.refresh_from_db()
    ind.save()  # a save that changes nothing passes
    assert TargetRenstra.objects.filter(indikator=ind).count() == 5
