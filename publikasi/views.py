"""The public SAKIP pages (no login): a kabupaten's kecamatan and their published documents by year and kind,
each at a stable address with its signer, date and SHA-256, and the download of the signed file itself (the
bytes that were signed). Rate-limited per address through the shared cache, like the verification page.
The kabupaten administrator's page choosing what is published is here too."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from publikasi import forms, selectors, services
from sakip import permissions, publik, unduhan
from sakip.errors import Penolakan
from sakip.models import Unit


def _terbatas(request) -> bool:
    return publik.rate_limited(
        request, prefix="publikasi", limit=getattr(settings, "PUBLIKASI_BATAS_PER_IP", 120), window=60
    )


def _page(request, template: str, context: dict, kabupaten):
    if _terbatas(request):
        return render(request, "laporan/verifikasi_batas.html", status=429)
    response = render(request, template, {"kabupaten": kabupaten, **context})
    if selectors.pengaturan(kabupaten).noindex:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def kabupaten(request, kabupaten: str):
    unit = selectors.kabupaten_publik(kabupaten)
    if unit is None:
        raise Http404("Kabupaten tidak dikenal.")
    return _page(request, "publikasi/kabupaten.html", {"terbitan": selectors.terbitan(unit)}, unit)


@require_safe
def kecamatan(request, kabupaten: str, kecamatan: str):
    kab = selectors.kabupaten_publik(kabupaten)
    kec = selectors.kecamatan_publik(kab, kecamatan) if kab else None
    if kec is None:
        raise Http404("Kecamatan tidak dikenal.")
    tahunan = selectors.terbitan(kab, kec).get(kec, {})
    return _page(request, "publikasi/kecamatan.html", {"kecamatan": kec, "tahunan": tahunan}, kab)


@require_safe
def dokumen(request, kode: str):
    doc = selectors.dokumen_publik(kode)
    if doc is None:
        raise Http404("Dokumen tidak dipublikasikan.")
    kab = doc.report.kecamatan.kabupaten
    return _page(request, "publikasi/dokumen.html", {"doc": doc, "report": doc.report}, kab)


@require_safe
def unduh(request, kode: str):
    if _terbatas(request):
        return render(request, "laporan/verifikasi_batas.html", status=429)
    doc = selectors.dokumen_publik(kode)
    if doc is None:
        raise Http404("Dokumen tidak dipublikasikan.")
    report = doc.report
    response = HttpResponse(bytes(doc.pdf), content_type="application/pdf")
    name = unduhan.download_name(report.get_kind_display(), report.kecamatan.nama, report.periode_label, ext="pdf")
    unduhan.as_attachment(response, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request):
    kabupaten_ids = permissions.administered_kabupaten_ids(request.user)
    if not kabupaten_ids:
        raise PermissionDenied("Hanya administrator kabupaten yang mengatur publikasi.")
    kab = Unit.objects.get(pk=min(kabupaten_ids))
    current = selectors.pengaturan(kab)
    form = forms.PengaturanPublikasiForm(
        request.POST or None, initial={"jenis": current.jenis, "noindex": current.noindex}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publikasi_atur(
                user=request.user, kabupaten=kab, jenis=form.cleaned_data["jenis"], noindex=form.cleaned_data["noindex"]
            )
        except Penolakan as error:
            for field, message in (error.errors or {"__all__": error.message}).items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Pengaturan publikasi disimpan.")
            return redirect("publikasi:pengaturan")
    return render(
        request,
        "publikasi/pengaturan.html",
        {"kabupaten": kab, "form": form, "alamat": reverse("publikasi:kabupaten", args=[kab.kode])},
    )
