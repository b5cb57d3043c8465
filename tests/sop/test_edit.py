import pytest
from django.urls import reverse

from sakip.roles import Role
from sop import services
from sop.models import SopRevision
from tests.sop.test_views import make_draft


@pytest.fixture
def draft(org):
    revision = make_draft(org.awayan.unit, 4)
    revision.steps.filter(no=3).update(kind="keputusan", ya_ke=4, tidak_ke=2)
    return revision


def test_editor_requires_login_role_and_own_kecamatan(client, client_for, org, draft):
    url = reverse("sop:edit", args=[draft.pk])
    assert client.get(url).status_code == 302
    assert client_for(org.person("awayan", Role.PELAKSANA)).get(url).status_code == 403
    assert client_for(org.person("tebing", Role.KASUBBAG_PERENCANAAN)).get(url).status_code == 404
    assert client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN)).get(url).status_code == 200


def test_adding_a_step_appends_it_and_draws_it(client_for, org, draft):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    lane = draft.lanes.first()
    response = client.post(
        reverse("sop:langkah_simpan", args=[draft.pk]),
        {
            "uraian": "Mengarsipkan dokumen",
            "lane": lane.pk,
            "kind": "proses",
            "waktu_cetak": "20 Menit",
        },
        follow=True,
    )
    assert "Langkah 5 tersimpan" in response.content.decode()
    assert 'data-step="5"' in response.content.decode()
    step = draft.steps.get(no=5)
    assert (step.waktu_nilai, step.waktu_satuan) == (20, "menit")


def test_errors_name_the_step_and_field_and_keep_the_input(client_for, org, draft):
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(
        reverse("sop:langkah_simpan", args=[draft.pk]),
        {
            "no": "2",
            "uraian": "Uraian baru yang diketik",
            "lane": draft.lanes.first().pk,
            "kind": "proses",
            "waktu_cetak": "dua jam",
        },
    )
    html = response.content.decode()
    assert "Langkah 2, kolom Waktu" in html and "Uraian baru yang diketik" in html
    assert draft.steps.get(no=2).uraian == "Langkah 2"


def test_decision_needs_both_branches(org, draft):
    with pytest.raises(services.SopError, match="Langkah 2, kolom Ya/Tidak"):
        services.sop_step_save(
            user=org.person("awayan", Role.SEKRETARIS),
            revision=draft,
            no=2,
            data={"uraian": "Memeriksa", "lane": draft.lanes.first().pk, "kind": "keputusan", "ya_ke": "3"},
        )


def test_moving_and_deleting_keep_branches_pointing_at_the_same_steps(org, draft):
    user = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    services.sop_step_move(user=user, revision=draft, no=2, direction=1)  # step "Langkah 2" becomes no 3
    decision = draft.steps.get(kind="keputusan")
    assert (decision.no, decision.tidak_ke) == (2, 3)
    assert draft.steps.get(no=3).uraian == "Langkah 2"
    services.sop_step_delete(user=user, revision=draft, no=1)
    decision = draft.steps.get(kind="keputusan")
    assert (decision.no, decision.ya_ke, decision.tidak_ke) == (1, 3, 2)
    assert list(draft.steps.values_list("no", flat=True)) == [1, 2, 3]


def test_effective_revisions_are_never_edited(org, draft):
    SopRevision.objects.filter(pk=draft.pk).update(status="efektif")
    with pytest.raises(services.SopError, match="Hanya revisi draf"):
        services.sop_step_delete(user=org.person("awayan", Role.CAMAT), revision=draft, no=1)


def test_identity_lists_are_one_item_per_line(client_for, org, draft):
    client = client_for(org.person("awayan", Role.SEKRETARIS))
    client.post(
        reverse("sop:edit_identitas", args=[draft.pk]),
        {
            "nama": "SOP Pengukuran",
            "dasar_hukum": "PP 12/2019\n\nPermenPAN-RB 35/2012\n",
        },
    )
    draft.refresh_from_db()
    assert draft.nama == "SOP Pengukuran" and draft.dasar_hukum == ["PP 12/2019", "PermenPAN-RB 35/2012"]
