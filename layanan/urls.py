from django.urls import path

from layanan import views

app_name = "layanan"
urlpatterns = [
    path("survei/terima-kasih/", views.terima_kasih, name="terima_kasih"),
    path("survei/<str:kode>/", views.survei, name="survei"),
    path("<int:kecamatan_id>/", views.index, name="index"),
    path("<int:kecamatan_id>/tambah/", views.tambah, name="tambah"),
    path("<int:kecamatan_id>/status/", views.status, name="status"),
    path("<int:kecamatan_id>/hasil/<int:tahun>/<int:triwulan>/", views.hasil, name="hasil"),
]
