from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi AKIP"

    def ready(self):
        from evaluasi import demo, selectors
        from sakip.beranda import register_panel
        from sakip.demo import register_loader

        # The open follow-ups of the recommendations a person owns: in Tugas Saya and, so that they are seen
        # at once, on Beranda (sakip/beranda.py).
        register_panel(10, "evaluasi/tugas_tindak_lanjut.html", selectors.panel_tindak_lanjut_saya, halaman="tugas")
        register_panel(12, "evaluasi/panel_tindak_lanjut.html", selectors.panel_tindak_lanjut_saya)
        register_panel(46, "evaluasi/panel_ringkas.html", selectors.panel_tindak_lanjut_ringkas)
        register_loader(60, "evaluasi AKIP", demo.load_demo_evaluasi)
