"""The lane review of the seed SOPs: their lane marks were lost in PDF text extraction, so every lane is an
inference that the Camat of the SOP's kecamatan checks against the original document before the SOP can
become effective; the template of unknown origin is read and copied, never effective, never run."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.models import Pegawai
from sop import services
from sop.models import Sop, SopRevision, Step
from workflow import services as workflow_services

S = SopRevision.Status
MEKANISME = "SOP – 01/Kec.Awy"  # Awayan, "Mekanisme Pengumpulan Data Kinerja": no step in the Kepala Seksi lane
LKIP = "067.2/ 03 /KEC.AWY/VII/2023"
PARINGIN_SELATAN = "02 JANUARI 2023"  # no step in the Camat lane
TEMPLATE = "009  /KBB /SOP/IV/2023"


@pytest.fixture
def seeded(seeds_data, db):
    """The eight seeds as production loads them: drafts whose lanes await the review (loaded once per module)."""
    return {r.nomor: r for r in SopRevision.objects.select_related("sop__kecamatan")}


def user(username) -> Pegawai:
    return Pegawai.objects.get(username=username)


def fresh(revision) -> SopRevision:
    return SopRevision.objects.get(pk=revision.pk)


def review_url(revision) -> str:
    return reverse("sop:lane_review", args=[revision.pk])


def test_making_a_seed_effective_is_refused_naming_the_pending_lane_review(seeded):
    with pytest.raises(services.SopError) as refused:
        services.sop_revision_make_effective(user=user("camat.awayan"), revision=seeded[MEKANISME])
    message = refused.value.message
    assert "Lajur pelaksana belum diperiksa terhadap dokumen asli" in message
    assert "lajur langkah 1, 2, 3, 4, 5, 6, 7, 8 dan 9 disimpulkan saat transkripsi" in message
    assert "lajur tanpa langkah: Kepala Seksi" in message
    assert fresh(seeded[MEKANISME]).status == S.DRAFT


def test_the_make_effective_button_waits_for_the_review_and_the_page_says_why(client_for, seeded):
    client = client_for(user("camat.awayan"))
    html = client.get(reverse("sop:detail", args=[seeded[LKIP].pk])).content.decode()
    assert "Lajur perlu diperiksa" in html
    assert review_url(seeded[LKIP]) in html
    assert "Jadikan efektif" not in html
    response = client.post(reverse("sop:revision_action", args=[seeded[LKIP].pk, "efektif"]), follow=True)
    assert "Lajur pelaksana belum diperiksa terhadap dokumen asli" in response.content.decode()
    assert fresh(seeded[LKIP]).status == S.DRAFT


def test_the_camat_of_awayan_confirms_the_lanes_and_can_then_make_the_sop_effective(client_for, seeded):
    camat = user("camat.awayan")
    revision = seeded[MEKANISME]
    client = client_for(camat)
    response = client.post(review_url(revision))
    assert response.status_code == 302 and response["Location"] == reverse("sop:detail", args=[revision.pk])
    revision = fresh(revision)
    assert revision.lajur_diperiksa_oleh == camat and revision.lajur_diperiksa_pada is not None
    assert not revision.lajur_perlu_diperiksa
    # What was inferred stays known; the recorded review is what counts, and the history keeps who and when.
    assert revision.steps.filter(lane_inferred=True).count() == 9
    assert revision.history.first().lajur_diperiksa_oleh_id == camat.pk
    assert "Lajur perlu diperiksa" not in client.get(reverse("sop:detail", args=[revision.pk])).content.decode()
    services.sop_revision_make_effective(user=camat, revision=revision)
    assert fresh(revision).status == S.EFFECTIVE


def test_the_review_page_lists_each_step_with_its_inferred_lane_and_the_empty_lane_of_awayan(client_for, seeded):
    revision = seeded[MEKANISME]
    html = client_for(user("camat.awayan")).get(review_url(revision)).content.decode()
    assert "Lajur tanpa langkah: Kepala Seksi." in html
    for step in revision.steps.select_related("lane"):
        assert step.uraian in html.replace("&quot;", '"')
        assert step.lane.label in html
    assert html.count("Disimpulkan</span>") == 9
    assert "Catatan transkripsi" in html and revision.catatan_transkripsi.split(".")[0] in html
    assert "Konfirmasi lajur sudah diperiksa" in html
    assert reverse("sop:edit", args=[revision.pk]) in html  # lanes are corrected in the draft editor


def test_the_review_page_lists_the_empty_camat_lane_of_paringin_selatan(client_for, seeded):
    html = client_for(user("camat.paringin-selatan")).get(review_url(seeded[PARINGIN_SELATAN])).content.decode()
    assert "Lajur tanpa langkah: Camat." in html
    assert html.count("Disimpulkan</span>") == 7  # "Mulai" was printed in the Start/JF lane


def test_the_camat_of_tebing_tinggi_cannot_see_or_confirm_awayans_review(client_for, seeded):
    camat = user("camat.tebing-tinggi")
    client = client_for(camat)
    assert client.get(review_url(seeded[MEKANISME])).status_code == 404
    assert client.post(review_url(seeded[MEKANISME])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.sop_lajur_konfirmasi(user=camat, revision=seeded[MEKANISME])
    assert fresh(seeded[MEKANISME]).lajur_perlu_diperiksa


@pytest.mark.parametrize("username", ["sekcam.awayan", "perencanaan.awayan", "admin.balangan"])
def test_only_the_camat_confirms_the_lanes(client_for, seeded, username):
    person = user(username)
    client = client_for(person)
    assert client.get(review_url(seeded[MEKANISME])).status_code == 403
    assert client.post(review_url(seeded[MEKANISME])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.sop_lajur_konfirmasi(user=person, revision=seeded[MEKANISME])
    assert fresh(seeded[MEKANISME]).lajur_perlu_diperiksa
    html = client.get(reverse("sop:detail", args=[seeded[MEKANISME].pk])).content.decode()
    assert "Menunggu pemeriksaan Camat." in html and review_url(seeded[MEKANISME]) not in html


def test_the_review_page_requires_login(client, seeded):
    response = client.get(review_url(seeded[MEKANISME]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_recorded_review_is_not_recorded_twice(client_for, seeded):
    camat = user("camat.awayan")
    services.sop_lajur_konfirmasi(user=camat, revision=seeded[LKIP])
    with pytest.raises(services.SopError, match="tidak perlu diperiksa"):
        services.sop_lajur_konfirmasi(user=camat, revision=seeded[LKIP])
    html = client_for(camat).get(review_url(seeded[LKIP])).content.decode()
    assert "Lajur revisi ini sudah diperiksa oleh SWAL SALAHUDIN, S.IP" in html
    assert "Konfirmasi lajur sudah diperiksa" not in html


def test_a_lane_chosen_in_the_editor_is_no_longer_an_inference(seeded):
    revision = seeded[LKIP]
    camat = user("camat.awayan")
    for step in revision.steps.select_related("lane"):
        data = {"lane": step.lane_id, "uraian": step.uraian, "kind": step.kind, "waktu_cetak": step.waktu_cetak}
        data.update(ya_ke=step.ya_ke or "", tidak_ke=step.tidak_ke or "")
        services.sop_step_save(user=camat, revision=revision, no=step.no, data=data)
    assert not fresh(revision).lajur_perlu_diperiksa
    services.sop_revision_make_effective(user=camat, revision=revision)


def test_a_new_revision_keeps_the_review_and_a_copy_elsewhere_needs_its_own(seeded):
    camat = user("camat.awayan")
    services.sop_lajur_konfirmasi(user=camat, revision=seeded[LKIP])
    services.sop_revision_make_effective(user=camat, revision=seeded[LKIP])
    draft = services.sop_revision_start_edit(user=user("perencanaan.awayan"), revision=fresh(seeded[LKIP]))
    assert (draft.lajur_diperiksa_oleh, draft.lajur_perlu_diperiksa) == (camat, False)
    copy = services.sop_copy_as_template(
        user=user("perencanaan.batumandi"), revision=fresh(seeded[LKIP]), kecamatan=user("camat.batumandi").jabatan.unit
    )
    assert copy.sop.kecamatan.kode == "batumandi"
    assert copy.lajur_perlu_diperiksa and copy.lajur_diperiksa_oleh is None


def test_an_sop_made_effective_before_the_review_existed_can_still_be_confirmed(seeded):
    SopRevision.objects.filter(pk=seeded[LKIP].pk).update(status=S.EFFECTIVE)
    revision = services.sop_lajur_konfirmasi(user=user("camat.awayan"), revision=seeded[LKIP])
    assert revision.status == S.EFFECTIVE and not revision.lajur_perlu_diperiksa


def test_the_list_shows_which_sops_wait_for_the_lane_review(client_for, seeded):
    client = client_for(user("perencanaan.awayan"))
    html = client.get(reverse("sop:list")).content.decode()
    assert html.count("Lajur perlu diperiksa") == 4  # Awayan's four drafts; the template is marked as a template
    assert "Templat pustaka</span>" in html
    services.sop_lajur_konfirmasi(user=user("camat.awayan"), revision=seeded[LKIP])
    assert client.get(reverse("sop:list")).content.decode().count("Lajur perlu diperiksa") == 3


def test_the_list_costs_the_same_queries_however_many_sops_wait_for_review(client_for, seeded):
    client = client_for(user("perencanaan.awayan"))
    client.get(reverse("sop:list"))
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("sop:list")).status_code == 200
        counts.append(len(ctx.captured_queries))
        services.sop_copy_as_template(
            user=user("perencanaan.awayan"), revision=seeded[TEMPLATE], kecamatan=user("camat.awayan").jabatan.unit
        )
    assert counts[0] == counts[1]


# The template of unknown origin.
def test_the_template_is_read_by_every_kecamatan_and_says_why_it_cannot_run(client_for, seeded):
    template = seeded[TEMPLATE]
    assert template.status == S.DRAFT and template.sop.kecamatan is None
    client = client_for(user("perencanaan.batumandi"))
    assert "Pengukuran Kinerja Triwulan" in client.get(reverse("sop:list"), {"kecamatan": "templat"}).content.decode()
    html = client.get(reverse("sop:detail", args=[template.pk])).content.decode()
    assert (
        "Templat pustaka dari unit yang tidak diketahui; tidak dapat dijalankan. "
        "Salin ke kecamatan Anda untuk digunakan." in html
    )
    assert "Gunakan sebagai templat" in html and "Jadikan efektif" not in html
    assert (
        "Jadikan efektif"
        not in client_for(user("admin.balangan")).get(reverse("sop:detail", args=[template.pk])).content.decode()
    )


def test_the_template_is_never_made_effective_nor_run(seeded):
    template = seeded[TEMPLATE]
    operator = Pegawai.objects.create_superuser("operator.pustaka", "op@example.org", "kata-sandi-operator-1")
    with pytest.raises(services.SopError, match="Templat pustaka dari unit yang tidak diketahui"):
        services.sop_revision_make_effective(user=operator, revision=template)
    for person in ("camat.awayan", "admin.balangan"):  # a template serves every kabupaten (issue 29)
        with pytest.raises(PermissionDenied):
            services.sop_revision_make_effective(user=user(person), revision=template)
    with pytest.raises(services.SopError, match="Templat pustaka"):
        services.sop_lajur_konfirmasi(user=operator, revision=template)
    # Forced effective behind the services' back, it still cannot run: a template has no office to run it.
    SopRevision.objects.filter(pk=template.pk).update(status=S.EFFECTIVE)
    with pytest.raises(workflow_services.WorkflowError, match="Templat pustaka .* tidak dapat dijalankan"):
        workflow_services.run_start(user=operator, revision=fresh(template), tahun=2025, triwulan=1)
    with pytest.raises(PermissionDenied):
        workflow_services.run_start(user=user("camat.awayan"), revision=fresh(template), tahun=2025, triwulan=1)


def test_the_templates_lane_review_page_is_for_nobody(client_for, seeded):
    for username in ("camat.awayan", "admin.balangan"):
        assert client_for(user(username)).get(review_url(seeded[TEMPLATE])).status_code == 403


def test_the_template_copied_needs_the_review_of_the_copying_kecamatans_camat_then_runs(client_for, seeded):
    template = seeded[TEMPLATE]
    response = client_for(user("perencanaan.batumandi")).post(
        reverse("sop:revision_action", args=[template.pk, "templat"]), follow=True
    )
    assert "disalin ke Kecamatan Batumandi" in response.content.decode()
    copy = SopRevision.objects.get(sop__kecamatan__kode="batumandi", sop__disalin_dari=template)
    assert (copy.status, copy.steps.count(), copy.lajur_perlu_diperiksa) == (S.DRAFT, 10, True)
    camat = user("camat.batumandi")
    with pytest.raises(services.SopError, match="Lajur pelaksana belum diperiksa"):
        services.sop_revision_make_effective(user=camat, revision=copy)
    with pytest.raises(PermissionDenied):
        services.sop_lajur_konfirmasi(user=user("camat.awayan"), revision=copy)
    services.sop_lajur_konfirmasi(user=camat, revision=copy)
    services.sop_revision_make_effective(user=camat, revision=copy)
    run = workflow_services.run_start(user=camat, revision=fresh(copy), tahun=2025, triwulan=1)
    assert run.kecamatan.kode == "batumandi"
    assert fresh(template).status == S.DRAFT and Sop.objects.get(pk=template.sop_id).kecamatan is None


def test_the_migration_turns_an_effective_template_back_into_a_library_draft(seeded):
    migration = importlib.import_module("sop.migrations.0002_lajur_diperiksa")
    template = seeded[TEMPLATE]
    SopRevision.objects.filter(pk=template.pk).update(status=S.EFFECTIVE)
    migration.templates_are_never_effective(apps, None)
    assert fresh(template).status == S.DRAFT
    assert SopRevision.objects.filter(sop__kecamatan__isnull=False, status=S.DRAFT).count() == 7  # untouched
    assert Step.objects.filter(revision=template).count() == 10


def test_beranda_of_the_camat_lists_the_sops_awaiting_the_lane_review_until_confirmed(client_for, seeded):
    client = client_for(user("camat.awayan"))
    marker = f'data-periksa-lajur="{seeded[MEKANISME].pk}"'
    html = client.get(reverse("beranda")).content.decode()
    assert marker in html and review_url(seeded[MEKANISME]) in html
    assert f'data-periksa-lajur="{seeded[PARINGIN_SELATAN].pk}"' not in html  # another kecamatan's
    assert marker not in client_for(user("sekcam.awayan")).get(reverse("beranda")).content.decode()
    services.sop_lajur_konfirmasi(user=user("camat.awayan"), revision=seeded[MEKANISME])
    assert marker not in client.get(reverse("beranda")).content.decode()
