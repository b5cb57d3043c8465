"""Events sakip announces to the apps above it (notifikasi connects receivers in its AppConfig.ready();
sakip never imports them). Sent inside the service's transaction, after the change is written.
"""

from django.dispatch import Signal

# A grant of a signing or evaluating power was asked for, applied or refused (pengaturan.services
# `_minta_kuasa`, `kuasa_setujui`, `kuasa_tolak`). Keyword arguments: permintaan (sakip.models.PemberianKuasa,
# already saved with its new status), oleh (the Pegawai who acted).
kuasa_berubah = Signal()

# A handoff of the AKIP evaluation (evaluasi/services.py): evaluasi and notifikasi sit side by side at the top
# and import neither each other, so evaluasi announces through this signal below both. Keyword arguments:
# evaluasi (evaluasi.models.Evaluasi, already changed), peristiwa (a key of notifikasi.receivers.SERAH_EVALUASI:
# "dibuka", "mandiri_diajukan", "jawaban_dikembalikan", "jawaban_dijawab", "lhe_ditandatangani"), oleh (the
# Pegawai who acted), alasan (the reason or detail given, "" if none).
evaluasi_berubah = Signal()
