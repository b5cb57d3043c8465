from django.urls import path

from evaluasi import views

app_name = "evaluasi"

urlpatterns = [
    path("", views.index, name="index"),
    path("kriteria/", views.kriteria, name="kriteria"),
    path("rekap/", views.rekap, name="rekap"),
    path("rekap/xlsx/", views.rekap_xlsx, name="rekap_xlsx"),
    path("rekap/pdf/", views.rekap_pdf, name="rekap_pdf"),
    path("<int:pk>/", views.mandiri, name="mandiri"),
    path("<int:pk>/penilaian/", views.penilaian, name="penilaian"),
    path("<int:pk>/hasil/", views.hasil, name="hasil"),
    path("<int:pk>/lhe.pdf", views.lhe_pdf, name="lhe_pdf"),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
    path("tindak-lanjut/<int:pk>/", views.tindak_lanjut, name="tindak_lanjut"),
]
