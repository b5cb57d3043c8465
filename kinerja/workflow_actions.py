"""Workflow actions of performance data, registered in KinerjaConfig.ready().

The quarter transitions are performed by the SOP step itself, so the step and
the data status never disagree: completing "Memverifikasi Data …" IS the
verification of the quarter.
"""

from django.urls import reverse

from kinerja import selectors
from kinerja.models import Triwulan
from kinerja.services import triwulan as triwulan_services
from sakip.models import Unit
from workflow.actions import Action, ActionContext, register

S = Triwulan.Status
ORDER = [S.DRAFT, S.DIAJUKAN, S.DIVERIFIKASI, S.DISETUJUI]


def _quarter(ctx: ActionContext) -> Triwulan | None:
    if ctx.triwulan is None:
        return None
    kecamatan = Unit.objects.get(pk=ctx.kecamatan_id)
    return triwulan_services.triwulan_baca(kecamatan=kecamatan, tahun=ctx.tahun, triwulan=ctx.triwulan)


def _url(name):
    def url(ctx: ActionContext) -> str | None:
        if ctx.triwulan is None:
            return None
        return reverse(name, args=[ctx.kecamatan_id, ctx.tahun, ctx.triwulan])

    return url


def _isi_blocker(ctx: ActionContext) -> str | None:
    quarter = _quarter(ctx)
    if quarter is None:
        return "Langkah ini memerlukan periode triwulan."
    missing = selectors.empty_count(quarter)
    if missing:
        return f"Masih ada {missing} indikator yang belum diisi realisasinya."
    return None


def _transition_action(name: str, label: str, before: str, service, permission: str) -> Action:

    def blocker(ctx: ActionContext) -> str | None:
        quarter = _quarter(ctx)
        if quarter is None:
            return "Langkah ini memerlukan periode triwulan."
        if ORDER.index(quarter.status) < ORDER.index(before):
            return f'Data triwulan masih berstatus "{quarter.get_status_display()}".'
        if quarter.status == S.DRAFT and before == S.DRAFT:
            # Handing the data on for verification needs every indicator filled.
            return _isi_blocker(ctx)
        return None

    def perform(ctx: ActionContext) -> None:
        quarter = _quarter(ctx)
        # Already past this state (done from the data page): nothing to do.
        if quarter.status == before:
            service(user=ctx.user, quarter=quarter)

    return Action(
        name=name, label=label, blocker=blocker, url=_url("kinerja:triwulan"), perform=perform, permission=permission
    )


def register_all() -> None:
    register(
        Action(
            "isi_realisasi",
            "Isi realisasi triwulan",
            _isi_blocker,
            url=_url("kinerja:entry"),
            permission="kinerja.enter_realisasi",
        )
    )
    T = triwulan_services
    register(_transition_action("ajukan", "Ajukan data triwulan", S.DRAFT, T.triwulan_ajukan, "kinerja.submit_quarter"))
    register(
        _transition_action(
            "verifikasi", "Verifikasi data triwulan", S.DIAJUKAN, T.triwulan_verifikasi, "kinerja.verify_quarter"
        )
    )
    register(
        _transition_action(
            "setujui", "Setujui data triwulan", S.DIVERIFIKASI, T.triwulan_setujui, "kinerja.approve_quarter"
        )
    )
