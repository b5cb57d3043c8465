from django.apps import AppConfig


class LoketConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "loket"
    verbose_name = "Loket Pelayanan"

    def ready(self):
        from layanan import tanda_terima
        from loket import demo, selectors
        from sakip.beranda import register_panel
        from sakip.demo import register_loader
        from workflow import keterangan

        # The receipt of a finished request is what proves an SKM answer (layanan.tanda_terima).
        tanda_terima.register(selectors.tanda_terima_sah)

        register_loader(30, "loket pelayanan", demo.load_demo_loket)
        # Counter work names its request on workflow's pages; the front desk sees its requests on Beranda.
        keterangan.register(selectors.keterangan_run)
        register_panel(15, "loket/panel_loket.html", selectors.panel_loket)
