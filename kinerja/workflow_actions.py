"""Workflow actions of performance data, registered in KinerjaConfig.ready().

The quarter transitions are performed by the SOP step itself, so the step and
the data status never disagree: completing "Memverifikasi Data …" IS the
verification of the quarter. Each blocker reads the gate of kinerja.gates (the
same rule as the service and the quarter page); each action describes the
quarter it touches and names its consequence for the task page.
"""

from django.urls import reverse

from kinerja import gates, pengukuran
from kinerja.models import Triwulan
from kinerja.services import triwulan as triwulan_services
from sakip import permissions
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
    reasons = gates.alasan_tidak_dapat_diajukan(quarter)
    if reasons:
        return " ".join(reasons)
    return None


def _describe(ctx: ActionContext, *, needs_reason_when_early: bool = False) -> dict | None:
    """The quarter the step works on: period, indicators filled (from the read model), status."""
    quarter = _quarter(ctx)
    if quarter is None:
        return None
    ukuran = pengukuran.ukur_kecamatan(quarter.kecamatan, quarter.tahun, baris=False)
    total = len(ukuran.indikator)
    belum = len(ukuran.belum_dilaporkan(quarter.triwulan))
    result = {
        "judul": f"Data {gates.label(quarter)}",
        "rincian": [
            ("Periode", f"TW {gates.ROMAWI[quarter.triwulan]} {quarter.tahun}"),
            ("Indikator terisi", f"{total - belum} dari {total}"),
            ("Status data", quarter.get_status_display()),
        ],
    }
    if needs_reason_when_early and quarter.status == S.DIVERIFIKASI and gates.persetujuan_dini(quarter):
        result["perlu_alasan"] = gates.alasan_tidak_dapat_disetujui(quarter)[0]
    return result


CONSEQUENCES = {
    "isi_realisasi": None,
    "ajukan": "MENGAJUKAN data {nama} kepada Sekretaris untuk diverifikasi; data tidak dapat diubah lagi "
    "sampai dikembalikan",
    "verifikasi": "MEMVERIFIKASI data {nama} dan meneruskannya kepada Camat untuk disetujui",
    "setujui": "MENYETUJUI dan MENGUNCI data {nama}",
}


def _consequence(name: str):
    def consequence(ctx: ActionContext) -> str | None:
        quarter = _quarter(ctx)
        template = CONSEQUENCES.get(name)
        if quarter is None or template is None:
            return None
        return f"Menyelesaikan langkah ini akan {template.format(nama=gates.label(quarter))}."

    return consequence


TINDAKAN_PENGUJI = {S.DIAJUKAN: "memverifikasi", S.DIVERIFIKASI: "menyetujui"}


def _transition_action(name: str, label: str, before: str, service, permission: str) -> Action:

    def blocker(ctx: ActionContext) -> str | None:
        quarter = _quarter(ctx)
        if quarter is None:
            return "Langkah ini memerlukan periode triwulan."
        if ORDER.index(quarter.status) < ORDER.index(before):
            return f'Data triwulan masih berstatus "{quarter.get_status_display()}".'
        if quarter.status == S.DRAFT and before == S.DRAFT:
            # Handing the data on for verification: the same gate as the quarter page and the service.
            return _isi_blocker(ctx)
        if quarter.status == before and before in TINDAKAN_PENGUJI:
            # Separation of duties: the submitter neither verifies nor approves (the rule of sakip.permissions).
            if message := permissions.alasan_pemisahan_tugas(
                ctx.user, quarter.diajukan_oleh_id, TINDAKAN_PENGUJI[before]
            ):
                return message
        if quarter.status == S.DIVERIFIKASI and before == S.DIVERIFIKASI:
            reasons = gates.alasan_tidak_dapat_disetujui(quarter, alasan=ctx.alasan)
            if reasons:
                return " ".join(reasons) + " Tuliskan alasannya pada kolom Alasan."
        return None

    def perform(ctx: ActionContext) -> None:
        quarter = _quarter(ctx)
        # Already past this state (done from the data page): nothing to do.
        if quarter.status == before:
            if before == S.DIVERIFIKASI:
                service(user=ctx.user, quarter=quarter, alasan=ctx.alasan)
            else:
                service(user=ctx.user, quarter=quarter)

    return Action(
        name=name,
        label=label,
        blocker=blocker,
        url=_url("kinerja:triwulan"),
        perform=perform,
        permission=permission,
        describe=lambda ctx: _describe(ctx, needs_reason_when_early=before == S.DIVERIFIKASI),
        consequence=_consequence(name),
    )


def register_all() -> None:
    register(
        Action(
            "isi_realisasi",
            "Isi realisasi triwulan",
            _isi_blocker,
            url=_url("kinerja:entry"),
            permission="kinerja.enter_realisasi",
            describe=_describe,
            consequence=_consequence("isi_realisasi"),
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
