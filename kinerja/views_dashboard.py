"""Dashboards: one kecamatan's year, and the kabupaten roll-up of every kecamatan."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kinerja import capaian, chart, dashboard
from kinerja.views import _kecamatan
from sakip import permissions


@login_required
@require_safe
def kecamatan_dashboard(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    data = dashboard.kecamatan_dashboard(request.user, kecamatan, tahun)
    for s_no, row in enumerate(data["sasaran"], start=1):
        indicators = row["indikator"]
        row["chart"] = chart.bar_chart_svg(
            [f"{s_no}.{n}" for n in range(1, len(indicators) + 1)],
            [
                ("Target tahunan", [i["indikator"].target_tahunan for i in indicators]),
                (
                    "Realisasi",
                    [
                        capaian.agregasi([q["realisasi"] for q in i["quarters"]], i["indikator"].agregasi)
                        for i in indicators
                    ],
                ),
            ],
            title=f"Target dan realisasi sasaran {s_no} tahun {tahun}",
        )
    return render(request, "kinerja/dashboard_kecamatan.html", {"kecamatan": kecamatan, "tahun": tahun, **data})


@login_required
@require_safe
def rekap(request):
    if not permissions.is_kabupaten_reader(request.user):
        raise PermissionDenied("Rekap kabupaten hanya untuk administrator dan evaluator kabupaten.")
    try:
        tahun = int(request.GET.get("tahun", timezone.localdate().year))
    except ValueError:
        tahun = timezone.localdate().year
    sort = request.GET.get("sort", "nama")
    rows = dashboard.kabupaten_rekap(request.user, tahun, sort)
    return render(request, "kinerja/rekap_kabupaten.html", {"rows": rows, "tahun": tahun, "sort": sort})
