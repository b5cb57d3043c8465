"""Impor pegawai (SIMPEG/SIASN): the kabupaten administrator's pages. Thin: parse the form, call one service of
kepegawaian.services (which checks the permission again), render. No URL names an object: each page works on
the administrator's own kabupaten (pengaturan.selectors.kabupaten_of: 403 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kepegawaian import forms, pratinjau, selectors, services
from kepegawaian import siasn as siasn_client
from kepegawaian.berkas import KOLOM, BerkasDitolak, tempat_teks
from kepegawaian.services import KepegawaianError
from pengaturan.selectors import kabupaten_of
from sakip.errors import Penolakan, ke_formulir, tampilkan


def _render(request, template: str, context: dict, kabupaten):
    context.update({"kabupaten": kabupaten, "kolom_label": {k: v[0] for k, v in KOLOM.items()}})
    return render(request, template, context)


def _index(request, kabupaten, form=None, tolak: Penolakan | None = None):
    masalah = [{**m, "tempat": tempat_teks(m)} for m in tolak.errors] if isinstance(tolak, BerkasDitolak) else []
    return _render(
        request,
        "kepegawaian/index.html",
        {
            "form": form or forms.UnggahForm(),
            "pemetaan": selectors.pemetaan_of(kabupaten),
            "tertunda": services.tertunda(kabupaten),
            "riwayat": selectors.riwayat_of(kabupaten),
            "siasn": siasn_client.sambungan_of(kabupaten) is not None,
            "masalah_berkas": [m for m in masalah if isinstance(m, dict)],
        },
        kabupaten,
    )


@login_required
@require_safe
def index(request):
    return _index(request, kabupaten_of(request.user))


@login_required
@require_POST
def unggah(request):
    kabupaten = kabupaten_of(request.user)
    form = forms.UnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, kabupaten, form)
    try:
        impor = services.unggah(user=request.user, kabupaten=kabupaten, upload=form.cleaned_data["berkas"])
    except BerkasDitolak as refused:
        listed = any(isinstance(m, dict) for m in refused.errors)
        form.add_error("berkas", "Berkas ditolak; lihat daftar kesalahan di atas." if listed else refused.message)
        return _index(request, kabupaten, form, refused)
    except KepegawaianError as refused:
        ke_formulir(form, refused)
        return _index(request, kabupaten, form)
    if impor.status == impor.Status.PEMETAAN:
        if selectors.pemetaan_of(kabupaten) is not None:
            messages.info(request, "Buku kerja ini memiliki beberapa lembar: pilih lembar yang memuat daftar pegawai.")
        else:
            messages.info(
                request, "Berkas diterima. Petakan kolomnya sekali; pemetaan disimpan untuk unggahan berikutnya."
            )
        return redirect("kepegawaian:pemetaan")
    return redirect("kepegawaian:pratinjau")


def _lembar_tampil(request, impor, kept, sheets: list[str], content: bytes, jenis: str) -> str | None:
    """The sheet whose columns the mapping page shows: the one asked for (GET), posted, or chosen for the upload,
    else the one chosen last time, else the first whose header row holds the mapped NIP column, else the first
    with a header row. None for a CSV or a one-sheet workbook."""
    if len(sheets) < 2:
        return None
    from kepegawaian import berkas

    for wanted in (request.GET.get("lembar"), request.POST.get("lembar"), impor.lembar, kept.lembar if kept else ""):
        if wanted in sheets:
            return wanted
    for kolom in ([kept.kolom] if kept else []) + [None]:
        for sheet in sheets:
            if berkas.lembar_berjudul(content, jenis, impor.nama_berkas, sheet, kolom):
                return sheet
    return sheets[0]


@login_required
@require_http_methods(["GET", "POST"])
def pemetaan(request):
    kabupaten = kabupaten_of(request.user)
    impor = services.tertunda(kabupaten)
    kept = selectors.pemetaan_of(kabupaten)
    if impor is None:
        return _render(request, "kepegawaian/pemetaan.html", {"form": None, "pemetaan": kept}, kabupaten)
    from kepegawaian import berkas

    content, jenis = bytes(impor.isi), services.jenis_of(impor)
    sheets = berkas.lembar_list(content, jenis, impor.nama_berkas)
    lembar = _lembar_tampil(request, impor, kept, sheets, content, jenis)
    lembar_form = (
        forms.LembarForm(initial={"lembar": lembar}, sheets=sheets, auto_id="id_pilih_%s")
        if lembar is not None
        else None
    )
    try:
        header = berkas.baca(content, jenis, impor.nama_berkas, lembar=lembar).header
    except BerkasDitolak as refused:  # the sheet shown has no header row: pick another
        return _render(
            request,
            "kepegawaian/pemetaan.html",
            {
                "form": None,
                "pemetaan": kept,
                "impor": impor,
                "lembar_form": lembar_form,
                "lembar_galat": refused.message,
            },
            kabupaten,
        )
    form = forms.PemetaanForm(
        request.POST or None,
        header=header,
        awal=kept.kolom if kept else _tebak(header),
        initial={"lembar": lembar or ""},
    )
    tolak = None
    if request.method == "POST" and form.is_valid():
        kolom = {k: v for k, v in form.cleaned_data.items() if k != "lembar"}
        try:
            services.pemetaan_simpan(
                user=request.user, kabupaten=kabupaten, kolom=kolom, lembar=form.cleaned_data["lembar"] or None
            )
        except BerkasDitolak as refused:
            tolak = [{**m, "tempat": tempat_teks(m)} for m in refused.errors if isinstance(m, dict)]
            form.add_error(
                None, "Berkas ditolak dengan pemetaan ini; lihat daftar kesalahan." if tolak else refused.message
            )
        except KepegawaianError as refused:
            ke_formulir(form, refused)
        else:
            messages.success(request, "Pemetaan kolom disimpan untuk kabupaten ini.")
            return redirect("kepegawaian:pratinjau")
    return _render(
        request,
        "kepegawaian/pemetaan.html",
        {"form": form, "pemetaan": kept, "impor": impor, "masalah_berkas": tolak or [], "lembar_form": lembar_form},
        kabupaten,
    )


_TEBAKAN = {
    "nip": ("nip", "nip baru"),
    "nama": ("nama", "nama pegawai", "nama lengkap"),
    "gelar_depan": ("gelar depan",),
    "gelar_belakang": ("gelar belakang",),
    "jabatan": ("jabatan", "nama jabatan"),
    "unit": ("unit kerja", "unor", "unit organisasi", "satuan kerja"),
    "golongan": ("golongan", "pangkat golongan", "pangkat"),
    "eselon": ("eselon",),
    "atasan": ("nip atasan", "atasan"),
    "tmt": ("tmt jabatan", "tmt"),
    "plt": ("plt plh", "plt", "jenis jabatan"),
}


def _tebak(header: list[str]) -> dict:
    """A first guess of the mapping from common SIMPEG/SIASN header names (the administrator confirms it)."""
    from kepegawaian.berkas import norm

    by_norm = {norm(h): h for h in header}
    return {key: next((by_norm[n] for n in names if n in by_norm), "") for key, names in _TEBAKAN.items()}


@login_required
@never_cache
@require_safe
def pratinjau_view(request):
    kabupaten = kabupaten_of(request.user)
    impor = services.tertunda(kabupaten)
    if impor is not None and impor.status == impor.Status.PEMETAAN:
        return redirect("kepegawaian:pemetaan")
    hasil = impor.pratinjau if impor else {}
    return _render(
        request,
        "kepegawaian/pratinjau.html",
        {
            "impor": impor,
            "hasil": hasil,
            "masalah": [{**m, "tempat": tempat_teks(m)} for m in hasil.get("masalah", [])],
            "jumlah_perubahan": pratinjau.jumlah_perubahan(hasil) if hasil else 0,
            "terapkan_form": forms.TerapkanForm(initial={"sidik": pratinjau.sidik_pratinjau(hasil)}) if impor else None,
        },
        kabupaten,
    )


@login_required
@require_POST
def susun_ulang(request):
    kabupaten = kabupaten_of(request.user)
    try:
        services.susun_ulang(user=request.user, kabupaten=kabupaten)
    except Penolakan as refused:
        tampilkan(request, refused)
    else:
        messages.success(request, "Pratinjau disusun ulang dari berkas yang sama terhadap data hari ini.")
    return redirect("kepegawaian:pratinjau")


@login_required
@require_POST
def terapkan(request):
    kabupaten = kabupaten_of(request.user)
    form = forms.TerapkanForm(request.POST)
    try:
        impor = services.terapkan(
            user=request.user, kabupaten=kabupaten, sidik=form.cleaned_data["sidik"] if form.is_valid() else ""
        )
    except KepegawaianError as refused:
        tampilkan(request, refused)
        return redirect("kepegawaian:pratinjau")
    menunggu = len(impor.ringkasan.get("permintaan_kuasa", []))
    messages.success(request, f"Impor {impor.nama_berkas} diterapkan.")
    if menunggu:
        messages.warning(
            request,
            f"{menunggu} penempatan/Plt./Plh. pada jabatan Camat atau evaluator menunggu persetujuan administrator "
            "kabupaten lain (Pengaturan → Pemberian kuasa).",
        )
    return redirect("kepegawaian:index")


@login_required
@require_POST
def siasn(request):
    kabupaten = kabupaten_of(request.user)
    try:
        services.tarik_siasn(user=request.user, kabupaten=kabupaten)
    except Penolakan as refused:
        tampilkan(request, refused)
        return redirect("kepegawaian:index")
    return redirect("kepegawaian:pratinjau")


@login_required
@require_POST
def batal(request):
    kabupaten = kabupaten_of(request.user)
    try:
        services.batalkan(user=request.user, kabupaten=kabupaten)
    except KepegawaianError as refused:
        tampilkan(request, refused)
    else:
        messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
    return redirect("kepegawaian:index")
