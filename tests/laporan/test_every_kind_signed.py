"""Every kind of signed document goes through the one signing service (issue 25, "Must show"): from the demo,
each kind is submitted, its file rendered, signed by whoever the report's lifecycle names (laporan/alur.py:
the Camat, or for a position's PK the holder of the superior position) with the password typed once, and the
signed bytes are verified ASLI on the public verification page by an anonymous visitor. The LHE, which the
Inspektorat signs on the evaluation pages, is walked in tests/evaluasi."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.models import PerjanjianKinerja
from kinerja.services import perencanaan
from laporan import gates
from laporan.documents import section_keys
from laporan.models import Report, SignedDocument
from laporan.services import ajukan, buat_laporan, pk_jabatan_ajukan, simpan_narasi, tandatangani
from loket.demo import _kuartal_lalu
from sakip.demo import DEMO_PASSWORD
from sakip.models import Pegawai, Unit
from sakip.permissions import holdings

pytestmark = pytest.mark.django_db
K = Report.Kind
LAMPAU = "Penandatanganan ulang dokumen contoh"


def _person(username: str) -> Pegawai:
    return Pegawai.objects.get(username=username)


def _kinds():
    tahun_ini = timezone.localdate().year
    tahun_layanan, tw_layanan, _, _ = _kuartal_lalu(timezone.localdate())
    return [
        (K.PK, tahun_ini, 0),
        (K.RENCANA_AKSI, tahun_ini, 0),
        (K.TRIWULAN, tahun_ini, 2),
        (K.SEMESTER, tahun_ini - 1, 2),
        (K.LKIP, tahun_ini - 1, 0),
        (K.RENSTRA, 2025, 0),
        (K.IKU, 2025, 0),
        (K.SKM, tahun_layanan, tw_layanan),
        (K.MONITORING_SOP, tahun_layanan, tw_layanan),
        (K.PK_JABATAN, tahun_ini, 0),
    ]


def test_every_kind_but_the_lhe_is_walked():
    assert {kind for kind, _, _ in _kinds()} == set(K.values) - {K.LHE}


def _current(kind, tahun, periode, unit):
    return (
        Report.objects.filter(kecamatan=unit, kind=kind, tahun=tahun, periode=periode, jabatan__isnull=True)
        .exclude(status=Report.Status.DIGANTIKAN)
        .first()
    )


def _submitted(kind, tahun, periode) -> Report:
    """The kecamatan's report of the period, submitted as the Kasubbag would (every narrative section written)."""
    unit = Unit.objects.get(kode="awayan")
    kasubbag = _person("perencanaan.awayan")
    if kind == K.LKIP:
        pk = _current(K.PK, tahun, 0, unit)
        if pk is None or pk.status != Report.Status.DITANDATANGANI:
            _sign(_submitted(K.PK, tahun, 0))
    report = _current(kind, tahun, periode, unit) or buat_laporan(
        user=kasubbag, kecamatan=unit, kind=kind, tahun=tahun, periode=periode
    )
    if report.status == Report.Status.DITANDATANGANI:
        return report
    if report.status == Report.Status.DRAFT:
        narasi = {key: f"Uraian {title}." for key, title in section_keys(report, gates.sasaran_urutan(report))}
        report = simpan_narasi(user=kasubbag, report_id=report.pk, narasi=narasi, versi=report.versi)
        assert gates.alasan_tidak_dapat_diajukan(report) == [], kind
        report = ajukan(user=kasubbag, report_id=report.pk)
    return report


def _position_pk_submitted(tahun) -> Report:
    """The demo's first cascading PK of Awayan, established by its holder and submitted to the superior."""
    pk = (
        PerjanjianKinerja.objects.filter(kecamatan__kode="awayan", tahun=tahun, jabatan__isnull=False)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .order_by("jabatan__nama")
        .first()
    )
    holder = Pegawai.objects.filter(jabatan=pk.jabatan, is_active=True).order_by("pk").first()
    if pk.status == PerjanjianKinerja.Status.DRAFT:
        pk = perencanaan.pk_tetapkan(user=holder, pk=pk, password=DEMO_PASSWORD)
    return pk_jabatan_ajukan(user=holder, pk=pk)


def _signer(report: Report) -> Pegawai:
    """Whoever holds the role the report's lifecycle names as its signer, in its kecamatan."""
    candidates = Pegawai.objects.filter(is_active=True, jabatan__kecamatan=report.kecamatan).order_by("pk")
    role = report.peran_penanda_tangan
    return next(
        p for p in candidates if any(h.role == role and h.kecamatan_id == report.kecamatan_id for h in holdings(p))
    )


def _sign(report: Report) -> SignedDocument:
    return tandatangani(user=_signer(report), report_id=report.pk, password=DEMO_PASSWORD, alasan_terlambat=LAMPAU)


@pytest.mark.parametrize("kind,tahun,periode", _kinds(), ids=[k for k, _, _ in _kinds()])
def test_the_kind_is_submitted_signed_once_and_verified_asli(demo_data, signing_cert, kind, tahun, periode):
    report = _position_pk_submitted(tahun) if kind == K.PK_JABATAN else _submitted(kind, tahun, periode)
    if report.status == Report.Status.DITANDATANGANI:
        pytest.fail(f"the demo already signed {report.judul}: choose a period it leaves unsigned")
    document = _sign(report)
    report.refresh_from_db()
    assert report.status == Report.Status.DITANDATANGANI and document.penandatangan == _signer(report)
    page = reverse("laporan:verifikasi", args=[document.kode_verifikasi])
    anonymous = Client()
    asli = anonymous.post(page, {"berkas": SimpleUploadedFile("a.pdf", bytes(document.pdf), "application/pdf")})
    assert asli.context["hasil"] == "asli"
    tampered = bytes(document.pdf) + b"\n%"
    lain = anonymous.post(page, {"berkas": SimpleUploadedFile("a.pdf", tampered, "application/pdf")})
    assert lain.context["hasil"] == "tidak_cocok"
