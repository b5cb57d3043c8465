"""Reads of the public SAKIP pages: one query per page whatever the number of documents.

The rule of what is public lives here (`_terbit`): a signed document of a published kind of its kabupaten,
whose report is the signed revision in force.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Q

from laporan.models import Report, SignedDocument
from publikasi.models import PengaturanPublikasi, jenis_bawaan
from sakip.models import Unit


def pengaturan(kabupaten: Unit) -> PengaturanPublikasi:
    """The kabupaten's settings, or the defaults (unsaved: reading never writes)."""
    found = PengaturanPublikasi.objects.filter(kabupaten=kabupaten).first()
    return found or PengaturanPublikasi(kabupaten=kabupaten, jenis=jenis_bawaan())


def _terbit(kabupaten: Unit) -> Q:
    return Q(
        report__kecamatan__kabupaten=kabupaten,
        report__kind__in=pengaturan(kabupaten).jenis,
        report__status=Report.Status.DITANDATANGANI,
    )


def kabupaten_publik(kode: str) -> Unit | None:
    return Unit.objects.filter(kode=kode, jenis=Unit.Kind.KABUPATEN).first()


def kecamatan_publik(kabupaten: Unit, kode: str) -> Unit | None:
    return Unit.objects.filter(kode=kode, jenis=Unit.Kind.KECAMATAN, parent=kabupaten).first()


@dataclass
class Terbitan:
    dokumen: SignedDocument

    @property
    def report(self) -> Report:
        return self.dokumen.report


def terbitan(kabupaten: Unit, kecamatan: Unit | None = None) -> OrderedDict:
    """{kecamatan: {tahun: [SignedDocument, …]}} of what is public, newest year first, kinds in a fixed order."""
    qs = SignedDocument.objects.filter(_terbit(kabupaten)).select_related("report__kecamatan")
    if kecamatan is not None:
        qs = qs.filter(report__kecamatan=kecamatan)
    urutan = {kind: i for i, kind in enumerate(Report.Kind.values)}
    rows = sorted(
        qs.defer("pdf"),
        key=lambda d: (d.report.kecamatan.nama, -d.report.tahun, urutan.get(d.report.kind, 99), d.report.periode),
    )
    out: OrderedDict = OrderedDict()
    for doc in rows:
        out.setdefault(doc.report.kecamatan, OrderedDict()).setdefault(doc.report.tahun, []).append(doc)
    return out


def dokumen_publik(kode: str) -> SignedDocument | None:
    """A document by its verification code, if it is (or was, before being superseded) a published one."""
    doc = SignedDocument.objects.select_related("report__kecamatan__kabupaten").filter(kode_verifikasi=kode).first()
    if doc is None or doc.report.kecamatan.kabupaten_id is None:
        return None
    if doc.report.kind not in pengaturan(doc.report.kecamatan.kabupaten).jenis:
        return None
    if doc.report.status not in (Report.Status.DITANDATANGANI, Report.Status.DIGANTIKAN):
        return None
    return doc


def terbit_tahun(kecamatan: Unit, tahun: int, kinds) -> list[SignedDocument]:
    """The public documents of a kecamatan and year among `kinds`, oldest signature first (LKE evidence)."""
    kabupaten = kecamatan.kabupaten
    if kabupaten is None:
        return []
    return list(
        SignedDocument.objects.filter(_terbit(kabupaten), report__kecamatan=kecamatan, report__tahun=tahun)
        .filter(report__kind__in=list(kinds))
        .defer("pdf")
        .select_related("report")
        .order_by("ditandatangani_pada")
    )
