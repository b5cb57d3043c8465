"""Every URL of the application, classified. A new URL fails tests/security until it is listed here.

public   — no login (login page, health check, public verification);
login    — any logged-in user, no tenant object in the URL;
tenant   — the URL names a kecamatan object: login required, another kecamatan's object is a 404
           (pinned per view in tests/<app>/);
POST_ONLY marks views that change state only by POST.
"""

PUBLIC = {"home", "login", "healthz", "laporan:verifikasi"}
PUBLIC |= {"layanan:survei", "layanan:terima_kasih"}  # the SKM survey (public link per service)
LOGIN = {
    "beranda",
    "logout",
    "password_change",
    "password_change_done",
    "dua_langkah_daftar",
    "dua_langkah_verifikasi",
    "sop:list",
    "sop:import",
    "kinerja:index",
    "kinerja:rekap",
    "kinerja:rekap_xlsx",
    "kinerja:rekap_pdf",
    "kinerja:rekap_indikator",
    "workflow:inbox",
    "workflow:runs",
    "workflow:compliance",
    "workflow:compliance_pdf",
    "workflow:compliance_xlsx",
    "laporan:index",
    "laporan:zip",
    "pengaturan:index",
    "pengaturan:units",
    "pengaturan:jabatan",
    "pengaturan:pegawai",
    "pengaturan:pegawai_tambah",
    "pengaturan:delegasi",
    "pengaturan:kalender",
    "pengaturan:kalender_jam",
    "pengaturan:kalender_libur",
    "pengaturan:predikat",
    "pengaturan:predikat_simpan",
    "pengaturan:predikat_bawaan",
    "pengaturan:templat_sop",
    "pengaturan:dua_langkah",
    "notifikasi:index",
    "notifikasi:buka",
    "notifikasi:baca_semua",
    "notifikasi:preferensi",
}
TENANT = {
    "layanan:index",
    "layanan:tambah",
    "layanan:status",
    "layanan:hasil",
    "sop:detail",
    "sop:pdf",
    "sop:xlsx",
    "sop:edit",
    "sop:lane_review",
    "sop:revision_action",
    "kinerja:triwulan",
    "kinerja:entry",
    "kinerja:dashboard",
    "kinerja:transition",
    "kinerja:bukti",
    "kinerja:bukti_unduh",
    "kinerja:pk",
    "kinerja:sasaran_tambah",
    "kinerja:sasaran_ubah",
    "kinerja:sasaran_hapus",
    "kinerja:indikator_tambah",
    "kinerja:indikator_ubah",
    "kinerja:indikator_hapus",
    "kinerja:rencana_aksi",
    "kinerja:anggaran",
    "kinerja:anggaran_tambah",
    "kinerja:anggaran_ubah",
    "kinerja:anggaran_hapus",
    "kinerja:sipd_impor",
    "kinerja:sipd_pratinjau",
    "kinerja:sipd_terapkan",
    "kinerja:sipd_batal",
    "kinerja:anggaran_realisasi",
    "kinerja:excel",
    "kinerja:excel_unggah",
    "workflow:task",
    "workflow:disposisi_pdf",
    "workflow:run",
    "workflow:lampiran",
    "laporan:detail",
    "laporan:narasi",
    "laporan:ajukan",
    "laporan:hapus",
    "laporan:naskah_status",
    "laporan:susun_ulang",
    "laporan:kembalikan",
    "laporan:tandatangani",
    "laporan:perubahan",
    "laporan:pdf",
    "laporan:xlsx",
    "laporan:pihak_kedua",
    "laporan:pihak_kedua_pdf",
    "pengaturan:identitas",
    "pengaturan:unit_ubah",
    "pengaturan:jabatan_ubah",
    "pengaturan:pegawai_ubah",
    "pengaturan:pegawai_status",
    "pengaturan:pegawai_sandi",
    "pengaturan:delegasi_ubah",
    "pengaturan:delegasi_hapus",
}
# State-changing endpoints that refuse GET (405).
POST_ONLY = {
    "layanan:tambah",
    "layanan:status",
    "sop:revision_action",
    "kinerja:transition",
    "kinerja:sasaran_hapus",
    "kinerja:indikator_hapus",
    "kinerja:anggaran_hapus",
    "kinerja:sipd_terapkan",
    "kinerja:sipd_batal",
    "laporan:ajukan",
    "laporan:hapus",
    "laporan:susun_ulang",
    "laporan:kembalikan",
    "laporan:tandatangani",
    "laporan:perubahan",
    "laporan:pihak_kedua",
    "pengaturan:pegawai_status",
    "pengaturan:pegawai_sandi",
    "pengaturan:delegasi_hapus",
    "notifikasi:buka",
    "notifikasi:baca_semua",
    "notifikasi:preferensi",
    "logout",
}
# Indicators computed from the app's records (issue 17): deciding a proposal, declaring the source.
# One URL per decision on a proposal (issue 27).
TENANT |= {"kinerja:usulan_konfirmasi", "kinerja:usulan_ganti", "kinerja:sumber_data"}
POST_ONLY |= {"kinerja:usulan_konfirmasi", "kinerja:usulan_ganti"}
# The front desk (loket, issue 17): the public status page by receipt code and its lookup form; the
# counter of the user's own kecamatan; the receipt and the register of a kecamatan.
PUBLIC |= {"loket:status", "loket:cek"}
LOGIN |= {"loket:index"}
# One URL per act at the counter (issue 27).
LOGIN |= {"loket:daftar", "loket:survei"}
POST_ONLY |= {"loket:daftar", "loket:survei"}
TENANT |= {"loket:tanda_terima", "loket:register", "loket:register_xlsx"}
# The planning chain (renstra, issue 14): the RPJMD is the kabupaten's (another kabupaten's is a 404,
# tests/renstra); the Renstra, its revisions, its parts and the IKU belong to one kecamatan.
LOGIN |= {"renstra:pilih", "renstra:rpjmd", "renstra:rpjmd_ubah"}
TENANT |= {
    "renstra:index",
    "renstra:dokumen",
    "renstra:tujuan_tambah",
    "renstra:tujuan_ubah",
    "renstra:sasaran_tambah",
    "renstra:sasaran_ubah",
    "renstra:indikator_tambah",
    "renstra:indikator_ubah",
    "renstra:iku",
}
# The Renstra document's naskah and its programmes with pagu indikatif (issue 24): one kecamatan's.
TENANT |= {"renstra:naskah", "renstra:program"}
# One URL per action on the RPJMD and the Renstra (issue 27).
RENSTRA_ACTIONS_LOGIN = {
    "renstra:rpjmd_visi",
    "renstra:rpjmd_misi_tambah",
    "renstra:rpjmd_misi_hapus",
    "renstra:rpjmd_sasaran_tambah",
    "renstra:rpjmd_sasaran_hapus",
}
RENSTRA_ACTIONS_TENANT = {
    "renstra:buat",
    "renstra:tetapkan",
    "renstra:perubahan",
    "renstra:tujuan_hapus",
    "renstra:sasaran_hapus",
    "renstra:indikator_hapus",
    "renstra:program_tambah",
    "renstra:program_ubah",
    "renstra:program_hapus",
    "renstra:kegiatan_tambah",
    "renstra:kegiatan_ubah",
    "renstra:kegiatan_hapus",
}
LOGIN |= RENSTRA_ACTIONS_LOGIN
TENANT |= RENSTRA_ACTIONS_TENANT
POST_ONLY |= RENSTRA_ACTIONS_LOGIN | RENSTRA_ACTIONS_TENANT
TENANT |= {"kinerja:pohon"}  # the pohon kinerja of a kecamatan's year (issue 14)
# The AKIP evaluation (evaluasi, issue 15): the list, the criteria and the kabupaten view; an evaluation, its
# evidence files and its follow-ups belong to one kecamatan.
LOGIN |= {"evaluasi:index", "evaluasi:kriteria", "evaluasi:rekap", "evaluasi:rekap_xlsx", "evaluasi:rekap_pdf"}
TENANT |= {
    "evaluasi:mandiri",
    "evaluasi:penilaian",
    "evaluasi:hasil",
    "evaluasi:lhe_pdf",
    "evaluasi:bukti",
    "evaluasi:tindak_lanjut",
}
# One URL per act on an evaluation (issue 27).
EVALUASI_ACTIONS = {
    "evaluasi:mandiri_simpan",
    "evaluasi:mandiri_unggah",
    "evaluasi:mandiri_ajukan",
    "evaluasi:penilaian_nilai",
    "evaluasi:penilaian_kembalikan",
    "evaluasi:hasil_temuan",
    "evaluasi:hasil_rekomendasi",
    "evaluasi:hasil_rekomendasi_hapus",
    "evaluasi:hasil_surat",
    "evaluasi:hasil_susun",
    "evaluasi:hasil_tandatangani",
}
TENANT |= EVALUASI_ACTIONS
POST_ONLY |= EVALUASI_ACTIONS
# One URL per change of an SOP draft (issue 27).
SOP_EDIT_ACTIONS = {"sop:edit_identitas", "sop:langkah_simpan", "sop:langkah_hapus", "sop:langkah_naik"}
SOP_EDIT_ACTIONS |= {"sop:langkah_turun"}
TENANT |= SOP_EDIT_ACTIONS
POST_ONLY |= SOP_EDIT_ACTIONS
# One URL per act on a task (issue 27).
TENANT |= {"workflow:task_ambil", "workflow:task_selesai", "workflow:task_alihkan"}
POST_ONLY |= {"workflow:task_ambil", "workflow:task_selesai", "workflow:task_alihkan"}
# PK berjenjang (issue 14): the PK pages of a position's cascading PK in one kecamatan.
TENANT |= {
    "kinerja:pk_jabatan",
    "kinerja:sasaran_tambah_jabatan",
    "kinerja:sasaran_ubah_jabatan",
    "kinerja:sasaran_hapus_jabatan",
    "kinerja:indikator_tambah_jabatan",
    "kinerja:indikator_ubah_jabatan",
    "kinerja:indikator_hapus_jabatan",
    "kinerja:rencana_aksi_jabatan",
}
# The cascading PK of a position as its own PDF document (issue 24): read like its page.
TENANT |= {"laporan:pk_jabatan_pdf"}
# ... and as a signed document submitted by the holder to the superior (issue 25).
TENANT |= {"laporan:pk_jabatan_dokumen", "laporan:pk_jabatan_ajukan"}
POST_ONLY |= {"laporan:pk_jabatan_ajukan"}
POST_ONLY |= {"kinerja:sasaran_hapus_jabatan", "kinerja:indikator_hapus_jabatan"}
# One URL per action on a PK (issue 27): the Camat's and a position's cascading PK.
KINERJA_PK_ACTIONS = {
    "kinerja:pk_buat",
    "kinerja:pk_salin",
    "kinerja:pk_dari_renstra",
    "kinerja:pk_identitas",
    "kinerja:pk_tetapkan",
    "kinerja:pk_perubahan",
    "kinerja:pk_buat_jabatan",
    "kinerja:pk_identitas_jabatan",
    "kinerja:pk_tetapkan_jabatan",
    "kinerja:pk_perubahan_jabatan",
}
TENANT |= KINERJA_PK_ACTIONS
POST_ONLY |= KINERJA_PK_ACTIONS
# The Inspektorat's review of a submitted LKIP (laporan/reviu.py, issue 15) and the kabupaten's setting.
TENANT |= {"laporan:reviu"}
# One URL per act of the review (issue 27).
LAPORAN_REVIU_ACTIONS = {"laporan:reviu_simpan", "laporan:reviu_kembalikan", "laporan:reviu_selesai"}
TENANT |= LAPORAN_REVIU_ACTIONS
POST_ONLY |= LAPORAN_REVIU_ACTIONS
LOGIN |= {"pengaturan:reviu_lkip"}
LOGIN |= {"pengaturan:masuk_sso"}  # SSO: may the kabupaten's people still use the password form
PUBLIC |= {"sso_masuk", "sso_kembali"}  # the OpenID Connect code flow (sakip/sso.py)
# Grants of signing and evaluating powers (issue 29): the kabupaten's list; confirming or refusing one request.
LOGIN |= {"pengaturan:kuasa"}
TENANT |= {"pengaturan:kuasa_setujui", "pengaturan:kuasa_tolak"}
POST_ONLY |= {"pengaturan:kuasa_setujui", "pengaturan:kuasa_tolak"}
# One URL per change of the working calendar and the predikat bands (issue 27).
TENANT |= {"pengaturan:kalender_libur_hapus"}
POST_ONLY |= {"pengaturan:kalender_jam", "pengaturan:kalender_libur", "pengaturan:kalender_libur_hapus"}
POST_ONLY |= {"pengaturan:predikat_simpan", "pengaturan:predikat_bawaan"}
LOGIN |= {"pengaturan:skm"}
# The public SAKIP page (publikasi, issue 25): a kabupaten's and a kecamatan's published documents, one document
# and its download by verification code; the kabupaten administrator's choice of published kinds.
PUBLIC |= {"publikasi:kabupaten", "publikasi:kecamatan", "publikasi:dokumen", "publikasi:unduh"}
LOGIN |= {"publikasi:pengaturan"}
# Who signs the kabupaten's documents (laporan/penanda.py, issue 25): the local seal or BSrE.
LOGIN |= {"pengaturan:penanda_tangan"}
# Staff from SIMPEG/SIASN (kepegawaian, issue 28): the administrator's own kabupaten, no object in the URL.
KEPEGAWAIAN_ACTIONS = {"kepegawaian:unggah", "kepegawaian:susun_ulang", "kepegawaian:terapkan", "kepegawaian:batal"}
LOGIN |= {"kepegawaian:index", "kepegawaian:pemetaan", "kepegawaian:pratinjau"} | KEPEGAWAIAN_ACTIONS
POST_ONLY |= KEPEGAWAIAN_ACTIONS
# The read-only API (api/, issue 28): its OpenAPI schema, the documentation page and that page's files are public.
# The endpoints are read with a token (`Authorization: Bearer`), never a session: TOKEN, whose URLs answer 401
# without one (not a login redirect) and refuse a POST with 405 (they take no POST at all, so there is no CSRF
# to check); tests/security/test_url_matrix.py reads the set for those two expectations. The administrator's
# token pages are login pages.
PUBLIC |= {"api:api-root", "api:openapi-json", "api:openapi-view", "api:docs_css", "api:docs_js", "api:docs_init_js"}
TOKEN = {"api:kecamatan", "api:tahun", "api:triwulan", "api:pk", "api:indikator", "api:capaian", "api:anggaran"}
TOKEN |= {"api:dokumen", "api:evaluasi"}
LOGIN |= {"api:token", "api:token_buat", "api:token_cabut"}
POST_ONLY |= {"api:token_buat", "api:token_cabut"}
LOGIN |= {"kepegawaian:siasn"}  # the same preview from BKN's SIASN web service
POST_ONLY |= {"kepegawaian:siasn"}
# A kabupaten's own nomenclature (kinerja/services/nomenklatur.py, issue 28): its administrator uploads, previews,
# applies or cancels; no object in the URL (the administrator's own kabupaten's waiting upload).
NOMENKLATUR_ACTIONS = {"pengaturan:nomenklatur_unggah", "pengaturan:nomenklatur_terapkan"}
NOMENKLATUR_ACTIONS |= {"pengaturan:nomenklatur_batalkan"}
LOGIN |= {"pengaturan:nomenklatur", "pengaturan:nomenklatur_pratinjau"} | NOMENKLATUR_ACTIONS
POST_ONLY |= NOMENKLATUR_ACTIONS
