from django.urls import path

from renstra import views

app_name = "renstra"

K = "k/<int:kecamatan_id>/"

urlpatterns = [
    path("", views.pilih, name="pilih"),
    path("rpjmd/", views.rpjmd, name="rpjmd"),
    path("rpjmd/<int:rpjmd_id>/", views.rpjmd_ubah, name="rpjmd_ubah"),
    path(K, views.index, name="index"),
    path(K + "dokumen/<int:renstra_id>/", views.dokumen, name="dokumen"),
    path(K + "tujuan/tambah/", views.tujuan_form, name="tujuan_tambah"),
    path(K + "tujuan/<int:tujuan_id>/", views.tujuan_form, name="tujuan_ubah"),
    path(K + "sasaran/tambah/", views.sasaran_form, name="sasaran_tambah"),
    path(K + "sasaran/<int:rsasaran_id>/", views.sasaran_form, name="sasaran_ubah"),
    path(K + "sasaran/<int:rsasaran_id>/indikator/tambah/", views.indikator_form, name="indikator_tambah"),
    path(K + "indikator/<int:rindikator_id>/", views.indikator_form, name="indikator_ubah"),
    path(K + "iku/", views.iku, name="iku"),
    path(K + "naskah/", views.naskah, name="naskah"),
    path(K + "program/", views.program, name="program"),
]
