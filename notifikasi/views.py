"""Notifications of the signed-in person: the list (GET only reads), opening one (POST: marks it read,
then goes to its page), marking all read, the email choice. Thin: forms, services, selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from notifikasi import forms, selectors, services


@login_required
@require_safe
def index(request):
    context = {
        "items": selectors.daftar(request.user),
        "belum_dibaca": selectors.jumlah_belum_dibaca(request.user),
        "form_preferensi": forms.PreferensiForm(initial={"email": selectors.ingin_email(request.user)}),
    }
    return render(request, "notifikasi/index.html", context)


@login_required
@require_POST
def buka(request):
    form = forms.BukaForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Notifikasi tidak dikenali.")
    item = services.tandai_dibaca(user=request.user, notifikasi_id=form.cleaned_data["id"])
    tautan = item.tautan
    if tautan.startswith("/") and url_has_allowed_host_and_scheme(tautan, allowed_hosts={request.get_host()}):
        return redirect(tautan)
    return redirect("notifikasi:index")


@login_required
@require_POST
def baca_semua(request):
    jumlah = services.tandai_semua_dibaca(user=request.user)
    messages.success(request, f"{jumlah} notifikasi ditandai sudah dibaca." if jumlah else "Tidak ada notifikasi baru.")
    return redirect("notifikasi:index")


@login_required
@require_POST
def preferensi(request):
    form = forms.PreferensiForm(request.POST)
    form.is_valid()  # one optional checkbox: always valid
    preferensi = services.simpan_preferensi(user=request.user, email=form.cleaned_data.get("email", False))
    messages.success(
        request,
        "Notifikasi juga dikirim lewat email." if preferensi.email else "Notifikasi tidak lagi dikirim lewat email.",
    )
    return redirect("notifikasi:index")
