from django.urls import path

from laporan import views, views_pk_jabatan, views_reviu

app_name = "laporan"
urlpatterns = [
    path("", views.index, name="index"),
    path("unduh-gabungan/", views.unduh_zip, name="zip"),
    path("verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
    path(
        "pk-jabatan/<int:kecamatan_id>/<int:tahun>/<int:jabatan_id>/pdf/",
        views_pk_jabatan.pdf,
        name="pk_jabatan_pdf",
    ),
    path(
        "pk-jabatan/<int:kecamatan_id>/<int:tahun>/<int:jabatan_id>/",
        views_pk_jabatan.dokumen,
        name="pk_jabatan_dokumen",
    ),
    path(
        "pk-jabatan/<int:kecamatan_id>/<int:tahun>/<int:jabatan_id>/ajukan/",
        views_pk_jabatan.ajukan,
        name="pk_jabatan_ajukan",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/narasi/", views.narasi, name="narasi"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/naskah/status/", views.naskah_status, name="naskah_status"),
    path("<int:pk>/naskah/susun-ulang/", views.susun_ulang, name="susun_ulang"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
    path("<int:pk>/kembalikan/", views.kembalikan, name="kembalikan"),
    path("<int:pk>/tandatangani/", views.tandatangani, name="tandatangani"),
    path("<int:pk>/reviu/", views_reviu.reviu_lkip, name="reviu"),
    # One URL per act of the review (issue 27).
    path("<int:pk>/reviu/simpan/", views_reviu.reviu_simpan, name="reviu_simpan"),
    path("<int:pk>/reviu/kembalikan/", views_reviu.reviu_kembalikan, name="reviu_kembalikan"),
    path("<int:pk>/reviu/selesai/", views_reviu.reviu_selesai, name="reviu_selesai"),
    path("<int:pk>/perubahan/", views.perubahan, name="perubahan"),
    path("<int:pk>/pihak-kedua/", views.pihak_kedua, name="pihak_kedua"),
    path("<int:pk>/pihak-kedua/pdf/", views.pihak_kedua_pdf, name="pihak_kedua_pdf"),
    path("<int:pk>/pdf/", views.unduh_pdf, name="pdf"),
    path("<int:pk>/xlsx/", views.unduh_xlsx, name="xlsx"),
]
