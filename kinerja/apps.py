from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Data Kinerja"

    def ready(self):
        from kinerja import demo, locks, nomenklatur, panels, skala, workflow_actions
        from renstra import nomenklatur as renstra_nomenklatur
        from sakip.beranda import register_panel

        skala.daftarkan()  # the kabupaten's scales, read by renstra for qualitative targets (renstra/skala.py)
        renstra_nomenklatur.daftarkan(nomenklatur.periksa_untuk)  # Renstra codes (renstra/nomenklatur.py)
        locks.connect()
        workflow_actions.register_all()
        demo.register()
        # First on Beranda (on a phone above everything else): what the person should do next.
        register_panel(4, "kinerja/panel_langkah.html", panels.langkah_berikutnya)
        register_panel(21, "kinerja/panel_terlambat.html", panels.kecamatan_terlambat)
