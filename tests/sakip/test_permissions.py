import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sakip import permissions
from sakip.models import Pegawai, Position, Unit
from sakip.permissions import ACTION_ROLES
from sakip.roles import Role
from tests.factories import make_delegation


def test_user_of_awayan_gets_404_on_a_tebing_tinggi_object(org):
    staff = org.person("awayan", Role.PELAKSANA)
    tebing_position = org.tebing.positions[Role.CAMAT]
    with pytest.raises(Http404):
        permissions.get_visible_or_404(staff, Position.objects.all(), pk=tebing_position.pk)


def test_user_of_awayan_sees_only_awayan(org):
    camat = org.person("awayan", Role.CAMAT)
    visible = permissions.scope(camat, Position.objects.all())
    assert {p.kecamatan_id for p in visible} == {org.awayan.unit.pk}
    assert list(permissions.visible_kecamatan(camat)) == [org.awayan.unit]


def test_kabupaten_roles_see_every_kecamatan_of_their_kabupaten(org):
    for person in (org.admin, org.evaluator):
        kecamatan_ids = set(permissions.scope(person, Position.objects.all()).values_list("kecamatan_id", flat=True))
        assert {org.awayan.unit.pk, org.tebing.unit.pk} <= kecamatan_ids


def test_admin_of_another_kabupaten_sees_nothing_of_balangan(org):
    other = Unit.objects.create(kode="tabalong", nama="Tabalong", jenis=Unit.Kind.KABUPATEN)
    pos = Position.objects.create(unit=other, nama="Admin Tabalong", role=Role.ADMIN)
    admin = Pegawai.objects.create(username="admin.tabalong", nama="Admin Tabalong", jabatan=pos)
    assert not permissions.scope(admin, Position.objects.filter(kecamatan__isnull=False)).exists()
    assert not permissions.user_can(admin, "sop.edit", org.awayan.unit)


def test_anonymous_user_sees_nothing(org, rf):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.scope(AnonymousUser(), Position.objects.all()).exists()
    assert not permissions.user_can(AnonymousUser(), "sop.edit", org.awayan.unit)


@pytest.mark.parametrize("action", sorted(ACTION_ROLES))
def test_evaluator_cannot_change_anything(org, action):
    for kecamatan in (org.awayan.unit, org.tebing.unit):
        assert not permissions.user_can(org.evaluator, action, kecamatan)
    with pytest.raises(PermissionDenied):
        permissions.check_user_can(org.evaluator, action, org.awayan.unit)


def test_camat_approves_only_in_own_kecamatan(org):
    camat = org.person("awayan", Role.CAMAT)
    assert permissions.user_can(camat, "kinerja.approve_quarter", org.awayan.unit)
    assert not permissions.user_can(camat, "kinerja.approve_quarter", org.tebing.unit)
    with pytest.raises(PermissionDenied):
        permissions.check_user_can(camat, "kinerja.approve_quarter", org.tebing.unit)


def test_only_the_kasubbag_perencanaan_submits_a_quarter(org):
    for role in Role:
        if role in (Role.ADMIN, Role.EVALUATOR):
            continue
        person = org.person("awayan", role)
        assert permissions.user_can(person, "kinerja.submit_quarter", org.awayan.unit) is (
            role == Role.KASUBBAG_PERENCANAAN
        )


def test_shared_library_items_are_changed_only_by_operators_not_a_kabupatens_admin(org):
    class Template:
        kecamatan_id = None

    operator = Pegawai.objects.create_superuser("operator", "op@example.org", "kata-sandi-operator-1")
    assert permissions.user_can(operator, "sop.edit", Template())
    assert not permissions.user_can(org.admin, "sop.edit", Template())
    assert not permissions.user_can(org.person("awayan", Role.CAMAT), "sop.edit", Template())


@time_machine.travel(datetime.date(2025, 3, 10), tick=False)
def test_acting_official_holds_the_delegated_rights_only_within_the_date_range(org):
    sekcam = org.person("awayan", Role.SEKRETARIS)
    make_delegation(org.awayan.positions[Role.CAMAT], sekcam, datetime.date(2025, 3, 3), datetime.date(2025, 3, 14))
    assert permissions.user_can(sekcam, "kinerja.approve_quarter", org.awayan.unit)
    assert permissions.acting_title(sekcam, org.awayan.unit, Role.CAMAT) == "Plh. CAMAT AWAYAN"
    fresh = Pegawai.objects.get(pk=sekcam.pk)
    assert not permissions.user_can(fresh, "kinerja.approve_quarter", org.awayan.unit, on=datetime.date(2025, 3, 15))
    assert not permissions.user_can(fresh, "kinerja.approve_quarter", org.awayan.unit, on=datetime.date(2025, 3, 2))


@time_machine.travel(datetime.date(2025, 3, 10), tick=False)
def test_holdings_list_the_own_position_first_then_the_acting_ones_in_their_order(org, django_assert_num_queries):
    sekcam = org.person("awayan", Role.SEKRETARIS)
    make_delegation(org.tebing.positions[Role.CAMAT], sekcam, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    make_delegation(org.awayan.positions[Role.CAMAT], sekcam, datetime.date(2025, 3, 3), datetime.date(2025, 3, 14))
    make_delegation(org.awayan.positions[Role.KASI], sekcam, datetime.date(2025, 4, 1), datetime.date(2025, 4, 3))
    fresh = Pegawai.objects.get(pk=sekcam.pk)
    with django_assert_num_queries(1):
        held = permissions.holdings(fresh)
    assert [(h.position_id, h.acting_title) for h in held] == [
        (org.awayan.positions[Role.SEKRETARIS].pk, ""),
        (org.tebing.positions[Role.CAMAT].pk, "Plh. CAMAT TEBING TINGGI"),
        (org.awayan.positions[Role.CAMAT].pk, "Plh. CAMAT AWAYAN"),
    ]
    # Someone without a position of their own holds only what is delegated to them.
    fresh.jabatan = None
    fresh.__dict__.pop("_sakip_holdings")
    assert [h.role for h in permissions.holdings(fresh)] == [Role.CAMAT, Role.CAMAT]


def test_acting_official_keeps_own_rights(org):
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    assert permissions.user_can(kasubbag, "kinerja.submit_quarter", org.awayan.unit)
    assert permissions.acting_title(kasubbag, org.awayan.unit, Role.KASUBBAG_PERENCANAAN) == ""


def test_holdings_cost_one_query_per_request(org, django_assert_num_queries):
    camat = Pegawai.objects.get(pk=org.person("awayan", Role.CAMAT).pk)
    # Own position and delegations read together; the kabupaten of the Camat's own kecamatan comes with the
    # position.
    with django_assert_num_queries(1):
        for _ in range(10):
            permissions.user_can(camat, "kinerja.approve_quarter", org.awayan.unit)
            permissions.scope(camat, Position.objects.all())


def test_the_kabupaten_administrator_reads_the_kabupaten_of_a_kecamatan_once(org, django_assert_num_queries):
    admin = Pegawai.objects.get(pk=org.admin.pk)
    with django_assert_num_queries(2):  # own position with the delegations, the kecamatan's kabupaten
        for _ in range(10):
            assert permissions.user_can(admin, "sop.edit", org.awayan.unit)


def test_the_acting_position_starts_at_the_offices_midnight_not_the_machines(org):
    """The office's day (WITA, UTC+8) is remembered between questions, and midnight passing is seen at once."""
    sekcam = org.person("awayan", Role.SEKRETARIS)
    make_delegation(org.awayan.positions[Role.CAMAT], sekcam, datetime.date(2025, 3, 11), datetime.date(2025, 3, 14))
    wita = datetime.timezone(datetime.timedelta(hours=8))
    for moment, acting in (
        (datetime.datetime(2025, 3, 10, 23, 59, 59, tzinfo=wita), False),
        (datetime.datetime(2025, 3, 11, 0, 0, 1, tzinfo=wita), True),  # 16.00 UTC the day before
        (datetime.datetime(2025, 3, 14, 23, 59, 59, tzinfo=wita), True),
        (datetime.datetime(2025, 3, 15, 0, 0, 1, tzinfo=wita), False),
    ):
        with time_machine.travel(moment, tick=False):
            fresh = Pegawai.objects.get(pk=sekcam.pk)
            assert permissions.user_can(fresh, "kinerja.approve_quarter", org.awayan.unit) is acting, moment
