from django.apps import AppConfig


class LoketConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "loket"
    verbose_name = "Loket Pelayanan"

    def ready(self):
        from loket import demo
        from sakip.demo import register_loader

        register_loader(30, "loket pelayanan", demo.load_demo_loket)
