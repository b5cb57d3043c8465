"""Events laporan announces to the apps above it (e.g. notifikasi), which connect receivers in their
AppConfig.ready(); laporan itself never imports them.

Sent inside the service's transaction, after the change is written: a receiver writing rows shares
the transaction (rolled back with it) and defers anything outside the database to
`transaction.on_commit`.
"""

from django.dispatch import Signal

# A report changed status (laporan/services.py `_pindah`, along a row of laporan/alur.py).
# Keyword arguments: report (laporan.models.Report, already changed), dari, ke (Report.Status values),
# oleh (the Pegawai who acted), alasan (the reason given, "" if none), transisi (the row's name).
laporan_berubah = Signal()

# The Inspektorat signed its Pernyataan Telah Direviu of a submitted LKIP (laporan/reviu.py `reviu_selesai`):
# the Camat may sign it now. Keyword arguments: report, oleh (the evaluator).
reviu_selesai = Signal()

# The worker finished rendering a submitted report's file (laporan/services.py `susun_naskah`), done or failed.
# Keyword arguments: report, penyusunan (laporan.models.PenyusunanNaskah: status, pesan, diminta_oleh).
naskah_disusun = Signal()
