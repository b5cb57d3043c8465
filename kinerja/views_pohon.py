"""The pohon kinerja page (server-rendered SVG, kinerja/pohon.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from kinerja import pohon as pohon_rules
from kinerja.views import _kecamatan
from kinerja.views_perencanaan import _year


@login_required
@require_safe
def pohon(request, kecamatan_id: int, tahun: int):
    kecamatan = _kecamatan(request.user, kecamatan_id)
    data = pohon_rules.build(request.user, kecamatan, _year(tahun))
    # The SVG is built from escaped text only (kinerja/pohon.py).
    data["svg"] = mark_safe(data["svg"])  # noqa: S308
    return render(request, "kinerja/pohon.html", {"kecamatan": kecamatan, "tahun": tahun, **data})
