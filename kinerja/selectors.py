"""Read-side queries of performance data shared by views; constant query counts."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from kinerja import capaian
from kinerja.models import Indikator, Realisasi, RencanaAksi, Triwulan
from sakip import permissions


@dataclass
class EntryRow:
    indikator: Indikator
    target_tw: object
    earlier: list  # Realisasi | None for each earlier quarter
    current: Realisasi | None
    capaian_tw: capaian.Capaian
    capaian_kumulatif: capaian.Capaian
    editable: bool
    bukti: list = field(default_factory=list)


def quarters_of(user, kecamatan, tahun: int | None = None):
    qs = permissions.scope(user, Triwulan.objects.filter(kecamatan=kecamatan))
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "-triwulan")


def entry_rows(user, quarter: Triwulan, only_mine: bool) -> list[EntryRow]:
    """The indicators of the quarter's kecamatan and year, with targets, earlier values and capaian.

    `only_mine`: limit to indicators the user answers for. Costs a constant
    number of queries whatever the number of indicators.
    """
    realisasi = (
        Realisasi.objects.filter(triwulan__lte=quarter.triwulan)
        .select_related("diisi_oleh", "nilai_level")
        .prefetch_related("bukti")
    )
    indicators = list(
        permissions.scope(user, Indikator.objects.filter(kecamatan=quarter.kecamatan, tahun=quarter.tahun))
        .exclude(sasaran__perjanjian__status="digantikan")
        .select_related("sasaran", "penanggung_jawab", "skala", "target_level")
        .prefetch_related(
            "skala__levels",
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.order_by("triwulan")),
            Prefetch("realisasi", queryset=realisasi),
        )
        .order_by("sasaran__urutan", "urutan")
    )
    rows = []
    for ind in indicators:
        unit_id = ind.penanggung_jawab.unit_id if ind.penanggung_jawab_id else None
        editable = quarter.status == Triwulan.Status.DRAFT and permissions.user_can_enter_realisasi(user, ind, unit_id)
        if only_mine and not permissions.user_can_enter_realisasi(user, ind, unit_id):
            continue
        by_tw = {r.triwulan: r for r in ind.realisasi.all()}
        targets = {ra.triwulan: ra.target for ra in ind.rencana_aksi.all()}
        current = by_tw.get(quarter.triwulan)
        values = [by_tw[t].nilai if t in by_tw else None for t in range(1, quarter.triwulan + 1)]
        target_tw = targets.get(quarter.triwulan)
        if ind.kualitatif:
            # Qualitative: the latest reported level against the annual target level.
            level = current.nilai_level if current else None
            capaian_tw = capaian.hitung_capaian_level(target_level=ind.target_level, realisasi_level=level)
            capaian_kumulatif = capaian_tw
        else:
            capaian_tw = capaian.hitung_capaian(
                target=target_tw,
                realisasi=current.nilai if current else None,
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
            )
            capaian_kumulatif = capaian.hitung_capaian(
                target=ind.target_tahunan,
                realisasi=capaian.agregasi(values, ind.agregasi),
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
            )
        rows.append(
            EntryRow(
                indikator=ind,
                target_tw=target_tw,
                earlier=[by_tw.get(t) for t in range(1, quarter.triwulan)],
                current=current,
                capaian_tw=capaian_tw,
                capaian_kumulatif=capaian_kumulatif,
                editable=editable,
                bukti=list(current.bukti.all()) if current else [],
            )
        )
    return rows


def empty_count(quarter: Triwulan) -> int:
    """Indicators of the quarter with no value yet (used by the isi_realisasi action)."""
    total = Indikator.objects.filter(kecamatan=quarter.kecamatan, tahun=quarter.tahun).exclude(
        sasaran__perjanjian__status="digantikan"
    )
    filled = Realisasi.objects.filter(indikator__in=total, triwulan=quarter.triwulan).exclude(
        nilai__isnull=True, nilai_level__isnull=True
    )
    return total.count() - filled.count()
