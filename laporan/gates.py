"""The gates of a report: "may it be submitted?", "may it be signed?", each one function.

Used by the service that refuses (laporan/services.py `ajukan`, `tandatangani`),
the report page that shows why before anyone presses a button (laporan/views.py,
templates/laporan/detail.html: the sign form is shown disabled with the reasons)
and the SOP step blockers and descriptions (laporan/workflow_actions.py).
DESIGN.md: "A gate is one rule".

* Submitting (ajukan): every quarter the report covers (kinerja) is
  `disetujui`, and every narrative section of the document
  (laporan.documents.section_keys) is filled — the empty ones listed by their
  titles. Every section counts as required: the document prints the
  placeholder "(Bagian ini belum diisi.)" for an empty one, and no placeholder
  may reach a signed document, so this gate is what keeps it out.
* The SOP monitoring form (laporan.monitoring) has something to monitor: at
  least one SOP step finished in its quarter; its required narrative is the
  action for every step that did not go well, and the conclusion.
* The SKM report (laporan.skm) has answers in its quarter; its narrative is the analysis and the
  follow-up plan.
* The Renstra and IKU documents (laporan.renstra_doc) rest on the kecamatan's Renstra of the period:
  the Renstra complete (renstra.services.alasan_belum_lengkap; signing the Renstra document establishes
  a draft Renstra) and, for the IKU, established with its IKU designated.
* A position's PK document (laporan.pk_jabatan) prints a PK its holder has established (pihak pertama first,
  then pihak kedua signs the document).
* An LKIP rests on the year's signed Perjanjian Kinerja (issue 25): it is neither submitted nor signed while
  the PK document of that year is not signed (`pk_belum_ditandatangani`).
* Signing (tandatangani): the report is submitted, its file rendered by the worker
  (`naskah_belum_siap`, laporan.penyusunan), and the same two
  conditions still hold (a quarter reopened after submission blocks signing);
  an LKIP of a kabupaten that requires it has been reviewed by the Inspektorat
  (laporan.reviu.belum_direviu).
"""

from __future__ import annotations

from kinerja.models import Triwulan
from laporan import reviu
from laporan.documents import section_keys
from laporan.models import PenyusunanNaskah, Report
from sakip import periode, permissions


def sasaran_urutan(report: Report) -> list[int]:
    """The sasaran numbers of the year's PK (the LKIP has one analysis section per sasaran)."""
    from laporan.documents import current_pk

    pk = current_pk(report.kecamatan_id, report.tahun)
    return list(pk.sasaran.values_list("urutan", flat=True)) if pk else []


def triwulan_belum_disetujui(report: Report) -> list[int]:
    """The quarters the report covers that kinerja has not yet approved (locked)."""
    covered = report.triwulan_tercakup
    if not covered:
        return []
    approved = set(
        Triwulan.objects.filter(
            kecamatan_id=report.kecamatan_id,
            tahun=report.tahun,
            triwulan__in=covered,
            status=Triwulan.Status.DISETUJUI,
        ).values_list("triwulan", flat=True)
    )
    return [t for t in covered if t not in approved]


def pk_belum_ditandatangani(report: Report) -> bool:
    """The year's Perjanjian Kinerja has no signed document yet (the LKIP attaches it as signed)."""
    from laporan.documents import signed_pk

    return signed_pk(report) is None


def bagian_belum_diisi(report: Report, narasi: dict | None = None) -> list[str]:
    """Titles of the narrative sections still empty (in `narasi`, default the stored narrative)."""
    narasi = report.narasi if narasi is None else narasi
    return [
        title for key, title in section_keys(report, sasaran_urutan(report)) if not str(narasi.get(key) or "").strip()
    ]


def _alasan_data(report: Report) -> list[str]:
    reasons = []
    if report.kind == Report.Kind.MONITORING_SOP:
        from laporan import monitoring

        reasons += monitoring.alasan_kosong(monitoring.build(report))
    if report.kind == Report.Kind.SKM:
        from laporan import skm

        reasons += skm.alasan_kosong(skm.build(report))
    if report.kind in (Report.Kind.RENSTRA, Report.Kind.IKU):
        from laporan import renstra_doc

        reasons += renstra_doc.alasan_kosong(report, renstra_doc.build(report))
    if report.kind == Report.Kind.PK_JABATAN:
        from laporan import pk_jabatan

        reasons += pk_jabatan.alasan_kosong(report)
    if report.kind == Report.Kind.LKIP and pk_belum_ditandatangani(report):
        reasons.append(
            f"Perjanjian Kinerja {report.tahun} belum ditandatangani dalam aplikasi; LKIP mengukur capaian terhadap "
            f"PK yang ditandatangani dan melampirkannya. Tandatangani dokumen Perjanjian Kinerja {report.tahun} "
            "lebih dahulu (Laporan)."
        )
    pending = triwulan_belum_disetujui(report)
    if pending:
        names = ", ".join(periode.tw(t) for t in pending)
        reasons.append(f"Data kinerja {names} {report.tahun} belum disetujui Camat.")
    empty = bagian_belum_diisi(report)
    if empty:
        reasons.append("Bagian narasi belum diisi: " + "; ".join(empty) + ".")
    return reasons


def alasan_tidak_dapat_diajukan(report: Report) -> list[str]:
    """Why the report cannot be submitted to the Camat yet ([] = it can)."""
    if report.status != Report.Status.DRAFT:
        return ["Hanya laporan berstatus draf yang dapat diajukan."]
    return _alasan_data(report)


def naskah_belum_siap(report: Report) -> list[str]:
    """The submitted file is still being rendered by the worker, or its rendering failed (laporan.penyusunan):
    nothing to read, review or sign yet."""
    penyusunan = PenyusunanNaskah.objects.filter(report_id=report.pk).only("status", "pesan").first()
    if penyusunan is None or penyusunan.status == PenyusunanNaskah.Status.SELESAI:
        return []
    if penyusunan.status == PenyusunanNaskah.Status.GAGAL:
        return [
            "Naskah laporan gagal disusun; yang mengajukannya dapat menyusunnya ulang dari halaman laporan "
            f"({penyusunan.pesan})."
        ]
    return ["Naskah laporan sedang disusun; tunggu hingga selesai (halaman ini memberi tahu bila siap)."]


def alasan_tidak_dapat_ditandatangani(report: Report, user=None) -> list[str]:
    """Why the report cannot be signed yet ([] = it can); by `user`, when given: never by who submitted it
    (separation of duties, sakip.permissions)."""
    if report.status != Report.Status.DIAJUKAN:
        return ["Hanya laporan yang telah diajukan yang dapat ditandatangani."]
    reasons = naskah_belum_siap(report) + _alasan_data(report) + reviu.belum_direviu(report)
    if user is not None and (
        pemisahan := permissions.alasan_pemisahan_tugas(user, report.diajukan_oleh_id, "menandatangani")
    ):
        reasons.append(pemisahan)
    return reasons
