from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan dan Tanda Tangan"

    def ready(self):
        from laporan import demo, locks, selectors, workflow_actions
        from sakip.beranda import register_panel
        from sakip.demo import register_loader

        locks.connect()
        workflow_actions.register_all()
        register_panel(40, "laporan/panel_tandatangan.html", selectors.signature_panel)
        register_panel(41, "laporan/panel_dikembalikan.html", selectors.returned_panel)
        register_panel(42, "laporan/panel_pihak_kedua.html", selectors.pk_pihak_kedua_panel)
        register_panel(43, "laporan/panel_reviu.html", selectors.reviu_panel)
        # Before the loaders that sign (the 2025 LHEs of evaluasi, order 60): a first `make run` signs them too.
        register_loader(50, "sertifikat penandatanganan", demo.load_certificate)
