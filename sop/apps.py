from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "sop"
    verbose_name = "SOP"

    def ready(self):
        from sakip.beranda import register_panel
        from sakip.demo import register_loader
        from sop import seeds, selectors

        register_loader(10, "sop", seeds.load_seed_sops)
        register_panel(30, "sop/panel_periksa_lajur.html", selectors.lane_review_panel)
