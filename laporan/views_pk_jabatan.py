"""The cascading PK of a position as a document (laporan/pk_jabatan.py), linked from kinerja's cascading PK
page: its PDF (a draft while the PK is not established), and its life as a signed document — the page that
leads to the position's current report, and the holder's "Ajukan kepada atasan". Read by whoever may read
the PK page (the kecamatan's people, the kabupaten's readers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from kinerja import berjenjang
from kinerja.services.perencanaan import current_pk
from laporan import pk_jabatan, selectors, services
from laporan.models import Report
from sakip import permissions, unduhan
from sakip.models import Position


def _pk_or_404(user, kecamatan_id: int, tahun: int, jabatan_id: int):
    kecamatan = permissions.visible_kecamatan(user).filter(pk=kecamatan_id).first()
    if kecamatan is None or not 2000 <= tahun <= 2100:
        raise Http404("Kecamatan tidak ditemukan.")
    jabatan = Position.objects.filter(pk=jabatan_id, kecamatan=kecamatan, role__in=list(berjenjang.ATASAN)).first()
    if jabatan is None:
        raise Http404("Jabatan tidak ditemukan.")
    return kecamatan, jabatan, current_pk(kecamatan, tahun, jabatan)


@login_required
@require_safe
def pdf(request, kecamatan_id: int, tahun: int, jabatan_id: int):
    kecamatan, jabatan, pk = _pk_or_404(request.user, kecamatan_id, tahun, jabatan_id)
    if pk is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    response = HttpResponse(pk_jabatan.render_pdf(pk), content_type="application/pdf")
    unduhan.as_attachment(response, unduhan.download_name("pk", tahun, kecamatan.nama, jabatan.nama, ext="pdf"))
    return response


def _dokumen_context(request, kecamatan, jabatan, pk, tahun: int) -> dict:
    probe = Report(kind=Report.Kind.PK_JABATAN, kecamatan=kecamatan, jabatan=jabatan, tahun=tahun)
    return {
        "kecamatan": kecamatan,
        "jabatan": jabatan,
        "tahun": tahun,
        "pk": pk,
        "atasan": pk_jabatan.atasan_of(jabatan),
        "can_submit": pk is not None and permissions.user_can(request.user, "laporan.submit", probe),
        "alasan": pk_jabatan.alasan_kosong(probe),
    }


@login_required
@require_safe
def dokumen(request, kecamatan_id: int, tahun: int, jabatan_id: int):
    """The position's PK document of the year: its current report when there is one (read as a report
    visible to the user), else what stands before its submission."""
    kecamatan, jabatan, pk = _pk_or_404(request.user, kecamatan_id, tahun, jabatan_id)
    report = (
        selectors.visible_reports(request.user)
        .filter(jabatan=jabatan, tahun=tahun)
        .exclude(status=Report.Status.DIGANTIKAN)
        .first()
    )
    if report is not None:
        return redirect("laporan:detail", report.pk)
    return render(request, "laporan/pk_jabatan.html", _dokumen_context(request, kecamatan, jabatan, pk, tahun))


@login_required
@require_POST
def ajukan(request, kecamatan_id: int, tahun: int, jabatan_id: int):
    """The holder submits the document of the established PK to the superior (services.pk_jabatan_ajukan)."""
    kecamatan, jabatan, pk = _pk_or_404(request.user, kecamatan_id, tahun, jabatan_id)
    if pk is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    try:
        report = services.pk_jabatan_ajukan(user=request.user, pk=pk)
    except ValidationError as error:
        ctx = _dokumen_context(request, kecamatan, jabatan, pk, tahun)
        ctx["galat"] = error.messages
        return render(request, "laporan/pk_jabatan.html", ctx, status=400)
    messages.success(request, f"{report.judul} diajukan kepada atasan untuk ditandatangani.")
    return redirect("laporan:detail", report.pk)
