from django.urls import path

from loket import views

app_name = "loket"
urlpatterns = [
    path("", views.index, name="index"),
    # One URL per act at the counter (issue 27).
    path("daftar/", views.daftar, name="daftar"),
    path("survei/", views.survei, name="survei"),
    path("permohonan/<int:pk>/", views.tanda_terima, name="tanda_terima"),
    path("register/<int:kecamatan_id>/<int:tahun>/<int:triwulan>/", views.register, name="register"),
    path("register/<int:kecamatan_id>/<int:tahun>/<int:triwulan>/xlsx/", views.register_xlsx, name="register_xlsx"),
    path("status/", views.cek, name="cek"),
    path("status/<str:kode>/", views.status, name="status"),
]
