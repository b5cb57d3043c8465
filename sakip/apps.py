from django.apps import AppConfig


class SakipConfig(AppConfig):
    name = "sakip"
    verbose_name = "Organisasi dan Pegawai"
