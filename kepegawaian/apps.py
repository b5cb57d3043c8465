from django.apps import AppConfig


class KepegawaianConfig(AppConfig):
    name = "kepegawaian"
    verbose_name = "Impor pegawai (SIMPEG/SIASN)"

    def ready(self):
        from kepegawaian import selectors
        from sakip.beranda import register_panel

        register_panel(6, "kepegawaian/panel_beranda.html", selectors.beranda_panel)
