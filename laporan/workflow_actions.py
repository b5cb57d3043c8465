"""Workflow actions of reports: "susun_laporan" and "tandatangani" (see workflow/actions.py).

The task page describes the report the step works on (title, status and what
laporan.gates still finds missing: the same rule the report page and the
services apply).
"""

from django.urls import reverse

from laporan import gates
from laporan.models import Report
from workflow.actions import Action, ActionContext, register


def _kinds(ctx: ActionContext) -> dict:
    # A quarterly run concerns the quarterly report of its TW; an annual run the LKIP.
    if ctx.triwulan:
        return {"kind": Report.Kind.TRIWULAN, "periode": ctx.triwulan}
    return {"kind": Report.Kind.LKIP, "periode": 0}


def _reports(ctx: ActionContext):
    return Report.objects.filter(kecamatan_id=ctx.kecamatan_id, tahun=ctx.tahun, **_kinds(ctx))


def _label(ctx: ActionContext) -> str:
    return f"laporan triwulan TW {ctx.triwulan}" if ctx.triwulan else "LKIP"


def susun_blocker(ctx: ActionContext) -> str | None:
    if _reports(ctx).exclude(status=Report.Status.DIGANTIKAN).exists():
        return None
    return f"Draf {_label(ctx)} {ctx.tahun} belum dibuat."


def tandatangani_blocker(ctx: ActionContext) -> str | None:
    if _reports(ctx).filter(status=Report.Status.DITANDATANGANI).exists():
        return None
    return f"{_label(ctx).capitalize()} {ctx.tahun} belum ditandatangani Camat."


def report_url(ctx: ActionContext) -> str | None:
    report = _reports(ctx).exclude(status=Report.Status.DIGANTIKAN).first()
    if report is not None:
        return reverse("laporan:detail", args=[report.pk])
    # No draft yet: the form to create one, already set to the step's report and period.
    kinds = _kinds(ctx)
    query = f"?kind={kinds['kind']}&tahun={ctx.tahun}" + (f"&periode={kinds['periode']}" if kinds["periode"] else "")
    return reverse("laporan:index") + query + "#buat-laporan"


def _describe(ctx: ActionContext) -> dict | None:
    report = _reports(ctx).exclude(status=Report.Status.DIGANTIKAN).order_by("-revisi").first()
    if report is None:
        return {"judul": f"{_label(ctx).capitalize()} {ctx.tahun}", "rincian": [("Status", "Belum dibuat")]}
    rincian = [("Laporan", report.judul), ("Status", report.get_status_display())]
    if report.status == Report.Status.DRAFT:
        reasons = gates.alasan_tidak_dapat_diajukan(report)
        rincian.append(("Syarat pengajuan", " ".join(reasons) if reasons else "Terpenuhi"))
    elif report.status == Report.Status.DIAJUKAN:
        reasons = gates.alasan_tidak_dapat_ditandatangani(report, ctx.user)
        rincian.append(("Syarat tanda tangan", " ".join(reasons) if reasons else "Terpenuhi"))
    return {"judul": f"{report.judul} — {report.kecamatan}", "rincian": rincian}


def register_all():
    register(
        Action(
            name="susun_laporan",
            label="Susun laporan kinerja",
            blocker=susun_blocker,
            url=report_url,
            permission="laporan.edit",
            describe=_describe,
        )
    )
    register(
        Action(
            name="tandatangani",
            label="Tandatangani laporan kinerja",
            blocker=tandatangani_blocker,
            url=report_url,
            permission="laporan.sign",
            describe=_describe,
        )
    )
