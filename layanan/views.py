"""SKM pages: the public survey (no login) and the staff's list of services and results."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from layanan import selectors, services
from layanan.forms import LayananForm, SurveiForm
from layanan.ikm import UNSUR
from layanan.models import JenisLayanan
from sakip import params, permissions, publik
from sakip.errors import Penolakan, ke_formulir, tampilkan

SURVEI_WINDOW = 600  # seconds


def _rate_limited(request) -> bool:
    limit = getattr(settings, "SKM_BATAS_PER_IP", 60)
    return publik.rate_limited(request, prefix="layanan-survei", limit=limit, window=SURVEI_WINDOW)


def tautan_survei(layanan: JenisLayanan) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("layanan:survei", args=[layanan.kode_survei])


@require_http_methods(["GET", "POST"])
def survei(request, kode: str):
    """Public: no login. One answer per post: the respondent's profile and all nine unsur, or nothing."""
    if _rate_limited(request):
        return render(request, "layanan/batas.html", status=429)
    layanan = JenisLayanan.objects.select_related("kecamatan__kabupaten").filter(kode_survei=kode, aktif=True).first()
    if layanan is None:
        raise Http404("Tautan survei tidak dikenal atau survei telah ditutup.")
    if request.method == "POST":
        form = SurveiForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.respon_simpan(
                    layanan=layanan,
                    jawaban={u.nomor: data[f"u{u.nomor}"] for u in UNSUR},
                    saran=data["saran"],
                    kode_tanda_terima=data["kode_tanda_terima"],
                    profil=services.Profil(
                        umur=data["umur"],
                        jenis_kelamin=data["jenis_kelamin"],
                        pendidikan=data["pendidikan"],
                        pekerjaan=data["pekerjaan"],
                    ),
                )
            except Penolakan as refusal:
                ke_formulir(form, refusal)
            else:
                return redirect("layanan:terima_kasih")
        status = 400
    else:
        kode_tanda_terima = request.GET.get("tanda_terima", "")[:64]
        # A receipt that already answered is told so before the nine questions, not after them.
        if terpakai := services.pesan_tanda_terima_terpakai(layanan, kode_tanda_terima):
            return render(request, "layanan/survei.html", {"layanan": layanan, "terpakai": terpakai})
        form = SurveiForm(initial={"kode_tanda_terima": kode_tanda_terima})
        status = 200
    return render(request, "layanan/survei.html", {"layanan": layanan, "form": form}, status=status)


@require_safe
def terima_kasih(request):
    return render(request, "layanan/terima_kasih.html")


@login_required
@require_safe
def index(request, kecamatan_id: int):
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    daftar = [
        {"layanan": layanan, "tautan": (url := tautan_survei(layanan)), "qr": publik.qr_svg_data_uri(url)}
        for layanan in selectors.layanan_kecamatan(request.user, kecamatan)
    ]
    sekarang = services.periode_dari(timezone.now())
    return render(
        request,
        "layanan/index.html",
        {
            "kecamatan": kecamatan,
            "daftar": daftar,
            "boleh_kelola": permissions.user_can(request.user, "layanan.kelola", kecamatan),
            "form": LayananForm(),
            "tahun": sekarang[0],
            "triwulan": sekarang[1],
        },
    )


@login_required
@require_POST
def tambah(request, kecamatan_id: int):
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    permissions.check_user_can(request.user, "layanan.kelola", kecamatan)
    form = LayananForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            messages.error(request, errs[0])
            break
        return redirect("layanan:index", kecamatan_id=kecamatan.pk)
    try:
        layanan = services.layanan_tambah(user=request.user, kecamatan=kecamatan, nama=form.cleaned_data["nama"])
    except Penolakan as refusal:
        tampilkan(request, refusal)
    else:
        messages.success(
            request, f"Layanan \u201c{layanan.nama}\u201d ditambahkan. Bagikan tautan survei atau kode QR-nya."
        )
    return redirect("layanan:index", kecamatan_id=kecamatan.pk)


@login_required
@require_POST
def status(request, kecamatan_id: int):
    """Deactivate (or reactivate) a service: its survey link stops answering; its answers stay."""
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    if not permissions.user_can(request.user, "layanan.kelola", kecamatan):
        raise PermissionDenied("Anda tidak berwenang mengelola layanan.")
    layanan_id = params.id_or_none(request.POST.get("layanan"))
    if layanan_id is None:
        return HttpResponseBadRequest("Layanan tidak disebutkan.")
    layanan = selectors.layanan_kecamatan(request.user, kecamatan).filter(pk=layanan_id).first()
    if layanan is None:
        raise Http404("Layanan tidak ditemukan.")
    aktif = request.POST.get("aktif") == "1"
    services.layanan_atur_aktif(user=request.user, layanan=layanan, aktif=aktif)
    messages.success(
        request,
        f"Layanan \u201c{layanan.nama}\u201d {'diaktifkan kembali' if aktif else 'dinonaktifkan; tautan surveinya ditutup'}.",
    )
    return redirect("layanan:index", kecamatan_id=kecamatan.pk)


def _populasi(request, ids) -> dict[int, int]:
    out = {}
    for pk in ids:
        raw = request.GET.get(f"populasi_{pk}", "").strip().replace(".", "")
        if (populasi := params.id_or_none(raw, maximum=10_000_000)) is not None:
            out[pk] = populasi
    return out


@login_required
@require_safe
def hasil(request, kecamatan_id: int, tahun: int, triwulan: int):
    if not (1 <= triwulan <= 4 and 2000 <= tahun <= 2100):
        raise Http404("Periode tidak dikenal.")
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    ids = list(selectors.layanan_kecamatan(request.user, kecamatan).values_list("pk", flat=True))
    populasi = _populasi(request, ids)
    baris, gabungan = selectors.hasil_triwulan(
        request.user, kecamatan, tahun=tahun, triwulan=triwulan, populasi=populasi
    )
    sebelum = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    sesudah = (tahun, triwulan + 1) if triwulan < 4 else (tahun + 1, 1)
    return render(
        request,
        "layanan/hasil.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "triwulan": triwulan,
            "baris": baris,
            "gabungan": gabungan,
            "unsur": UNSUR,
            "populasi": populasi,
            "sebelum": sebelum,
            "sesudah": sesudah,
        },
    )
