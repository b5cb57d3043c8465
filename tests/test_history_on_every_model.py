"""docs/ARCHITECTURE.md: "audit (django-simple-history on every model)".

Every model of the project's own apps keeps a django-simple-history trail, except the ones named
in EXEMPT below, each with the reason history would be wrong or useless for it.
"""

from django.apps import apps
from django.urls import reverse
from simple_history.manager import HistoryManager
from simple_history.models import registered_models

from laporan.models import Report
from laporan.services import buat_laporan
from sakip.roles import Role
from tests.laporan.data import build_kinerja

APPS = {
    "sakip",
    "sop",
    "workflow",
    "kinerja",
    "laporan",
    "pengaturan",
    "notifikasi",
    "layanan",
    "loket",
    "renstra",
    "evaluasi",
    "publikasi",
    "kepegawaian",
    "api",
}

# Models without a history, each with the one reason why (history would be wrong or useless for them).
EXEMPT: dict[str, str] = {
    # Logs written once that are themselves the record: a history of them would only repeat each row.
    "kinerja.TriwulanRiwayat": "the quarter's transition log (who, when, why), append-only: it is the history",
    "laporan.ReportRiwayat": "the report's transition log (who, when, why), append-only: it is the history",
    "notifikasi.Notifikasi": "a message to one person, written by the app; its read/done marks are no audit matter",
    "api.PanggilanApi": "owned by the api work; add later",
    # Wrong: a history row names the logged-in user (HistoryRequestMiddleware).
    "layanan.ResponSkm": "an anonymous survey answer, never changed; history_user would name a logged-in respondent",
    # Reference data loaded whole from the versioned fixtures/evaluasi/*.json (evaluasi/kriteria.py, bulk_create,
    # which writes no history) and edited nowhere, not in the admin either; KriteriaSet's history records the load.
    "evaluasi.Komponen": "part of a KriteriaSet loaded from a versioned file, never edited",
    "evaluasi.SubKomponen": "part of a KriteriaSet loaded from a versioned file, never edited",
    "evaluasi.Kriteria": "part of a KriteriaSet loaded from a versioned file, never edited",
}


def _own_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in APPS:
            continue
        if meta.auto_created:  # the through table of a ManyToManyField
            continue
        if getattr(model, "instance_type", None) is not None and model.__name__.startswith("Historical"):
            continue  # simple_history's own Historical* model
        yield model


def _has_history(model) -> bool:
    return model._meta.db_table in registered_models and isinstance(getattr(model, "history", None), HistoryManager)


def test_the_project_models_are_found():
    labels = {m._meta.label for m in _own_models()}
    assert "laporan.Report" in labels
    assert not any(label.split(".")[1].startswith("Historical") for label in labels)


def test_every_model_keeps_history_or_is_exempt_with_a_reason():
    missing = sorted(m._meta.label for m in _own_models() if not _has_history(m) and m._meta.label not in EXEMPT)
    assert missing == [], "models without history (add HistoricalRecords or an EXEMPT reason): " + ", ".join(missing)


def test_exemptions_are_real_and_reasoned():
    labels = {m._meta.label: m for m in _own_models()}
    for label, reason in EXEMPT.items():
        assert label in labels, f"EXEMPT names {label}, which is not a model of the project"
        assert reason.strip(), f"EXEMPT {label} has no reason"
        assert not _has_history(labels[label]), f"{label} keeps history; remove it from EXEMPT"


def test_a_report_narrative_edit_is_recorded_with_who_and_both_texts(org, client_for):
    """Issue 27: the report's narrative was overwritten unrecorded."""
    build_kinerja(org.awayan.unit, 2025)
    kasubbag = org.person("awayan", Role.KASUBBAG_PERENCANAAN)
    report = buat_laporan(user=kasubbag, kecamatan=org.awayan.unit, kind=Report.Kind.TRIWULAN, tahun=2025, periode=2)
    client = client_for(kasubbag)
    for versi, text in enumerate(["Pertama.", "Kedua."]):
        response = client.post(reverse("laporan:narasi", args=[report.pk]), {"versi": versi, "pengantar": text})
        assert response.status_code == 302, response.content.decode()[:2000]
    latest, previous = report.history.all()[:2]
    assert (latest.narasi["pengantar"], previous.narasi["pengantar"]) == ("Kedua.", "Pertama.")
    assert latest.history_user == previous.history_user == kasubbag
    assert "narasi" in [c.field for c in latest.diff_against(previous).changes]
