"""When each signed document is due: the one rule for "signed late" (issue 25), read by the signing service
(a late signature needs a written reason, recorded and shown on the verification page), the report page (which
asks for it before anyone presses the button) and the LKE evidence (evaluasi/bukti.py: "tepat waktu").

Sources and this app's readings of them:
* Perjanjian Kinerja and its Rencana Aksi of year Y: made no later than one month after the budget document
  (DPA) is approved (PermenPAN-RB 53/2014, Lampiran I); a kabupaten's DPA is approved by the end of December,
  so by 31 January of Y. The same for the cascading PK of each position (the same Lampiran: every level's PK
  is made in the same period).
* Laporan Kinerja Instansi Pemerintah of year Y: submitted no later than three months after the year ends
  (PermenPAN-RB 53/2014, Lampiran II; Perpres 29/2014): by 31 March of Y + 1.
* Quarterly and semester reports, SKM report and SOP monitoring: the regulations fix no date; this app's
  reading is the last day of the month after the period (TW I by 30 April, Semester II by 31 January).
* Renstra and IKU: no yearly deadline (the Renstra follows the RPJMD); never late here.
"""

from __future__ import annotations

import datetime

from laporan.models import Report


def _akhir_bulan_sesudah(tahun: int, bulan_terakhir: int) -> datetime.date:
    """The last day of the month after `bulan_terakhir` of `tahun` (13 = January of the next year)."""
    bulan = bulan_terakhir + 1
    year, month = (tahun + 1, bulan - 12) if bulan > 12 else (tahun, bulan)
    first_after = datetime.date(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return first_after - datetime.timedelta(days=1)


def batas_laporan_triwulan(tahun: int, triwulan: int) -> datetime.date:
    """The last day of the month after the quarter."""
    return _akhir_bulan_sesudah(tahun, triwulan * 3)


def batas_tanda_tangan(kind: str, tahun: int, periode: int = 0) -> datetime.date | None:
    """The last day a document of this kind and period is signed on time, or None when none applies."""
    K = Report.Kind
    if kind in (K.PK, K.PK_JABATAN, K.RENCANA_AKSI):
        return datetime.date(tahun, 1, 31)
    if kind == K.LKIP:
        return datetime.date(tahun + 1, 3, 31)
    if kind in (K.TRIWULAN, K.SKM, K.MONITORING_SOP) and 1 <= periode <= 4:
        return batas_laporan_triwulan(tahun, periode)
    if kind == K.SEMESTER and periode in (1, 2):
        return _akhir_bulan_sesudah(tahun, periode * 6)
    return None


def terlambat(report: Report, hari: datetime.date) -> datetime.date | None:
    """The deadline the report is past on `hari` (its signing day), or None when it is on time."""
    batas = batas_tanda_tangan(report.kind, report.tahun, report.periode)
    return batas if batas is not None and hari > batas else None
