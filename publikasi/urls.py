from django.urls import path

from publikasi import views

app_name = "publikasi"
urlpatterns = [
    path("atur/", views.pengaturan, name="pengaturan"),
    path("dokumen/<str:kode>/", views.dokumen, name="dokumen"),
    path("dokumen/<str:kode>/unduh/", views.unduh, name="unduh"),
    path("<slug:kabupaten>/", views.kabupaten, name="kabupaten"),
    path("<slug:kabupaten>/<slug:kecamatan>/", views.kecamatan, name="kecamatan"),
]
