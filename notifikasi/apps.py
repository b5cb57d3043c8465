from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self):
        # The lower apps announce their events (kinerja/events.py, laporan/events.py, workflow/events.py);
        # notifikasi listens. dispatch_uid: connected once even if ready() runs twice.
        from kinerja.events import pk_berubah, triwulan_berubah
        from laporan.events import laporan_berubah, naskah_disusun, reviu_selesai
        from notifikasi import receivers, selectors
        from sakip.beranda import register_langkah
        from sakip.events import evaluasi_berubah, kuasa_berubah
        from workflow.events import tugas_ditugaskan

        triwulan_berubah.connect(receivers.triwulan_berubah, dispatch_uid="notifikasi.triwulan_berubah")
        laporan_berubah.connect(receivers.laporan_berubah, dispatch_uid="notifikasi.laporan_berubah")
        naskah_disusun.connect(receivers.naskah_disusun, dispatch_uid="notifikasi.naskah_disusun")
        reviu_selesai.connect(receivers.reviu_selesai, dispatch_uid="notifikasi.reviu_selesai")
        tugas_ditugaskan.connect(receivers.tugas_ditugaskan, dispatch_uid="notifikasi.tugas_ditugaskan")
        kuasa_berubah.connect(receivers.kuasa_berubah, dispatch_uid="notifikasi.kuasa_berubah")
        evaluasi_berubah.connect(receivers.evaluasi_berubah, dispatch_uid="notifikasi.evaluasi_berubah")
        pk_berubah.connect(receivers.pk_berubah, dispatch_uid="notifikasi.pk_berubah")
        # Open requests for work among Beranda's next steps, until the work is done.
        register_langkah("notifikasi", selectors.langkah_diminta)
