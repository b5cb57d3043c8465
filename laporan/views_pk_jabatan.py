"""The cascading PK of a position as a PDF document (laporan/pk_jabatan.py), linked from kinerja's cascading
PK page. Read by whoever may read that page (the kecamatan's people, the kabupaten's readers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from kinerja import berjenjang
from kinerja.services.perencanaan import current_pk
from laporan import pk_jabatan
from sakip import permissions, unduhan
from sakip.models import Position


@login_required
@require_safe
def pdf(request, kecamatan_id: int, tahun: int, jabatan_id: int):
    kecamatan = permissions.visible_kecamatan(request.user).filter(pk=kecamatan_id).first()
    if kecamatan is None or not 2000 <= tahun <= 2100:
        raise Http404("Kecamatan tidak ditemukan.")
    jabatan = Position.objects.filter(pk=jabatan_id, kecamatan=kecamatan, role__in=list(berjenjang.ATASAN)).first()
    if jabatan is None:
        raise Http404("Jabatan tidak ditemukan.")
    pk = current_pk(kecamatan, tahun, jabatan)
    if pk is None:
        raise Http404("Perjanjian Kinerja tahun ini belum dibuat.")
    response = HttpResponse(pk_jabatan.render_pdf(pk), content_type="application/pdf")
    unduhan.as_attachment(response, unduhan.download_name("pk", tahun, kecamatan.nama, jabatan.nama, ext="pdf"))
    return response
