"""The budget from SIPD-RI (kinerja/services/sipd.py): upload, preview, apply or cancel. One view per action."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja import selectors
from kinerja.forms import ImporSipdForm
from kinerja.models import ImporSipd
from kinerja.nomenklatur import berlaku
from kinerja.services import sipd as services
from kinerja.views import _kecamatan
from kinerja.views_perencanaan import _year
from sakip import periode, permissions
from sakip.errors import ke_formulir
from sakip.formatting import format_angka


def _impor(request, kecamatan_id: int, tahun: int, pk: int) -> ImporSipd:
    kecamatan = _kecamatan(request.user, kecamatan_id)
    permissions.check_user_can(request.user, "kinerja.edit_anggaran", kecamatan)
    return permissions.get_visible_or_404(
        request.user,
        ImporSipd.objects.filter(kecamatan=kecamatan, tahun=_year(tahun)).select_related("kecamatan"),
        pk=pk,
    )


AKSI = {
    "program_baru": "Program baru",
    "kegiatan_baru": "Kegiatan baru",
    "sub_baru": "Sub kegiatan baru",
    "ubah_pagu": "Pagu berubah",
    "ubah_nama": "Nama berubah",
    "realisasi": "Realisasi",
}


def _rupiah(value) -> str:
    return "—" if value in (None, "") else "Rp " + format_angka(Decimal(value), 2)


def _baris(impor: ImporSipd) -> list[dict]:
    """The stored preview as table rows, in words and Indonesian amounts."""
    rows = []
    for item in impor.perubahan:
        aksi = item["aksi"]
        uraian = item.get("nama", "")
        if aksi == "realisasi":
            lama, baru = _rupiah(item["lama"]), _rupiah(item["baru"])
            uraian = f"{periode.tw(item['triwulan'])} — {uraian}"
        elif aksi == "ubah_pagu":
            lama, baru = _rupiah(item["lama"]), _rupiah(item["baru"])
        elif aksi == "ubah_nama":
            lama, baru = item["lama"], item["baru"]
        elif aksi == "sub_baru":
            lama, baru = "—", _rupiah(item["pagu"])
        else:
            lama, baru = "—", "dibuat"
        rows.append({"aksi": AKSI[aksi], "kode": item["kode"], "uraian": uraian, "lama": lama, "baru": baru})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def impor(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    permissions.check_user_can(request.user, "kinerja.edit_anggaran", kecamatan)
    form = ImporSipdForm(request.POST or None, request.FILES or None)
    masalah, status = [], 200
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.unggah(
                user=request.user,
                kecamatan=kecamatan,
                tahun=tahun,
                jenis=form.cleaned_data["jenis"],
                upload=form.cleaned_data["berkas"],
            )
        except services.ImporSipdDitolak as error:
            ke_formulir(form, error)
            masalah, status = error.masalah, 400
        else:
            return redirect("kinerja:sipd_pratinjau", kecamatan.pk, tahun, hasil.pk)
    context = {
        "kecamatan": kecamatan,
        "tahun": tahun,
        "form": form,
        "masalah": masalah,
        "nomenklatur": berlaku(tahun),
        "riwayat": selectors.impor_sipd(kecamatan, tahun),
    }
    return render(request, "kinerja/sipd_impor.html", context, status=status)


@login_required
@require_safe
def pratinjau(request, kecamatan_id: int, tahun: int, pk: int):
    impor = _impor(request, kecamatan_id, tahun, pk)
    catatan, galat = [], None
    if impor.status == ImporSipd.Status.PRATINJAU:
        try:
            catatan = services.pratinjau_dari(impor).catatan
        except services.ImporSipdDitolak as error:
            galat = error
    context = {
        "impor": impor,
        "kecamatan": impor.kecamatan,
        "tahun": impor.tahun,
        "baris": _baris(impor),
        "catatan": catatan,
        "galat": galat,
    }
    return render(request, "kinerja/sipd_pratinjau.html", context)


@login_required
@require_POST
def terapkan(request, kecamatan_id: int, tahun: int, pk: int):
    impor = _impor(request, kecamatan_id, tahun, pk)
    try:
        jumlah = services.terapkan(user=request.user, impor=impor)
    except services.ImporSipdDitolak as error:
        messages.error(request, error.message)
        return redirect("kinerja:sipd_pratinjau", impor.kecamatan_id, impor.tahun, impor.pk)
    messages.success(request, f"Impor SIPD diterapkan: {jumlah} perubahan disimpan.")
    return redirect("kinerja:anggaran", impor.kecamatan_id, impor.tahun)


@login_required
@require_POST
def batal(request, kecamatan_id: int, tahun: int, pk: int):
    impor = _impor(request, kecamatan_id, tahun, pk)
    try:
        services.batalkan(user=request.user, impor=impor)
    except services.ImporSipdDitolak as error:
        messages.error(request, error.message)
    else:
        messages.info(request, "Impor SIPD dibatalkan; anggaran tidak diubah.")
    return redirect("kinerja:sipd_impor", impor.kecamatan_id, impor.tahun)
