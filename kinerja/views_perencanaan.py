"""Views of the year's setup: Perjanjian Kinerja (sasaran, indicators, establishing, PK Perubahan),
Rencana Aksi, and the budget (structure, plan, quarterly realisation). Thin: rules are in
kinerja/services/perencanaan.py and kinerja/services/anggaran.py.

The PK pages serve the Camat's PK (URLs without a position) and, with `jabatan_id`, the cascading PK of a
position (PK berjenjang, kinerja/berjenjang.py): the same views and services, parametrised by position.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja import berjenjang, selectors
from kinerja.forms import (
    IndikatorForm,
    KegiatanForm,
    PkIdentitasForm,
    ProgramForm,
    SasaranForm,
    SubKegiatanForm,
    SumberHitungForm,
    TetapkanPkForm,
)
from kinerja.models import Indikator, Kegiatan, PerjanjianKinerja, Program, Sasaran, SubKegiatan
from kinerja.services import KinerjaError
from kinerja.services import anggaran as anggaran_services
from kinerja.services import berjenjang as berjenjang_services
from kinerja.services import perencanaan as services
from kinerja.services import usulan as usulan_services
from kinerja.views import _kecamatan, _quarter
from renstra import services as renstra_services
from sakip import params, periode, permissions
from sakip.errors import ke_formulir
from sakip.formatting import format_angka
from sakip.models import Position

TW_LABELS = periode.ROMAWI


def _year(tahun: int) -> int:
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak dikenal.")
    return tahun


def _jabatan(kecamatan, jabatan_id: int | None) -> Position | None:
    """The position of a cascading PK named in the URL (None: the Camat's PK)."""
    if jabatan_id is None:
        return None
    jabatan = Position.objects.filter(pk=jabatan_id, kecamatan=kecamatan, role__in=list(berjenjang.ATASAN)).first()
    if jabatan is None:
        raise Http404("Jabatan tidak ditemukan.")
    return jabatan


def _pk_or_404(kecamatan, tahun: int, jabatan: Position | None = None) -> PerjanjianKinerja:
    pk = services.current_pk(kecamatan, tahun, jabatan)
    if pk is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    return pk


def _pk_url(kecamatan_id: int, tahun: int, jabatan: Position | None = None) -> str:
    if jabatan is not None:
        return reverse("kinerja:pk_jabatan", args=[kecamatan_id, tahun, jabatan.pk])
    return reverse("kinerja:pk", args=[kecamatan_id, tahun])


def _url(name: str, kecamatan_id: int, tahun: int, jabatan: Position | None, *args) -> str:
    if jabatan is not None:
        return reverse(f"kinerja:{name}_jabatan", args=[kecamatan_id, tahun, jabatan.pk, *args])
    return reverse(f"kinerja:{name}", args=[kecamatan_id, tahun, *args])


def _refused(request, error: KinerjaError) -> None:
    messages.error(request, error.message)
    for message in error.errors.values():
        if isinstance(message, str):
            messages.error(request, message)


def _pk_context(request, kecamatan_id: int, tahun: int, jabatan_id: int | None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    jabatan = _jabatan(kecamatan, jabatan_id)
    return kecamatan, tahun, jabatan, services.current_pk(kecamatan, tahun, jabatan)


def _pk_page(request, kecamatan, tahun: int, jabatan, current, *, identitas=None, tetapkan=None):
    """The PK page: read on a GET, shown again by an action whose form or service refused the input."""
    if identitas is None:
        identitas = PkIdentitasForm(
            initial={
                "pihak_kedua_nama": current.pihak_kedua_nama,
                "pihak_kedua_jabatan": current.pihak_kedua_jabatan,
                "tanggal": current.tanggal,
            }
            if current
            else None
        )
    if tetapkan is None:
        tetapkan = TetapkanPkForm()
    can_edit_role = permissions.user_can(request.user, "kinerja.edit_pk", kecamatan)
    is_draft = current is not None and current.status == PerjanjianKinerja.Status.DRAFT
    camat = jabatan is None
    return render(
        request,
        "kinerja/pk.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "jabatan": jabatan,
            "pk": current,
            "sasaran_list": selectors.pk_sasaran(current) if current else [],
            "revisions": list(selectors.pk_revisions(request.user, kecamatan, tahun, jabatan)),
            # The cascading PKs of the year, listed on the Camat's PK page.
            "berjenjang_list": selectors.pk_berjenjang_list(request.user, kecamatan, tahun) if camat else [],
            "camat_pk_ada": camat or services.current_pk(kecamatan, tahun) is not None,
            "identitas": identitas,
            "tetapkan_form": tetapkan,
            "can_create": current is None and can_edit_role,
            "can_copy": camat
            and current is None
            and can_edit_role
            and services.current_pk(kecamatan, tahun - 1) is not None,
            "can_prefill": camat
            and current is None
            and can_edit_role
            and renstra_services.established_renstra(kecamatan, tahun) is not None,
            "can_edit": is_draft and can_edit_role,
            "can_sign": is_draft and permissions.user_can_establish_pk(request.user, current),
            "can_revise": current is not None
            and current.status == PerjanjianKinerja.Status.DITANDATANGANI
            and can_edit_role,
            "may_upload": can_edit_role,
            # How an indicator is measured (computed from the app's records) may be declared on an established PK.
            "can_set_source": camat and current is not None and can_edit_role,
        },
        status=400 if tetapkan.errors else 200,
    )


@login_required
@require_safe
def pk(request, kecamatan_id: int, tahun: int, jabatan_id: int | None = None):
    kecamatan, tahun, jabatan, current = _pk_context(request, kecamatan_id, tahun, jabatan_id)
    return _pk_page(request, kecamatan, tahun, jabatan, current)


def _pk_create(request, kecamatan_id: int, tahun: int, jabatan_id: int | None, *, salin=False, dari_renstra=False):
    kecamatan, tahun, jabatan, current = _pk_context(request, kecamatan_id, tahun, jabatan_id)
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    try:
        services.pk_buat(
            user=request.user,
            kecamatan=kecamatan,
            tahun=tahun,
            salin_tahun_lalu=salin,
            dari_renstra=dari_renstra,
            jabatan=jabatan,
        )
    except KinerjaError as error:
        _refused(request, error)
        return _pk_page(request, kecamatan, tahun, jabatan, current)
    messages.success(request, f"Perjanjian Kinerja {tahun} dibuat sebagai draf.")
    return redirect(_pk_url(kecamatan.pk, tahun, jabatan))


@login_required
@require_POST
def pk_buat(request, kecamatan_id: int, tahun: int, jabatan_id: int | None = None):
    """An empty draft PK of the year (the Camat's, or with `jabatan_id` a position's cascading PK)."""
    return _pk_create(request, kecamatan_id, tahun, jabatan_id)


@login_required
@require_POST
def pk_salin(request, kecamatan_id: int, tahun: int):
    """The Camat's draft PK with last year's sasaran and indicators."""
    return _pk_create(request, kecamatan_id, tahun, None, salin=True)


@login_required
@require_POST
def pk_dari_renstra(request, kecamatan_id: int, tahun: int):
    """The Camat's draft PK pre-filled from the established Renstra covering the year."""
    return _pk_create(request, kecamatan_id, tahun, None, dari_renstra=True)


@login_required
@require_POST
def pk_identitas(request, kecamatan_id: int, tahun: int, jabatan_id: int | None = None):
    kecamatan, tahun, jabatan, current = _pk_context(request, kecamatan_id, tahun, jabatan_id)
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    if current is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    identitas = PkIdentitasForm(request.POST)
    if identitas.is_valid():
        try:
            services.pk_ubah_identitas(user=request.user, pk=current, **identitas.cleaned_data)
        except KinerjaError as error:
            _refused(request, error)
        else:
            messages.success(request, "Identitas Perjanjian Kinerja disimpan.")
            return redirect(_pk_url(kecamatan.pk, tahun, jabatan))
    return _pk_page(request, kecamatan, tahun, jabatan, current, identitas=identitas)


@login_required
@require_POST
def pk_tetapkan(request, kecamatan_id: int, tahun: int, jabatan_id: int | None = None):
    """Establishing the PK is a signature: the Camat's PK by the Camat, a cascading PK by the holder of its
    position (its pihak pertama), the password typed again."""
    kecamatan, tahun, jabatan, current = _pk_context(request, kecamatan_id, tahun, jabatan_id)
    if jabatan is None:
        permissions.check_user_can(request.user, "kinerja.sign_pk", kecamatan)
    if current is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    if jabatan is not None:
        permissions.check_user_can_establish_pk(request.user, current)
    tetapkan = TetapkanPkForm(request.POST)
    if tetapkan.is_valid():
        try:
            services.pk_tetapkan(user=request.user, pk=current, password=tetapkan.cleaned_data["password"])
        except KinerjaError as error:
            if "password" in error.errors:
                tetapkan.add_error("password", error.errors["password"])
            else:
                _refused(request, error)
        else:
            messages.success(request, "Perjanjian Kinerja ditetapkan.")
            return redirect(_pk_url(kecamatan.pk, tahun, jabatan))
    return _pk_page(request, kecamatan, tahun, jabatan, current, tetapkan=tetapkan)


@login_required
@require_POST
def pk_perubahan(request, kecamatan_id: int, tahun: int, jabatan_id: int | None = None):
    """A PK Perubahan (with its reason): a new draft; the established PK stays readable."""
    kecamatan, tahun, jabatan, current = _pk_context(request, kecamatan_id, tahun, jabatan_id)
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    if current is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    try:
        services.pk_perubahan(user=request.user, pk=current, alasan=request.POST.get("alasan", ""))
    except KinerjaError as error:
        _refused(request, error)
        return _pk_page(request, kecamatan, tahun, jabatan, current)
    messages.success(request, "PK Perubahan dibuat sebagai draf; PK sebelumnya tetap tersimpan.")
    return redirect(_pk_url(kecamatan.pk, tahun, jabatan))


def _form_page(request, *, kecamatan, tahun, title, form, back, hapus_url=None):
    return render(
        request,
        "kinerja/setup_form.html",
        {"kecamatan": kecamatan, "tahun": tahun, "title": title, "form": form, "back": back, "hapus_url": hapus_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sasaran_form(request, kecamatan_id: int, tahun: int, sasaran_id: int | None = None, jabatan_id=None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    jabatan = _jabatan(kecamatan, jabatan_id)
    current = _pk_or_404(kecamatan, _year(tahun), jabatan)
    sasaran = None
    if sasaran_id is not None:
        sasaran = permissions.get_visible_or_404(
            request.user, Sasaran.objects.filter(perjanjian=current), pk=sasaran_id
        )
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    form = SasaranForm(request.POST or None, initial={"uraian": sasaran.uraian} if sasaran else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sasaran_simpan(user=request.user, pk=current, uraian=form.cleaned_data["uraian"], sasaran=sasaran)
        except KinerjaError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, "Sasaran disimpan.")
            return redirect(_pk_url(kecamatan.pk, tahun, jabatan))
    return _form_page(
        request,
        kecamatan=kecamatan,
        tahun=tahun,
        title=("Ubah sasaran" if sasaran else "Tambah sasaran") + (f" — PK {jabatan}" if jabatan else ""),
        form=form,
        back=_pk_url(kecamatan.pk, tahun, jabatan),
        hapus_url=_url("sasaran_hapus", kecamatan.pk, tahun, jabatan, sasaran.pk) if sasaran else None,
    )


@login_required
@require_POST
def sasaran_hapus(request, kecamatan_id: int, tahun: int, sasaran_id: int, jabatan_id=None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    jabatan = _jabatan(kecamatan, jabatan_id)
    current = _pk_or_404(kecamatan, _year(tahun), jabatan)
    sasaran = permissions.get_visible_or_404(request.user, Sasaran.objects.filter(perjanjian=current), pk=sasaran_id)
    try:
        services.sasaran_hapus(user=request.user, sasaran=sasaran)
    except KinerjaError as error:
        _refused(request, error)
    else:
        messages.success(request, "Sasaran dihapus.")
    return redirect(_pk_url(kecamatan.pk, tahun, jabatan))


@login_required
@require_http_methods(["GET", "POST"])
def indikator_form(
    request, kecamatan_id: int, tahun: int, sasaran_id: int | None = None, indikator_id=None, jabatan_id=None
):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    jabatan = _jabatan(kecamatan, jabatan_id)
    current = _pk_or_404(kecamatan, _year(tahun), jabatan)
    indikator = None
    if indikator_id is not None:
        indikator = permissions.get_visible_or_404(
            request.user,
            Indikator.objects.filter(sasaran__perjanjian=current).select_related("sasaran"),
            pk=indikator_id,
        )
        sasaran = indikator.sasaran
    else:
        sasaran = permissions.get_visible_or_404(
            request.user, Sasaran.objects.filter(perjanjian=current), pk=sasaran_id
        )
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    form = IndikatorForm(
        request.POST or None,
        instance=indikator,
        kecamatan=kecamatan,
        tahun=tahun,
        berjenjang=jabatan is not None,
        # A cascading PK's indicator is answered for by its own position unless chosen otherwise.
        initial={"penanggung_jawab": jabatan} if jabatan is not None and indikator is None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indikator_simpan(user=request.user, sasaran=sasaran, data=form.cleaned_data, indikator=indikator)
        except KinerjaError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, "Indikator disimpan.")
            return redirect(_pk_url(kecamatan.pk, tahun, jabatan))
    return _form_page(
        request,
        kecamatan=kecamatan,
        tahun=tahun,
        title=f"{'Ubah' if indikator else 'Tambah'} indikator — sasaran {sasaran.urutan}. {sasaran.uraian}",
        form=form,
        back=_pk_url(kecamatan.pk, tahun, jabatan),
        hapus_url=_url("indikator_hapus", kecamatan.pk, tahun, jabatan, indikator.pk) if indikator else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sumber_data(request, kecamatan_id: int, tahun: int, indikator_id: int):
    """Declare whether the app computes an indicator's realisation, and from which SOPs or services."""
    kecamatan = _kecamatan(request.user, kecamatan_id)
    current = _pk_or_404(kecamatan, _year(tahun))
    indikator = permissions.get_visible_or_404(
        request.user,
        Indikator.objects.filter(sasaran__perjanjian=current).select_related("sasaran__perjanjian"),
        pk=indikator_id,
    )
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    stored = usulan_services.sumber_dari(indikator)
    sop_choices, layanan_choices = selectors.pilihan_sumber(request.user, kecamatan)
    initial = (
        {
            "jenis": stored.jenis,
            "sop": [s.pk for s in stored.sop.all()],
            "layanan": [s.pk for s in stored.layanan.all()],
        }
        if stored
        else {"jenis": ""}
    )
    initial["hitung_dari_pendukung"] = indikator.hitung_dari_pendukung
    form = SumberHitungForm(
        request.POST or None, initial=initial, sop_choices=sop_choices, layanan_choices=layanan_choices
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cara = data["hitung_dari_pendukung"]
        try:
            # One source at a time: the one withdrawn first (the form refuses both at once).
            if not cara:
                berjenjang_services.hitung_pendukung_simpan(user=request.user, indikator=indikator, cara="")
            usulan_services.sumber_hitung_simpan(
                user=request.user,
                indikator=indikator,
                jenis=data["jenis"],
                sop_ids=data["sop"],
                layanan_ids=data["layanan"],
            )
            if cara:
                berjenjang_services.hitung_pendukung_simpan(user=request.user, indikator=indikator, cara=cara)
        except KinerjaError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, "Sumber perhitungan indikator disimpan.")
            return redirect(_pk_url(kecamatan.pk, tahun))
    return _form_page(
        request,
        kecamatan=kecamatan,
        tahun=tahun,
        title=f"Sumber perhitungan realisasi — {indikator.uraian}",
        form=form,
        back=_pk_url(kecamatan.pk, tahun),
    )


@login_required
@require_POST
def indikator_hapus(request, kecamatan_id: int, tahun: int, indikator_id: int, jabatan_id=None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    jabatan = _jabatan(kecamatan, jabatan_id)
    current = _pk_or_404(kecamatan, _year(tahun), jabatan)
    indikator = permissions.get_visible_or_404(
        request.user, Indikator.objects.filter(sasaran__perjanjian=current), pk=indikator_id
    )
    try:
        services.indikator_hapus(user=request.user, indikator=indikator)
    except KinerjaError as error:
        _refused(request, error)
    else:
        messages.success(request, "Indikator dihapus.")
    return redirect(_pk_url(kecamatan.pk, tahun, jabatan))


def _rencana_rows(sasaran_list, typed: dict, errors: dict) -> list[dict]:
    rows = []
    for sasaran in sasaran_list:
        for ind in sasaran.indikator.all():
            stored = {ra.triwulan: ra for ra in ind.rencana_aksi.all()}
            entry = typed.get(ind.pk)
            cells = []
            for tw in (1, 2, 3, 4):
                ra = stored.get(tw)
                if entry is not None:
                    target, kegiatan = entry.targets[tw - 1], entry.kegiatan[tw - 1]
                elif ra is None:
                    target, kegiatan = "", ""
                else:
                    shown = ra.target_level.label if ra.target_level_id else ra.target
                    target = "" if shown is None else (shown if isinstance(shown, str) else format_angka(shown))
                    kegiatan = ra.rencana_kegiatan
                cells.append(
                    {
                        "tw": tw,
                        "label": TW_LABELS[tw - 1],
                        "target": target,
                        "kegiatan": kegiatan,
                        "error": errors.get(ind.pk, {}).get(f"target-{tw}", "")
                        or errors.get(ind.pk, {}).get(f"kegiatan-{tw}", ""),
                    }
                )
            rows.append(
                {
                    "sasaran": sasaran,
                    "indikator": ind,
                    "cells": cells,
                    "alasan": entry.alasan if entry is not None else ind.alasan_target_triwulan,
                    "alasan_error": errors.get(ind.pk, {}).get("alasan", ""),
                    "levels": [lv.label for lv in ind.skala.levels.all()] if ind.skala_id else [],
                }
            )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def rencana_aksi(request, kecamatan_id: int, tahun: int, jabatan_id=None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    jabatan = _jabatan(kecamatan, jabatan_id)
    current = _pk_or_404(kecamatan, _year(tahun), jabatan)
    sasaran_list = selectors.pk_sasaran(current)
    typed, errors = {}, {}
    if request.method == "POST":
        entries = [
            services.RencanaEntri(
                indikator_id=ind.pk,
                targets=tuple(request.POST.get(f"target-{ind.pk}-{tw}", "") for tw in (1, 2, 3, 4)),
                kegiatan=tuple(request.POST.get(f"kegiatan-{ind.pk}-{tw}", "") for tw in (1, 2, 3, 4)),
                alasan=request.POST.get(f"alasan-{ind.pk}", ""),
            )
            for sasaran in sasaran_list
            for ind in sasaran.indikator.all()
        ]
        try:
            saved = services.rencana_aksi_simpan(user=request.user, pk=current, entries=entries)
        except KinerjaError as error:
            messages.error(request, error.message)
            typed, errors = {e.indikator_id: e for e in entries}, error.errors
        else:
            messages.success(request, f"Rencana Aksi disimpan ({saved} indikator).")
            return redirect(request.path)
    editable = current.status == PerjanjianKinerja.Status.DRAFT and permissions.user_can(
        request.user, "kinerja.edit_pk", kecamatan
    )
    return render(
        request,
        "kinerja/rencana_aksi.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "jabatan": jabatan,
            "pk": current,
            "rows": _rencana_rows(sasaran_list, typed, errors),
            "editable": editable,
            "may_upload": permissions.user_can(request.user, "kinerja.edit_pk", kecamatan),
        },
    )


# --- Budget ---

ANGGARAN_KINDS = {
    "program": (Program, ProgramForm, "program"),
    "kegiatan": (Kegiatan, KegiatanForm, "kegiatan"),
    "sub": (SubKegiatan, SubKegiatanForm, "sub kegiatan"),
}


def _anggaran_url(kecamatan_id: int, tahun: int) -> str:
    return reverse("kinerja:anggaran", args=[kecamatan_id, tahun])


@login_required
@require_safe
def anggaran(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    programs = selectors.anggaran_tree(request.user, kecamatan, tahun)
    return render(
        request,
        "kinerja/anggaran.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "programs": programs,
            "rows": selectors.anggaran_rows(programs),
            "can_edit": permissions.user_can(request.user, "kinerja.edit_anggaran", kecamatan),
            "may_upload": permissions.user_can(request.user, "kinerja.edit_pk", kecamatan),
            "triwulan_list": [(tw, TW_LABELS[tw - 1]) for tw in (1, 2, 3, 4)],
        },
    )


def _anggaran_object(user, kecamatan, tahun, jenis, pk):
    model = ANGGARAN_KINDS[jenis][0]
    year_filter = {"program": "tahun", "kegiatan": "program__tahun", "sub": "kegiatan__program__tahun"}[jenis]
    return permissions.get_visible_or_404(
        user, model.objects.filter(kecamatan=kecamatan, **{year_filter: tahun}), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_form(request, kecamatan_id: int, tahun: int, jenis: str, pk: int | None = None):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    if jenis not in ANGGARAN_KINDS:
        raise Http404("Jenis tidak dikenal.")
    permissions.check_user_can(request.user, "kinerja.edit_anggaran", kecamatan)
    _model, form_class, label = ANGGARAN_KINDS[jenis]
    obj = _anggaran_object(request.user, kecamatan, tahun, jenis, pk) if pk is not None else None
    parent = None
    if obj is None and jenis != "program":
        parent_kind = "program" if jenis == "kegiatan" else "kegiatan"
        parent_id = params.id_or_none(request.GET.get("induk"))
        if parent_id is None:
            raise Http404("Induk tidak dikenal.")
        parent = _anggaran_object(request.user, kecamatan, tahun, parent_kind, parent_id)
    kwargs = {"instance": obj}
    if jenis == "sub":
        kwargs["indikator_queryset"] = (
            Indikator.objects.milik_camat()
            .filter(kecamatan=kecamatan, tahun=tahun)
            .exclude(sasaran__perjanjian__status=PerjanjianKinerja.Status.DIGANTIKAN)
        )
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if jenis == "program":
                anggaran_services.program_simpan(
                    user=request.user,
                    kecamatan=kecamatan,
                    tahun=tahun,
                    kode=data["kode"],
                    nama=data["nama"],
                    program=obj,
                )
            elif jenis == "kegiatan":
                anggaran_services.kegiatan_simpan(
                    user=request.user, program=parent or obj.program, kode=data["kode"], nama=data["nama"], kegiatan=obj
                )
            else:
                anggaran_services.sub_kegiatan_simpan(
                    user=request.user, kegiatan=parent or obj.kegiatan, data=data, sub=obj
                )
        except KinerjaError as error:
            ke_formulir(form, error)
        else:
            messages.success(request, f"Data {label} disimpan.")
            return redirect(_anggaran_url(kecamatan.pk, tahun))
    return _form_page(
        request,
        kecamatan=kecamatan,
        tahun=tahun,
        title=f"{'Ubah' if obj else 'Tambah'} {label}" + (f" — {parent}" if parent else ""),
        form=form,
        back=_anggaran_url(kecamatan.pk, tahun),
        hapus_url=reverse("kinerja:anggaran_hapus", args=[kecamatan.pk, tahun, jenis, obj.pk]) if obj else None,
    )


@login_required
@require_POST
def anggaran_hapus(request, kecamatan_id: int, tahun: int, jenis: str, pk: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    if jenis not in ANGGARAN_KINDS:
        raise Http404("Jenis tidak dikenal.")
    obj = _anggaran_object(request.user, kecamatan, tahun, jenis, pk)
    try:
        anggaran_services.hapus(user=request.user, obj=obj)
    except KinerjaError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{obj} dihapus.")
    return redirect(_anggaran_url(kecamatan.pk, tahun))


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_realisasi(request, kecamatan_id: int, tahun: int, triwulan: int):
    quarter = _quarter(request.user, kecamatan_id, tahun, triwulan)
    programs = selectors.anggaran_tree(request.user, quarter.kecamatan, tahun)
    rows = selectors.anggaran_rows(programs)
    typed, errors = {}, {}
    if request.method == "POST":
        if not permissions.user_can(request.user, "kinerja.edit_anggaran", quarter):
            raise PermissionDenied("Anda tidak berwenang mengisi realisasi anggaran.")
        entries = [
            anggaran_services.RealisasiAnggaran(row.sub.pk, request.POST.get(f"realisasi-{row.sub.pk}", ""))
            for row in rows
            if f"realisasi-{row.sub.pk}" in request.POST
        ]
        try:
            changed = anggaran_services.realisasi_anggaran_simpan(user=request.user, quarter=quarter, entries=entries)
        except KinerjaError as error:
            messages.error(request, error.message)
            typed, errors = {e.sub_kegiatan_id: e.nilai for e in entries}, error.errors
        else:
            messages.success(request, f"Realisasi anggaran tersimpan ({changed} sub kegiatan berubah).")
            return redirect(request.path)
    for row in rows:
        row.select_quarter(quarter.triwulan, typed.get(row.sub.pk), errors.get(row.sub.pk, ""))
    return render(
        request,
        "kinerja/anggaran_realisasi.html",
        {
            "quarter": quarter,
            "rows": rows,
            "editable": quarter.status == quarter.Status.DRAFT
            and permissions.user_can(request.user, "kinerja.edit_anggaran", quarter),
        },
    )
