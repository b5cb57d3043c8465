from django.urls import path

from sop import views

app_name = "sop"

urlpatterns = [
    path("", views.library, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.pdf_download, name="pdf"),
    path("<int:pk>/xlsx/", views.xlsx_download, name="xlsx"),
    path("<int:pk>/sunting/", views.edit, name="edit"),
    # One URL per action on a draft (issue 27).
    path("<int:pk>/sunting/identitas/", views.edit_identitas, name="edit_identitas"),
    path("<int:pk>/sunting/langkah/", views.langkah_simpan, name="langkah_simpan"),
    path("<int:pk>/sunting/langkah/<int:no>/hapus/", views.langkah_hapus, name="langkah_hapus"),
    path("<int:pk>/sunting/langkah/<int:no>/naik/", views.langkah_naik, name="langkah_naik"),
    path("<int:pk>/sunting/langkah/<int:no>/turun/", views.langkah_turun, name="langkah_turun"),
    path("<int:pk>/periksa-lajur/", views.lane_review, name="lane_review"),
    path("impor/", views.import_xlsx, name="import"),
    path("<int:pk>/<slug:action>/", views.revision_action, name="revision_action"),
]
