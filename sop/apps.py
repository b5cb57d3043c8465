from django.apps import AppConfig


class SopConfig(AppConfig):
    name = "sop"
    verbose_name = "SOP"

    def ready(self):
        from sakip.demo import register_loader
        from sop import seeds

        register_loader(10, "sop", seeds.load_seed_sops)
