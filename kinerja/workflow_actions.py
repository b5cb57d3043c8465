"""Workflow actions of performance data, registered in KinerjaConfig.ready().

The quarter transitions are performed by the SOP step itself, so the step and
the data status never disagree: completing "Memverifikasi Data …" IS the
verification of the quarter. Each blocker reads the gate of kinerja.gates (the
same rule as the service and the quarter page); each action describes the
quarter it touches and names its consequence for the task page.
"""

from django.urls import reverse

from kinerja import alur_triwulan, gates, pengukuran
from kinerja.models import Triwulan
from kinerja.services import triwulan as triwulan_services
from sakip import periode
from sakip.models import Unit
from workflow.actions import Action, ActionContext, register

S = Triwulan.Status


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
            ("Periode", periode.tw(quarter.triwulan, quarter.tahun)),
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


def _transition_action(name: str, label: str) -> Action:
    """An SOP step that performs the quarter's forward transition `name` (kinerja/alur_triwulan.py): blocked by
    the same rules as the quarter page and the service (`triwulan_services.hambatan`)."""
    t = alur_triwulan.TRANSISI[name]

    def blocker(ctx: ActionContext) -> str | None:
        quarter = _quarter(ctx)
        if quarter is None:
            return "Langkah ini memerlukan periode triwulan."
        if alur_triwulan.sudah_melewati(t.dari, quarter.status):
            return f'Data triwulan masih berstatus "{quarter.get_status_display()}".'
        if quarter.status != t.dari:
            return None  # already past this state (done from the data page): completing the step changes nothing
        if reasons := triwulan_services.hambatan(ctx.user, quarter, t):
            return " ".join(reasons)
        if reasons := triwulan_services.hambatan(ctx.user, quarter, t, alasan=ctx.alasan or ""):
            return " ".join(reasons) + " Tuliskan alasannya pada kolom Alasan."
        return None

    def perform(ctx: ActionContext) -> None:
        quarter = _quarter(ctx)
        # Already past this state (done from the data page): nothing to do.
        if quarter.status == t.dari:
            triwulan_services.triwulan_lakukan(user=ctx.user, quarter=quarter, nama=name, alasan=ctx.alasan or "")

    return Action(
        name=name,
        label=label,
        blocker=blocker,
        url=_url("kinerja:triwulan"),
        perform=perform,
        permission=t.izin,
        describe=lambda ctx: _describe(ctx, needs_reason_when_early=t.alasan == alur_triwulan.WAJIB_BILA_DINI),
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
    register(_transition_action("ajukan", "Ajukan data triwulan"))
    register(_transition_action("verifikasi", "Verifikasi data triwulan"))
    register(_transition_action("setujui", "Setujui data triwulan"))
