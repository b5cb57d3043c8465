"""Download and upload of the performance workbook (kinerja/excel.py, kinerja/services/impor.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from kinerja import excel
from kinerja.services import KinerjaError
from kinerja.services.impor import impor_kinerja
from kinerja.views import _kecamatan
from kinerja.views_perencanaan import _year
from sakip import permissions, unduhan, uploads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def unduh(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    content = excel.export_workbook(user=request.user, kecamatan=kecamatan, tahun=_year(tahun))
    response = HttpResponse(content, content_type=XLSX)
    unduhan.as_attachment(response, unduhan.download_name("kinerja", kecamatan.kode, tahun, ext="xlsx"))
    return response


@login_required
@require_http_methods(["GET", "POST"])
def unggah(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    tahun = _year(tahun)
    permissions.check_user_can(request.user, "kinerja.edit_pk", kecamatan)
    problems, error = [], ""
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        try:
            if upload is None:
                raise uploads.UploadRefused("Pilih berkas lembar kerja (.xlsx).")
            content = uploads.check_xlsx(upload)
            result = impor_kinerja(
                user=request.user,
                kecamatan=kecamatan,
                tahun=tahun,
                content=content,
                konfirmasi_nilai=request.POST.get("konfirmasi_nilai") == "1",
            )
        except uploads.UploadRefused as refused:
            error = refused.message
        except excel.WorkbookError as failed:
            error = f"Lembar kerja tidak disimpan: {len(failed.errors)} masalah ditemukan. Tidak ada data yang diubah."
            problems = failed.errors
        except KinerjaError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                f"Lembar kerja disimpan: {result.pk} indikator PK, {result.rencana_aksi} rencana aksi, "
                f"{result.realisasi} realisasi, {result.anggaran} data anggaran, {result.renstra} indikator Renstra berubah.",
            )
            for notice in result.catatan:
                messages.warning(request, str(notice))
            return redirect(request.path)
    return render(
        request,
        "kinerja/excel_unggah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "error": error,
            "problems": problems,
            "sheets": excel.SHEETS,
            "may_upload": True,  # only those who may upload reach this page
        },
    )
