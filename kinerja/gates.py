"""The gates of a quarter: each question answered by one function, used everywhere it is asked.

"May this quarter be submitted?" and "may it be approved now?" are each one rule
(DESIGN.md, "A gate is one rule"). The service refuses with the list
(kinerja/services/triwulan.py), the quarter page shows the same list before
anyone presses a button (kinerja/views.py, templates/kinerja/triwulan.html),
and the SOP step bound to the work waits on the same list
(kinerja/workflow_actions.py). Each function returns the reasons in
Indonesian, an empty list when the way is open.

* Submitting (ajukan): every indicator of the quarter has a value, or an
  explicit "tidak ada kegiatan" with its reason (Realisasi.tidak_ada_kegiatan);
  the missing ones are named. A quarter without indicators (no PK yet) has
  nothing to submit.
* Approving (setujui) before the quarter has ended on the calendar (31 March,
  30 June, 30 September, 31 December) needs a stated reason, recorded in the
  quarter's history (TriwulanRiwayat.alasan).

Which indicators have a value is read from kinerja.pengukuran (the one read
model); nothing is counted here. An indicator computed from its supporting
indicators (PK berjenjang, kinerja.berjenjang) is empty while one of them is, so
the same rule holds them back; the message names the empty supporting ones.
"""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

from kinerja import berjenjang, pengukuran
from kinerja.models import Triwulan
from sakip import periode

PETUNJUK = 'Isi realisasinya, atau tandai "tidak ada kegiatan" beserta alasannya.'


def label(quarter: Triwulan) -> str:
    """ "TW IV 2026 Kecamatan Awayan" (for reasons and consequences)."""
    return f"{periode.tw(quarter.triwulan, quarter.tahun)} {quarter.kecamatan}"


def akhir_triwulan(tahun: int, triwulan: int) -> datetime.date:
    """The calendar end of a quarter."""
    month = 3 * triwulan
    return datetime.date(tahun, month, calendar.monthrange(tahun, month)[1])


def indikator_belum_dilaporkan(quarter: Triwulan, ukuran: pengukuran.Pengukuran | None = None) -> list[str]:
    """ "1.2 Persentase …" for every indicator of the quarter with neither a value nor "tidak ada kegiatan"."""
    ukuran = ukuran or pengukuran.ukur_kecamatan(quarter.kecamatan, quarter.tahun, baris=False)
    pendukung = berjenjang.Pendukung([quarter.kecamatan_id], quarter.tahun)
    names = []
    for item in ukuran.belum_dilaporkan(quarter.triwulan):
        name = f"{item.nomor} {item.indikator.uraian}"
        # A computed indicator is empty while one of its supporting indicators is: name them (the one rule).
        if (dihitung := pendukung.untuk(item.indikator)) is not None:
            kosong = dihitung.kosong(quarter.triwulan)
            name += (
                f" (dihitung dari indikator pendukung; belum dilaporkan: {'; '.join(kosong)})"
                if kosong
                else " (dihitung dari indikator pendukung, tetapi belum ada indikator pendukung)"
            )
        names.append(name)
    return names


def alasan_tidak_dapat_diajukan(quarter: Triwulan, ukuran: pengukuran.Pengukuran | None = None) -> list[str]:
    """Why the quarter's data cannot be submitted for verification yet ([] = it can)."""
    ukuran = ukuran or pengukuran.ukur_kecamatan(quarter.kecamatan, quarter.tahun, baris=False)
    if not ukuran.indikator:
        return [f"Belum ada indikator pada Perjanjian Kinerja {quarter.tahun}; tidak ada data yang dapat diajukan."]
    missing = indikator_belum_dilaporkan(quarter, ukuran)
    if not missing:
        return []
    return [f"Indikator {name} belum diisi." for name in missing] + [PETUNJUK]


def persetujuan_dini(quarter: Triwulan, hari_ini: datetime.date | None = None) -> bool:
    """Whether approving today would be before the quarter has ended."""
    hari_ini = hari_ini or timezone.localdate()
    return hari_ini <= akhir_triwulan(quarter.tahun, quarter.triwulan)


def alasan_tidak_dapat_disetujui(
    quarter: Triwulan, *, alasan: str = "", hari_ini: datetime.date | None = None
) -> list[str]:
    """Why the quarter cannot be approved with this reason ([] = it can)."""
    if persetujuan_dini(quarter, hari_ini) and not (alasan or "").strip():
        from sakip.formatting import format_tanggal

        akhir = format_tanggal(akhir_triwulan(quarter.tahun, quarter.triwulan))
        return [
            f"{periode.tw(quarter.triwulan, quarter.tahun)} baru berakhir {akhir}; "
            "persetujuan sebelum triwulan berakhir memerlukan alasan yang dituliskan."
        ]
    return []
