"""Events sakip announces to the apps above it (notifikasi connects receivers in its AppConfig.ready();
sakip never imports them). Sent inside the service's transaction, after the change is written.
"""

from django.dispatch import Signal

# A grant of a signing or evaluating power was asked for, applied or refused (pengaturan.services
# `_minta_kuasa`, `kuasa_setujui`, `kuasa_tolak`). Keyword arguments: permintaan (sakip.models.PemberianKuasa,
# already saved with its new status), oleh (the Pegawai who acted).
kuasa_berubah = Signal()
