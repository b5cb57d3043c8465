from django.urls import path

from renstra import views

app_name = "renstra"

K = "k/<int:kecamatan_id>/"

urlpatterns = [
    path("", views.pilih, name="pilih"),
    path("rpjmd/", views.rpjmd, name="rpjmd"),
    path("rpjmd/<int:rpjmd_id>/", views.rpjmd_ubah, name="rpjmd_ubah"),
    # One URL per action (issue 27).
    path("rpjmd/<int:rpjmd_id>/visi/", views.rpjmd_visi, name="rpjmd_visi"),
    path("rpjmd/<int:rpjmd_id>/misi/tambah/", views.rpjmd_misi_tambah, name="rpjmd_misi_tambah"),
    path("rpjmd/<int:rpjmd_id>/misi/<int:misi_id>/hapus/", views.rpjmd_misi_hapus, name="rpjmd_misi_hapus"),
    path("rpjmd/<int:rpjmd_id>/sasaran/tambah/", views.rpjmd_sasaran_tambah, name="rpjmd_sasaran_tambah"),
    path(
        "rpjmd/<int:rpjmd_id>/sasaran/<int:sasaran_rpjmd_id>/hapus/",
        views.rpjmd_sasaran_hapus,
        name="rpjmd_sasaran_hapus",
    ),
    path(K, views.index, name="index"),
    path(K + "buat/", views.buat, name="buat"),
    path(K + "tetapkan/", views.tetapkan, name="tetapkan"),
    path(K + "perubahan/", views.perubahan, name="perubahan"),
    path(K + "dokumen/<int:renstra_id>/", views.dokumen, name="dokumen"),
    path(K + "tujuan/tambah/", views.tujuan_form, name="tujuan_tambah"),
    path(K + "tujuan/<int:tujuan_id>/", views.tujuan_form, name="tujuan_ubah"),
    path(K + "tujuan/<int:tujuan_id>/hapus/", views.tujuan_hapus, name="tujuan_hapus"),
    path(K + "sasaran/tambah/", views.sasaran_form, name="sasaran_tambah"),
    path(K + "sasaran/<int:rsasaran_id>/", views.sasaran_form, name="sasaran_ubah"),
    path(K + "sasaran/<int:rsasaran_id>/hapus/", views.sasaran_hapus, name="sasaran_hapus"),
    path(K + "sasaran/<int:rsasaran_id>/indikator/tambah/", views.indikator_form, name="indikator_tambah"),
    path(K + "indikator/<int:rindikator_id>/", views.indikator_form, name="indikator_ubah"),
    path(K + "indikator/<int:rindikator_id>/hapus/", views.indikator_hapus, name="indikator_hapus"),
    path(K + "iku/", views.iku, name="iku"),
    path(K + "naskah/", views.naskah, name="naskah"),
    path(K + "program/", views.program, name="program"),
    path(K + "program/tambah/", views.program_tambah, name="program_tambah"),
    path(K + "program/<int:program_id>/ubah/", views.program_ubah, name="program_ubah"),
    path(K + "program/<int:program_id>/hapus/", views.program_hapus, name="program_hapus"),
    path(K + "program/<int:program_id>/kegiatan/tambah/", views.kegiatan_tambah, name="kegiatan_tambah"),
    path(K + "kegiatan/<int:kegiatan_id>/ubah/", views.kegiatan_ubah, name="kegiatan_ubah"),
    path(K + "kegiatan/<int:kegiatan_id>/hapus/", views.kegiatan_hapus, name="kegiatan_hapus"),
]
