from django.apps import AppConfig


class PengaturanConfig(AppConfig):
    name = "pengaturan"
    verbose_name = "Pengaturan Kabupaten"

    def ready(self):
        from pengaturan import selectors
        from sakip.beranda import register_panel

        register_panel(5, "pengaturan/panel_beranda.html", selectors.beranda_panel)
