"""Powers that cannot be taken (issue 29): the kabupaten administrator never appoints itself, never holds a
signing position beside its holder, and grants a signing or evaluating power (an account, a placement, a
Plt./Plh., a temporary password of its holder) only with a second person's confirmation; every grant is
recorded and announced to the position's holder."""

import datetime

from django.urls import reverse
from django.utils import timezone

from notifikasi.models import Notifikasi
from sakip import permissions
from sakip.models import Delegation, Pegawai, PemberianKuasa
from sakip.roles import Role
from tests.factories import PASSWORD, make_person
from tests.pengaturan.base import assert_login_required, assert_role_required, other_kabupaten, second_admin
from tests.pengaturan.test_pegawai import new_person, temporary_password

S = PemberianKuasa.Status


def plh(org, position, pegawai, days=6):
    today = timezone.localdate()
    return {
        "position": position.pk,
        "pegawai": pegawai.pk,
        "jenis": "PLH",
        "mulai": today.isoformat(),
        "selesai": (today + datetime.timedelta(days=days)).isoformat(),
        "dasar": "800/12/BKPSDM/2026",
    }


def fresh(person):
    """The person read again (holdings are computed once per person object)."""
    return Pegawai.objects.get(pk=person.pk)


def ask_plh_camat_for(client_for, org, pegawai):
    camat_pos = org.awayan.positions[Role.CAMAT]
    return client_for(org.admin).post(reverse("pengaturan:delegasi"), plh(org, camat_pos, pegawai))


# --- the pages ---
def test_it_requires_login(client, org):
    permintaan = PemberianKuasa.objects.create(
        kabupaten=org.kabupaten,
        jabatan=org.awayan.positions[Role.CAMAT],
        jenis=PemberianKuasa.Jenis.RESET_SANDI,
        pegawai=org.person("awayan", Role.CAMAT),
        diminta_oleh=org.admin,
    )
    assert_login_required(client, reverse("pengaturan:kuasa"))
    assert_login_required(client, reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]), "post")
    assert_login_required(client, reverse("pengaturan:kuasa_tolak", args=[permintaan.pk]), "post")


def test_it_requires_role(client_for, org):
    ask_plh_camat_for(client_for, org, org.person("awayan", Role.SEKRETARIS))
    permintaan = PemberianKuasa.objects.get()
    assert_role_required(client_for, org, reverse("pengaturan:kuasa"))
    assert_role_required(client_for, org, reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]), "post")
    assert_role_required(
        client_for, org, reverse("pengaturan:kuasa_tolak", args=[permintaan.pk]), "post", {"alasan": "x"}
    )
    permintaan.refresh_from_db()
    assert permintaan.status == S.MENUNGGU


def test_it_hides_other_kabupaten(client_for, org):
    muara = other_kabupaten()
    theirs = PemberianKuasa.objects.create(
        kabupaten=muara.unit.kabupaten,
        jabatan=muara.positions[Role.CAMAT],
        jenis=PemberianKuasa.Jenis.RESET_SANDI,
        pegawai=muara.people[Role.CAMAT],
        diminta_oleh=muara.people[Role.SEKRETARIS],
    )
    client = client_for(org.admin)
    assert client.post(reverse("pengaturan:kuasa_setujui", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("pengaturan:kuasa_tolak", args=[theirs.pk]), {"alasan": "x"}).status_code == 404
    assert "Muara" not in client.get(reverse("pengaturan:kuasa")).content.decode()
    theirs.refresh_from_db()
    assert theirs.status == S.MENUNGGU


# --- no self-appointment ---
def test_the_administrator_cannot_make_itself_plt_camat(client_for, org):
    response = ask_plh_camat_for(client_for, org, org.admin)
    assert response.status_code == 200
    assert "tidak dapat menunjuk diri sendiri" in response.content.decode()
    assert not Delegation.objects.exists() and not PemberianKuasa.objects.exists()
    assert Role.CAMAT not in permissions.roles_for_kecamatan(fresh(org.admin), org.awayan.unit.pk)


def test_the_administrator_cannot_make_itself_plt_of_any_position(client_for, org):
    kasi = org.awayan.positions[Role.KASI]
    response = client_for(org.admin).post(reverse("pengaturan:delegasi"), plh(org, kasi, org.admin))
    assert "tidak dapat menunjuk diri sendiri" in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_grant_to_the_administrator_asked_by_another_is_not_confirmed_by_itself(client_for, org):
    kedua = second_admin(org)
    client_for(kedua).post(reverse("pengaturan:delegasi"), plh(org, org.awayan.positions[Role.CAMAT], org.admin))
    permintaan = PemberianKuasa.objects.get()
    client_for(org.admin).post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]))
    permintaan.refresh_from_db()
    assert permintaan.status == S.MENUNGGU and not Delegation.objects.exists()


# --- a second person confirms ---
def test_a_plh_camat_waits_for_a_second_administrator_and_the_camat_is_told(client_for, org):
    sekcam = org.person("awayan", Role.SEKRETARIS)
    kedua = second_admin(org)
    ask_plh_camat_for(client_for, org, sekcam)
    permintaan = PemberianKuasa.objects.get()
    assert permintaan.status == S.MENUNGGU
    # The administrator who asked cannot confirm it.
    response = client_for(org.admin).post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]), follow=True)
    assert "disetujui oleh administrator lain" in response.content.decode()
    assert not Delegation.objects.exists()
    # The second administrator was told, sees it on Beranda and confirms it.
    client = client_for(kedua)
    assert "1 pemberian kuasa menunggu persetujuan Anda" in client.get(reverse("beranda")).content.decode()
    client.post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]))
    permintaan.refresh_from_db()
    assert (permintaan.status, permintaan.diputus_oleh) == (S.DITERAPKAN, kedua)
    assert Role.CAMAT in permissions.roles_for_kecamatan(fresh(sekcam), org.awayan.unit.pk)
    camat = org.person("awayan", Role.CAMAT)
    told = Notifikasi.objects.filter(penerima=camat, jenis=Notifikasi.Jenis.KUASA_DIPUTUS).get()
    assert "Plt./Plh." in told.isi and sekcam.nama in told.isi
    assert Notifikasi.objects.filter(penerima=kedua, jenis=Notifikasi.Jenis.KUASA_DIMINTA).exists()


def test_a_refused_grant_is_recorded_with_its_reason_and_never_applied(client_for, org):
    ask_plh_camat_for(client_for, org, org.person("awayan", Role.SEKRETARIS))
    permintaan = PemberianKuasa.objects.get()
    client = client_for(second_admin(org))
    response = client.post(reverse("pengaturan:kuasa_tolak", args=[permintaan.pk]), {"alasan": ""}, follow=True)
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    client.post(reverse("pengaturan:kuasa_tolak", args=[permintaan.pk]), {"alasan": "Tanpa surat perintah Bupati"})
    permintaan.refresh_from_db()
    assert (permintaan.status, permintaan.alasan_tolak) == (S.DITOLAK, "Tanpa surat perintah Bupati")
    assert client.post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk])).status_code == 302
    assert not Delegation.objects.exists()
    assert "Tanpa surat perintah Bupati" in client.get(reverse("pengaturan:kuasa")).content.decode()


def test_an_account_in_a_vacant_camat_position_shows_its_password_only_to_the_confirming_person(client_for, org):
    camat = org.person("awayan", Role.CAMAT)
    camat.is_active = False  # retired
    camat.save()
    data = new_person(org, username="camat.baru", jabatan=org.awayan.positions[Role.CAMAT].pk)
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_tambah"), data)
    assert response["Location"] == reverse("pengaturan:kuasa")
    assert not Pegawai.objects.filter(username="camat.baru").exists()
    permintaan = PemberianKuasa.objects.get()
    assert "kata-sandi-sementara" not in client_for(org.admin).get(reverse("pengaturan:kuasa")).content.decode()
    response = client_for(second_admin(org)).post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]))
    password = temporary_password(response.content.decode())
    baru = Pegawai.objects.get(username="camat.baru")
    assert baru.check_password(password) and baru.harus_ganti_password
    assert baru.jabatan == org.awayan.positions[Role.CAMAT]


def test_the_camats_temporary_password_waits_for_the_second_person(client_for, org):
    camat = org.person("awayan", Role.CAMAT)
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_sandi", args=[camat.pk]))
    assert response["Location"] == reverse("pengaturan:kuasa")
    camat.refresh_from_db()
    assert camat.check_password(PASSWORD) and not camat.harus_ganti_password
    permintaan = PemberianKuasa.objects.get()
    response = client_for(second_admin(org)).post(reverse("pengaturan:kuasa_setujui", args=[permintaan.pk]))
    password = temporary_password(response.content.decode())
    camat.refresh_from_db()
    assert camat.check_password(password)
    assert Notifikasi.objects.filter(penerima=camat, jenis=Notifikasi.Jenis.KUASA_DIPUTUS).exists()


def test_an_operator_grants_at_once_and_the_grant_is_recorded(client_for, org):
    operator = Pegawai.objects.create_superuser("operator", "op@example.org", "kata-sandi-operator-1")
    operator.jabatan = org.admin.jabatan  # the pages are the kabupaten's
    operator.save()
    client_for(operator).post(
        reverse("pengaturan:delegasi"), plh(org, org.awayan.positions[Role.CAMAT], org.person("awayan", Role.KASI))
    )
    permintaan = PemberianKuasa.objects.get()
    assert (permintaan.status, permintaan.diminta_oleh, permintaan.diputus_oleh) == (S.DITERAPKAN, operator, operator)
    assert Delegation.objects.get() == permintaan.delegasi


def test_placing_a_person_in_an_evaluator_position_waits_for_the_second_person(client_for, org):
    person = org.person("awayan", Role.PELAKSANA)
    data = {
        "nama": person.nama,
        "nip": person.nip,
        "jabatan": org.evaluator.jabatan_id,
        "pangkat_golongan": "",
        "email": "",
        "telepon": "",
    }
    client_for(org.admin).post(reverse("pengaturan:pegawai_ubah", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.jabatan == org.awayan.positions[Role.PELAKSANA]
    assert PemberianKuasa.objects.get().jenis == PemberianKuasa.Jenis.PINDAH_JABATAN
    client_for(second_admin(org)).post(reverse("pengaturan:kuasa_setujui", args=[PemberianKuasa.objects.get().pk]))
    person.refresh_from_db()
    assert person.jabatan_id == org.evaluator.jabatan_id


# --- one holder of a signing position ---
def test_a_second_holder_of_the_camat_position_is_refused(client_for, org):
    data = new_person(org, username="camat.kedua", jabatan=org.awayan.positions[Role.CAMAT].pk)
    response = client_for(org.admin).post(reverse("pengaturan:pegawai_tambah"), data)
    assert response.status_code == 200
    assert "sudah dipegang oleh" in response.content.decode()
    assert not Pegawai.objects.filter(username="camat.kedua").exists()
    assert not PemberianKuasa.objects.exists()


def test_reactivating_the_old_camat_beside_the_new_one_is_refused(client_for, org):
    lama = org.person("awayan", Role.CAMAT)
    lama.is_active = False
    lama.save()
    make_person("camat.baru", org.awayan.positions[Role.CAMAT])
    response = client_for(org.admin).post(
        reverse("pengaturan:pegawai_status", args=[lama.pk]), {"aktif": "1"}, follow=True
    )
    assert "sudah dipegang oleh" in response.content.decode()
    lama.refresh_from_db()
    assert not lama.is_active


def test_a_held_position_cannot_become_a_camat_position(client_for, org):
    kasi = org.awayan.positions[Role.KASI]
    response = client_for(org.admin).post(
        reverse("pengaturan:jabatan_ubah", args=[kasi.pk]), {"nama": kasi.nama, "role": "CAMAT"}
    )
    assert response.status_code == 200
    assert "tidak dapat diubah menjadi berperan Camat" in response.content.decode()
    kasi.refresh_from_db()
    assert kasi.role == Role.KASI
