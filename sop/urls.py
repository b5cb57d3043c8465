from django.urls import path

from sop import views

app_name = "sop"

urlpatterns = [
    path("", views.library, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.pdf_download, name="pdf"),
    path("<int:pk>/xlsx/", views.xlsx_download, name="xlsx"),
    path("<int:pk>/sunting/", views.edit, name="edit"),
    path("<int:pk>/periksa-lajur/", views.lane_review, name="lane_review"),
    path("impor/", views.import_xlsx, name="import"),
    path("<int:pk>/<slug:action>/", views.revision_action, name="revision_action"),
]
