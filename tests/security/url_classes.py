"""Every URL of the application, classified. A new URL fails tests/security until it is listed here.

public   — no login (login page, health check, public verification);
login    — any logged-in user, no tenant object in the URL;
tenant   — the URL names a kecamatan object: login required, another kecamatan's object is a 404
           (pinned per view in tests/<app>/);
POST_ONLY marks views that change state only by POST.
"""

PUBLIC = {"home", "login", "healthz", "laporan:verifikasi"}
LOGIN = {
    "beranda",
    "logout",
    "password_change",
    "password_change_done",
    "sop:list",
    "sop:import",
    "kinerja:index",
    "kinerja:rekap",
    "workflow:inbox",
    "workflow:runs",
    "workflow:compliance",
    "workflow:compliance_pdf",
    "workflow:compliance_xlsx",
    "laporan:index",
    "laporan:zip",
}
TENANT = {
    "sop:detail",
    "sop:pdf",
    "sop:xlsx",
    "sop:edit",
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
    "laporan:kembalikan",
    "laporan:tandatangani",
    "laporan:perubahan",
    "laporan:pdf",
    "laporan:xlsx",
}
# State-changing endpoints that refuse GET (405).
POST_ONLY = {
    "sop:revision_action",
    "kinerja:transition",
    "kinerja:sasaran_hapus",
    "kinerja:indikator_hapus",
    "kinerja:anggaran_hapus",
    "laporan:ajukan",
    "laporan:kembalikan",
    "laporan:tandatangani",
    "laporan:perubahan",
    "logout",
}
