"""The kabupaten administrator's API tokens (Pengaturan Kabupaten → Token API): the list with the latest calls,
issuing one (its value shown once, on the answer to that POST, never again) and revoking one; and the files
of the API documentation page, served from django-ninja's own package (no asset from the internet)."""

from pathlib import Path

import ninja
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe

from api import forms, selectors, services
from sakip import permissions
from sakip.errors import Penolakan, ke_formulir
from sakip.models import Unit
from sakip.params import BIGINT_MAX


def _kabupaten(request) -> Unit:
    kabupaten_ids = permissions.administered_kabupaten_ids(request.user)
    if not kabupaten_ids:
        raise PermissionDenied("Hanya administrator kabupaten yang mengelola token API.")
    return Unit.objects.get(pk=min(kabupaten_ids))


def _halaman(request, kabupaten: Unit, form=None, *, status: int = 200):
    return render(
        request,
        "api/token.html",
        {
            "kabupaten": kabupaten,
            "form": form or forms.TokenForm(),
            "tokens": selectors.tokens_of(kabupaten),
            "panggilan": selectors.panggilan_terakhir(kabupaten),
        },
        status=status,
    )


@login_required
@require_safe
def token(request):
    return _halaman(request, _kabupaten(request))


@never_cache
@login_required
@require_POST
def token_buat(request):
    kabupaten = _kabupaten(request)
    form = forms.TokenForm(request.POST)
    if not form.is_valid():
        return _halaman(request, kabupaten, form, status=400)
    try:
        baru, nilai = services.token_buat(user=request.user, kabupaten=kabupaten, nama=form.cleaned_data["nama"])
    except Penolakan as error:
        ke_formulir(form, error)
        return _halaman(request, kabupaten, form, status=400)
    # The value is on this answer only (never stored, never in a redirect or the session).
    return render(request, "api/token_baru.html", {"kabupaten": kabupaten, "token": baru, "nilai": nilai})


@login_required
@require_POST
def token_cabut(request, pk: int):
    _kabupaten(request)  # 403 for anyone but a kabupaten administrator
    found = (
        None
        if pk > BIGINT_MAX
        else selectors.token_of_or_none(permissions.administered_kabupaten_ids(request.user), pk)
    )
    if found is None:
        raise Http404("Token tidak ditemukan.")
    try:
        services.token_cabut(user=request.user, token=found)
    except Penolakan as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Token {found.nama} dicabut: setiap panggilan dengannya kini ditolak.")
    return redirect("api:token")


# --- the documentation page's files (django-ninja's Swagger UI) --------------------------------------------
ASET = Path(ninja.__file__).resolve().parent / "static" / "ninja"
JENIS = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def _aset(nama: str) -> FileResponse:
    path = ASET / nama
    if not path.is_file():
        raise Http404(nama)
    return FileResponse(path.open("rb"), content_type=JENIS[path.suffix])


@require_safe
@cache_control(max_age=86400, public=True)
def docs_css(request):
    return _aset("swagger-ui.css")


@require_safe
@cache_control(max_age=86400, public=True)
def docs_js(request):
    return _aset("swagger-ui-bundle.js")


@require_safe
@cache_control(max_age=86400, public=True)
def docs_init_js(request):
    return _aset("swagger-ui-init.js")
