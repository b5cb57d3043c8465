from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan dan Tanda Tangan"

    def ready(self):
        from laporan import locks, workflow_actions

        locks.connect()
        workflow_actions.register_all()
