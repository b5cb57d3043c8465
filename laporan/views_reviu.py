"""The Inspektorat's review of a submitted LKIP (laporan/reviu.py): one page, three acts, one URL each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from laporan import reviu, selectors
from laporan.forms import ReviuForm
from laporan.models import Report
from sakip import permissions


def _initial(current) -> dict:
    if current is None:
        return {}
    initial = {f"periksa_{key}": ticked for key, ticked in current.periksa.items()}
    initial.update({f"catatan_{key}": note for key, note in current.catatan.items()})
    initial.update(
        {f"alasan_periksa_{key}": current.catatan.get(f"alasan_{key}", "") for key, _ in reviu.DAFTAR_PERIKSA}
    )
    return initial


def _page(request, report, form, *, status: int = 200):
    """The review page: read on a GET, shown again with the typed input (400) by an act that refused it."""
    can_review = report.status == Report.Status.DIAJUKAN and permissions.user_can(request.user, "laporan.reviu", report)
    current = reviu.terakhir(report)
    naskah = selectors.naskah_diajukan(report) if report.status == Report.Status.DIAJUKAN else None
    temuan = reviu.temuan_aplikasi(report, naskah) if can_review else {}
    done = current.periksa if current else {}
    notes = current.catatan if current else {}
    return render(
        request,
        "laporan/reviu.html",
        {
            "report": report,
            "form": form,
            "can_review": can_review,
            "current": current,
            "wajib": reviu.wajib(report),
            "naskah": naskah,
            # (field, what the app finds) per checklist item; the notes' fields; the read-only view's rows.
            "periksa_fields": [
                (form[f"periksa_{key}"], temuan.get(key, ""), form[f"alasan_periksa_{key}"])
                for key, _ in reviu.DAFTAR_PERIKSA
            ],
            "catatan_fields": [form[f"catatan_{key}"] for key, _ in reviu.BAB],
            "periksa_rows": [(label, done.get(key, False)) for key, label in reviu.DAFTAR_PERIKSA],
            "catatan_rows": [(label, notes[key]) for key, label in reviu.BAB if notes.get(key)],
            "riwayat": report.reviu.select_related("reviewer").order_by("-dimulai_pada"),
            "can_download": selectors.can_download(request.user, report),
        },
        status=status,
    )


@login_required
@require_safe
def reviu_lkip(request, pk: int):
    """The checklist with what the app finds, notes per chapter, the history of earlier reviews. Each act of
    the evaluator of the kabupaten (save, return, sign) has its own URL below."""
    report = selectors.get_report_or_404(request.user, pk)
    return _page(request, report, ReviuForm(initial=_initial(reviu.terakhir(report))))


def _action(request, pk: int, act, success: str):
    """Run one act of the review by the evaluator of the kabupaten: back to the page on success, the page with
    the typed input (400) when the form or the review refuses it."""
    report = selectors.get_report_or_404(request.user, pk)
    permissions.check_user_can(request.user, "laporan.reviu", report)
    form = ReviuForm(request.POST, initial=_initial(reviu.terakhir(report)))
    if form.is_valid():
        try:
            act(form, {"user": request.user, "report_id": report.pk})
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, success)
            # A returned LKIP is a draft again, which the evaluator no longer reads: back to Beranda, where the
            # LKIPs waiting for review are listed.
            report.refresh_from_db(fields=["status"])
            if report.status != report.Status.DIAJUKAN:
                return redirect("beranda")
            return redirect("laporan:reviu", report.pk)
    return _page(request, report, form, status=400)


@login_required
@require_POST
def reviu_simpan(request, pk: int):
    def simpan(form, args):
        reviu.reviu_simpan(**args, periksa=form.periksa(), catatan=form.catatan(), alasan_periksa=form.alasan_periksa())

    return _action(request, pk, simpan, "Catatan reviu tersimpan.")


@login_required
@require_POST
def reviu_kembalikan(request, pk: int):
    def kembalikan(form, args):
        reviu.reviu_kembalikan(
            **args, alasan=form.cleaned_data["alasan"], periksa=form.periksa(), catatan=form.catatan()
        )

    return _action(request, pk, kembalikan, "LKIP dikembalikan kepada Kasubbag Perencanaan; alasan Anda tercatat.")


@login_required
@require_POST
def reviu_selesai(request, pk: int):
    def selesai(form, args):
        reviu.reviu_selesai(
            **args,
            password=form.cleaned_data["password"],
            periksa=form.periksa(),
            catatan=form.catatan(),
            alasan_periksa=form.alasan_periksa(),
        )

    return _action(
        request,
        pk,
        selesai,
        "Pernyataan Telah Direviu ditandatangani dan dilampirkan pada LKIP; Camat dapat menandatanganinya.",
    )
