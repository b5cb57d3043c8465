from django.urls import path

from pengaturan import views, views_nomenklatur

app_name = "pengaturan"

urlpatterns = [
    path("", views.index, name="index"),
    path("identitas/<int:kecamatan_id>/", views.identitas, name="identitas"),
    path("unit/", views.units, name="units"),
    path("unit/<int:pk>/", views.unit_ubah, name="unit_ubah"),
    path("jabatan/", views.jabatan, name="jabatan"),
    path("jabatan/<int:pk>/", views.jabatan_ubah, name="jabatan_ubah"),
    path("pegawai/", views.pegawai, name="pegawai"),
    path("pegawai/baru/", views.pegawai_tambah, name="pegawai_tambah"),
    path("pegawai/<int:pk>/", views.pegawai_ubah, name="pegawai_ubah"),
    path("pegawai/<int:pk>/status/", views.pegawai_status, name="pegawai_status"),
    path("pegawai/<int:pk>/kata-sandi/", views.pegawai_sandi, name="pegawai_sandi"),
    path("plt-plh/", views.delegasi, name="delegasi"),
    path("plt-plh/<int:pk>/", views.delegasi_ubah, name="delegasi_ubah"),
    path("plt-plh/<int:pk>/hapus/", views.delegasi_hapus, name="delegasi_hapus"),
    path("kuasa/", views.kuasa, name="kuasa"),
    path("kuasa/<int:pk>/setujui/", views.kuasa_setujui, name="kuasa_setujui"),
    path("kuasa/<int:pk>/tolak/", views.kuasa_tolak, name="kuasa_tolak"),
    path("kalender/", views.kalender, name="kalender"),
    # One URL per act (issue 27).
    path("kalender/jam/", views.kalender_jam, name="kalender_jam"),
    path("kalender/libur/", views.kalender_libur, name="kalender_libur"),
    path("kalender/libur/<int:pk>/hapus/", views.kalender_libur_hapus, name="kalender_libur_hapus"),
    path("predikat/", views.predikat, name="predikat"),
    path("predikat/simpan/", views.predikat_simpan, name="predikat_simpan"),
    path("predikat/bawaan/", views.predikat_bawaan, name="predikat_bawaan"),
    path("templat-sop/", views.templat_sop, name="templat_sop"),
    path("dua-langkah/", views.dua_langkah, name="dua_langkah"),
    path("masuk-sso/", views.masuk_sso, name="masuk_sso"),
    path("reviu-lkip/", views.reviu_lkip, name="reviu_lkip"),
    path("skm/", views.skm, name="skm"),
    path("penanda-tangan/", views.penanda_tangan, name="penanda_tangan"),
    path("nomenklatur/", views_nomenklatur.nomenklatur_index, name="nomenklatur"),
    path("nomenklatur/unggah/", views_nomenklatur.nomenklatur_unggah, name="nomenklatur_unggah"),
    path("nomenklatur/pratinjau/", views_nomenklatur.nomenklatur_pratinjau, name="nomenklatur_pratinjau"),
    path("nomenklatur/terapkan/", views_nomenklatur.nomenklatur_terapkan, name="nomenklatur_terapkan"),
    path("nomenklatur/batalkan/", views_nomenklatur.nomenklatur_batalkan, name="nomenklatur_batalkan"),
]
