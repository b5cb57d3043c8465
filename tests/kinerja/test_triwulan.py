import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from kinerja.models import Triwulan
from kinerja.services import KinerjaError
from kinerja.services import triwulan as svc
from sakip.roles import Role
from tests.factories import make_delegation
from tests.kinerja.data import fill_quarter, make_pk

S = Triwulan.Status


@pytest.fixture
def quarter(org):
    """TW II 2025 of Awayan with every indicator filled (what submitting needs: kinerja.gates)."""
    make_pk(org.awayan, 2025, 2)
    fill_quarter(org.awayan.unit, 2025, 2)
    return svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=2)


def walk_to(org, quarter, status):
    p = lambda role: org.person("awayan", role)  # noqa: E731
    steps = [
        (S.DIAJUKAN, lambda: svc.triwulan_ajukan(user=p(Role.KASUBBAG_PERENCANAAN), quarter=quarter)),
        (S.DIVERIFIKASI, lambda: svc.triwulan_verifikasi(user=p(Role.SEKRETARIS), quarter=quarter)),
        (S.DISETUJUI, lambda: svc.triwulan_setujui(user=p(Role.CAMAT), quarter=quarter)),
    ]
    for _target, step in steps:
        if quarter.status == status:
            return quarter
        quarter = step()
    return quarter


def test_default_fill_in_window_ends_ten_days_after_the_quarter(quarter):
    assert quarter.batas_mulai == datetime.date(2025, 4, 1)
    assert quarter.batas_akhir == datetime.date(2025, 7, 10)


def test_quarter_walks_draft_submitted_verified_approved(org, quarter):
    quarter = walk_to(org, quarter, S.DISETUJUI)
    assert quarter.status == S.DISETUJUI and quarter.terkunci
    assert [(r.dari, r.ke) for r in quarter.riwayat.all()] == [
        (S.DRAFT, S.DIAJUKAN),
        (S.DIAJUKAN, S.DIVERIFIKASI),
        (S.DIVERIFIKASI, S.DISETUJUI),
    ]
    assert quarter.history.first().status == S.DISETUJUI


def test_sekretaris_returns_with_a_reason(org, quarter):
    walk_to(org, quarter, S.DIAJUKAN)
    with pytest.raises(KinerjaError, match="Alasan wajib diisi"):
        svc.triwulan_kembalikan(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan="  ")
    quarter = svc.triwulan_kembalikan(
        user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan="Bukti IKM kurang"
    )
    assert quarter.status == S.DRAFT
    assert quarter.catatan_pengembalian == "Bukti IKM kurang"


def test_a_long_return_reason_is_kept_whole_and_shortened_only_in_the_history(org, quarter):
    # The history's change reason is a VARCHAR(100): PostgreSQL refused a longer reason with an error (500).
    walk_to(org, quarter, S.DIAJUKAN)
    alasan = ("Bukti dukung IKM triwulan ini belum lengkap; " * 6).strip()
    quarter = svc.triwulan_kembalikan(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan=alasan)
    assert quarter.status == S.DRAFT
    assert quarter.catatan_pengembalian == alasan
    assert quarter.riwayat.last().alasan == alasan
    reason = quarter.history.first().history_change_reason
    assert len(reason) == 100 and reason.endswith("…") and alasan.startswith(reason[:-1])


def test_only_the_camat_reopens_a_locked_quarter_with_a_reason(org, quarter):
    from django.core.exceptions import PermissionDenied

    quarter = walk_to(org, quarter, S.DISETUJUI)
    with pytest.raises(PermissionDenied):
        svc.triwulan_buka_kembali(user=org.person("awayan", Role.SEKRETARIS), quarter=quarter, alasan="koreksi")
    quarter = svc.triwulan_buka_kembali(
        user=org.person("awayan", Role.CAMAT), quarter=quarter, alasan="Koreksi data IKM"
    )
    assert quarter.status == S.DRAFT


def test_camat_of_tebing_tinggi_cannot_approve_awayan(org, quarter):
    from django.core.exceptions import PermissionDenied

    quarter = walk_to(org, quarter, S.DIVERIFIKASI)
    with pytest.raises(PermissionDenied):
        svc.triwulan_setujui(user=org.person("tebing", Role.CAMAT), quarter=quarter)


def test_a_transition_is_refused_when_the_state_moved_meanwhile(org, quarter):
    stale = Triwulan.objects.get(pk=quarter.pk)
    walk_to(org, quarter, S.DIVERIFIKASI)
    svc.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=quarter)
    # A second tab still shows "diverifikasi": the second approval is refused, nothing changes.
    stale.status = S.DIVERIFIKASI
    with pytest.raises(KinerjaError, match="sudah berubah"):
        svc.triwulan_setujui(user=org.person("awayan", Role.CAMAT), quarter=stale)
    assert quarter.riwayat.filter(ke=S.DISETUJUI).count() == 1


def test_acting_camat_approves_under_the_acting_title(org, quarter):
    from django.utils import timezone

    today = timezone.localdate()
    sekcam = org.person("awayan", Role.SEKRETARIS)
    make_delegation(org.awayan.positions[Role.CAMAT], sekcam, today, today)
    quarter = walk_to(org, quarter, S.DIVERIFIKASI)
    svc.triwulan_setujui(user=sekcam, quarter=quarter)
    assert quarter.riwayat.last().sebutan == "Plh. CAMAT AWAYAN"


@pytest.mark.django_db(transaction=True)
def test_two_tabs_approving_at_once_on_postgresql_one_wins(org):
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency is exercised on PostgreSQL (CI runs it)")
    make_pk(org.awayan, 2025, 2)
    fill_quarter(org.awayan.unit, 2025, 3)
    quarter = svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=3)
    walk_to(org, quarter, S.DIVERIFIKASI)
    camat = org.person("awayan", Role.CAMAT)
    results, barrier = [], threading.Barrier(2)

    def approve():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            svc.triwulan_setujui(user=camat, quarter=Triwulan.objects.get(pk=quarter.pk))
            results.append("ok")
        except KinerjaError:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert Triwulan.objects.get(pk=quarter.pk).riwayat.filter(ke=S.DISETUJUI).count() == 1


class TestTriwulanPage:
    def url(self, org, kecamatan="awayan"):
        return reverse("kinerja:triwulan", args=[getattr(org, kecamatan).unit.pk, 2025, 2])

    def test_it_requires_login(self, client, org):
        assert client.get(self.url(org)).status_code == 302

    def test_it_hides_other_kecamatan(self, client_for, org):
        assert client_for(org.person("tebing", Role.CAMAT)).get(self.url(org)).status_code == 404

    def test_it_shows_only_the_buttons_the_role_may_use(self, client_for, org):
        html = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(self.url(org)).content.decode()
        assert "Ajukan untuk diverifikasi" in html
        assert "Setujui dan kunci" not in html
        html = client_for(org.person("awayan", Role.PELAKSANA)).get(self.url(org)).content.decode()
        assert "Ajukan untuk diverifikasi" not in html

    def test_transition_by_the_wrong_role_is_forbidden(self, client_for, org):
        url = reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "ajukan"])
        assert client_for(org.person("awayan", Role.PELAKSANA)).post(url).status_code == 403
        assert client_for(org.evaluator).post(url).status_code == 403

    def test_transition_of_another_kecamatan_is_not_found(self, client_for, org):
        url = reverse("kinerja:transition", args=[org.awayan.unit.pk, 2025, 2, "ajukan"])
        assert client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).post(url).status_code == 404

    def test_submit_return_and_reason_are_shown(self, client_for, org, quarter):
        base = [org.awayan.unit.pk, 2025, 2]
        client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
        response = client.post(reverse("kinerja:transition", args=[*base, "ajukan"]), follow=True)
        assert "Diajukan" in response.content.decode()
        client = client_for(org.person("awayan", Role.SEKRETARIS))
        response = client.post(reverse("kinerja:transition", args=[*base, "kembalikan"]), {"alasan": ""}, follow=True)
        assert "Alasan wajib diisi" in response.content.decode()
        response = client.post(
            reverse("kinerja:transition", args=[*base, "kembalikan"]), {"alasan": "Lengkapi bukti"}, follow=True
        )
        html = response.content.decode()
        assert "Lengkapi bukti" in html and "Draf" in html

    def test_index_lists_the_quarters_of_own_kecamatan(self, client_for, org):
        svc.triwulan_get_or_create(kecamatan=org.awayan.unit, tahun=2025, triwulan=1)
        response = client_for(org.person("awayan", Role.PELAKSANA)).get(reverse("kinerja:index"))
        assert response.status_code == 200
        assert "Kecamatan Awayan" in response.content.decode()

    def test_evaluator_picks_any_kecamatan_of_the_kabupaten(self, client_for, org):
        client = client_for(org.evaluator)
        response = client.get(reverse("kinerja:index") + f"?kecamatan={org.tebing.unit.pk}")
        assert "Kecamatan Tebing Tinggi" in response.content.decode()

    def test_beranda_shows_quarters_waiting_for_the_sekretaris(self, client_for, org, quarter):
        walk_to(org, quarter, S.DIAJUKAN)
        html = client_for(org.person("awayan", Role.SEKRETARIS)).get(reverse("beranda")).content.decode()
        assert "Langkah berikutnya" in html
        assert "Verifikasi TW II 2025" in html


def test_perjanjian_kinerja_admin_is_for_operators_not_the_kabupaten_admin(client_for, org):
    from kinerja.models import PerjanjianKinerja
    from sakip.models import Pegawai

    PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=2025)
    changelist = reverse("admin:kinerja_perjanjiankinerja_changelist")
    assert client_for(org.admin).get(changelist).status_code == 302  # to the admin login
    operator = Pegawai.objects.create_superuser("operator", "operator@example.org", "x")
    html = client_for(operator).get(changelist).content.decode()
    assert "Kecamatan Awayan" in html
