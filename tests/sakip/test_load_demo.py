from django.core.management import call_command
from django.urls import reverse

from sakip.demo import DEMO_PASSWORD
from sakip.models import Delegation, Pegawai, Position, Unit
from sakip.roles import KECAMATAN_ROLES, Role

KECAMATAN = ["Awayan", "Batumandi", "Halong", "Juai", "Lampihong", "Paringin", "Paringin Selatan", "Tebing Tinggi"]


def counts():
    return (Unit.objects.count(), Position.objects.count(), Pegawai.objects.count(), Delegation.objects.count())


def test_load_demo_is_idempotent(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_balangan_has_its_eight_kecamatan_with_one_login_per_role(demo_data, db):
    names = sorted(Unit.objects.filter(jenis=Unit.Kind.KECAMATAN).values_list("nama", flat=True))
    assert names == KECAMATAN
    for kecamatan in Unit.objects.filter(jenis=Unit.Kind.KECAMATAN):
        roles = set(Pegawai.objects.filter(jabatan__kecamatan=kecamatan).values_list("jabatan__role", flat=True))
        assert roles == set(KECAMATAN_ROLES), kecamatan
    assert Pegawai.objects.filter(jabatan__role=Role.ADMIN).exists()
    assert Pegawai.objects.filter(jabatan__role=Role.EVALUATOR).exists()


def test_officials_named_in_the_seed_documents_are_used(demo_data, db):
    camat = {
        p.jabatan.kecamatan.nama: p
        for p in Pegawai.objects.filter(jabatan__role=Role.CAMAT).select_related("jabatan__kecamatan")
    }
    assert camat["Awayan"].nama == "SWAL SALAHUDIN, S.IP"
    assert camat["Awayan"].nip_cetak == "19701208 199203 1 007"
    assert camat["Paringin Selatan"].nip == "198806192007012002"
    assert camat["Tebing Tinggi"].nama == "NORSAMIDI, S.Kep"
    # Batumandi's printed NIP is odd (appointed before birth): kept as issued, flagged for review.
    assert camat["Batumandi"].nip == "198904131988041001"
    assert camat["Batumandi"].nip_peringatan


def test_every_demo_account_logs_in_and_sees_its_beranda(client, demo_data, db):
    people = list(Pegawai.objects.all())
    assert len(people) > 60
    for person in people:
        response = client.post(reverse("login"), {"username": person.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, person.username
        page = client.get(reverse("beranda"))
        assert person.nama in page.content.decode()
        client.post(reverse("logout"))


def test_the_demo_shortcut_confirms_each_kecamatans_seed_lanes_as_its_camat_and_the_template_stays_a_draft(
    demo_data, db
):
    from sop.models import SopRevision

    revisions = list(
        # The eight transcribed seeds (the loket demo's two service SOPs were written for the demo).
        SopRevision.objects.filter(sop__catatan_asal__startswith="Transkripsi").select_related(
            "sop", "lajur_diperiksa_oleh__jabatan", "diefektifkan_oleh"
        )
    )
    assert len(revisions) == 8
    for revision in revisions:
        if revision.sop.kecamatan_id is None:
            assert revision.status == SopRevision.Status.DRAFT and revision.lajur_perlu_diperiksa
            continue
        camat = revision.lajur_diperiksa_oleh
        assert (camat.jabatan.role, camat.jabatan.kecamatan_id) == (Role.CAMAT, revision.sop.kecamatan_id)
        assert revision.status == SopRevision.Status.EFFECTIVE and revision.diefektifkan_oleh == camat
