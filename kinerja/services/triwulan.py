"""Quarter status: draft > diajukan > diverifikasi > disetujui (locked), in the manner of DHIS2 data approval.

Each transition is one transaction, checked by the permission module, and a
conditional UPDATE on the old status: if someone moved the quarter meanwhile
(another tab, another person), exactly one change wins and the other gets a
clear message. Every transition is written to TriwulanRiwayat (with the title
the person acted under, e.g. "Plh. CAMAT AWAYAN") and audited by
django-simple-history.

Which transitions exist, from which status, under which permission and role,
with which reason rule, is the table kinerja/alur_triwulan.py; `triwulan_lakukan`
performs any of them. The gates (may this quarter be submitted? approved today?)
are kinerja.gates, read through `hambatan`, the same function the quarter page
and the SOP step blockers call. The Camat
may also send a verified quarter back to draft with a reason
(`triwulan_kembalikan_verifikasi`), instead of approving then reopening it.
"""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone

from kinerja import alur_triwulan as alur
from kinerja import events, gates
from kinerja.models import Triwulan, TriwulanRiwayat
from kinerja.services import KinerjaError
from sakip import permissions
from sakip.limits import alasan_riwayat
from sakip.validators import pesan_karakter_kontrol

S = Triwulan.Status
FILL_IN_DAYS_AFTER_END = 10


def default_window(tahun: int, triwulan: int) -> tuple[datetime.date, datetime.date]:
    """From the quarter's first day to the 10th day after it ends."""
    first_month = 3 * (triwulan - 1) + 1
    last_month = first_month + 2
    start = datetime.date(tahun, first_month, 1)
    end = datetime.date(tahun, last_month, calendar.monthrange(tahun, last_month)[1])
    return start, end + datetime.timedelta(days=FILL_IN_DAYS_AFTER_END)


def triwulan_baca(*, kecamatan, tahun: int, triwulan: int) -> Triwulan:
    """The quarter for reading: the stored row, or an unsaved draft (reading never writes a row)."""
    if triwulan not in (1, 2, 3, 4):
        raise KinerjaError("Triwulan harus 1 sampai 4.")
    quarter = Triwulan.objects.filter(kecamatan=kecamatan, tahun=tahun, triwulan=triwulan).first()
    if quarter is None:
        start, end = default_window(tahun, triwulan)
        quarter = Triwulan(kecamatan=kecamatan, tahun=tahun, triwulan=triwulan, batas_mulai=start, batas_akhir=end)
    elif getattr(kecamatan, "pk", None) == quarter.kecamatan_id:
        quarter.kecamatan = kecamatan  # the unit the caller read: no second query for it
    return quarter


def triwulan_simpan_baris(quarter: Triwulan) -> Triwulan:
    """The stored row of a quarter read with `triwulan_baca`: created by the first write, inside its transaction."""
    if quarter.pk is not None:
        return quarter
    return triwulan_get_or_create(kecamatan=quarter.kecamatan, tahun=quarter.tahun, triwulan=quarter.triwulan)


def triwulan_get_or_create(*, kecamatan, tahun: int, triwulan: int) -> Triwulan:
    if triwulan not in (1, 2, 3, 4):
        raise KinerjaError("Triwulan harus 1 sampai 4.")
    start, end = default_window(tahun, triwulan)
    quarter, _ = Triwulan.objects.get_or_create(
        kecamatan=kecamatan, tahun=tahun, triwulan=triwulan, defaults={"batas_mulai": start, "batas_akhir": end}
    )
    return quarter


def _transition(*, user, quarter: Triwulan, t: alur.Transisi, alasan: str = "") -> Triwulan:
    old, new = t.dari, t.ke
    # The reason is typed text, kept in the history: control characters are refused (sakip.validators).
    if message := pesan_karakter_kontrol(alasan, "Alasan"):
        raise KinerjaError(message, {"alasan": message})
    quarter = triwulan_simpan_baris(quarter)
    now = timezone.now()
    fields = {"status": new, "diubah_oleh": user, "diubah_pada": now}
    fields["catatan_pengembalian"] = alasan if new == S.DRAFT else ""
    if new == S.DIAJUKAN:
        fields["diajukan_oleh"] = user
    elif new == S.DRAFT:
        fields["diajukan_oleh"] = None
    changed = Triwulan.objects.filter(pk=quarter.pk, status=old).update(**fields)
    if changed != 1:
        current = Triwulan.objects.get(pk=quarter.pk)
        raise KinerjaError(
            f'Status triwulan sudah berubah menjadi "{current.get_status_display()}" oleh orang lain. '
            "Muat ulang halaman untuk melihat keadaan terbaru."
        )
    quarter.refresh_from_db()
    # The conditional update bypasses save(): record the audit row explicitly.
    quarter._change_reason = alasan_riwayat(alasan) or f"{old} → {new}"
    quarter.save(update_fields=["status"])
    TriwulanRiwayat.objects.create(
        triwulan_ref=quarter,
        dari=old,
        ke=new,
        oleh=user,
        sebutan=permissions.acting_title(user, quarter, t.peran),
        alasan=alasan,
    )
    events.triwulan_berubah.send(
        sender=Triwulan, triwulan=quarter, dari=old, ke=new, oleh=user, alasan=alasan, transisi=t.nama
    )
    return quarter


def _refuse(reasons: list[str], lead: str, field: str | None = None) -> None:
    if reasons:
        message = lead + " " + " ".join(reasons)
        raise KinerjaError(message, {field or "gerbang": " ".join(reasons)})


def hambatan(user, quarter: Triwulan, t: alur.Transisi, *, alasan: str | None = None, ukuran=None) -> list[str]:
    """Why `user` cannot do `t` on the quarter now ([] = nothing stands in the way), the permission aside: the
    submission gate, the separation of duties, and (when a reason is given) the early-approval rule. The quarter
    page shows these beside the button, the SOP step reads them as its blocker, the service refuses with them."""
    reasons: list[str] = []
    if t.nama == "ajukan":
        reasons += gates.alasan_tidak_dapat_diajukan(quarter, ukuran)
    if t.pemisahan and (message := permissions.alasan_pemisahan_tugas(user, quarter.diajukan_oleh_id, t.pemisahan)):
        reasons.append(message)
    if t.alasan == alur.WAJIB_BILA_DINI and alasan is not None:
        reasons += gates.alasan_tidak_dapat_disetujui(quarter, alasan=alasan)
    return reasons


@transaction.atomic
def triwulan_lakukan(*, user, quarter: Triwulan, nama: str, alasan: str = "") -> Triwulan:
    """Perform the transition `nama` of the table (kinerja/alur_triwulan.py) on the quarter: one transaction."""
    t = alur.TRANSISI.get(nama)
    if t is None:
        raise KinerjaError("Tindakan tidak dikenal.")
    permissions.check_user_can(user, t.izin, quarter)
    alasan = (alasan or "").strip()
    if t.alasan == alur.WAJIB and not alasan:
        raise KinerjaError("Alasan wajib diisi.", {"alasan": "Alasan wajib diisi."})
    if t.alasan == alur.TANPA:
        alasan = ""
    if quarter.pk is not None:
        # Hold the row: realisasi_simpan locks it too, so no value changes between the gates and the update; the
        # submitter is read from the stored row, not from what the caller holds.
        quarter = Triwulan.objects.select_for_update().select_related("kecamatan").get(pk=quarter.pk)
    if t.pemisahan:
        permissions.check_pemisahan_tugas(user, quarter.diajukan_oleh_id, t.pemisahan)
    if t.nama == "ajukan":
        _refuse(hambatan(user, quarter, t), "Data triwulan belum dapat diajukan.")
    if t.alasan == alur.WAJIB_BILA_DINI:
        _refuse(gates.alasan_tidak_dapat_disetujui(quarter, alasan=alasan), "Belum dapat disetujui.", "alasan")
    return _transition(user=user, quarter=quarter, t=t, alasan=alasan)


# The transitions by their names, for callers that read better with a verb.
def triwulan_ajukan(*, user, quarter: Triwulan) -> Triwulan:
    return triwulan_lakukan(user=user, quarter=quarter, nama="ajukan")


def triwulan_verifikasi(*, user, quarter: Triwulan) -> Triwulan:
    return triwulan_lakukan(user=user, quarter=quarter, nama="verifikasi")


def triwulan_kembalikan(*, user, quarter: Triwulan, alasan: str) -> Triwulan:
    return triwulan_lakukan(user=user, quarter=quarter, nama="kembalikan", alasan=alasan)


def triwulan_setujui(*, user, quarter: Triwulan, alasan: str = "") -> Triwulan:
    """Approve and lock; before the quarter has ended on the calendar only with a stated reason."""
    return triwulan_lakukan(user=user, quarter=quarter, nama="setujui", alasan=alasan)


def triwulan_kembalikan_verifikasi(*, user, quarter: Triwulan, alasan: str) -> Triwulan:
    """The Camat sends a verified quarter back to draft, with a reason."""
    return triwulan_lakukan(user=user, quarter=quarter, nama="kembalikan_verifikasi", alasan=alasan)


def triwulan_buka_kembali(*, user, quarter: Triwulan, alasan: str) -> Triwulan:
    return triwulan_lakukan(user=user, quarter=quarter, nama="buka_kembali", alasan=alasan)
