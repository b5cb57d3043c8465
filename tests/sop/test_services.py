import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sakip.models import Pegawai
from sop import services
from sop.models import SopRevision

S = SopRevision.Status


@pytest.fixture
def demo(demo_data, db):
    return {r.nomor: r for r in SopRevision.objects.all()}


def user(username):
    return Pegawai.objects.get(username=username)


def test_editing_an_effective_sop_makes_a_draft_and_leaves_the_effective_one(demo):
    lkip = demo["067.2/ 03 /KEC.AWY/VII/2023"]
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=lkip)
    assert (draft.status, draft.nomor_revisi, draft.steps.count()) == (S.DRAFT, 1, 10)
    assert SopRevision.objects.get(pk=lkip.pk).status == S.EFFECTIVE
    # Asking again returns the same draft: one draft per SOP.
    assert services.sop_revision_start_edit(user=user("sekcam.awayan"), revision=lkip) == draft


def test_only_the_camat_makes_a_revision_effective_and_the_old_one_is_superseded(demo):
    lkip = demo["067.2/ 03 /KEC.AWY/VII/2023"]
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=lkip)
    with pytest.raises(PermissionDenied):
        services.sop_revision_make_effective(user=user("perencanaan.awayan"), revision=draft)
    services.sop_revision_make_effective(user=user("camat.awayan"), revision=draft)
    statuses = dict(SopRevision.objects.filter(sop=lkip.sop).values_list("nomor_revisi", "status"))
    assert statuses == {0: S.SUPERSEDED, 1: S.EFFECTIVE}
    superseded = SopRevision.objects.get(pk=lkip.pk).history.first()
    assert (superseded.status, superseded.history_change_reason) == (S.SUPERSEDED, "Digantikan oleh revisi 1")
    with pytest.raises(services.SopError, match="sudah diproses"):
        services.sop_revision_make_effective(user=user("camat.awayan"), revision=draft)


def test_a_draft_with_a_broken_decision_cannot_become_effective(demo):
    auyan = demo["SOP – 01/Kec.Awy"]
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=auyan)
    draft.steps.filter(no=8).update(tidak_ke=42)
    with pytest.raises(services.SopError, match="Langkah 8"):
        services.sop_revision_make_effective(user=user("camat.awayan"), revision=draft)
    assert SopRevision.objects.get(pk=draft.pk).status == S.DRAFT


def test_other_kecamatan_cannot_edit(demo):
    with pytest.raises(PermissionDenied):
        services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=demo["067/211/KTT-BLG/2024"])


def test_the_template_is_copied_into_own_kecamatan_with_its_origin(client, demo):
    template = demo["009  /KBB /SOP/IV/2023"]
    client.force_login(user("perencanaan.batumandi"))
    response = client.post(reverse("sop:revision_action", args=[template.pk, "templat"]), follow=True)
    assert "disalin ke Kecamatan Batumandi" in response.content.decode()
    copy = SopRevision.objects.get(sop__kecamatan__kode="batumandi", nama="Pengukuran Kinerja Triwulan")
    assert (copy.status, copy.steps.count(), copy.sop.disalin_dari_id) == (S.DRAFT, 10, template.pk)
    assert "templat pustaka" in copy.sop.catatan_asal
    assert SopRevision.objects.get(pk=template.pk).sop.kecamatan is None


def test_make_effective_button_is_only_for_the_camat_and_refuses_others(client, demo):
    lkip = demo["067.2/ 03 /KEC.AWY/VII/2023"]
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=lkip)
    client.force_login(user("perencanaan.awayan"))
    assert "Jadikan efektif" not in client.get(reverse("sop:detail", args=[draft.pk])).content.decode()
    assert client.post(reverse("sop:revision_action", args=[draft.pk, "efektif"])).status_code == 403
    client.force_login(user("camat.awayan"))
    assert "Jadikan efektif" in client.get(reverse("sop:detail", args=[draft.pk])).content.decode()
    client.post(reverse("sop:revision_action", args=[draft.pk, "efektif"]))
    assert SopRevision.objects.get(pk=draft.pk).status == S.EFFECTIVE


def test_runs_stay_bound_to_their_revision_when_the_sop_is_revised(demo):
    from workflow import services as wf

    lkip = demo["067.2/ 03 /KEC.AWY/VII/2023"]
    run = wf.run_start(user=user("camat.awayan"), revision=lkip, tahun=2025, triwulan=0)
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=lkip)
    draft.steps.filter(no=2).update(uraian="Membuat format baru")
    services.sop_revision_make_effective(user=user("camat.awayan"), revision=draft)
    run.refresh_from_db()
    assert run.revision_id == lkip.pk
    assert run.tasks.get().step.revision_id == lkip.pk


def test_the_kabupaten_admin_cannot_make_a_kecamatan_sop_effective_nor_change_shared_templates(demo):
    lkip = demo["067.2/ 03 /KEC.AWY/VII/2023"]
    draft = services.sop_revision_start_edit(user=user("admin.balangan"), revision=lkip)
    with pytest.raises(PermissionDenied):
        services.sop_revision_make_effective(user=user("admin.balangan"), revision=draft)
    template = demo["009  /KBB /SOP/IV/2023"]
    # A library template serves every kabupaten: a kabupaten's administrator cannot change it (issue 29).
    with pytest.raises(PermissionDenied):
        services.sop_revision_start_edit(user=user("admin.balangan"), revision=template)
    # An operator edits its draft; nobody makes it effective.
    operator = Pegawai.objects.create_superuser("operator.pustaka", "op@example.org", "kata-sandi-operator-1")
    template_draft = services.sop_revision_start_edit(user=operator, revision=template)
    assert template_draft.pk == template.pk
    with pytest.raises(services.SopError, match="Templat pustaka"):
        services.sop_revision_make_effective(user=operator, revision=template_draft)
    with pytest.raises(PermissionDenied):
        services.sop_revision_start_edit(
            user=user("camat.awayan"), revision=SopRevision.objects.get(pk=template_draft.pk)
        )
