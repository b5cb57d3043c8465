"""Front-desk pages: the counter, the receipt, the register (page and workbook), the public status page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from layanan.models import JenisLayanan
from loket import excel, selectors, services
from loket.forms import PermohonanForm, StatusForm
from loket.models import normal_kode
from sakip import params, permissions, publik, unduhan
from sakip.errors import Penolakan, ke_formulir, tampilkan
from workflow.calendar import periode_berjalan

STATUS_WINDOW = 600  # seconds


def _kecamatan(user):
    kecamatan = selectors.kecamatan_loket(user)
    if kecamatan is None:
        raise PermissionDenied("Loket pelayanan milik kecamatan; akun Anda tidak memegang jabatan di kecamatan.")
    return kecamatan


def _tautan_publik(name: str, *args, query: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args) + query


def _page(request, kecamatan, revisions, form=None, *, status: int = 200):
    """The counter: read on a GET, shown again with the typed applicant (400) when registering refused it."""
    may_link = permissions.user_can(request.user, "layanan.kelola", kecamatan)
    tahun, triwulan = periode_berjalan(timezone.localdate())
    tautan = selectors.tautan_survei([r.sop_id for r in revisions])
    return render(
        request,
        "loket/index.html",
        {
            "kecamatan": kecamatan,
            "form": form or PermohonanForm(revisions=revisions),
            "may_serve": permissions.user_can(request.user, "workflow.start_service_run", kecamatan),
            "may_link": may_link,
            "layanan_sop": [{"revision": r, "survei": tautan.get(r.sop_id)} for r in revisions],
            "jenis_layanan": JenisLayanan.objects.filter(kecamatan=kecamatan, aktif=True).order_by("nama")
            if may_link
            else [],
            "terbaru": selectors.terbaru(request.user, kecamatan),
            "tahun": tahun,
            "triwulan": triwulan,
        },
        status=status,
    )


@login_required
@require_safe
def index(request):
    """The counter: choose the service, type the applicant, "Daftarkan" — then the receipt. Registering and
    linking a survey to a service have their own URLs below."""
    kecamatan = _kecamatan(request.user)
    return _page(request, kecamatan, list(selectors.sop_layanan(request.user, kecamatan)))


@login_required
@require_POST
def daftar(request):
    """Register an applicant at the counter (the front desk): the receipt, or the counter again with what was
    typed (400)."""
    kecamatan = _kecamatan(request.user)
    if not permissions.user_can(request.user, "workflow.start_service_run", kecamatan):
        raise PermissionDenied("Anda tidak berwenang melayani permohonan di loket.")
    revisions = list(selectors.sop_layanan(request.user, kecamatan))
    form = PermohonanForm(request.POST, revisions=revisions)
    if form.is_valid():
        data = form.cleaned_data
        revision = next(r for r in revisions if r.pk == data["revision"])
        try:
            permohonan = services.permohonan_daftar(
                user=request.user,
                revision=revision,
                nama_pemohon=data["nama_pemohon"],
                nik=data["nik"],
                kontak=data["kontak"],
            )
        except Penolakan as refusal:
            ke_formulir(form, refusal)
        else:
            messages.success(request, f"Permohonan {permohonan.kode_cetak} diterima.")
            return redirect("loket:tanda_terima", pk=permohonan.pk)
    return _page(request, kecamatan, revisions, form, status=400)


@login_required
@require_POST
def survei(request):
    """Link a service's receipts to an SKM survey (or to none), by who manages the services."""
    kecamatan = _kecamatan(request.user)
    if not permissions.user_can(request.user, "layanan.kelola", kecamatan):
        raise PermissionDenied("Anda tidak berwenang mengelola layanan SKM.")
    revisions = list(selectors.sop_layanan(request.user, kecamatan))
    revision = next((r for r in revisions if str(r.pk) == request.POST.get("revision", "")), None)
    if revision is None:
        return HttpResponse("SOP layanan tidak disebutkan.", status=400)
    layanan_id = params.id_or_none(request.POST.get("layanan"))
    layanan = JenisLayanan.objects.filter(kecamatan=kecamatan, pk=layanan_id).first() if layanan_id else None
    try:
        services.survei_tautkan(user=request.user, sop=revision.sop, layanan=layanan)
    except Penolakan as refusal:
        tampilkan(request, refusal)
    else:
        messages.success(request, f"Tautan survei SKM untuk \u201c{revision.nama}\u201d disimpan.")
    return redirect("loket:index")


@login_required
@require_safe
def tanda_terima(request, pk: int):
    """The receipt: tracking code, the service, the due date, QR codes of the status page and the survey."""
    permohonan = selectors.permohonan_or_404(request.user, pk)
    kode = permohonan.kode
    status_url = _tautan_publik("loket:status", kode)
    survei_url = (
        _tautan_publik("layanan:survei", permohonan.layanan.kode_survei, query=f"?tanda_terima={kode}")
        if permohonan.layanan and permohonan.layanan.aktif
        else ""
    )
    return render(
        request,
        "loket/tanda_terima.html",
        {
            "p": permohonan,
            "status_url": status_url,
            "status_qr": publik.qr_svg_data_uri(status_url),
            "survei_url": survei_url,
            "survei_qr": publik.qr_svg_data_uri(survei_url) if survei_url else "",
        },
    )


def _periode(tahun: int, triwulan: int) -> None:
    if not (1 <= triwulan <= 4 and 2000 <= tahun <= 2100):
        raise Http404("Periode tidak dikenal.")


@login_required
@require_safe
def register(request, kecamatan_id: int, tahun: int, triwulan: int):
    _periode(tahun, triwulan)
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    reg = selectors.register(request.user, kecamatan, tahun=tahun, triwulan=triwulan)
    sebelum = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    sesudah = (tahun, triwulan + 1) if triwulan < 4 else (tahun + 1, 1)
    return render(request, "loket/register.html", {"reg": reg, "sebelum": sebelum, "sesudah": sesudah})


@login_required
@require_safe
def register_xlsx(request, kecamatan_id: int, tahun: int, triwulan: int):
    _periode(tahun, triwulan)
    kecamatan = selectors.kecamatan_or_404(request.user, kecamatan_id)
    reg = selectors.register(request.user, kecamatan, tahun=tahun, triwulan=triwulan)
    response = HttpResponse(
        excel.register_workbook(reg),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = unduhan.download_name("register pelayanan", kecamatan.nama, tahun, f"tw{triwulan}", ext="xlsx")
    unduhan.as_attachment(response, name)
    return response


def _rate_limited(request) -> bool:
    limit = getattr(settings, "LOKET_STATUS_BATAS_PER_IP", 60)
    return publik.rate_limited(request, prefix="loket-status", limit=limit, window=STATUS_WINDOW)


@never_cache
@require_safe
def cek(request):
    """Public: a form to type the receipt's code; it leads to the status page."""
    form = StatusForm(request.GET or None)
    if form.is_valid() and normal_kode(form.cleaned_data["kode"]):
        return redirect("loket:status", kode=normal_kode(form.cleaned_data["kode"]))
    return render(request, "loket/cek.html", {"form": StatusForm()})


@never_cache
@require_safe
def status(request, kode: str):
    """Public, no login: the status and the next step of the one run this code names — nothing else."""
    if _rate_limited(request):
        return render(request, "loket/batas.html", status=429)
    info = selectors.status_publik(kode)
    if info is None:
        raise Http404("Data tidak ditemukan.")
    response = render(request, "loket/status.html", {"info": info})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
