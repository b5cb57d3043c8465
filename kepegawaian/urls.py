from django.urls import path

from kepegawaian import views

app_name = "kepegawaian"

urlpatterns = [
    path("", views.index, name="index"),
    path("unggah/", views.unggah, name="unggah"),
    path("pemetaan/", views.pemetaan, name="pemetaan"),
    path("pratinjau/", views.pratinjau_view, name="pratinjau"),
    path("pratinjau/susun-ulang/", views.susun_ulang, name="susun_ulang"),
    path("pratinjau/terapkan/", views.terapkan, name="terapkan"),
    path("siasn/", views.siasn, name="siasn"),
    path("batal/", views.batal, name="batal"),
]
