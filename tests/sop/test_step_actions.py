"""An SOP step bound to an action the runtime does not know ("setujuii") is refused wherever it could enter
(issue 27): at the workbook import (sheet, row and column named, the known actions listed), in the step
editor, and in the validation that gates making a revision effective. Before, such a step was accepted silently
and completed as a plain task: the quarter was never approved and nobody was warned."""

import io

import pytest
from openpyxl import load_workbook

from sakip.roles import Role
from sop import aksi, services
from sop.excel import ImportErrors, import_workbook
from sop.models import SopRevision, Step
from sop.validation import errors
from tests.loket.data import LANES, ktp_workbook
from tests.workflow.test_views import make_sop


def test_the_runtime_tells_the_library_every_action_it_registers():
    known = aksi.dikenal()
    assert {"ajukan", "verifikasi", "setujui", "isi_realisasi", "tandatangani"} <= set(known)
    assert aksi.pesan_aksi("setujui") is None and aksi.pesan_aksi("") is None


def _with_action(value: str) -> bytes:
    wb = load_workbook(io.BytesIO(ktp_workbook(LANES)))
    sheet = wb["Prosedur"]
    column = [c.value for c in sheet[1]].index("Aksi") + 1
    sheet.cell(4, column).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_workbook_whose_step_action_is_mistyped_is_refused_naming_the_cell_and_the_known_actions(db):
    before = SopRevision.objects.count()
    with pytest.raises(ImportErrors) as refused:
        import_workbook(_with_action("setujuii"), kecamatan=None)
    (message,) = [e for e in refused.value.errors if "setujuii" in e]
    assert message.startswith("Lembar Prosedur, baris 4, kolom ")
    assert 'aksi "setujuii" tidak dikenal' in message and "setujui" in message.split("dikenal:")[1]
    assert SopRevision.objects.count() == before


def test_an_effective_sop_cannot_carry_an_unknown_action(org):
    revision = make_sop(org.awayan.unit)
    revision.status = SopRevision.Status.DRAFT
    revision.save(update_fields=["status"])
    Step.objects.filter(revision=revision, no=2).update(aksi="setujuii")  # written before this rule existed
    assert any('Langkah 2, kolom Aksi: aksi "setujuii" tidak dikenal' in e for e in errors(revision))
    with pytest.raises(services.SopError, match="setujuii"):
        services.sop_revision_make_effective(user=org.person("awayan", Role.CAMAT), revision=revision)
    revision.refresh_from_db()
    assert revision.status == SopRevision.Status.DRAFT


def test_the_step_editor_refuses_an_unknown_action(org):
    revision = make_sop(org.awayan.unit)
    revision.status = SopRevision.Status.DRAFT
    revision.save(update_fields=["status"])
    lane = revision.lanes.first()
    data = {"lane": lane.pk, "uraian": "Menyetujui data", "kind": "proses", "waktu_cetak": "1 Jam", "aksi": "setujuii"}
    with pytest.raises(services.SopError, match='Langkah 2, kolom Aksi: aksi "setujuii" tidak dikenal'):
        services.sop_step_save(user=org.person("awayan", Role.CAMAT), revision=revision, no=2, data=data)
    step = services.sop_step_save(
        user=org.person("awayan", Role.CAMAT), revision=revision, no=2, data={**data, "aksi": "setujui"}
    )
    assert step.aksi == "setujui"
