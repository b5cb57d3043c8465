"""The read-only JSON API (django-ninja): what e-Monev, the Inspektorat's tools and the kabupaten's e-SAKIP
portal read, with an OpenAPI 3 schema at /api/openapi.json and its documentation at /api/docs/.

* Authentication: `Authorization: Bearer <token>`, a token issued by the kabupaten administrator
  (api/views.py); a missing, unknown or revoked token is a 401. A token reads the kecamatan of its own
  kabupaten: another kabupaten's kecamatan is a 403, an unknown one a 404.
* Rate limit per token through the shared cache (`sakip.counters.count`, atomic across workers):
  `API_BATAS_PER_MENIT` calls a minute (120 by default), then 429 with Retry-After.
* Every call made with a known token (a revoked one too) is recorded (`api.models.PanggilanApi`: token,
  method, path, status, time, address) and the token's last use kept; the administrator sees them.
* Lists are paginated (`limit`, `offset`; answer `{"items": [...], "count": n}`).
* Figures come from kinerja's measurement model through api/selectors.py: the same numbers as the pages; a
  quarter's figures only once it is approved (disetujui, locked).
"""

from functools import wraps
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import DocsBase
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from api import schemas, selectors, services
from sakip import counters, publik
from sakip.models import Unit
from sakip.params import INT_MAX

BATAS_BAWAAN = 120
JENDELA = 60
TAHUN_MIN, TAHUN_MAX = 2000, 2100


class TokenBearer(HttpBearer):
    """A token of the kabupaten administrator's list; the revoked and the unknown are refused (401)."""

    def authenticate(self, request: HttpRequest, token: str):
        found = selectors.token_by_value(token.strip())
        if found is None:
            return None
        request.api_token = found  # recorded even when refused (a revoked token still in use)
        return found if found.aktif else None


class BatasPerToken(BaseThrottle):
    """`API_BATAS_PER_MENIT` calls per token a minute, counted atomically in the shared cache."""

    def allow_request(self, request: HttpRequest) -> bool:
        limit = getattr(settings, "API_BATAS_PER_MENIT", BATAS_BAWAAN)
        return counters.count(f"api:token:{request.auth.pk}", window=JENDELA) <= limit

    def wait(self) -> float:
        return JENDELA


class Halaman(LimitOffsetPagination):
    """limit 1–500 (100 by default), offset from 0."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="Jumlah butir per halaman (1–500).")
        offset: int = Field(0, ge=0, le=INT_MAX, description="Butir pertama yang diberikan (mulai 0).")

    def __init__(self, **kwargs):
        super().__init__(max_limit=500, **kwargs)


class DokumentasiLokal(DocsBase):
    """Swagger UI from django-ninja's own files, served by this app (api/views.py): no asset from the internet
    (offices run on an intranet) and nothing inline (the Content-Security-Policy)."""

    def render_page(self, request, api, **kwargs):
        pengaturan = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout", "deepLinking": True}
        return render(request, "api/docs.html", {"pengaturan": pengaturan, "api": api})


api = NinjaAPI(
    title="API SAKIP Kecamatan",
    version="1",
    description=(
        "API baca-saja untuk e-Monev Bappeda, alat evaluasi Inspektorat, dan portal e-SAKIP kabupaten. "
        "Setiap panggilan memakai `Authorization: Bearer <token>` yang diterbitkan administrator kabupaten "
        "(Pengaturan Kabupaten → Token API) dan hanya membaca kecamatan kabupaten itu. Angka triwulan hanya "
        "diberikan untuk triwulan yang telah disetujui Camat (terkunci)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=DokumentasiLokal(),
    docs_url="/docs/",
    auth=TokenBearer(),
    throttle=BatasPerToken(),
    # The groups of operations, in the order the documentation shows them (each operation names one).
    openapi_extra={
        "tags": [
            {"name": "Kecamatan", "description": "Kecamatan kabupaten pemilik token dan tahun yang memiliki PK."},
            {
                "name": "Kinerja",
                "description": "Status triwulan, Perjanjian Kinerja, indikator dan capaian triwulan yang disetujui.",
            },
            {"name": "Anggaran", "description": "Pagu dan realisasi sub kegiatan."},
            {"name": "Dokumen", "description": "Dokumen bertanda tangan yang dipublikasikan."},
            {"name": "Evaluasi", "description": "Hasil evaluasi AKIP (LHE ditandatangani)."},
        ]
    },
)

GALAT = {
    401: schemas.Galat,
    403: schemas.Galat,
    404: schemas.Galat,
    422: schemas.GalatIsian,
    429: schemas.Galat,
}


def catat(run):
    """Record every call made with a known token, whatever its answer (api.services.panggilan_catat)."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        token = getattr(request, "api_token", None)
        if token is not None:
            services.panggilan_catat(
                token=token,
                metode=request.method,
                path=request.get_full_path(),
                status=response.status_code,
                alamat_ip=publik.client_ip(request),
            )
        return response

    return wrapper


api.add_decorator(catat, mode="view")

KecamatanId = Annotated[int, Path(ge=1, le=INT_MAX, description="id kecamatan (dari /api/v1/kecamatan)")]
Tahun = Annotated[int, Path(ge=TAHUN_MIN, le=TAHUN_MAX, description="tahun anggaran")]


def _kecamatan(request, kecamatan_id: int) -> Unit:
    kecamatan = selectors.kecamatan_or_none(kecamatan_id)
    if kecamatan is None:
        raise HttpError(404, "Kecamatan tidak ditemukan.")
    if kecamatan.kabupaten_id != request.auth.kabupaten_id:
        raise HttpError(403, f"Token ini hanya membaca kecamatan {request.auth.kabupaten.nama}.")
    return kecamatan


def _absolut(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@api.get(
    "/v1/kecamatan",
    response={200: list[schemas.Kecamatan], **GALAT},
    url_name="kecamatan",
    tags=["Kecamatan"],
    summary="Kecamatan kabupaten pemilik token",
)
@paginate(Halaman)
def kecamatan(request):
    return selectors.kecamatan_of(request.auth.kabupaten_id).only("pk", "kode", "nama")


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun",
    response={200: list[schemas.Tahun], **GALAT},
    url_name="tahun",
    tags=["Kecamatan"],
    summary="Tahun yang memiliki Perjanjian Kinerja Camat",
)
@paginate(Halaman)
def tahun(request, kecamatan_id: KecamatanId):
    return [{"tahun": t} for t in selectors.tahun_of(_kecamatan(request, kecamatan_id))]


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/triwulan",
    response={200: list[schemas.StatusTriwulan], **GALAT},
    url_name="triwulan",
    tags=["Kinerja"],
    summary="Status keempat triwulan",
)
@paginate(Halaman)
def triwulan(request, kecamatan_id: KecamatanId, tahun: Tahun):
    return selectors.triwulan_of(_kecamatan(request, kecamatan_id), tahun)


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/pk",
    response={200: schemas.PerjanjianKinerja, **GALAT},
    url_name="pk",
    tags=["Kinerja"],
    summary="Perjanjian Kinerja Camat yang berlaku",
)
def pk(request, kecamatan_id: KecamatanId, tahun: Tahun):
    found = selectors.pk_of(_kecamatan(request, kecamatan_id), tahun)
    if found is None:
        raise HttpError(404, f"Belum ada Perjanjian Kinerja {tahun}.")
    return {
        "id": found.pk,
        "tahun": found.tahun,
        "revisi": found.revisi,
        "status": found.status,
        "status_label": found.get_status_display(),
        "tanggal": found.tanggal,
        "pihak_pertama": found.pihak_pertama.nama if found.pihak_pertama else None,
        "pihak_kedua": found.pihak_kedua_jabatan,
    }


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/indikator",
    response={200: list[schemas.Indikator], **GALAT},
    url_name="indikator",
    tags=["Kinerja"],
    summary="Indikator Perjanjian Kinerja yang berlaku",
)
@paginate(Halaman)
def indikator(request, kecamatan_id: KecamatanId, tahun: Tahun):
    return selectors.indikator_of(_kecamatan(request, kecamatan_id), tahun)[1]


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/capaian",
    response={200: list[schemas.IndikatorCapaian], **GALAT},
    url_name="capaian",
    tags=["Kinerja"],
    summary="Target, realisasi dan capaian per indikator pada triwulan yang disetujui",
)
@paginate(Halaman)
def capaian(request, kecamatan_id: KecamatanId, tahun: Tahun):
    return selectors.capaian_of(_kecamatan(request, kecamatan_id), tahun)


@api.get(
    "/v1/kecamatan/{kecamatan_id}/tahun/{tahun}/anggaran",
    response={200: list[schemas.SubKegiatan], **GALAT},
    url_name="anggaran",
    tags=["Anggaran"],
    summary="Pagu dan realisasi per sub kegiatan (realisasi triwulan yang disetujui)",
)
@paginate(Halaman)
def anggaran(request, kecamatan_id: KecamatanId, tahun: Tahun):
    return selectors.anggaran_of(_kecamatan(request, kecamatan_id), tahun)


@api.get(
    "/v1/kecamatan/{kecamatan_id}/dokumen",
    response={200: list[schemas.Dokumen], **GALAT},
    url_name="dokumen",
    tags=["Dokumen"],
    summary="Dokumen bertanda tangan yang dipublikasikan, dengan alamat tetap dan SHA-256",
)
@paginate(Halaman)
def dokumen(request, kecamatan_id: KecamatanId):
    return [
        {
            "jenis": doc.report.kind,
            "jenis_label": doc.report.get_kind_display(),
            "tahun": doc.report.tahun,
            "periode": doc.report.periode,
            "kode_verifikasi": doc.kode_verifikasi,
            "sha256": doc.sha256,
            "ukuran": doc.ukuran,
            "ditandatangani_pada": doc.ditandatangani_pada,
            "penandatangan": doc.nama_penandatangan,
            "jabatan_penandatangan": doc.jabatan_penandatangan,
            "sebutan": doc.sebutan,
            "url": _absolut(reverse("publikasi:dokumen", args=[doc.kode_verifikasi])),
            "unduh_url": _absolut(reverse("publikasi:unduh", args=[doc.kode_verifikasi])),
        }
        for doc in selectors.dokumen_of(_kecamatan(request, kecamatan_id))
    ]


@api.get(
    "/v1/kecamatan/{kecamatan_id}/evaluasi",
    response={200: list[schemas.Evaluasi], **GALAT},
    url_name="evaluasi",
    tags=["Evaluasi"],
    summary="Hasil evaluasi AKIP (LHE ditandatangani)",
)
@paginate(Halaman)
def evaluasi(request, kecamatan_id: KecamatanId):
    return [
        {
            "id": e.pk,
            "tahun": e.tahun,
            "total": e.hasil["total"],
            "predikat": e.hasil["predikat"],
            "komponen": e.hasil.get("komponen", {}),
            "ditandatangani_pada": e.ditandatangani_pada,
        }
        for e in selectors.evaluasi_of(_kecamatan(request, kecamatan_id))
    ]
