"""Dashboard selectors: one kecamatan's year, and the kabupaten roll-up of every kecamatan.

Every figure comes from kinerja.pengukuran (the one measurement model); this
module only chooses which figures a dashboard shows. Constant queries whatever
the number of indicators or kecamatan.
"""

from decimal import Decimal

from django.db.models import Count, Q

from kinerja import pengukuran
from kinerja.models import Indikator, Realisasi
from sakip import permissions


def posisi(ukuran: pengukuran.Pengukuran) -> int:
    """The latest quarter holding any realisation (TW I when none): where the year stands."""
    filled = [t for i in ukuran.indikator for t in i.ukuran.values]
    return max(filled, default=1)


def kecamatan_dashboard(user, kecamatan, tahun: int) -> dict:
    ukuran = pengukuran.ukur_kecamatan(kecamatan, tahun, user=user, baris=False)
    sampai = posisi(ukuran)
    for row in ukuran.sasaran:
        row.capaian_posisi = row.rentang(1, sampai)
        for item in row.indikator:
            item.posisi, item.progres_posisi = item.sampai(sampai), item.progres(sampai)
    anggaran = ukuran.anggaran_ringkas
    pagu = anggaran.total_pagu if anggaran.baris else None
    return {
        "ukuran": ukuran,
        "sasaran": ukuran.sasaran,
        "posisi": sampai,
        "pagu": pagu,
        "serapan_tw": [(t, anggaran.realisasi_triwulan(t), anggaran.serapan_triwulan(t)) for t in (1, 2, 3, 4)],
        "serapan": anggaran.total_serapan(4) if pagu else None,
        "statuses": [(t, ukuran.status(t), pengukuran.STATUS_LABEL[ukuran.status(t)]) for t in (1, 2, 3, 4)],
    }


def kabupaten_rekap(user, tahun: int, sort: str = "nama") -> list[dict]:
    """Every visible kecamatan: quarter statuses, capaian on approved data only, late entries, serapan.

    Capaian is judged s.d. the last quarter approved without a gap; sorting by
    capaian ranks like with like (more approved quarters first, then capaian).
    """
    kecamatan = list(permissions.visible_kecamatan(user).order_by("nama"))
    ids = [k.pk for k in kecamatan]
    late = dict(
        Realisasi.objects.filter(kecamatan_id__in=ids, tahun=tahun)
        .values("kecamatan_id")
        .annotate(n=Count("pk", filter=Q(terlambat=True)))
        .values_list("kecamatan_id", "n")
    )
    serapan = pengukuran.serapan_kabupaten(ids, tahun)
    ringkas = {r.kecamatan.pk: r for r in pengukuran.ukur_kabupaten(kecamatan, tahun)}
    rows = []
    for k in kecamatan:
        r = ringkas[k.pk]
        rows.append(
            {
                "kecamatan": k,
                # None: a quarter never opened; else its status and label for the badge.
                "quarters": [
                    {"status": r.statuses[tw], "label": pengukuran.STATUS_LABEL[r.statuses[tw]]}
                    if tw in r.statuses
                    else None
                    for tw in (1, 2, 3, 4)
                ],
                "disetujui": r.disetujui,
                "dasar": r.dasar,
                "capaian": r.capaian,
                "terlambat": late.get(k.pk, 0),
                "serapan": serapan.get(k.pk),
            }
        )
    keys = {
        "nama": lambda r: r["kecamatan"].nama,
        "capaian": lambda r: (-r["disetujui"], -(r["capaian"].nilai if r["capaian"].ok else Decimal(-1))),
        "terlambat": lambda r: -r["terlambat"],
        "serapan": lambda r: -(r["serapan"] if r["serapan"] is not None else Decimal(-1)),
    }
    rows.sort(key=keys.get(sort, keys["nama"]))
    return rows


def nama_indikator(user, tahun: int) -> list[str]:
    """The indicator names of the year's current PKs of the visible kecamatan, each once (case-insensitive),
    for choosing one to follow across kecamatan. One query."""
    names = {}
    for uraian in (
        Indikator.objects.milik_camat()
        .filter(kecamatan__in=permissions.visible_kecamatan(user), tahun=tahun)
        .exclude(sasaran__perjanjian__status="digantikan")
        .values_list("uraian", flat=True)
    ):
        names.setdefault(uraian.strip().lower(), uraian.strip())
    return sorted(names.values(), key=str.lower)


def indikator_lintas_kecamatan(user, tahun: int, uraian: str) -> list[dict]:
    """One indicator in every visible kecamatan that has it: target, realisation and capaian s.d. the last
    approved quarter (approved data only, as the rekap), or the reason there is none."""
    kecamatan = list(permissions.visible_kecamatan(user).order_by("nama"))
    rows = []
    for r in pengukuran.ukur_kabupaten(kecamatan, tahun, uraian=uraian):
        if not r.ukuran:
            continue
        ukuran = r.ukuran[0]
        n = r.disetujui
        angka = ukuran.tahunan if n == 4 else ukuran.sampai(n) if n else None
        rows.append(
            {
                "kecamatan": r.kecamatan,
                "target_tahunan": ukuran.spec.target_tahunan,
                "disetujui": n,
                "dasar": r.dasar,
                "angka": angka,
                "capaian": r.capaian,
            }
        )
    return rows
