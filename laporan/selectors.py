"""Read queries of reports, always through sakip.permissions."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from kinerja.models import Triwulan
from laporan.models import Report, ReportRiwayat, SignedDocument
from sakip import permissions
from sakip.roles import KABUPATEN_ROLES, Role

PUBLISHED = (Report.Status.DITANDATANGANI, Report.Status.DIGANTIKAN)
DOWNLOAD_ROLES = {Role.KASUBBAG_PERENCANAAN, Role.CAMAT, Role.SEKRETARIS}


def visible_reports(user) -> QuerySet:
    """Reports the user may read: every report of their own kecamatan; for kabupaten readers only signed ones,
    and for the evaluator also the LKIPs submitted to the Camat (to review them, laporan/reviu.py)."""
    # The LHE (kind lhe) lives on the evaluasi pages (evaluasi/views.py), not among the kecamatan's reports.
    qs = permissions.scope(user, Report.objects.exclude(kind=Report.Kind.LHE).select_related("kecamatan", "dokumen"))
    hs = permissions.holdings(user)
    own = {h.kecamatan_id for h in hs if h.role not in KABUPATEN_ROLES and h.kecamatan_id}
    if user.is_superuser:
        return qs
    # Kabupaten readers (ADMIN, EVALUATOR) never see drafts; people of a kecamatan see theirs. The evaluator
    # also sees the LKIPs submitted to the Camat, to review them (laporan/reviu.py).
    reviewed = {h.kabupaten_id for h in hs if h.role == Role.EVALUATOR and h.kabupaten_id}
    diajukan = Q(kind=Report.Kind.LKIP, status=Report.Status.DIAJUKAN, kecamatan__kabupaten_id__in=reviewed)
    return qs.filter(Q(kecamatan_id__in=own) | Q(status__in=PUBLISHED) | diajukan)


def get_report_or_404(user, pk: int) -> Report:
    return permissions.get_visible_or_404(user, visible_reports(user), pk=pk)


def can_download(user, report: Report) -> bool:
    roles = permissions.roles_for_kecamatan(user, report.kecamatan_id)
    if roles & DOWNLOAD_ROLES:
        return True
    if Role.EVALUATOR in roles and report.kind == Report.Kind.LKIP and report.status == Report.Status.DIAJUKAN:
        return True  # the file under review (laporan/reviu.py)
    if report.kind == Report.Kind.PK_JABATAN and permissions.user_can(user, "laporan.submit", report):
        return True  # the holder of the position, pihak pertama of their own PK
    return bool(roles & KABUPATEN_ROLES) and report.status in PUBLISHED


def signed_documents_for_period(user, *, tahun: int, kind: str, periode: int) -> QuerySet:
    """Every kecamatan's current signed document of a period, for the kabupaten ZIP."""
    return (
        permissions.scope(user, SignedDocument.objects.all())
        .filter(
            report__tahun=tahun,
            report__kind=kind,
            report__periode=periode,
            report__status=Report.Status.DITANDATANGANI,
        )
        .select_related("report__kecamatan")
        .order_by("report__kecamatan__nama")
    )


SIGNER_ROLES = (Role.CAMAT, Role.SEKRETARIS)  # the Camat signs reports; a superior signs a position's PK


def waiting_for_signature(user) -> list[Report]:
    """Reports submitted for this user's signature: to the Camat of their kecamatan (own or acting), and the
    PK documents of positions whose superior they hold (sakip.permissions `POSITION_DOCUMENT_ACTIONS`)."""
    held = [h for h in permissions.holdings(user) if h.role in SIGNER_ROLES]
    camat = {h.kecamatan_id for h in held if h.role == Role.CAMAT}
    kecamatan_ids = {h.kecamatan_id for h in held}
    candidates = (
        Report.objects.filter(kecamatan_id__in=kecamatan_ids, status=Report.Status.DIAJUKAN)
        .filter(Q(jabatan__isnull=False) | Q(kecamatan_id__in=camat))
        .select_related("kecamatan", "jabatan")
        .order_by("diajukan_pada")
    )
    return [r for r in candidates if r.jabatan_id is None or permissions.user_can(user, "laporan.sign", r)]


def signature_panel(user) -> dict | None:
    """Beranda panel: reports waiting for this Camat (or acting Camat) or superior; hidden when there are none."""
    if not any(h.role in SIGNER_ROLES for h in permissions.holdings(user)):
        return None
    reports = waiting_for_signature(user)[:20]
    return {"reports": reports} if reports else None


def returned_panel(user) -> dict | None:
    """Beranda panel of the Kasubbag Perencanaan: reports the Camat sent back, with the reason (2 queries).

    A report still in draft that has a return in its history was sent back and not yet submitted again
    (submitting moves it out of draft)."""
    kecamatan_ids = {h.kecamatan_id for h in permissions.holdings(user) if h.role == Role.KASUBBAG_PERENCANAAN}
    if not kecamatan_ids:
        return None
    events = (
        ReportRiwayat.objects.filter(
            report__kecamatan_id__in=kecamatan_ids,
            report__status=Report.Status.DRAFT,
            dari=Report.Status.DIAJUKAN,
            ke=Report.Status.DRAFT,
        )
        .select_related("report__kecamatan", "oleh")
        .order_by("-pada", "-pk")[:100]
    )
    latest = {}
    for event in events:
        latest.setdefault(event.report_id, event)
    items = list(latest.values())[:20]
    return {"items": items} if items else None


def tanda_tangan_pihak_kedua(report: Report):
    """The recorded pihak kedua signature of a PK report the caller may already read (or None)."""
    from laporan.models import TandaTanganPihakKedua

    return TandaTanganPihakKedua.objects.filter(report_id=report.pk).select_related("dicatat_oleh").first()


def pk_of_report(report: Report):
    """The kecamatan's current Perjanjian Kinerja of the report's year (names the pihak kedua)."""
    from kinerja.services.perencanaan import current_pk

    return current_pk(report.kecamatan, report.tahun)


def pk_pihak_kedua_panel(user) -> dict | None:
    """Beranda panel of the Kasubbag Perencanaan: signed PKs whose pihak kedua signature is not recorded
    (the PK is not complete until it is); hidden when there are none. One query."""
    kecamatan_ids = {h.kecamatan_id for h in permissions.holdings(user) if h.role == Role.KASUBBAG_PERENCANAAN}
    if not kecamatan_ids:
        return None
    reports = list(
        Report.objects.filter(
            kecamatan_id__in=kecamatan_ids,
            kind=Report.Kind.PK,
            status=Report.Status.DITANDATANGANI,
            pihak_kedua__isnull=True,
        )
        .select_related("kecamatan")
        .order_by("-tahun")[:20]
    )
    return {"reports": reports} if reports else None


def naskah_diajukan(report: Report):
    """The PDF rendered when the report was submitted (what the Camat reads and signs), or None."""
    from laporan.models import NaskahDiajukan

    return NaskahDiajukan.objects.filter(report_id=report.pk).only("pk", "sha256", "dibuat_pada", "report_id").first()


def lkip_menunggu_reviu(user) -> QuerySet:
    """Submitted LKIPs of the evaluator's kabupaten waiting for the Inspektorat's review (required there)."""
    kabupaten_ids = {h.kabupaten_id for h in permissions.holdings(user) if h.role == Role.EVALUATOR}
    return (
        Report.objects.filter(
            kind=Report.Kind.LKIP,
            status=Report.Status.DIAJUKAN,
            kecamatan__kabupaten_id__in=kabupaten_ids,
            kecamatan__kabupaten__wajib_reviu_lkip=True,
        )
        .exclude(reviu__status="selesai")
        .select_related("kecamatan")
        .order_by("diajukan_pada")
    )


def reviu_panel(user) -> dict | None:
    """Beranda panel of the evaluator: LKIPs waiting for review; hidden when there are none (1 query)."""
    if not any(h.role == Role.EVALUATOR for h in permissions.holdings(user)):
        return None
    reports = list(lkip_menunggu_reviu(user)[:20])
    return {"reports": reports} if reports else None


def triwulan_siap_dilaporkan(kecamatan) -> tuple[int, int] | None:
    """(tahun, triwulan) of the kecamatan's latest approved quarter that has no quarterly report yet: the period
    the report form proposes, instead of the calendar's current quarter (which is usually not open). One query."""
    reported = Report.objects.filter(
        kecamatan=OuterRef("kecamatan"),
        kind=Report.Kind.TRIWULAN,
        tahun=OuterRef("tahun"),
        periode=OuterRef("triwulan"),
    ).exclude(status=Report.Status.DIGANTIKAN)
    return (
        Triwulan.objects.filter(kecamatan=kecamatan, status=Triwulan.Status.DISETUJUI)
        .exclude(Exists(reported))
        .order_by("-tahun", "-triwulan")
        .values_list("tahun", "triwulan")
        .first()
    )
