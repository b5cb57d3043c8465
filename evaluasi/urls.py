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
    # One URL per action (issue 27).
    path("<int:pk>/simpan/", views.mandiri_simpan, name="mandiri_simpan"),
    path("<int:pk>/unggah/", views.mandiri_unggah, name="mandiri_unggah"),
    path("<int:pk>/ajukan/", views.mandiri_ajukan, name="mandiri_ajukan"),
    path("<int:pk>/penilaian/", views.penilaian, name="penilaian"),
    path("<int:pk>/penilaian/simpan/", views.penilaian_nilai, name="penilaian_nilai"),
    path("<int:pk>/penilaian/kembalikan/", views.penilaian_kembalikan, name="penilaian_kembalikan"),
    path("<int:pk>/hasil/", views.hasil, name="hasil"),
    path("<int:pk>/hasil/temuan/", views.hasil_temuan, name="hasil_temuan"),
    path("<int:pk>/hasil/rekomendasi/", views.hasil_rekomendasi, name="hasil_rekomendasi"),
    path(
        "<int:pk>/hasil/rekomendasi/<int:rekomendasi_id>/hapus/",
        views.hasil_rekomendasi_hapus,
        name="hasil_rekomendasi_hapus",
    ),
    path("<int:pk>/hasil/surat/", views.hasil_surat, name="hasil_surat"),
    path("<int:pk>/hasil/susun/", views.hasil_susun, name="hasil_susun"),
    path("<int:pk>/hasil/tandatangani/", views.hasil_tandatangani, name="hasil_tandatangani"),
    path("<int:pk>/lhe.pdf", views.lhe_pdf, name="lhe_pdf"),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
    path("tindak-lanjut/<int:pk>/", views.tindak_lanjut, name="tindak_lanjut"),
]
