from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = "Pelaksanaan SOP"

    def ready(self):
        from sakip.beranda import register_panel
        from workflow import selectors

        def panel(user):
            tasks = selectors.inbox(user)
            return {"tasks": tasks[:10], "total": len(tasks)} if tasks else None

        register_panel(10, "workflow/panel_tugas.html", panel)
