"""Issue 12, finding 7: text typed anywhere refuses control characters other than newline, CR and tab.

Forms: every project form derives from `sakip.forms.TeksBersihMixin` (one place), so each text field
refuses "\\x01" with a message naming it. Services that take raw text (SOP editor, laporan narrative,
workflow catatan/alasan, PK Perubahan, Rencana Aksi, quarter reasons) refuse it too. Each case below
posts "\\x01": a message, never a 500, nothing stored.
"""

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kinerja.models import Indikator, PerjanjianKinerja, RencanaAksi, Sasaran, Triwulan
from kinerja.services import perencanaan
from sakip.forms import TeksBersihMixin
from sakip.roles import Role
from sakip.validators import KARAKTER_KONTROL, pesan_karakter_kontrol
from sop.models import SopRevision
from tests.factories import PASSWORD
from tests.kinerja.data import make_pk
from tests.sop.test_views import make_draft
from tests.workflow.test_views import make_sop
from workflow import services as workflow_services
from workflow.models import Run, Task

YEAR = 2020
BAD = "ketik\x01an"
FORM_MODULES = ["sakip.forms", "kinerja.forms", "laporan.forms", "workflow.forms", "pengaturan.forms"]
# Forms that store no typed text: the login form and the password change (passwords are kept as typed).
NO_TEXT = {"LoginForm", "PasswordChangeForm"}


def project_forms():
    found = []
    for name in FORM_MODULES + ["sakip.account"]:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == name:
                found.append(obj)
    return found


def test_every_project_form_refuses_control_characters_in_one_place():
    missing = [
        f"{f.__module__}.{f.__name__}"
        for f in project_forms()
        if f.__name__ not in NO_TEXT and not issubclass(f, TeksBersihMixin)
    ]
    assert missing == []


def _build(form_class, org, data):
    from sop.models import SopRevision as Rev

    available = {
        "kabupaten": org.kabupaten,
        "unit": org.awayan.unit,
        "create": True,
        "sections": [("ringkasan", "Ringkasan"), ("penutup", "Penutup")],
        "revisions": Rev.objects.none(),
        "kecamatan": org.awayan.unit,
        "indikator_queryset": Indikator.objects.none(),
    }
    params = inspect.signature(form_class.__init__).parameters
    kwargs = {k: v for k, v in available.items() if k in params}
    return form_class(data, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class",
    [f for f in project_forms() if f.__name__ not in NO_TEXT and f.__module__ != "sakip.forms"],
    ids=lambda f: f"{f.__module__}.{f.__name__}",
)
def test_each_text_field_of_each_form_names_itself_when_given_a_control_character(org, form_class):
    probe = _build(form_class, org, None)
    text_fields = [
        (name, field)
        for name, field in probe.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)
    ]
    for name, field in text_fields:
        form = _build(form_class, org, {name: BAD})
        assert not form.is_valid()
        messages = " ".join(form.errors.get(name, []))
        assert "karakter kontrol" in messages and str(field.label) in messages, (name, messages)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_the_rule_refuses_exactly_c0_controls_and_del_except_newline_cr_tab(text):
    refused = any(ch in text for ch in map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127]))
    assert (pesan_karakter_kontrol(text, "Catatan") is not None) == refused
    assert bool(KARAKTER_KONTROL.search(text)) == refused


# --- raw-text services, through their pages -------------------------------------------------------


def _messages(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


@pytest.mark.parametrize("field", ["nama", "alamat", "dasar_hukum"])
def test_sop_editor_identity_refuses_a_control_character(org, client_for, field):
    draft = make_draft(org.awayan.unit, 3)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    data = {"nama": "SOP baru", field: BAD}
    response = client.post(reverse("sop:edit_identitas", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "karakter kontrol" in _messages(response) and f"Kolom {field.replace('_', ' ')}" in _messages(response)
    assert SopRevision.objects.get(pk=draft.pk).nama != "SOP baru"


@pytest.mark.parametrize("field", ["uraian", "waktu_cetak", "kelengkapan", "output", "keterangan"])
def test_sop_editor_step_refuses_a_control_character(org, client_for, field):
    draft = make_draft(org.awayan.unit, 3)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    data = {"no": "2", "uraian": "Uraian baru", "lane": draft.lanes.first().pk, "kind": "proses"}
    data[field] = BAD
    response = client.post(reverse("sop:langkah_simpan", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "Langkah 2, kolom" in _messages(response) and "karakter kontrol" in _messages(response)
    assert draft.steps.get(no=2).uraian == "Langkah 2"


def _task(org):
    revision = make_sop(org.awayan.unit)
    run = workflow_services.run_start(user=org.person("awayan", Role.CAMAT), revision=revision, tahun=2025, triwulan=2)
    return run, run.tasks.get()


@pytest.mark.parametrize(
    ("action", "data", "label"),
    [
        ("workflow:task_selesai", {"catatan": BAD}, "Catatan"),
        ("workflow:task_selesai", {"alasan": BAD}, "Alasan"),
        ("workflow:task_alihkan", {"kepada": "me", "alasan_alih": BAD}, "Alasan pengalihan"),
    ],
)
def test_workflow_task_texts_refuse_a_control_character(org, client_for, action, data, label):
    run, task = _task(org)
    camat = org.person("awayan", Role.CAMAT)
    data = {**data, "kepada": camat.pk} if "kepada" in data else data
    response = client_for(camat).post(reverse(action, args=[task.pk]), data)
    assert response.status_code in (200, 302, 400)
    assert f"{label} memuat karakter kontrol" in _messages(response)
    task.refresh_from_db()
    assert task.status == Task.Status.AKTIF and "\x01" not in task.catatan + task.alasan


def test_workflow_run_cancel_reason_refuses_a_control_character(org, client_for):
    run, _ = _task(org)
    response = client_for(org.person("awayan", Role.CAMAT)).post(
        reverse("workflow:run", args=[run.pk]), {"alasan": BAD}
    )
    assert response.status_code == 302
    assert "Alasan pembatalan memuat karakter kontrol" in _messages(response)
    assert Run.objects.get(pk=run.pk).status == Run.Status.BERJALAN


def test_pk_perubahan_reason_refuses_a_control_character(org, client_for):
    pk = make_pk(org.awayan, YEAR)[0].sasaran.perjanjian
    perencanaan.pk_tetapkan(user=org.person("awayan", Role.CAMAT), pk=pk, password=PASSWORD)
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    response = client.post(reverse("kinerja:pk_perubahan", args=[org.awayan.unit.pk, YEAR]), {"alasan": BAD})
    assert response.status_code == 200
    assert "Alasan perubahan memuat karakter kontrol" in _messages(response)
    assert PerjanjianKinerja.objects.count() == 1


@pytest.mark.parametrize(("field", "label"), [("kegiatan-{id}-2", "Rencana aksi TW 2"), ("alasan-{id}", "Alasan")])
def test_rencana_aksi_texts_refuse_a_control_character(org, client_for, field, label):
    (ind,) = make_pk(org.awayan, YEAR, indicators=1)
    RencanaAksi.objects.filter(indikator=ind).delete()
    client = client_for(org.person("awayan", Role.KASUBBAG_PERENCANAAN))
    data = {f"target-{ind.pk}-{tw}": "25" for tw in (1, 2, 3, 4)}
    data[field.format(id=ind.pk)] = BAD
    response = client.post(reverse("kinerja:rencana_aksi", args=[org.awayan.unit.pk, YEAR]), data)
    assert response.status_code == 200
    assert label in response.content.decode() and "karakter kontrol" in response.content.decode()
    assert not RencanaAksi.objects.filter(indikator=ind).exists()


def test_sasaran_service_refuses_a_control_character(org):
    pk = PerjanjianKinerja.objects.create(kecamatan=org.awayan.unit, tahun=YEAR)
    with pytest.raises(perencanaan.KinerjaError) as refused:
        perencanaan.sasaran_simpan(user=org.person("awayan", Role.KASUBBAG_PERENCANAAN), pk=pk, uraian=BAD)
    assert "Sasaran strategis memuat karakter kontrol" in refused.value.errors["uraian"]
    assert not Sasaran.objects.exists()


def test_quarter_return_reason_refuses_a_control_character(org, client_for):
    make_pk(org.awayan, YEAR, indicators=1)
    # A submitted quarter, returned by the Sekretaris (the one who may return it): the service refuses
    # the reason after the permission check.
    Triwulan.objects.create(
        kecamatan=org.awayan.unit,
        tahun=YEAR,
        triwulan=1,
        status=Triwulan.Status.DIAJUKAN,
        batas_mulai=datetime.date(YEAR, 1, 1),
        batas_akhir=datetime.date(YEAR, 4, 10),
    )
    client = client_for(org.person("awayan", Role.SEKRETARIS))
    url = reverse("kinerja:transition", args=[org.awayan.unit.pk, YEAR, 1, "kembalikan"])
    response = client.post(url, {"alasan": BAD})
    assert response.status_code in (200, 400)  # the quarter page again, with the message
    assert "Alasan memuat karakter kontrol" in _messages(response)
    assert not Triwulan.objects.exclude(status=Triwulan.Status.DIAJUKAN).exists()
