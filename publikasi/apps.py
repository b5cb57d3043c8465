from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publikasi"
    verbose_name = "Publikasi SAKIP"
