"""Every document kind built from the demo data, as the app prints it (the same functions the views call).

`build_all()` renders each kind once and returns {kind: Dokumen}; `build_besar()` renders again every kind whose
size grows with a kecamatan, from a large one (tests/dokumen/besar.py); the conformance tests read the laid-out
result (tests/dokumen/kertas.py). The LKIP is taken the way the Camat reads it before signing: submitted
(its naskah rendered once), reviewed by the Inspektorat, the Pernyataan Telah Direviu appended.
"""

from __future__ import annotations

import datetime
import inspect
import time
from dataclasses import dataclass, field

from django.utils import timezone

from sakip.demo import DEMO_PASSWORD
from tests.factories import LAMPAU


@dataclass
class Dokumen:
    kind: str
    pdf: bytes
    # Submitted or signed: no "belum …" placeholder may remain.
    final: bool = False
    seconds: float = 0.0
    notes: dict = field(default_factory=dict)


def _person(username: str):
    from sakip.models import Pegawai

    return Pegawai.objects.get(username=username)


def _report(kind: str, tahun: int, periode: int = 0, kecamatan: str = "awayan"):
    from laporan.models import Report
    from laporan.services import buat_laporan
    from sakip.models import Unit

    unit = Unit.objects.get(kode=kecamatan)
    existing = Report.objects.filter(kecamatan=unit, kind=kind, tahun=tahun, periode=periode).first()
    if existing is not None:
        return existing
    return buat_laporan(
        user=_person(f"perencanaan.{kecamatan}"), kecamatan=unit, kind=kind, tahun=tahun, periode=periode
    )


def _narasi(report, **extra) -> None:
    """Every narrative section written, as the Kasubbag would before submitting."""
    from laporan import gates
    from laporan.documents import section_keys
    from laporan.services import simpan_narasi

    narasi = {
        key: f"Uraian {title} disusun berdasarkan data kinerja yang telah diverifikasi."
        for key, title in section_keys(report, gates.sasaran_urutan(report))
    }
    narasi.update(extra)
    simpan_narasi(
        user=_person(f"perencanaan.{report.kecamatan.kode}"), report_id=report.pk, narasi=narasi, versi=report.versi
    )


def _lkip_reviewed(tahun: int, kecamatan: str = "awayan") -> bytes:
    """The LKIP as the Camat reads it: the year's PK signed first (the LKIP attaches it), the LKIP submitted,
    reviewed, the statement appended."""
    from laporan import reviu
    from laporan.models import NaskahDiajukan, Report
    from laporan.services import ajukan, catat_tanda_tangan_pihak_kedua, tandatangani

    pk = _report(Report.Kind.PK, tahun, kecamatan=kecamatan)
    if pk.status == Report.Status.DRAFT:
        _submitted(Report.Kind.PK, tahun, kecamatan=kecamatan)
    if pk.status != Report.Status.DITANDATANGANI:
        signed = tandatangani(
            alasan_terlambat=LAMPAU, user=_person(f"camat.{kecamatan}"), report_id=pk.pk, password=DEMO_PASSWORD
        )
        # The Bupati's signature recorded: the paper both parties signed, scanned (here: the e-signed pages).
        catat_tanda_tangan_pihak_kedua(
            user=_person(f"perencanaan.{kecamatan}"),
            report_id=pk.pk,
            pindaian=bytes(signed.pdf),
            nama="H. Muhammad Ridhani, S.E., M.M.",
            jabatan="BUPATI BALANGAN",
            tanggal=datetime.date(tahun, 1, 20),
        )
    report = _report(Report.Kind.LKIP, tahun, kecamatan=kecamatan)
    kabupaten = report.kecamatan.kabupaten
    kabupaten.wajib_reviu_lkip = True
    kabupaten.save(update_fields=["wajib_reviu_lkip"])
    _narasi(report)
    report.refresh_from_db()
    ajukan(user=_person(f"perencanaan.{kecamatan}"), report_id=report.pk)
    extra = {}
    if "alasan_periksa" in inspect.signature(reviu.reviu_selesai).parameters:
        # An item ticked against the app's own finding needs the evaluator's reason (the demo holds no evidence
        # files): the reason a reviewer who checked the paper archive would write.
        extra["alasan_periksa"] = {
            key: "Diperiksa langsung pada arsip bukti dukung di setiap seksi." for key, _ in reviu.DAFTAR_PERIKSA
        }
    reviu.reviu_selesai(
        user=_person("evaluator.balangan"),
        report_id=report.pk,
        password=DEMO_PASSWORD,
        periksa={key: True for key, _ in reviu.DAFTAR_PERIKSA},
        catatan={},
        **extra,
    )
    content = bytes(NaskahDiajukan.objects.get(report=report).pdf)
    # Where the attached signed PK lies: after the LKIP's own pages, before the statement's page.
    from io import BytesIO

    from pypdf import PdfReader

    from laporan.documents import pihak_kedua_of, signed_pk

    total = len(PdfReader(BytesIO(content)).pages)
    k = len(PdfReader(BytesIO(bytes(pihak_kedua_of(signed_pk(report)).pindaian))).pages)
    end = total - reviu.HALAMAN_PERNYATAAN
    return content, {"salinan": range(end - k + 1, end + 1)}


def _submitted(kind: str, tahun: int, periode: int = 0, kecamatan: str = "awayan") -> bytes:
    from laporan.models import NaskahDiajukan
    from laporan.services import ajukan

    report = _report(kind, tahun, periode, kecamatan=kecamatan)
    _narasi(report)
    ajukan(user=_person(f"perencanaan.{kecamatan}"), report_id=report.pk)
    return bytes(NaskahDiajukan.objects.get(report=report).pdf)


def _draft(kind: str, tahun: int, periode: int = 0, kecamatan: str = "awayan") -> bytes:
    from laporan import pdf

    return pdf.render_pdf(_report(kind, tahun, periode, kecamatan=kecamatan))


def _lhe() -> bytes:
    from evaluasi import lhe
    from evaluasi.models import Evaluasi

    evaluasi = Evaluasi.objects.get(kecamatan__kode="awayan", tahun=2025)
    return lhe.render_preview(evaluasi)


def _pk_jabatan(tahun: int, kecamatan: str = "awayan") -> bytes:
    """The cascading PK of the kecamatan's first position that has one (the demo's: kinerja/demo_berjenjang.py)
    as its superior reads it to sign: established by its holder, submitted, the file rendered."""
    from kinerja.models import PerjanjianKinerja
    from kinerja.services.perencanaan import pk_tetapkan
    from laporan.models import NaskahDiajukan
    from laporan.services import pk_jabatan_ajukan
    from sakip.models import Pegawai

    pk = (
        PerjanjianKinerja.objects.filter(kecamatan__kode=kecamatan, tahun=tahun, jabatan__isnull=False)
        .exclude(status=PerjanjianKinerja.Status.DIGANTIKAN)
        .order_by("jabatan__nama")
        .first()
    )
    holder = Pegawai.objects.filter(jabatan=pk.jabatan, is_active=True).order_by("pk").first()
    if pk.status == PerjanjianKinerja.Status.DRAFT:
        pk = pk_tetapkan(user=holder, pk=pk, password=DEMO_PASSWORD, tanggal=datetime.date(tahun, 1, 20))
    report = pk_jabatan_ajukan(user=holder, pk=pk)
    return bytes(NaskahDiajukan.objects.get(report=report).pdf)


def _rekap_evaluasi(tahun: int = 2025) -> bytes:
    from evaluasi import rekap

    return rekap.pdf(rekap.rekap(_person("evaluator.balangan"), tahun=tahun))


def _sop_ap() -> bytes:
    from sop.models import SopRevision
    from sop.pdf import render_revision_pdf

    revision = (
        SopRevision.objects.filter(sop__kecamatan__kode="awayan", status=SopRevision.Status.EFFECTIVE)
        .order_by("pk")
        .first()
    )
    return render_revision_pdf(revision)


def _tanda_terima() -> bytes:
    """The counter's receipt as the browser prints it: the page (GET, as the officer who recorded it) through
    the PDF pipeline with the site's stylesheets, print media."""
    from django.test import Client
    from django.urls import reverse

    from loket.models import Permohonan
    from sakip import pdf as pipeline

    permohonan = Permohonan.objects.filter(kecamatan__kode="awayan").order_by("pk").first()
    client = Client()
    client.force_login(permohonan.dicatat_oleh)
    html = client.get(reverse("loket:tanda_terima", args=[permohonan.pk])).content.decode()
    return pipeline.render_pdf(html, static_css=["bootstrap/css/bootstrap.min.css", "css/sakip.css"])


def builders(tahun_lalu: int, tahun_ini: int) -> dict:
    from laporan.models import Report
    from loket.demo import _kuartal_lalu

    K = Report.Kind
    # The quarter the demo's counter and SKM answers fill (the one before today's).
    tahun_layanan, tw_layanan, _, _ = _kuartal_lalu(timezone.localdate())
    return {
        "pk": lambda: _submitted(K.PK, tahun_ini),
        "rencana-aksi": lambda: _draft(K.RENCANA_AKSI, tahun_ini),
        "triwulan": lambda: _submitted(K.TRIWULAN, tahun_ini, 2),
        "semester": lambda: _submitted(K.SEMESTER, tahun_lalu, 2),
        "lkip": lambda: _lkip_reviewed(tahun_lalu),
        "renstra": lambda: _draft(K.RENSTRA, 2025),
        "iku": lambda: _draft(K.IKU, 2025),
        "lhe": _lhe,
        "pk-jabatan": lambda: _pk_jabatan(tahun_ini),
        "rekap-evaluasi": _rekap_evaluasi,
        "skm": lambda: _draft(K.SKM, tahun_layanan, tw_layanan),
        "monitoring-sop": lambda: _draft(K.MONITORING_SOP, tahun_layanan, tw_layanan),
        "sop-ap": _sop_ap,
        "tanda-terima": _tanda_terima,
    }


FINAL = {"pk", "pk-jabatan", "triwulan", "semester", "lkip"}


def build_all(only: set[str] | None = None) -> dict[str, Dokumen]:
    tahun_ini = timezone.localdate().year
    result = {}
    for kind, build in builders(tahun_ini - 1, tahun_ini).items():
        if only and kind not in only:
            continue
        t0 = time.perf_counter()
        content, notes = build(), {}
        if isinstance(content, tuple):
            content, notes = content
        result[kind] = Dokumen(kind, content, final=kind in FINAL, seconds=time.perf_counter() - t0, notes=notes)
    return result


# --- a large kecamatan: 12 sasaran, 60 indicators, long names ----------------------------------------------


def _rekap_besar(unit, tahun: int) -> bytes:
    """The kabupaten's summary of the year, after the large kecamatan's evaluation is signed, with the kabupaten
    at the size of a large one (tests/dokumen/besar.py `kabupaten`)."""
    from tests.dokumen import besar

    besar.kabupaten(unit, tahun)
    return _rekap_evaluasi(tahun)


def build_besar(only: set[str] | None = None) -> dict[str, Dokumen]:
    """Every kind whose size grows with the sasaran, the indicators, the services or the SOPs run, built from a
    kecamatan sized like a large one (tests/dokumen/besar.py: Juai in 2024, a year the demo leaves empty), the
    way the demo's are: the PK, the triwulan and semester reports submitted, the LKIP reviewed with the signed
    PK attached and the statement appended, the LHE signed. The SOP AP and the counter's receipt stay with the
    demo: one SOP's paper and one applicant's receipt do not grow with the kecamatan."""
    from laporan.models import Report
    from sakip.models import Unit
    from tests.dokumen import besar

    K = Report.Kind
    kecamatan, tahun = besar.KECAMATAN, besar.TAHUN
    unit = Unit.objects.get(kode=kecamatan)
    _, indicators = besar.kinerja(unit, tahun)
    besar.renstra(unit, indicators)
    besar.pk_jabatan(unit, indicators, tahun)
    besar.layanan_dan_sop(unit, tahun)
    kinds = {
        "besar-pk": lambda: _submitted(K.PK, tahun, kecamatan=kecamatan),
        "besar-rencana-aksi": lambda: _draft(K.RENCANA_AKSI, tahun, kecamatan=kecamatan),
        "besar-triwulan": lambda: _submitted(K.TRIWULAN, tahun, 2, kecamatan=kecamatan),
        "besar-semester": lambda: _submitted(K.SEMESTER, tahun, 2, kecamatan=kecamatan),
        "besar-lkip": lambda: _lkip_reviewed(tahun, kecamatan=kecamatan),
        "besar-renstra": lambda: _draft(K.RENSTRA, besar.RENSTRA_AWAL, kecamatan=kecamatan),
        "besar-iku": lambda: _draft(K.IKU, besar.RENSTRA_AWAL, kecamatan=kecamatan),
        "besar-pk-jabatan": lambda: _pk_jabatan(tahun, kecamatan=kecamatan),
        "besar-skm": lambda: _draft(K.SKM, tahun, besar.TW_LAYANAN, kecamatan=kecamatan),
        "besar-monitoring-sop": lambda: _draft(K.MONITORING_SOP, tahun, besar.TW_LAYANAN, kecamatan=kecamatan),
        "besar-lhe": lambda: besar.evaluasi(unit, tahun),
        "besar-rekap-evaluasi": lambda: _rekap_besar(unit, tahun),
    }
    result = {}
    for kind, build in kinds.items():
        if only and kind not in only:
            continue
        t0 = time.perf_counter()
        content, notes = build(), {}
        if isinstance(content, tuple):
            content, notes = content
        final = kind.removeprefix("besar-") in FINAL | {"lhe"}
        result[kind] = Dokumen(kind, content, final=final, seconds=time.perf_counter() - t0, notes=notes)
    return result
