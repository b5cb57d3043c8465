from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"
    verbose_name = "Survei Kepuasan Masyarakat"
