from django.apps import AppConfig


class RenstraConfig(AppConfig):
    name = "renstra"
    verbose_name = "Renstra dan IKU"

    def ready(self):
        from renstra import locks, selectors
        from sakip.beranda import register_panel

        locks.connect()
        register_panel(25, "renstra/panel_renstra.html", selectors.panel_renstra)
