"""Nomenklatur: the kabupaten administrator replaces the programme/kegiatan/sub kegiatan nomenclature for the
kabupaten's kecamatan with an uploaded list (XLSX/CSV), previewed, then applied or cancelled
(kinerja/services/nomenklatur.py, which checks the permission again). No URL names an object: each page works on
the administrator's own kabupaten's waiting upload (pengaturan.selectors.kabupaten_of: 403 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from kinerja import nomenklatur
from kinerja.services import nomenklatur as services
from kinerja.services.nomenklatur import NomenklaturDitolak
from pengaturan import forms
from pengaturan.selectors import kabupaten_of
from sakip import uploads
from sakip.errors import ke_formulir


def _index(request, kabupaten, form=None, tolak: NomenklaturDitolak | None = None, status: int = 200):
    masalah = tolak.errors if tolak is not None and isinstance(tolak.errors, list) else []
    tahun = timezone.localdate().year
    berlaku = nomenklatur.berlaku(tahun, kabupaten_id=kabupaten.pk)
    return render(
        request,
        "pengaturan/nomenklatur.html",
        {
            "kabupaten": kabupaten,
            "form": form or forms.NomenklaturUnggahForm(),
            "tertunda": services.tertunda(kabupaten),
            "riwayat": services.riwayat(kabupaten),
            "tahun": tahun,
            "berlaku": berlaku,
            "berlaku_jumlah": len(berlaku.entri),
            "masalah_berkas": [{**m, "tempat": uploads.tempat_sel(m)} for m in masalah],
        },
        status=status,
    )


@login_required
@require_safe
def nomenklatur_index(request):
    return _index(request, kabupaten_of(request.user))


@login_required
@require_POST
def nomenklatur_unggah(request):
    kabupaten = kabupaten_of(request.user)
    form = forms.NomenklaturUnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, kabupaten, form, status=400)
    data = form.cleaned_data
    try:
        services.unggah(
            user=request.user,
            kabupaten=kabupaten,
            upload=data["berkas"],
            lembar=data["lembar"],
            nama=data["nama"],
            sumber=data["sumber"],
            berlaku_mulai=data["berlaku_mulai"],
            berlaku_sampai=data["berlaku_sampai"],
        )
    except NomenklaturDitolak as refused:
        listed = isinstance(refused.errors, list) and bool(refused.errors)
        if listed:
            form.add_error("berkas", "Berkas ditolak; lihat daftar kesalahan di atas.")
        else:
            ke_formulir(form, refused)
        return _index(request, kabupaten, form, refused if listed else None, status=400)
    messages.info(request, "Daftar nomenklatur dibaca. Periksa pratinjaunya sebelum diterapkan.")
    return redirect("pengaturan:nomenklatur_pratinjau")


@login_required
@require_safe
def nomenklatur_pratinjau(request):
    kabupaten = kabupaten_of(request.user)
    versi = services.tertunda(kabupaten)
    if versi is None:
        messages.info(request, "Tidak ada daftar nomenklatur yang menunggu penerapan.")
        return redirect("pengaturan:nomenklatur")
    return render(
        request,
        "pengaturan/nomenklatur_pratinjau.html",
        {
            "kabupaten": kabupaten,
            "versi": versi,
            "r": versi.ringkasan,
            "form": forms.NomenklaturTerapkanForm(initial={"sha256": versi.sha256}),
        },
    )


@login_required
@require_POST
def nomenklatur_terapkan(request):
    kabupaten = kabupaten_of(request.user)
    form = forms.NomenklaturTerapkanForm(request.POST)
    try:
        versi = services.terapkan(
            user=request.user, kabupaten=kabupaten, sha256=form.cleaned_data["sha256"] if form.is_valid() else ""
        )
    except NomenklaturDitolak as refused:
        messages.error(request, refused.message)
        return redirect(
            "pengaturan:nomenklatur_pratinjau" if services.tertunda(kabupaten) else "pengaturan:nomenklatur"
        )
    sampai = versi.berlaku_sampai or "seterusnya"
    messages.success(
        request,
        f"{versi.nama} berlaku untuk kecamatan di {kabupaten} tahun {versi.berlaku_mulai}–{sampai}.",
    )
    return redirect("pengaturan:nomenklatur")


@login_required
@require_POST
def nomenklatur_batalkan(request):
    kabupaten = kabupaten_of(request.user)
    try:
        services.batalkan(user=request.user, kabupaten=kabupaten)
    except NomenklaturDitolak as refused:
        messages.error(request, refused.message)
    else:
        messages.info(request, "Unggahan nomenklatur dibatalkan; nomenklatur yang berlaku tidak berubah.")
    return redirect("pengaturan:nomenklatur")
