"""Work bound to an SOP step: one refusal type shown as a message, and one permission declaration per action."""

import pytest
from django.urls import reverse

from kinerja.angka import AngkaError
from kinerja.excel import WorkbookError
from kinerja.services import KinerjaError
from laporan.services import LaporanError
from sakip.errors import Penolakan
from sakip.roles import Role
from sakip.uploads import UploadRefused
from sop.excel import ImportErrors
from sop.services import SopError
from tests.workflow.test_views import make_sop
from workflow import actions, services
from workflow.models import Step, Task


def test_every_refusal_of_the_project_is_one_type_with_a_message():
    for error in (
        SopError("a"),
        services.WorkflowError("a"),
        KinerjaError("a", {"nilai": "b"}),
        UploadRefused("a"),
        ImportErrors(["Lembar SOP, baris 2: a"]),
        WorkbookError([]),
        AngkaError("a"),
        LaporanError({"periode": "a"}),
    ):
        assert isinstance(error, Penolakan)
        assert isinstance(error.message, str)


def _run_with_bound_step(org, aksi: str, lanes=("CAMAT", "KASI", "CAMAT")):
    revision = make_sop(org.awayan.unit, lanes=lanes)
    Step.objects.filter(revision=revision, no=2).update(aksi=aksi)
    camat = org.person("awayan", Role.CAMAT)
    run = services.run_start(user=camat, revision=revision, tahun=2025, triwulan=1)
    services.task_complete(user=camat, task=run.tasks.get(step__no=1))
    return run.tasks.get(step__no=2)


def test_a_step_bound_to_verification_says_who_may_do_it_and_offers_only_them(org, client_for):
    task = _run_with_bound_step(org, "verifikasi")
    kasi = org.person("awayan", Role.KASI)
    assert task.assignee == kasi  # the lane holder gets the task ...
    page = client_for(kasi).get(reverse("workflow:task", args=[task.pk]))
    assert "memerlukan kewenangan" in page.context["blocker"]  # ... but is told he may not verify
    camat = org.person("awayan", Role.CAMAT)
    offered = set(client_for(camat).get(reverse("workflow:task", args=[task.pk])).context["people"])
    assert offered == {org.person("awayan", Role.SEKRETARIS)}  # only the verifier is offered
    with pytest.raises(services.WorkflowError, match="tidak berwenang"):
        services.task_reassign(user=camat, task=task, kepada=org.person("awayan", Role.PELAKSANA), alasan="cuti")
    services.task_reassign(user=camat, task=task, kepada=org.person("awayan", Role.SEKRETARIS), alasan="cuti")


def test_a_refusal_from_bound_work_is_a_message_and_nothing_is_half_done(org, client_for):
    def refuse(ctx):
        raise KinerjaError("Data triwulan ini terkunci oleh laporan yang telah ditandatangani.")

    actions.register(actions.Action("uji_tolak", "Uji penolakan", blocker=lambda ctx: None, perform=refuse))
    try:
        task = _run_with_bound_step(org, "uji_tolak", lanes=("CAMAT", "CAMAT", "CAMAT"))
        client = client_for(org.person("awayan", Role.CAMAT))
        response = client.post(reverse("workflow:task_selesai", args=[task.pk]), follow=True)
    finally:
        actions._registry.pop("uji_tolak")
    assert response.status_code == 200
    assert "terkunci oleh laporan yang telah ditandatangani" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.AKTIF  # the completion was rolled back with the refusal
