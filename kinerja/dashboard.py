"""Dashboard selectors: capaian per sasaran and indicator per quarter, and the kabupaten roll-up.

Every number comes from kinerja.capaian; each function costs a constant number
of queries whatever the number of indicators or kecamatan. Prefetches go into plain lists
(to_attr): a related manager's .all() per indicator builds a queryset each time, which the load
benchmark measured as the main cost of these pages.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from kinerja import capaian
from kinerja.models import AnggaranTriwulan, Indikator, Realisasi, RencanaAksi, Triwulan
from kinerja.selectors import kriteria_predikat, kriteria_predikat_map
from sakip import permissions


def kecamatan_dashboard(user, kecamatan, tahun: int) -> dict:
    indicators = list(
        permissions.scope(user, Indikator.objects.filter(kecamatan=kecamatan, tahun=tahun))
        .exclude(sasaran__perjanjian__status="digantikan")
        .select_related("sasaran")
        .prefetch_related(
            Prefetch("rencana_aksi", queryset=RencanaAksi.objects.order_by("triwulan"), to_attr="ra_list"),
            Prefetch("realisasi", queryset=Realisasi.objects.order_by("triwulan"), to_attr="real_list"),
        )
        .order_by("sasaran__urutan", "urutan")
    )
    bands = kriteria_predikat(kecamatan.kabupaten_id)
    sasaran_rows: dict[int, dict] = {}
    for ind in indicators:
        targets = {ra.triwulan: ra.target for ra in ind.ra_list}
        values = {r.triwulan: r.nilai for r in ind.real_list}
        quarters = []
        for tw in (1, 2, 3, 4):
            quarters.append(
                {
                    "target": targets.get(tw),
                    "realisasi": values.get(tw),
                    "capaian": capaian.hitung_capaian(
                        target=targets.get(tw),
                        realisasi=values.get(tw),
                        polaritas=ind.polaritas,
                        rumus_negatif=ind.rumus_negatif,
                    ),
                }
            )
        total = capaian.hitung_capaian(
            target=ind.target_tahunan,
            realisasi=capaian.agregasi([values.get(tw) for tw in (1, 2, 3, 4)], ind.agregasi),
            polaritas=ind.polaritas,
            rumus_negatif=ind.rumus_negatif,
        )
        row = sasaran_rows.setdefault(ind.sasaran_id, {"sasaran": ind.sasaran, "indikator": []})
        row["indikator"].append({"indikator": ind, "quarters": quarters, "tahunan": capaian.berkriteria(total, bands)})
    for row in sasaran_rows.values():
        row["capaian"] = capaian.berkriteria(capaian.capaian_sasaran(i["tahunan"] for i in row["indikator"]), bands)
    budget = AnggaranTriwulan.objects.filter(kecamatan=kecamatan, sub_kegiatan__kegiatan__program__tahun=tahun)
    per_tw = dict(budget.values_list("triwulan").annotate(r=Sum("realisasi")).values_list("triwulan", "r"))
    pagu = budget.filter(triwulan=1).aggregate(p=Sum("sub_kegiatan__pagu"))["p"]
    spent = sum((v for v in per_tw.values() if v is not None), Decimal(0))
    return {
        "sasaran": list(sasaran_rows.values()),
        "pagu": pagu,
        "serapan_tw": [(tw, per_tw.get(tw), capaian.serapan(per_tw.get(tw), pagu)) for tw in (1, 2, 3, 4)],
        "serapan": capaian.serapan(spent if per_tw else None, pagu),
    }


def kabupaten_rekap(user, tahun: int, sort: str = "nama") -> list[dict]:
    kecamatan = list(permissions.visible_kecamatan(user).order_by("nama"))
    ids = [k.pk for k in kecamatan]
    statuses = defaultdict(dict)
    for q in Triwulan.objects.filter(kecamatan_id__in=ids, tahun=tahun):
        statuses[q.kecamatan_id][q.triwulan] = q
    late = dict(
        Realisasi.objects.filter(kecamatan_id__in=ids, tahun=tahun)
        .values("kecamatan_id")
        .annotate(n=Count("pk", filter=Q(terlambat=True)))
        .values_list("kecamatan_id", "n")
    )
    budget = {
        row["kecamatan_id"]: row
        for row in AnggaranTriwulan.objects.filter(kecamatan_id__in=ids, sub_kegiatan__kegiatan__program__tahun=tahun)
        .values("kecamatan_id")
        .annotate(realisasi=Sum("realisasi"), pagu=Sum("sub_kegiatan__pagu", filter=Q(triwulan=1)))
    }
    # Plain tuples, not model instances: a kabupaten holds hundreds of indicators and thousands of
    # realisations, and building objects for them was most of this page's time (bench_load.py).
    current = Indikator.objects.filter(kecamatan_id__in=ids, tahun=tahun).exclude(
        sasaran__perjanjian__status="digantikan"
    )
    values: dict[int, dict[int, object]] = defaultdict(dict)
    for indikator_id, triwulan, nilai in Realisasi.objects.filter(indikator__in=current).values_list(
        "indikator_id", "triwulan", "nilai"
    ):
        values[indikator_id][triwulan] = nilai
    per_kecamatan = defaultdict(list)
    for pk, kecamatan_id, target, agregasi, polaritas, rumus in current.values_list(
        "pk", "kecamatan_id", "target_tahunan", "agregasi", "polaritas", "rumus_negatif"
    ):
        by_tw = values.get(pk, {})
        per_kecamatan[kecamatan_id].append(
            capaian.hitung_capaian(
                target=target,
                realisasi=capaian.agregasi([by_tw.get(t) for t in (1, 2, 3, 4)], agregasi),
                polaritas=polaritas,
                rumus_negatif=rumus,
            )
        )
    bands = kriteria_predikat_map({k.kabupaten_id for k in kecamatan})
    rows = []
    for k in kecamatan:
        avg = capaian.berkriteria(capaian.capaian_sasaran(per_kecamatan.get(k.pk, [])), bands[k.kabupaten_id])
        b = budget.get(k.pk, {})
        rows.append(
            {
                "kecamatan": k,
                "quarters": [statuses[k.pk].get(tw) for tw in (1, 2, 3, 4)],
                "capaian": avg,
                "terlambat": late.get(k.pk, 0),
                "serapan": capaian.serapan(b.get("realisasi"), b.get("pagu")),
            }
        )
    keys = {
        "nama": lambda r: r["kecamatan"].nama,
        "capaian": lambda r: -(r["capaian"].nilai or Decimal(-1)),
        "terlambat": lambda r: -r["terlambat"],
        "serapan": lambda r: -(r["serapan"] or Decimal(-1)),
    }
    rows.sort(key=keys.get(sort, keys["nama"]))
    return rows
