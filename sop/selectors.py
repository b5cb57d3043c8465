"""Read-side queries of the SOP library; constant query counts."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from sakip import params, permissions
from sop import galat
from sop.models import SopRevision, Step
from sop.waktu import format_total

S = SopRevision.Status


def visible_revisions(user) -> QuerySet:
    """Own kecamatan's revisions in any status; effective ones of other kecamatan; library templates.

    A library template (no kecamatan) is never effective, so it is read in any status: it belongs to
    no office whose drafts would be private (sakip.permissions.library_filter gives the rest).
    """
    if not user.is_authenticated:
        return SopRevision.objects.none()
    condition = permissions.library_filter(
        user, kecamatan_field="sop__kecamatan", status_field="status", published=S.EFFECTIVE
    )
    qs = SopRevision.objects.all()
    return qs if condition is None else qs.filter(condition | Q(sop__kecamatan__isnull=True))


def library(user, *, q: str = "", kecamatan_id: str = "", status: str = "") -> list[SopRevision]:
    qs = (
        visible_revisions(user)
        .exclude(status=S.SUPERSEDED)
        .select_related("sop__kecamatan")
        .annotate(
            jumlah_langkah=Count("steps"),
            jumlah_lajur_disimpulkan=Count("steps", filter=Q(steps__lane_inferred=True)),
            total_menit=Sum("steps__waktu_nilai", filter=Q(steps__waktu_satuan="menit")),
            total_jam=Sum("steps__waktu_nilai", filter=Q(steps__waktu_satuan="jam")),
            total_hari=Sum("steps__waktu_nilai", filter=Q(steps__waktu_satuan="hari")),
        )
        .order_by("sop__kecamatan__nama", "nama", "-nomor_revisi")
    )
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nomor__icontains=q))
    if kecamatan_id == "templat":
        qs = qs.filter(sop__kecamatan__isnull=True)
    elif kecamatan_id:
        qs = qs.filter(sop__kecamatan_id=params.int_param(kecamatan_id, field="kecamatan"))
    if status in S.values:
        qs = qs.filter(status=status)
    rows = list(qs)
    for r in rows:
        minutes = (r.total_menit or Decimal(0)) + 60 * (r.total_jam or Decimal(0))
        r.total_waktu = format_total(minutes, r.total_hari or Decimal(0))
    return rows


def revision_for_reading(user, pk: int) -> SopRevision:
    try:
        return visible_revisions(user).select_related("sop__kecamatan").get(pk=pk)
    except SopRevision.DoesNotExist:
        raise Http404("SOP tidak ditemukan.") from None


def document(revision: SopRevision) -> dict:
    """Everything the official document shows, in a fixed number of queries."""
    lanes = list(revision.lanes.all())
    steps = list(Step.objects.filter(revision=revision).select_related("lane").order_by("no"))
    keterkaitan = list(revision.keterkaitan.select_related("sop_terkait").all())
    return {"revision": revision, "lanes": lanes, "steps": steps, "keterkaitan": keterkaitan}


def lane_review(revision: SopRevision) -> dict:
    """What the Camat checks against the original document: each step with its (inferred) lane, the lanes
    without a step, the transcription notes and the source errors. Four queries."""
    from sop.validation import lajur_tanpa_langkah

    lanes = list(revision.lanes.all())
    steps = list(Step.objects.filter(revision=revision).select_related("lane").order_by("no"))
    return {
        "revision": revision,
        "lanes": lanes,
        "steps": steps,
        # The known errors of the source document, each with whether this revision still prints it.
        "galat": galat.daftar(revision, steps=steps),
        "lajur_kosong": lajur_tanpa_langkah(lanes, steps),
        "jumlah_disimpulkan": sum(1 for s in steps if s.lane_inferred),
        "diperiksa_oleh": revision.lajur_diperiksa_oleh,
    }


def other_revisions(user, revision: SopRevision) -> list[SopRevision]:
    return list(
        visible_revisions(user).filter(sop_id=revision.sop_id).exclude(pk=revision.pk).order_by("-nomor_revisi")
    )


def lane_review_panel(user) -> dict | None:
    """Beranda panel of the Camat: the kecamatan's current SOP revisions (draft or effective) whose inferred
    lanes nobody has confirmed yet; hidden when there are none. One query."""
    from sakip.roles import Role

    kecamatan_ids = {h.kecamatan_id for h in permissions.holdings(user) if h.role == Role.CAMAT and h.kecamatan_id}
    if not kecamatan_ids:
        return None
    revisions = list(
        SopRevision.objects.filter(
            sop__kecamatan_id__in=kecamatan_ids,
            status__in=[SopRevision.Status.DRAFT, SopRevision.Status.EFFECTIVE],
            lajur_diperiksa_pada__isnull=True,
        )
        .annotate(jumlah_lajur_disimpulkan=Count("steps", filter=Q(steps__lane_inferred=True)))
        .filter(jumlah_lajur_disimpulkan__gt=0)
        .order_by("nama")[:20]
    )
    return {"revisions": revisions} if revisions else None
