from django.urls import path

from kinerja import views, views_dashboard, views_excel, views_perencanaan, views_pohon, views_sipd

app_name = "kinerja"

YEAR = "k/<int:kecamatan_id>/<int:tahun>/"
PERIOD = YEAR + "tw/<int:triwulan>/"
JABATAN = YEAR + "jabatan/<int:jabatan_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(PERIOD, views.triwulan_detail, name="triwulan"),
    path(PERIOD + "isi/", views.entry, name="entry"),
    path(PERIOD + "status/<slug:action>/", views.triwulan_transition, name="transition"),
    path(PERIOD + "bukti/<int:indikator_id>/", views.bukti, name="bukti"),
    # One URL per decision on the app's proposal (issue 27).
    path(PERIOD + "usulan/<int:indikator_id>/konfirmasi/", views.usulan_konfirmasi, name="usulan_konfirmasi"),
    path(PERIOD + "usulan/<int:indikator_id>/ganti/", views.usulan_ganti, name="usulan_ganti"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("k/<int:kecamatan_id>/<int:tahun>/dasbor/", views_dashboard.kecamatan_dashboard, name="dashboard"),
    path("rekap/", views_dashboard.rekap, name="rekap"),
    path("rekap/xlsx/", views_dashboard.rekap_xlsx, name="rekap_xlsx"),
    path("rekap/pdf/", views_dashboard.rekap_pdf, name="rekap_pdf"),
    path("rekap/indikator/", views_dashboard.rekap_indikator, name="rekap_indikator"),
    # The year's setup: Perjanjian Kinerja, Rencana Aksi, budget.
    path(YEAR + "pk/", views_perencanaan.pk, name="pk"),
    # One URL per action on the PK (issue 27).
    path(YEAR + "pk/buat/", views_perencanaan.pk_buat, name="pk_buat"),
    path(YEAR + "pk/salin/", views_perencanaan.pk_salin, name="pk_salin"),
    path(YEAR + "pk/dari-renstra/", views_perencanaan.pk_dari_renstra, name="pk_dari_renstra"),
    path(YEAR + "pk/identitas/", views_perencanaan.pk_identitas, name="pk_identitas"),
    path(YEAR + "pk/tetapkan/", views_perencanaan.pk_tetapkan, name="pk_tetapkan"),
    path(YEAR + "pk/perubahan/", views_perencanaan.pk_perubahan, name="pk_perubahan"),
    path(YEAR + "pk/sasaran/tambah/", views_perencanaan.sasaran_form, name="sasaran_tambah"),
    path(YEAR + "pk/sasaran/<int:sasaran_id>/", views_perencanaan.sasaran_form, name="sasaran_ubah"),
    path(YEAR + "pk/sasaran/<int:sasaran_id>/hapus/", views_perencanaan.sasaran_hapus, name="sasaran_hapus"),
    path(
        YEAR + "pk/sasaran/<int:sasaran_id>/indikator/tambah/",
        views_perencanaan.indikator_form,
        name="indikator_tambah",
    ),
    path(YEAR + "pk/indikator/<int:indikator_id>/", views_perencanaan.indikator_form, name="indikator_ubah"),
    path(YEAR + "pk/indikator/<int:indikator_id>/hapus/", views_perencanaan.indikator_hapus, name="indikator_hapus"),
    path(YEAR + "pk/indikator/<int:indikator_id>/sumber-data/", views_perencanaan.sumber_data, name="sumber_data"),
    path(YEAR + "rencana-aksi/", views_perencanaan.rencana_aksi, name="rencana_aksi"),
    # PK berjenjang: the same PK pages for the cascading PK of a position (kinerja/berjenjang.py).
    path(JABATAN + "pk/", views_perencanaan.pk, name="pk_jabatan"),
    path(JABATAN + "pk/buat/", views_perencanaan.pk_buat, name="pk_buat_jabatan"),
    path(JABATAN + "pk/identitas/", views_perencanaan.pk_identitas, name="pk_identitas_jabatan"),
    path(JABATAN + "pk/tetapkan/", views_perencanaan.pk_tetapkan, name="pk_tetapkan_jabatan"),
    path(JABATAN + "pk/perubahan/", views_perencanaan.pk_perubahan, name="pk_perubahan_jabatan"),
    path(JABATAN + "pk/sasaran/tambah/", views_perencanaan.sasaran_form, name="sasaran_tambah_jabatan"),
    path(JABATAN + "pk/sasaran/<int:sasaran_id>/", views_perencanaan.sasaran_form, name="sasaran_ubah_jabatan"),
    path(JABATAN + "pk/sasaran/<int:sasaran_id>/hapus/", views_perencanaan.sasaran_hapus, name="sasaran_hapus_jabatan"),
    path(
        JABATAN + "pk/sasaran/<int:sasaran_id>/indikator/tambah/",
        views_perencanaan.indikator_form,
        name="indikator_tambah_jabatan",
    ),
    path(JABATAN + "pk/indikator/<int:indikator_id>/", views_perencanaan.indikator_form, name="indikator_ubah_jabatan"),
    path(
        JABATAN + "pk/indikator/<int:indikator_id>/hapus/",
        views_perencanaan.indikator_hapus,
        name="indikator_hapus_jabatan",
    ),
    path(JABATAN + "rencana-aksi/", views_perencanaan.rencana_aksi, name="rencana_aksi_jabatan"),
    path(YEAR + "anggaran/", views_perencanaan.anggaran, name="anggaran"),
    # The budget from SIPD-RI: upload, preview, apply or cancel (kinerja/services/sipd.py); before
    # the budget's <jenis>/<pk> URLs, which would take "sipd/1/" for a kind.
    path(YEAR + "anggaran/sipd/", views_sipd.impor, name="sipd_impor"),
    path(YEAR + "anggaran/sipd/<int:pk>/", views_sipd.pratinjau, name="sipd_pratinjau"),
    path(YEAR + "anggaran/sipd/<int:pk>/terapkan/", views_sipd.terapkan, name="sipd_terapkan"),
    path(YEAR + "anggaran/sipd/<int:pk>/batal/", views_sipd.batal, name="sipd_batal"),
    path(YEAR + "anggaran/<slug:jenis>/tambah/", views_perencanaan.anggaran_form, name="anggaran_tambah"),
    path(YEAR + "anggaran/<slug:jenis>/<int:pk>/", views_perencanaan.anggaran_form, name="anggaran_ubah"),
    path(YEAR + "anggaran/<slug:jenis>/<int:pk>/hapus/", views_perencanaan.anggaran_hapus, name="anggaran_hapus"),
    path(PERIOD + "anggaran/", views_perencanaan.anggaran_realisasi, name="anggaran_realisasi"),
    path(YEAR + "excel/", views_excel.unduh, name="excel"),
    path(YEAR + "excel/unggah/", views_excel.unggah, name="excel_unggah"),
    # The planning chain drawn: RPJMD sasaran > Renstra > IKU > PK (issue 14).
    path(YEAR + "pohon-kinerja/", views_pohon.pohon, name="pohon"),
]
