from django.urls import path

from workflow import views

app_name = "workflow"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.task_detail, name="task"),
    # One URL per action on a task (issue 27).
    path("<int:pk>/ambil/", views.task_ambil, name="task_ambil"),
    path("<int:pk>/selesai/", views.task_selesai, name="task_selesai"),
    path("<int:pk>/alihkan/", views.task_alihkan, name="task_alihkan"),
    path("<int:pk>/disposisi.pdf", views.disposisi_pdf, name="disposisi_pdf"),
    path("pelaksanaan/", views.runs, name="runs"),
    path("pelaksanaan/<int:pk>/", views.run_detail, name="run"),
    path("lampiran/<int:pk>/", views.lampiran_unduh, name="lampiran"),
    path("kepatuhan/", views.compliance, name="compliance"),
    path("kepatuhan/pdf/", views.compliance_pdf, name="compliance_pdf"),
    path("kepatuhan/xlsx/", views.compliance_xlsx, name="compliance_xlsx"),
]
