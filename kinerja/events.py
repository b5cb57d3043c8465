"""Events kinerja announces to the apps above it (e.g. notifikasi), which connect receivers in their
AppConfig.ready(); kinerja itself never imports them.

Sent inside the service's transaction, after the change is written: a receiver writing rows shares
the transaction (rolled back with it) and defers anything outside the database to
`transaction.on_commit`.
"""

from django.dispatch import Signal

# A quarter changed status (kinerja/services/triwulan.py `_transition`).
# Keyword arguments: triwulan (kinerja.models.Triwulan, already changed), dari, ke (Triwulan.Status
# values), oleh (the Pegawai who acted), alasan (the reason given, "" if none).
triwulan_berubah = Signal()

# A Perjanjian Kinerja changed (kinerja/services/perencanaan.py): peristiwa "perubahan" (a PK Perubahan was
# started, waiting to be established) or "ditetapkan" (established). Keyword arguments: pk
# (kinerja.models.PerjanjianKinerja), peristiwa, oleh (the Pegawai who acted), alasan ("" if none).
pk_berubah = Signal()
