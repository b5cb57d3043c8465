import datetime

from django.urls import reverse
from django.utils import timezone

from sakip import permissions
from sakip.models import Delegation, PemberianKuasa
from sakip.roles import Role
from tests.factories import make_delegation
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten, second_admin


def plh_camat(org, **extra):
    today = timezone.localdate()
    data = {
        "position": org.awayan.positions[Role.CAMAT].pk,
        "pegawai": org.person("awayan", Role.SEKRETARIS).pk,
        "jenis": "PLH",
        "mulai": today.isoformat(),
        "selesai": (today + datetime.timedelta(days=6)).isoformat(),
        "dasar": "800/12/KEC-AWY/2026",
    }
    data.update(extra)
    return data


def existing(org):
    return make_delegation(
        org.awayan.positions[Role.CAMAT],
        org.person("awayan", Role.SEKRETARIS),
        datetime.date(2020, 1, 1),
        datetime.date(2020, 1, 7),
    )


def test_it_requires_login(client, org):
    d = existing(org)
    assert_login_required(client, reverse("pengaturan:delegasi"))
    assert_login_required(client, reverse("pengaturan:delegasi_ubah", args=[d.pk]))
    assert_login_required(client, reverse("pengaturan:delegasi_hapus", args=[d.pk]), "post")


def test_it_requires_role(client_for, org):
    d = existing(org)
    assert_role_required(client_for, org, reverse("pengaturan:delegasi"), "post", plh_camat(org))
    assert_role_required(client_for, org, reverse("pengaturan:delegasi_ubah", args=[d.pk]))
    assert_role_required(client_for, org, reverse("pengaturan:delegasi_hapus", args=[d.pk]), "post")
    assert Delegation.objects.count() == 1


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    theirs = make_delegation(
        muara.positions[Role.CAMAT], muara.people[Role.SEKRETARIS], datetime.date(2020, 1, 1), datetime.date(2020, 1, 7)
    )
    client = client_for(org.admin)
    assert client.get(reverse("pengaturan:delegasi_ubah", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("pengaturan:delegasi_hapus", args=[theirs.pk])).status_code == 404
    assert Delegation.objects.filter(pk=theirs.pk).exists()
    assert "Muara" not in client.get(reverse("pengaturan:delegasi")).content.decode()


def test_finding_2_no_plt_camat_of_another_kabupaten_by_a_forged_id(client_for, org):
    """The kabupaten admin made itself Plt. Camat of another kabupaten's kecamatan through the Django admin."""
    muara = other_kabupaten()
    client = client_for(org.admin)
    for forged in (
        plh_camat(org, position=muara.positions[Role.CAMAT].pk, pegawai=org.admin.pk),
        plh_camat(org, pegawai=muara.people[Role.SEKRETARIS].pk),
    ):
        response = client.post(reverse("pengaturan:delegasi"), forged)
        assert response.status_code == 200
        assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Delegation.objects.exists()


def approve_all(client_for, org):
    """The second administrator confirms every waiting grant."""
    client = client_for(second_admin(org))
    for permintaan in PemberianKuasa.objects.filter(status=PemberianKuasa.Status.MENUNGGU):
        assert client.post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk])).status_code == 302
    return client


def test_the_administrator_makes_a_plh_camat_for_a_week_confirmed_by_a_second_administrator(client_for, org):
    response = client_for(org.admin).post(reverse("pengaturan:delegasi"), plh_camat(org))
    assert response.status_code == 302
    assert response["Location"] == reverse("pengaturan:kuasa")
    sekcam = org.person("awayan", Role.SEKRETARIS)
    assert not Delegation.objects.exists()  # only asked for
    assert Role.CAMAT not in permissions.roles_for_kecamatan(sekcam, org.awayan.unit.pk)
    approve_all(client_for, org)
    sekcam = type(sekcam).objects.get(pk=sekcam.pk)  # holdings are read once per person object
    d = Delegation.objects.get()
    assert d.gelar_tanda_tangan == "Plh. CAMAT AWAYAN"
    assert (d.selesai - d.mulai).days == 6
    assert d.history.first().history_user.username == "admin2.balangan"
    assert Role.CAMAT in permissions.roles_for_kecamatan(sekcam, org.awayan.unit.pk)
    assert Role.CAMAT not in permissions.roles_for_kecamatan(
        sekcam, org.awayan.unit.pk, on=d.selesai + datetime.timedelta(days=1)
    )
    permintaan = PemberianKuasa.objects.get()
    assert (permintaan.status, permintaan.diminta_oleh, permintaan.delegasi) == ("diterapkan", org.admin, d)


def test_an_end_before_the_start_names_the_field_and_keeps_the_input(client_for, org):
    response = client_for(org.admin).post(
        reverse("pengaturan:delegasi"), plh_camat(org, mulai="2026-03-10", selesai="2026-03-01")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Selesai: Tanggal selesai tidak boleh sebelum tanggal mulai." in html
    assert 'value="800/12/KEC-AWY/2026"' in html
    assert not Delegation.objects.exists()


def test_overlapping_delegations_of_one_position_are_refused(client_for, org):
    client = client_for(org.admin)
    client.post(reverse("pengaturan:delegasi"), plh_camat(org))
    approve_all(client_for, org)
    response = client.post(reverse("pengaturan:delegasi"), plh_camat(org, pegawai=org.person("awayan", Role.KASI).pk))
    assert response.status_code == 200
    assert "Jabatan ini sudah memiliki Plh." in response.content.decode()
    assert Delegation.objects.count() == 1


def test_the_holder_cannot_act_for_their_own_position(client_for, org):
    response = client_for(org.admin).post(
        reverse("pengaturan:delegasi"), plh_camat(org, pegawai=org.person("awayan", Role.CAMAT).pk)
    )
    assert "pemegang jabatan tersebut" in response.content.decode()
    assert not Delegation.objects.exists()


def test_changing_and_deleting_a_delegation(client_for, org):
    d = make_delegation(
        org.awayan.positions[Role.SEKRETARIS],
        org.person("awayan", Role.KASUBBAG_UMUM),
        datetime.date(2020, 1, 1),
        datetime.date(2020, 1, 7),
    )
    client = client_for(org.admin)
    response = client.post(
        reverse("pengaturan:delegasi_ubah", args=[d.pk]),
        {"jenis": "PLT", "mulai": "2020-01-01", "selesai": "2020-01-31", "dasar": "SP baru", "gelar_tanda_tangan": ""},
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.jenis == "PLT" and d.selesai == datetime.date(2020, 1, 31)
    assert client.post(reverse("pengaturan:delegasi_hapus", args=[d.pk])).status_code == 302
    assert not Delegation.objects.exists()
    assert Delegation.history.filter(id=d.pk, history_type="-").exists()


def test_extending_a_plh_camat_waits_for_the_second_administrator(client_for, org):
    d = existing(org)
    change = {
        "jenis": "PLT",
        "mulai": "2020-01-01",
        "selesai": "2020-12-31",
        "dasar": "SP baru",
        "gelar_tanda_tangan": "",
    }
    response = client_for(org.admin).post(reverse("pengaturan:delegasi_ubah", args=[d.pk]), change)
    assert response["Location"] == reverse("pengaturan:kuasa")
    d.refresh_from_db()
    assert d.selesai == datetime.date(2020, 1, 7)
    approve_all(client_for, org)
    d.refresh_from_db()
    assert (d.jenis, d.selesai) == ("PLT", datetime.date(2020, 12, 31))
