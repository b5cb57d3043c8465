"""Dashboards: one kecamatan's year, and the kabupaten roll-up of every kecamatan."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kinerja import chart, dashboard, excel
from kinerja.views import _kecamatan
from sakip import params, permissions, unduhan


@login_required
@require_safe
def kecamatan_dashboard(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    data = dashboard.kecamatan_dashboard(request.user, kecamatan, tahun)
    posisi = data["posisi"]
    charts = []
    for row in data["sasaran"]:
        numeric = [i for i in row.indikator if not i.indikator.kualitatif]
        charts.append(
            chart.bar_chart_svg(
                [i.nomor for i in numeric],
                [
                    ("Target tahunan", [i.target_tahunan for i in numeric]),
                    (f"Realisasi s.d. TW {posisi}", [i.sampai(posisi).realisasi for i in numeric]),
                ],
                title=f"Target tahunan dan realisasi s.d. TW {posisi} sasaran {row.sasaran.urutan} tahun {tahun}",
            )
            if numeric
            else ""
        )
    context = {"kecamatan": kecamatan, "tahun": tahun, "charts": charts, **data}
    context["sasaran_charts"] = list(zip(data["sasaran"], charts, strict=True))
    return render(request, "kinerja/dashboard_kecamatan.html", context)


def _rekap_tahun(request) -> int:
    if not permissions.is_kabupaten_reader(request.user):
        raise PermissionDenied("Rekap kabupaten hanya untuk administrator dan evaluator kabupaten.")
    tahun = params.year_or_none(request.GET.get("tahun"))
    return tahun if tahun and 2000 <= tahun <= 2100 else timezone.localdate().year


def _rekap_request(request) -> tuple[int, str, list[dict]]:
    tahun = _rekap_tahun(request)
    sort = request.GET.get("sort", "nama")
    return tahun, sort, dashboard.kabupaten_rekap(request.user, tahun, sort)


@login_required
@require_safe
def rekap(request):
    tahun, sort, rows = _rekap_request(request)
    return render(request, "kinerja/rekap_kabupaten.html", {"rows": rows, "tahun": tahun, "sort": sort})


@login_required
@require_safe
def rekap_xlsx(request):
    """The rekap as a workbook: the same rows, order and figures as the page."""
    tahun, _sort, rows = _rekap_request(request)
    response = HttpResponse(
        excel.rekap_workbook(rows, tahun),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    unduhan.as_attachment(response, unduhan.download_name("rekap-kinerja-kecamatan", tahun, ext="xlsx"))
    return response


@login_required
@require_safe
def rekap_pdf(request):
    """The rekap as a PDF (through sakip/pdf.py): the same rows, order and figures as the page."""
    from django.template.loader import render_to_string

    from sakip.pdf import render_pdf

    tahun, _sort, rows = _rekap_request(request)
    kabupaten = {str(r["kecamatan"].kabupaten) for r in rows if r["kecamatan"].kabupaten_id}
    html = render_to_string(
        "kinerja/rekap_pdf.html",
        {"rows": rows, "tahun": tahun, "wilayah": ", ".join(sorted(kabupaten)), "dicetak": timezone.localdate()},
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    unduhan.as_attachment(response, unduhan.download_name("rekap-kinerja-kecamatan", tahun, ext="pdf"))
    return response


@login_required
@require_safe
def rekap_indikator(request):
    """One indicator followed across the kabupaten's kecamatan (chosen by name from the year's PKs)."""
    tahun = _rekap_tahun(request)
    names = dashboard.nama_indikator(request.user, tahun)
    uraian = request.GET.get("uraian", "")
    chosen = next((n for n in names if n.lower() == uraian.strip().lower()), None)
    rows = dashboard.indikator_lintas_kecamatan(request.user, tahun, chosen) if chosen else []
    return render(
        request,
        "kinerja/rekap_indikator.html",
        {"tahun": tahun, "names": names, "chosen": chosen, "rows": rows},
    )
