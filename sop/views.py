"""SOP library pages: list, official document view, PDF download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from sakip import permissions
from sop import document, pdf, selectors
from sop.models import SopRevision


@login_required
def library(request):
    q = request.GET.get("q", "").strip()
    kecamatan = request.GET.get("kecamatan", "")
    status = request.GET.get("status", "")
    rows = selectors.library(request.user, q=q, kecamatan_id=kecamatan, status=status)
    return render(
        request,
        "sop/list.html",
        {
            "rows": rows,
            "q": q,
            "kecamatan": kecamatan,
            "status": status,
            "kecamatan_choices": permissions.visible_kecamatan(request.user).order_by("nama")
            if permissions.is_kabupaten_reader(request.user)
            else _kecamatan_of_rows(rows),
            "status_choices": SopRevision.Status.choices,
        },
    )


def _kecamatan_of_rows(rows):
    seen = {}
    for r in rows:
        if r.sop.kecamatan_id:
            seen[r.sop.kecamatan_id] = r.sop.kecamatan
    return sorted(seen.values(), key=lambda k: k.nama)


@login_required
def detail(request, pk: int):
    revision = selectors.revision_for_reading(request.user, pk)
    context = document.context(revision, paginate=False)
    context["others"] = selectors.other_revisions(request.user, revision)
    context["own"] = permissions.user_can(request.user, "sop.edit", revision.sop)
    return render(request, "sop/detail.html", context)


@login_required
def pdf_download(request, pk: int):
    revision = selectors.revision_for_reading(request.user, pk)
    response = HttpResponse(pdf.render_revision_pdf(revision), content_type="application/pdf")
    name = slugify(f"SOP {revision.nama} rev {revision.nomor_revisi}") or "sop"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
