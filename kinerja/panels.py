"""Beranda panels of performance data: the user's next steps, and for kabupaten roles the kecamatan that
are late. Each step is a link with what is missing ("Isi realisasi TW IV 2026 — 6 dari 8 indikator belum
diisi"), the overdue ones first; a quarter that moved on says who acts next. Constant queries whatever the
number of indicators or kecamatan.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kinerja import alur_triwulan
from kinerja.models import Indikator, Realisasi, Triwulan
from kinerja.pengukuran import label_tw
from kinerja.services.triwulan import default_window
from sakip import beranda, permissions
from sakip.formatting import format_tanggal
from sakip.roles import KABUPATEN_ROLES, Role

S = Triwulan.Status
ENTRY_ROLES = permissions.ACTION_ROLES["kinerja.enter_realisasi"]
# Who acts on a quarter in each status it waits in, and for which step (kinerja/alur_triwulan.py).
MENUNGGU = alur_triwulan.menunggu()


@dataclass
class Langkah:
    judul: str
    tautan: str
    keterangan: str = ""
    terlambat: bool = False
    aksi: bool = True  # False: information (the quarter waits for someone else)
    urut: tuple = ()


def _periods(today: datetime.date) -> list[tuple[int, int]]:
    """The quarters whose entry window has opened and that still matter: last year's TW IV and this year's."""
    candidates = [(today.year - 1, 4)] + [(today.year, t) for t in (1, 2, 3, 4)]
    return [(y, t) for y, t in candidates if default_window(y, t)[0] <= today]


def _missing(
    kecamatan_ids, periods, unit_ids_by_kec: dict[int, set | None], positions: frozenset = frozenset()
) -> dict:
    """{(kecamatan, tahun, triwulan): (missing, total)} over the indicators each user may enter (two queries):
    the Camat's PK's entered ones (a computed one is entered by nobody) and those of the cascading PKs of the
    `positions` the user holds (PK berjenjang: entered by the holder only)."""
    years = {y for y, _ in periods}
    indicators = (
        Indikator.objects.filter(
            Q(pk_jabatan__isnull=True, hitung_dari_pendukung="") | Q(pk_jabatan__in=positions),
            kecamatan_id__in=kecamatan_ids,
            tahun__in=years,
        )
        .exclude(sasaran__perjanjian__status="digantikan")
        .values_list("pk", "kecamatan_id", "tahun", "penanggung_jawab__unit_id", "pk_jabatan_id")
    )
    mine = defaultdict(set)
    for pk, kec_id, tahun, unit_id, jabatan_id in indicators:
        if jabatan_id is not None:
            mine[(kec_id, tahun)].add(pk)
            continue
        units = unit_ids_by_kec.get(kec_id)
        if units is None or unit_id in units:  # None: the roles that enter every indicator
            mine[(kec_id, tahun)].add(pk)
    filled = defaultdict(set)
    rows = Realisasi.objects.filter(
        # Reported as kinerja.gates counts it: a value, or "tidak ada kegiatan" with its reason.
        Q(nilai__isnull=False)
        | Q(nilai_level__isnull=False)
        | (Q(tidak_ada_kegiatan=True) & ~Q(alasan_tidak_ada_kegiatan__regex=r"^\s*$")),
        kecamatan_id__in=kecamatan_ids,
        tahun__in=years,
    ).values_list("indikator_id", "kecamatan_id", "tahun", "triwulan")
    for ind_id, kec_id, tahun, tw in rows:
        filled[(kec_id, tahun, tw)].add(ind_id)
    result = {}
    for kec_id in kecamatan_ids:
        for tahun, tw in periods:
            ids = mine.get((kec_id, tahun), set())
            if ids:
                result[(kec_id, tahun, tw)] = (len(ids - filled.get((kec_id, tahun, tw), set())), len(ids))
    return result


def langkah_berikutnya(user) -> dict | None:
    """The user's next steps on quarterly data, across the kecamatan where they hold a role, with the steps
    handed to them by the apps above (sakip.beranda.register_langkah: the report a quarter's approval asks for)."""
    holdings = [h for h in permissions.holdings(user) if h.kecamatan_id and h.role not in KABUPATEN_ROLES]
    if not holdings:
        return None
    # Handed over by someone's act: before the quarters' own steps, after the overdue ones (urut () sorts first).
    diserahkan = [Langkah(s["judul"], s["tautan"], s.get("keterangan", "")) for s in beranda.langkah_diserahkan(user)]
    today = timezone.localdate()
    roles = defaultdict(set)
    units = defaultdict(set)
    for h in holdings:
        roles[h.kecamatan_id].add(h.role)
        units[h.kecamatan_id].add(h.unit_id)
    kecamatan_ids = sorted(roles)
    periods = _periods(today)
    period_q = Q()
    for y, t in periods:
        period_q |= Q(tahun=y, triwulan=t)
    quarters = list(
        permissions.scope(
            user,
            Triwulan.objects.filter(
                Q(kecamatan_id__in=kecamatan_ids) & (period_q | ~Q(status__in=[S.DRAFT, S.DISETUJUI]))
            ),
        ).select_related("kecamatan")
    )
    by_key = {(q.kecamatan_id, q.tahun, q.triwulan): q for q in quarters}
    entry_kec = [k for k in kecamatan_ids if roles[k] & ENTRY_ROLES]
    unit_scope = {k: None if roles[k] & permissions.ALL_INDICATORS_ROLES else units[k] for k in entry_kec}
    held = frozenset(h.position_id for h in holdings)
    missing = _missing(entry_kec, periods, unit_scope, held) if entry_kec else {}
    steps = []
    for kec_id in kecamatan_ids:
        kec_roles = roles[kec_id]
        for tahun, tw in periods:
            quarter = by_key.get((kec_id, tahun, tw))
            status = quarter.status if quarter else S.DRAFT
            if status != S.DRAFT or not kec_roles & ENTRY_ROLES or (kec_id, tahun, tw) not in missing:
                continue
            batas = quarter.batas_akhir if quarter else default_window(tahun, tw)[1]
            kosong, jumlah = missing[(kec_id, tahun, tw)]
            label = f"{label_tw(tw)} {tahun}"
            returned = quarter.catatan_pengembalian if quarter else ""
            if kosong:
                judul = f"Isi realisasi {label} — {kosong} dari {jumlah} indikator belum diisi"
                tautan = reverse("kinerja:entry", args=[kec_id, tahun, tw])
            elif Role.KASUBBAG_PERENCANAAN in kec_roles:
                judul = f"Ajukan {label} — semua {jumlah} indikator telah diisi"
                tautan = reverse("kinerja:triwulan", args=[kec_id, tahun, tw])
            else:
                continue
            keterangan = f"Batas pengisian {format_tanggal(batas)}."
            if returned:
                keterangan = f"Dikembalikan: {returned} " + keterangan
            steps.append(Langkah(judul, tautan, keterangan, terlambat=today > batas, urut=(tahun, tw, kec_id)))
    for q in quarters:
        if q.status not in MENUNGGU:
            continue
        step = MENUNGGU[q.status]
        actor, waiting = step.peran, step.menunggu
        label = f"{label_tw(q.triwulan)} {q.tahun}"
        tautan = reverse("kinerja:triwulan", args=[q.kecamatan_id, q.tahun, q.triwulan])
        if actor in roles[q.kecamatan_id]:
            steps.append(Langkah(f"{step.langkah} {label}", tautan, "", urut=(q.tahun, q.triwulan, q.kecamatan_id)))
        elif roles[q.kecamatan_id] & ENTRY_ROLES:
            steps.append(
                Langkah(f"{label}: {waiting}", tautan, "", aksi=False, urut=(q.tahun, q.triwulan, q.kecamatan_id))
            )
    steps = diserahkan + steps
    steps.sort(key=lambda s: (not s.terlambat, not s.aksi, s.urut))
    several = len(kecamatan_ids) > 1
    names = {q.kecamatan_id: q.kecamatan.nama for q in quarters} if several else {}
    return {"langkah": steps, "nama_kecamatan": names}


def kecamatan_terlambat(user) -> dict | None:
    """Kabupaten roles: the kecamatan whose quarters passed their entry deadline without being approved."""
    if not any(h.role in KABUPATEN_ROLES for h in permissions.holdings(user)):
        return None
    today = timezone.localdate()
    kecamatan = list(permissions.visible_kecamatan(user).order_by("nama"))
    periods = [(y, t) for y, t in _periods(today) if default_window(y, t)[1] < today]
    if not kecamatan or not periods:
        return {"terlambat": [], "jumlah_kecamatan": len(kecamatan)}
    period_q = Q()
    for y, t in periods:
        period_q |= Q(tahun=y, triwulan=t)
    statuses = {
        (kec_id, y, t): (status, batas)
        for kec_id, y, t, status, batas in Triwulan.objects.filter(period_q, kecamatan__in=kecamatan).values_list(
            "kecamatan_id", "tahun", "triwulan", "status", "batas_akhir"
        )
    }
    late = []
    for k in kecamatan:
        overdue = []
        for y, t in periods:
            status, batas = statuses.get((k.pk, y, t), (S.DRAFT, default_window(y, t)[1]))
            if status != S.DISETUJUI and batas < today:
                overdue.append(f"{label_tw(t)} {y} ({S(status).label.lower()}, batas {format_tanggal(batas)})")
        if overdue:
            late.append({"kecamatan": k, "triwulan": overdue})
    return {"terlambat": late, "jumlah_kecamatan": len(kecamatan)}
