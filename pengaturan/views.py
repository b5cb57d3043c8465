"""Pengaturan Kabupaten: the kabupaten administrator's pages. Thin: parse the form, call a service of
pengaturan.services (which checks permission and scope again), render. Objects named in a URL are
fetched by `selectors.administered_or_404` (another kabupaten's object is a 404)."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pengaturan import forms, selectors, services
from pengaturan.services import PengaturanError
from sakip import params, permissions, sso
from sakip.models import Delegation, Pegawai, PemberianKuasa, Position, Unit
from sop import selectors as sop_selectors
from workflow.models import HariLibur

GET_POST = require_http_methods(["GET", "POST"])


def _kabupaten(request) -> Unit:
    return selectors.kabupaten_of(request.user)


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("kabupaten", _kabupaten(request))
    return render(request, template, context, status=status)


def _form_page(request, *, title: str, form, back: str, breadcrumb: str, extra: dict | None = None):
    context = {"title": title, "form": form, "back": back, "breadcrumb": breadcrumb}
    context.update(extra or {})
    return _render(request, "pengaturan/form.html", context)


@login_required
@require_safe
def index(request):
    kabupaten = _kabupaten(request)
    return _render(request, "pengaturan/index.html", {"kecamatan_list": selectors.kecamatan_of(kabupaten)})


# --- 1. identity -----------------------------------------------------------------------------------------
@login_required
@GET_POST
def identitas(request, kecamatan_id: int):
    unit = selectors.administered_or_404(
        request.user,
        Unit.objects.filter(jenis__in=[Unit.Kind.KECAMATAN, Unit.Kind.KABUPATEN]),
        kabupaten_q=selectors.units_q,
        visible=selectors.visible_units(request.user),
        pk=kecamatan_id,
    )
    permissions.check_user_can_administer_kabupaten(request.user, unit)
    if request.method == "POST":
        form = forms.IdentitasForm(request.POST, request.FILES, unit=unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.kecamatan_identitas_simpan(
                    user=request.user,
                    kecamatan=unit,
                    data={k: data[k] for k in services.IDENTITAS_FIELDS if k in data},
                    lambang=data.get("lambang"),
                    hapus_lambang=data.get("hapus_lambang", False),
                )
            except PengaturanError as error:
                form.apply_errors(error)
            else:
                messages.success(request, f"Identitas {unit} disimpan.")
                return redirect("pengaturan:identitas", kecamatan_id=unit.pk)
    else:
        form = forms.IdentitasForm(initial={k: getattr(unit, k) for k in services.IDENTITAS_FIELDS}, unit=unit)
    return _form_page(
        request,
        title=f"Identitas {unit}",
        form=form,
        back=_url("pengaturan:index"),
        breadcrumb="Identitas",
        extra={"unit": unit, "multipart": True, "lambang": unit.lambang_data_uri},
    )


def _url(name, *args):
    return reverse(name, args=args)


# --- 2. units and positions ------------------------------------------------------------------------------
@login_required
@GET_POST
def units(request):
    kabupaten = _kabupaten(request)
    form = forms.UnitForm(request.POST or None, kabupaten=kabupaten)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_buat(user=request.user, parent=data["parent"], jenis=data["jenis"], nama=data["nama"])
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, f'Unit "{unit.nama}" dibuat.')
            return redirect("pengaturan:units")
    return _render(request, "pengaturan/units.html", {"groups": selectors.unit_tree(kabupaten), "form": form})


@login_required
@GET_POST
def unit_ubah(request, pk: int):
    unit = selectors.administered_or_404(
        request.user,
        Unit.objects.all(),
        kabupaten_q=selectors.units_q,
        visible=selectors.visible_units(request.user),
        pk=pk,
    )
    permissions.check_user_can_administer_kabupaten(request.user, unit)
    form = forms.UnitUbahForm(request.POST or None, initial={"nama": unit.nama})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_ubah(user=request.user, unit=unit, nama=form.cleaned_data["nama"])
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Nama unit disimpan.")
            return redirect("pengaturan:units")
    return _form_page(
        request,
        title=f"Ubah unit: {unit.nama}",
        form=form,
        back=_url("pengaturan:units"),
        breadcrumb="Unit dan jabatan",
    )


@login_required
@GET_POST
def jabatan(request):
    kabupaten = _kabupaten(request)
    initial = {}
    if (unit := params.id_or_none(request.GET.get("unit"))) is not None:
        initial["unit"] = unit
    form = forms.JabatanForm(request.POST or None, initial=initial, kabupaten=kabupaten)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            position = services.jabatan_buat(user=request.user, unit=data["unit"], nama=data["nama"], role=data["role"])
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, f'Jabatan "{position.nama}" dibuat.')
            return redirect("pengaturan:units")
    return _form_page(
        request, title="Tambah jabatan", form=form, back=_url("pengaturan:units"), breadcrumb="Unit dan jabatan"
    )


def _position(request, pk: int) -> Position:
    return selectors.administered_or_404(
        request.user,
        Position.objects.select_related("unit"),
        kabupaten_q=selectors.positions_q,
        visible=permissions.scope(request.user, Position.objects.all()),
        pk=pk,
    )


@login_required
@GET_POST
def jabatan_ubah(request, pk: int):
    position = _position(request, pk)
    permissions.check_user_can_administer_kabupaten(request.user, position)
    form = forms.JabatanUbahForm(request.POST or None, initial={"nama": position.nama, "role": position.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.jabatan_ubah(
                user=request.user, position=position, nama=form.cleaned_data["nama"], role=form.cleaned_data["role"]
            )
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Jabatan disimpan.")
            return redirect("pengaturan:units")
    return _form_page(
        request,
        title=f"Ubah jabatan: {position.nama}",
        form=form,
        back=_url("pengaturan:units"),
        breadcrumb="Unit dan jabatan",
        extra={"keterangan": f"Unit: {position.unit}"},
    )


# --- 3. people -------------------------------------------------------------------------------------------
@login_required
@require_safe
def pegawai(request):
    kabupaten = _kabupaten(request)
    q = request.GET.get("q", "").strip()[:100]
    kecamatan = request.GET.get("kecamatan", "")
    status = request.GET.get("status", "")
    rows = selectors.people_of(kabupaten, q=q, kecamatan_id=kecamatan, status=status)
    return _render(
        request,
        "pengaturan/pegawai.html",
        {
            "rows": rows,
            "q": q,
            "kecamatan": kecamatan,
            "status": status,
            "kecamatan_list": selectors.kecamatan_of(kabupaten),
        },
    )


def _menunggu(request, permintaan):
    """A grant of a signing or evaluating power was asked for: it waits for a second person."""
    messages.warning(
        request,
        f"{permintaan.get_jenis_display()} ({permintaan.jabatan.nama}) dicatat dan menunggu persetujuan "
        "administrator kabupaten lain atau operator; kuasa berlaku setelah disetujui.",
    )
    return redirect("pengaturan:kuasa")


def _show_password(request, person: Pegawai, password: str, *, baru: bool):
    response = _render(request, "pengaturan/kata_sandi.html", {"person": person, "password": password, "baru": baru})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
@GET_POST
def pegawai_tambah(request):
    kabupaten = _kabupaten(request)
    form = forms.PegawaiForm(request.POST or None, kabupaten=kabupaten, create=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            akun = services.pegawai_buat(
                user=request.user,
                username=data["username"],
                jabatan=data["jabatan"],
                data={k: data.get(k) for k in services.PEGAWAI_FIELDS},
            )
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            if akun.pegawai is None:
                return _menunggu(request, akun.permintaan)
            return _show_password(request, akun.pegawai, akun.kata_sandi, baru=True)
    return _form_page(
        request,
        title="Tambah pegawai",
        form=form,
        back=_url("pengaturan:pegawai"),
        breadcrumb="Pegawai",
        extra={
            "keterangan": "Akun dibuat dengan kata sandi sementara yang ditampilkan sekali; "
            "pegawai wajib menggantinya saat pertama kali masuk."
        },
    )


def _person(request, pk: int) -> Pegawai:
    return selectors.administered_or_404(
        request.user,
        # Operators (superusers, staff) are managed by operators: not even visible here.
        Pegawai.objects.filter(is_superuser=False, is_staff=False).select_related("jabatan__unit"),
        kabupaten_q=selectors.people_q,
        visible=permissions.scope(request.user, Pegawai.objects.all(), "jabatan__kecamatan"),
        pk=pk,
    )


@login_required
@GET_POST
def pegawai_ubah(request, pk: int):
    person = _person(request, pk)
    permissions.check_user_can_administer_kabupaten(request.user, person.jabatan)
    kabupaten = _kabupaten(request)
    initial = {k: getattr(person, k) for k in services.PEGAWAI_FIELDS}
    initial["nip"] = person.nip_cetak
    initial["nik"] = ""  # never shown whole (sakip/nik.py): the placeholder shows it masked
    initial["jabatan"] = person.jabatan_id
    form = forms.PegawaiForm(
        request.POST or None, initial=initial, kabupaten=kabupaten, create=False, nik_tercatat=person.nik_samar
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.pegawai_ubah(
                user=request.user,
                pegawai=person,
                jabatan=data["jabatan"],
                data={k: data.get(k) for k in (*services.PEGAWAI_FIELDS, "hapus_nik")},
            )
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, f"Data {person.nama} disimpan.")
            permintaan = changed.permintaan_kuasa
            if permintaan is not None and permintaan.status == permintaan.Status.MENUNGGU:
                return _menunggu(request, permintaan)
            return redirect("pengaturan:pegawai_ubah", pk=person.pk)
    return _render(
        request,
        "pengaturan/pegawai_ubah.html",
        {
            "person": person,
            "form": form,
            "delegations": person.delegations.select_related("position").order_by("-mulai")[:20],
            "sendiri": person.pk == request.user.pk,
        },
    )


@login_required
@require_POST
def pegawai_status(request, pk: int):
    person = _person(request, pk)
    aktif = request.POST.get("aktif") == "1"
    try:
        services.pegawai_atur_aktif(user=request.user, pegawai=person, aktif=aktif)
    except PengaturanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Akun {person.nama} {'diaktifkan kembali' if aktif else 'dinonaktifkan'}.")
    return redirect("pengaturan:pegawai_ubah", pk=person.pk)


@login_required
@never_cache
@require_POST
def pegawai_sandi(request, pk: int):
    person = _person(request, pk)
    try:
        akun = services.pegawai_reset_sandi(user=request.user, pegawai=person)
    except PengaturanError as error:
        messages.error(request, error.message)
        return redirect("pengaturan:pegawai_ubah", pk=person.pk)
    if not akun.kata_sandi:
        return _menunggu(request, akun.permintaan)
    return _show_password(request, person, akun.kata_sandi, baru=False)


# --- 4. Plt./Plh. ----------------------------------------------------------------------------------------
@login_required
@GET_POST
def delegasi(request):
    kabupaten = _kabupaten(request)
    form = forms.DelegasiForm(request.POST or None, kabupaten=kabupaten)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hasil = services.delegasi_buat(
                user=request.user,
                position=data["position"],
                pegawai=data["pegawai"],
                data={k: data[k] for k in services.DELEGASI_FIELDS},
            )
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            if hasil.delegasi is None:
                return _menunggu(request, hasil.permintaan)
            delegation = hasil.delegasi
            messages.success(
                request,
                f"{delegation.gelar_tanda_tangan}: {delegation.pegawai} "
                f"({delegation.mulai:%d-%m-%Y} s.d. {delegation.selesai:%d-%m-%Y}) ditetapkan.",
            )
            return redirect("pengaturan:delegasi")
    return _render(request, "pengaturan/delegasi.html", {"rows": selectors.delegations_of(kabupaten), "form": form})


def _delegation(request, pk: int) -> Delegation:
    return selectors.administered_or_404(
        request.user,
        Delegation.objects.select_related("position__unit", "pegawai"),
        kabupaten_q=selectors.delegations_q,
        visible=permissions.scope(request.user, Delegation.objects.all(), "position__kecamatan"),
        pk=pk,
    )


@login_required
@GET_POST
def delegasi_ubah(request, pk: int):
    delegation = _delegation(request, pk)
    permissions.check_user_can_administer_kabupaten(request.user, delegation.position)
    initial = {k: getattr(delegation, k) for k in services.DELEGASI_FIELDS}
    form = forms.DelegasiForm(request.POST or None, initial=initial, kabupaten=_kabupaten(request), create=False)
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.delegasi_ubah(
                user=request.user,
                delegation=delegation,
                data={k: form.cleaned_data[k] for k in services.DELEGASI_FIELDS},
            )
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            if hasil.permintaan is not None and hasil.permintaan.status == hasil.permintaan.Status.MENUNGGU:
                return _menunggu(request, hasil.permintaan)
            messages.success(request, "Pelaksana tugas/harian disimpan.")
            return redirect("pengaturan:delegasi")
    return _form_page(
        request,
        title=f"Ubah {delegation.get_jenis_display()}",
        form=form,
        back=_url("pengaturan:delegasi"),
        breadcrumb="Plt./Plh.",
        extra={
            "keterangan": f"{delegation.pegawai} mewakili {delegation.position.nama}.",
            "hapus_url": _url("pengaturan:delegasi_hapus", delegation.pk),
        },
    )


@login_required
@require_POST
def delegasi_hapus(request, pk: int):
    delegation = _delegation(request, pk)
    services.delegasi_hapus(user=request.user, delegation=delegation)
    messages.success(request, "Pelaksana tugas/harian dihapus.")
    return redirect("pengaturan:delegasi")


# --- 4b. grants of signing and evaluating powers -----------------------------------------------------------
@login_required
@require_safe
def kuasa(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    rows = selectors.kuasa_of(kabupaten)
    for row in rows:
        row.boleh_setujui = row.status == row.Status.MENUNGGU and request.user.pk not in (
            row.diminta_oleh_id,
            row.pegawai_id,
        )
        row.boleh_tolak = row.status == row.Status.MENUNGGU
    return _render(request, "pengaturan/kuasa.html", {"rows": rows, "tolak_form": forms.TolakKuasaForm()})


def _permintaan(request, pk: int) -> PemberianKuasa:
    return selectors.administered_or_404(
        request.user,
        PemberianKuasa.objects.select_related("jabatan", "pegawai"),
        kabupaten_q=lambda ids: Q(kabupaten__in=ids),
        visible=permissions.scope(request.user, PemberianKuasa.objects.all(), "jabatan__kecamatan"),
        pk=pk,
    )


@login_required
@never_cache
@require_POST
def kuasa_setujui(request, pk: int):
    permintaan = _permintaan(request, pk)
    try:
        permintaan = services.kuasa_setujui(user=request.user, permintaan=permintaan)
    except PengaturanError as error:
        messages.error(request, error.message)
        return redirect("pengaturan:kuasa")
    if permintaan.kata_sandi:
        # Only the confirming person sees the temporary password, once.
        return _show_password(
            request, permintaan.pegawai, permintaan.kata_sandi, baru=permintaan.jenis == permintaan.Jenis.AKUN_BARU
        )
    messages.success(request, f"{permintaan.get_jenis_display()} ({permintaan.jabatan.nama}) disetujui dan diterapkan.")
    return redirect("pengaturan:kuasa")


@login_required
@require_POST
def kuasa_tolak(request, pk: int):
    permintaan = _permintaan(request, pk)
    form = forms.TolakKuasaForm(request.POST)
    try:
        if not form.is_valid():
            raise PengaturanError("Alasan penolakan wajib diisi.", {"alasan": "Alasan penolakan wajib diisi."})
        services.kuasa_tolak(user=request.user, permintaan=permintaan, alasan=form.cleaned_data["alasan"])
    except PengaturanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{permintaan.get_jenis_display()} ({permintaan.jabatan.nama}) ditolak.")
    return redirect("pengaturan:kuasa")


# --- 5. working calendar ---------------------------------------------------------------------------------
def _tahun(request) -> int:
    year = params.year_or_none(request.GET.get("tahun")) or timezone.localdate().year
    return min(max(year, 2000), 2100)


def _kalender_page(request, kabupaten, *, jam_form=None, libur_form=None, status: int = 200):
    """The working calendar: read on a GET, shown again with the typed input (400) by an act that refused it."""
    data = selectors.calendar_of(kabupaten, _tahun(request))
    if jam_form is None:
        initial = {}
        for day in data["hari"]:
            initial[f"hari_{day['no']}_masuk"] = day["masuk"] or None
            initial[f"hari_{day['no']}_pulang"] = day["pulang"] or None
        jam_form = forms.JamKerjaForm(initial=initial)
    libur_form = libur_form or forms.LiburForm(prefix="libur")
    context = {"cal": data, "jam_form": jam_form, "libur_form": libur_form}
    return _render(request, "pengaturan/kalender.html", context, status=status)


@login_required
@require_safe
def kalender(request):
    """Office hours and the kabupaten's regional holidays of a year; each change has its own URL below."""
    return _kalender_page(request, _kabupaten(request))


def _kalender_kembali(tahun: int):
    return redirect(f"{_url('pengaturan:kalender')}?tahun={tahun}")


@login_required
@require_POST
def kalender_jam(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    jam_form = forms.JamKerjaForm(request.POST)
    if jam_form.is_valid():
        try:
            services.kalender_jam_simpan(user=request.user, kabupaten=kabupaten, jam_kerja=jam_form.jam_kerja())
        except PengaturanError as error:
            jam_form.apply_errors(error)
        else:
            messages.success(request, "Jam kerja disimpan.")
            return _kalender_kembali(_tahun(request))
    return _kalender_page(request, kabupaten, jam_form=jam_form, status=400)


@login_required
@require_POST
def kalender_libur(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    libur_form = forms.LiburForm(request.POST, prefix="libur")
    if libur_form.is_valid():
        try:
            libur = services.libur_tambah(
                user=request.user,
                kabupaten=kabupaten,
                tanggal=libur_form.cleaned_data["tanggal"],
                nama=libur_form.cleaned_data["nama"],
            )
        except PengaturanError as error:
            libur_form.apply_errors(error)
        else:
            messages.success(request, f"Hari libur {libur.tanggal:%d-%m-%Y} ({libur.nama}) ditambahkan.")
            return _kalender_kembali(libur.tanggal.year)
    return _kalender_page(request, kabupaten, libur_form=libur_form, status=400)


@login_required
@require_POST
def kalender_libur_hapus(request, pk: int):
    # Only a holiday of a kabupaten the user administers is found; the service checks again.
    libur = selectors.administered_or_404(
        request.user, HariLibur.objects.select_related("kalender"), kabupaten_q=selectors.holidays_q, pk=pk
    )
    services.libur_hapus(user=request.user, libur=libur)
    messages.success(request, f"Hari libur {libur.tanggal:%d-%m-%Y} dihapus.")
    return _kalender_kembali(libur.tanggal.year)


# --- 6. predikat bands -----------------------------------------------------------------------------------
def _predikat_page(request, kabupaten, form=None, *, status: int = 200):
    """The predikat bands: read on a GET, shown again with the typed bands (400) when saving refused them."""
    bands, own = selectors.bands_of(kabupaten)
    if form is None:
        initial = {}
        for i, (lower, label) in enumerate(bands[: forms.PREDIKAT_ROWS]):
            initial[f"batas_{i}"] = lower
            initial[f"predikat_{i}"] = label
        form = forms.PredikatForm(initial=initial)
    return _render(request, "pengaturan/predikat.html", {"form": form, "own": own, "bands": bands}, status=status)


@login_required
@require_safe
def predikat(request):
    """The kabupaten's predikat bands; saving them and going back to the defaults have their own URLs below."""
    return _predikat_page(request, _kabupaten(request))


@login_required
@require_POST
def predikat_simpan(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    form = forms.PredikatForm(request.POST)
    if form.is_valid():
        try:
            services.predikat_simpan(user=request.user, kabupaten=kabupaten, bands=form.bands())
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Kriteria predikat disimpan.")
            return redirect("pengaturan:predikat")
    return _predikat_page(request, kabupaten, form, status=400)


@login_required
@require_POST
def predikat_bawaan(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    services.predikat_kembalikan_bawaan(user=request.user, kabupaten=kabupaten)
    messages.success(request, "Kriteria predikat dikembalikan ke ketentuan bawaan (Permendagri 86/2017).")
    return redirect("pengaturan:predikat")


# --- 7. shared SOP templates -----------------------------------------------------------------------------
@login_required
@require_safe
def templat_sop(request):
    _kabupaten(request)
    rows = sop_selectors.library(request.user, kecamatan_id="templat")
    for row in rows:
        row.may_edit = permissions.user_can(request.user, "sop.edit", row.sop)
    return _render(request, "pengaturan/templat_sop.html", {"rows": rows})


# --- 8. two-step sign-in ---------------------------------------------------------------------------------
def _wajib_page(
    request,
    *,
    field: str,
    atur,
    nama: str,
    form_class,
    template: str,
    url: str,
    context,
    pesan: tuple[str, str] = ("diwajibkan", "tidak lagi diwajibkan"),
):
    """A page that switches one of the kabupaten's requirements on or off (two-step sign-in, Reviu LKIP)."""
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    form = form_class(request.POST or None, initial={"wajib": getattr(kabupaten, field)})
    if request.method == "POST" and form.is_valid():
        try:
            unit = atur(user=request.user, kabupaten=kabupaten, wajib=form.cleaned_data["wajib"])
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, f"{nama} {pesan[0] if getattr(unit, field) else pesan[1]}.")
            return redirect(url)
    return _render(request, template, {"form": form, **context(kabupaten)})


@login_required
@GET_POST
def dua_langkah(request):
    return _wajib_page(
        request,
        field="wajib_dua_langkah",
        atur=services.dua_langkah_atur,
        nama="Verifikasi dua langkah",
        form_class=forms.DuaLangkahForm,
        template="pengaturan/dua_langkah.html",
        url="pengaturan:dua_langkah",
        context=lambda kabupaten: {
            "people": selectors.dua_langkah_of(kabupaten),
            "breadcrumb": "Verifikasi dua langkah",
        },
    )


# --- 8b. signing in through the kabupaten's SSO ---------------------------------------------------------
@login_required
@GET_POST
def masuk_sso(request):
    return _wajib_page(
        request,
        field="masuk_kata_sandi",
        atur=services.masuk_kata_sandi_atur,
        nama="Masuk dengan kata sandi aplikasi",
        form_class=forms.MasukSsoForm,
        template="pengaturan/masuk_sso.html",
        url="pengaturan:masuk_sso",
        context=lambda kabupaten: {"sso": sso, "breadcrumb": "Masuk SSO"},
        pesan=("diizinkan", "tidak lagi diizinkan"),
    )


# --- 9. review of the LKIP by the Inspektorat ------------------------------------------------------------
@login_required
@GET_POST
def reviu_lkip(request):
    return _wajib_page(
        request,
        field="wajib_reviu_lkip",
        atur=services.reviu_lkip_atur,
        nama="Reviu LKIP oleh Inspektorat",
        form_class=forms.ReviuLkipForm,
        template="pengaturan/reviu_lkip.html",
        url="pengaturan:reviu_lkip",
        context=lambda kabupaten: {"breadcrumb": "Reviu LKIP"},
    )


# --- 10. which SKM answers count in the IKM ------------------------------------------------------------
@login_required
@GET_POST
def skm(request):
    return _wajib_page(
        request,
        field="skm_hitung_tanpa_tanda_terima",
        atur=services.skm_tanpa_tanda_terima_atur,
        nama="Jawaban SKM tanpa tanda terima",
        form_class=forms.SkmForm,
        template="pengaturan/skm.html",
        url="pengaturan:skm",
        context=lambda kabupaten: {"breadcrumb": "SKM"},
        pesan=("ikut dihitung dalam IKM", "tidak dihitung dalam IKM"),
    )


# --- 11. who signs the kabupaten's documents (laporan/penanda.py) --------------------------------------------
@login_required
@GET_POST
def penanda_tangan(request):
    kabupaten = _kabupaten(request)
    permissions.check_user_can_administer_kabupaten(request.user, kabupaten)
    initial = {name: getattr(kabupaten, name) for name in ("penanda_tangan", "bsre_url", "bsre_pengguna")}
    form = forms.PenandaTanganForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.penanda_tangan_atur(user=request.user, kabupaten=kabupaten, **form.cleaned_data)
        except PengaturanError as error:
            form.apply_errors(error)
        else:
            messages.success(request, f"Penanda tangan dokumen: {unit.get_penanda_tangan_display()}.")
            return redirect("pengaturan:penanda_tangan")
    return _render(
        request,
        "pengaturan/penanda_tangan.html",
        {
            "form": form,
            "breadcrumb": "Penanda tangan",
            "variabel_sandi": kabupaten.bsre_variabel_sandi,
            "sandi_terpasang": bool(os.environ.get(kabupaten.bsre_variabel_sandi) or os.environ.get("BSRE_SANDI")),
            "penandatangan_tanpa_nik": selectors.penandatangan_tanpa_nik(kabupaten),
        },
    )
