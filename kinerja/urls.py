from django.urls import path

from kinerja import views, views_dashboard

app_name = "kinerja"

PERIOD = "k/<int:kecamatan_id>/<int:tahun>/tw/<int:triwulan>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(PERIOD, views.triwulan_detail, name="triwulan"),
    path(PERIOD + "isi/", views.entry, name="entry"),
    path(PERIOD + "status/<slug:action>/", views.triwulan_transition, name="transition"),
    path(PERIOD + "bukti/<int:indikator_id>/", views.bukti, name="bukti"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("k/<int:kecamatan_id>/<int:tahun>/dasbor/", views_dashboard.kecamatan_dashboard, name="dashboard"),
    path("rekap/", views_dashboard.rekap, name="rekap"),
]
