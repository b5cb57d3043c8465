"""Who may do what on every URL: the expectations of tests/security/test_permission_matrix.py.

Each URL name maps to a Rule:
  see   roles that can see the URL's object in their own kecamatan (others: 404). Default: everyone.
  get   roles whose GET succeeds (others who can see it: 403); None = GET not allowed (405).
  post  the same for POST, sent with `data` (a realistic form, so a refusal cannot hide behind an
        empty form); None = POST not allowed (405).
  ok    status codes that count as success (400: a form refused as a whole, e.g. without its fields).
  tenant  the URL names an object of one kecamatan: from another kecamatan it is a 404 for everyone.

Derived from sakip/permissions.py ACTION_ROLES and the rules in ../shared/DESIGN.md. A new URL
name without a Rule fails the matrix until it is classified here.
"""

from dataclasses import dataclass, field

from sakip.roles import Role

R = Role
KECAMATAN_ROLES = frozenset(
    {R.CAMAT, R.SEKRETARIS, R.KASUBBAG_PERENCANAAN, R.KASUBBAG_UMUM, R.KASI, R.KABID, R.PELAKSANA}
)
KABUPATEN_ROLES = frozenset({R.ADMIN, R.EVALUATOR})
ALL = KECAMATAN_ROLES | KABUPATEN_ROLES
NOBODY = frozenset()

EDIT_PK = frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})
EDIT_ANGGARAN = frozenset({R.KASUBBAG_PERENCANAAN, R.KASUBBAG_UMUM, R.SEKRETARIS})
ENTER_REALISASI = frozenset({R.PELAKSANA, R.KASI, R.KABID, R.KASUBBAG_UMUM, R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})
# The world's indicator is answered for by the Pelaksana's position (Subbagian Perencanaan): its
# owner, the head of that unit and the Sekretaris may upload its evidence.
OWNERS_OF_INDICATOR = frozenset({R.PELAKSANA, R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})
SOP_EDIT = frozenset({R.CAMAT, R.SEKRETARIS, R.KASUBBAG_PERENCANAAN})
START_RUN = frozenset({R.CAMAT, R.KASUBBAG_PERENCANAAN})
LAPORAN_EDIT = frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})
REPORT_DOWNLOAD = frozenset({R.KASUBBAG_PERENCANAAN, R.CAMAT, R.SEKRETARIS})
# Pengaturan Kabupaten: the kabupaten administrator only (sakip.permissions.user_can_administer_kabupaten).
# An object of their own kecamatan is a 403 for everyone else; another kabupaten's object a 404.
ADMIN = frozenset({R.ADMIN})
KELOLA_LAYANAN = frozenset({R.CAMAT, R.SEKRETARIS, R.KASUBBAG_UMUM})  # ACTION_ROLES "layanan.kelola"


@dataclass(frozen=True)
class Rule:
    get: frozenset | None = ALL
    post: frozenset | None = None
    see: frozenset = ALL
    data: dict = field(default_factory=dict)
    ok: tuple = (200, 302)
    tenant: bool = True
    query: str = ""  # appended to the URL


def read(**extra) -> Rule:
    return Rule(get=ALL, post=None, **extra)


def login_page(**extra) -> Rule:
    return Rule(tenant=False, **extra)


RULES: dict[str, Rule] = {
    # --- core ---
    "beranda": login_page(get=ALL, post=None),
    "password_change": login_page(get=ALL, post=ALL, data={"old_password": "salah"}),
    "password_change_done": login_page(get=ALL, post=None),
    # Two-step sign-in pages: anyone signed in may open them; without the kabupaten's requirement they
    # lead straight on (302).
    "dua_langkah_daftar": login_page(get=ALL, post=ALL, data={"kode": "000000"}),
    "dua_langkah_verifikasi": login_page(get=ALL, post=ALL, data={"kode": "000000"}),
    "logout": login_page(get=None, post=ALL),
    # --- SOP library ---
    "sop:list": login_page(get=ALL, post=None),
    "sop:import": login_page(get=SOP_EDIT | {R.ADMIN}, post=SOP_EDIT | {R.ADMIN}),
    # A draft of the kecamatan: its own people read it; kabupaten readers too (monitoring).
    "sop:detail": read(),
    "sop:pdf": read(ok=(200,)),
    "sop:xlsx": read(ok=(200,)),
    # The draft editor reads on a GET; each change has its own URL (issue 27).
    "sop:edit": Rule(get=SOP_EDIT | {R.ADMIN}, post=None),
    "sop:edit_identitas": Rule(get=None, post=SOP_EDIT | {R.ADMIN}),
    "sop:langkah_simpan": Rule(get=None, post=SOP_EDIT | {R.ADMIN}),
    "sop:langkah_hapus": Rule(get=None, post=SOP_EDIT | {R.ADMIN}),
    "sop:langkah_naik": Rule(get=None, post=SOP_EDIT | {R.ADMIN}),
    "sop:langkah_turun": Rule(get=None, post=SOP_EDIT | {R.ADMIN}),
    "sop:revision_action": Rule(get=None, post=frozenset({R.CAMAT})),  # action "efektif": the Camat only
    # The lane review: the Camat of the SOP's kecamatan only (nothing pending on the world's draft: a refusal, 302).
    "sop:lane_review": Rule(get=frozenset({R.CAMAT}), post=frozenset({R.CAMAT})),
    # --- performance data ---
    "kinerja:index": login_page(get=ALL, post=None),
    "kinerja:rekap": login_page(get=KABUPATEN_ROLES, post=None),
    "kinerja:rekap_xlsx": login_page(get=KABUPATEN_ROLES, post=None, ok=(200,)),
    "kinerja:rekap_pdf": login_page(get=KABUPATEN_ROLES, post=None, ok=(200,)),
    "kinerja:rekap_indikator": login_page(get=KABUPATEN_ROLES, post=None, ok=(200,)),
    "kinerja:triwulan": read(),
    "kinerja:entry": Rule(get=ALL, post=ENTER_REALISASI, data={"nilai-{indikator}": "5", "versi-{indikator}": "0"}),
    "kinerja:transition": Rule(get=None, post=frozenset({R.KASUBBAG_PERENCANAAN})),  # action "ajukan"
    "kinerja:bukti": Rule(get=ALL, post=OWNERS_OF_INDICATOR, data={"berkas": "PDF"}),
    "kinerja:bukti_unduh": read(ok=(200,)),
    "kinerja:dashboard": read(),
    # The PK page is read by everyone; each action on it has its own URL (issue 27). The world's PK of the
    # year exists (creating another is refused with a message, 200) and is a draft (a PK Perubahan of a draft
    # is refused with a message, 200; establishing it without the password is refused as a form, 400).
    "kinerja:pk": read(),
    "kinerja:pk_buat": Rule(get=None, post=EDIT_PK),
    "kinerja:pk_salin": Rule(get=None, post=EDIT_PK),
    "kinerja:pk_dari_renstra": Rule(get=None, post=EDIT_PK),
    "kinerja:pk_identitas": Rule(get=None, post=EDIT_PK, data={"pihak_kedua_nama": "H. ABDUL HADI"}),
    "kinerja:pk_tetapkan": Rule(get=None, post=frozenset({R.CAMAT}), ok=(200, 302, 400)),
    "kinerja:pk_perubahan": Rule(get=None, post=EDIT_PK, data={"alasan": "Refocusing"}),
    "kinerja:sasaran_tambah": Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Sasaran baru"}),
    "kinerja:sasaran_ubah": Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Sasaran diubah"}),
    "kinerja:sasaran_hapus": Rule(get=None, post=EDIT_PK),
    "kinerja:indikator_tambah": Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Indikator baru"}),
    "kinerja:indikator_ubah": Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Indikator diubah"}),
    "kinerja:indikator_hapus": Rule(get=None, post=EDIT_PK),
    "kinerja:rencana_aksi": Rule(get=ALL, post=EDIT_PK, data={"target-{indikator}-1": "25"}),
    "kinerja:anggaran": read(),
    "kinerja:anggaran_tambah": Rule(get=EDIT_ANGGARAN, post=EDIT_ANGGARAN, data={"kode": "9.9", "nama": "Baru"}),
    "kinerja:anggaran_ubah": Rule(get=EDIT_ANGGARAN, post=EDIT_ANGGARAN, data={"kode": "9.9", "nama": "Ubah"}),
    "kinerja:anggaran_hapus": Rule(get=None, post=EDIT_ANGGARAN),
    "kinerja:sipd_impor": Rule(get=EDIT_ANGGARAN, post=EDIT_ANGGARAN),
    "kinerja:sipd_pratinjau": Rule(get=EDIT_ANGGARAN, post=None),
    "kinerja:sipd_terapkan": Rule(get=None, post=EDIT_ANGGARAN),
    "kinerja:sipd_batal": Rule(get=None, post=EDIT_ANGGARAN),
    "kinerja:anggaran_realisasi": Rule(get=ALL, post=EDIT_ANGGARAN, data={"realisasi-{sub}": "10"}),
    "kinerja:excel": read(ok=(200,)),
    "kinerja:excel_unggah": Rule(get=EDIT_PK, post=EDIT_PK),
    # --- SOP runtime ---
    "workflow:inbox": login_page(get=ALL, post=None),
    "workflow:runs": login_page(get=ALL, post=START_RUN, data={"tahun": "2020"}),
    "workflow:compliance": login_page(get=ALL, post=None),
    "workflow:compliance_pdf": login_page(get=ALL, post=None, ok=(200,)),
    "workflow:compliance_xlsx": login_page(get=ALL, post=None, ok=(200,)),
    # The active task is step 2, assigned to the Kasubbag Perencanaan: only they complete it.
    # The task page reads on a GET; each act has its own URL (issue 27). Taking it is for who may work it (it is
    # already taken: a message, 302); reassigning is the Camat's and Sekretaris' (no recipient: a message, 302).
    "workflow:task": Rule(get=ALL, post=None),
    "workflow:task_selesai": Rule(get=None, post=frozenset({R.KASUBBAG_PERENCANAAN})),
    "workflow:task_ambil": Rule(get=None, post=frozenset({R.KASUBBAG_PERENCANAAN})),
    "workflow:task_alihkan": Rule(get=None, post=frozenset({R.CAMAT, R.SEKRETARIS}), data={"alasan_alih": "Uji"}),
    "workflow:run": Rule(get=ALL, post=START_RUN, data={"alasan": "Uji matriks"}),
    "workflow:lampiran": read(ok=(200,)),
    "workflow:disposisi_pdf": read(ok=(200,)),
    # --- reports (a draft triwulan report: kabupaten readers never see drafts) ---
    "laporan:index": login_page(get=ALL, post=LAPORAN_EDIT, data={"kind": "triwulan"}),
    "laporan:zip": login_page(get=KABUPATEN_ROLES, post=None, query="?tahun=2020&kind=triwulan&periode=1"),
    "laporan:detail": read(see=KECAMATAN_ROLES),
    "laporan:narasi": Rule(get=None, post=LAPORAN_EDIT, see=KECAMATAN_ROLES, ok=(200, 302, 400)),
    "laporan:ajukan": Rule(get=None, post=frozenset({R.KASUBBAG_PERENCANAAN}), see=KECAMATAN_ROLES),
    # A stray first draft, deleted by its author only (the matrix's report was made by the Kasubbag): the other
    # editor of reports (Sekretaris) is refused by the service with a message (302, the draft kept, pinned in
    # tests/laporan/test_draf_dan_usulan.py); whoever does not edit reports gets a 403.
    "laporan:hapus": Rule(get=None, post=LAPORAN_EDIT, see=KECAMATAN_ROLES),
    # The background rendering of a submitted file: its state read by whoever sees the report; queued again
    # (after a failure) by the submitter's role only: the matrix's draft is refused by the service (302).
    "laporan:naskah_status": read(see=KECAMATAN_ROLES, ok=(200,)),
    "laporan:susun_ulang": Rule(get=None, post=frozenset({R.KASUBBAG_PERENCANAAN}), see=KECAMATAN_ROLES),
    # A report is submitted to the Camat, who signs it or returns it (with a reason: a form, 400 when refused).
    "laporan:kembalikan": Rule(get=None, post=frozenset({R.CAMAT}), see=KECAMATAN_ROLES, ok=(200, 302, 400)),
    "laporan:tandatangani": Rule(get=None, post=frozenset({R.CAMAT}), see=KECAMATAN_ROLES, ok=(200, 302, 400)),
    "laporan:perubahan": Rule(get=None, post=LAPORAN_EDIT, see=KECAMATAN_ROLES, ok=(200, 302, 400)),
    "laporan:pdf": Rule(get=REPORT_DOWNLOAD, see=KECAMATAN_ROLES, ok=(200,)),
    "laporan:xlsx": Rule(get=REPORT_DOWNLOAD, see=KECAMATAN_ROLES, ok=(200,)),
    # The Bupati's signature on a PK: recorded by whoever edits reports (the world's report is a draft
    # quarterly report: refused as a form, 400); the scan downloaded like a signed report (kabupaten too).
    "laporan:pihak_kedua": Rule(get=None, post=LAPORAN_EDIT, see=KECAMATAN_ROLES, ok=(400,)),
    "laporan:pihak_kedua_pdf": Rule(get=REPORT_DOWNLOAD | KABUPATEN_ROLES, ok=(200,)),
    # --- Pengaturan Kabupaten (the kecamatan, unit, position, person and delegation of the place) ---
    "pengaturan:index": login_page(get=ADMIN, post=None),
    "pengaturan:identitas": Rule(get=ADMIN, post=ADMIN, data={"nama": "Awayan", "email": "kecamatan@example.org"}),
    "pengaturan:units": login_page(get=ADMIN, post=ADMIN, data={"nama": "Seksi Baru", "jenis": "SEKSI"}),
    "pengaturan:unit_ubah": Rule(get=ADMIN, post=ADMIN, data={"nama": "Sekretariat Kecamatan"}),
    "pengaturan:jabatan": login_page(get=ADMIN, post=ADMIN, data={"nama": "Jabatan Baru", "role": "PELAKSANA"}),
    "pengaturan:jabatan_ubah": Rule(get=ADMIN, post=ADMIN, data={"nama": "Pelaksana Diubah", "role": "PELAKSANA"}),
    "pengaturan:pegawai": login_page(get=ADMIN, post=None),
    "pengaturan:pegawai_tambah": login_page(get=ADMIN, post=ADMIN, data={"username": "baru.matriks", "nama": "Baru"}),
    "pengaturan:pegawai_ubah": Rule(get=ADMIN, post=ADMIN, data={"nama": "Nama Diubah"}),
    "pengaturan:pegawai_status": Rule(get=None, post=ADMIN, data={"aktif": "0"}),
    "pengaturan:pegawai_sandi": Rule(get=None, post=ADMIN),
    "pengaturan:delegasi": login_page(get=ADMIN, post=ADMIN, data={"jenis": "PLH", "mulai": "2020-01-01"}),
    "pengaturan:delegasi_ubah": Rule(get=ADMIN, post=ADMIN, data={"jenis": "PLH", "mulai": "2020-01-01"}),
    "pengaturan:delegasi_hapus": Rule(get=None, post=ADMIN),
    # The calendar and predikat pages read on a GET; each change has its own URL (issue 27). A holiday is the
    # kabupaten's: found only by its administrators (everyone else: 404).
    "pengaturan:kalender": login_page(get=ADMIN, post=None),
    "pengaturan:kalender_jam": login_page(
        get=None, post=ADMIN, data={"hari_0_masuk": "08:00", "hari_0_pulang": "16:00"}
    ),
    "pengaturan:kalender_libur": login_page(
        get=None, post=ADMIN, data={"libur-tanggal": "2020-12-24", "libur-nama": "Cuti bersama"}
    ),
    "pengaturan:kalender_libur_hapus": Rule(get=None, post=ADMIN, see=ADMIN),
    "pengaturan:predikat": login_page(get=ADMIN, post=None),
    "pengaturan:predikat_simpan": login_page(get=None, post=ADMIN, data={"batas_0": "0", "predikat_0": "Semua"}),
    "pengaturan:predikat_bawaan": login_page(get=None, post=ADMIN),
    "pengaturan:templat_sop": login_page(get=ADMIN, post=None),
    "pengaturan:dua_langkah": login_page(get=ADMIN, post=ADMIN, data={}),
    # --- notifications: everyone's own (another person's notification is a 404, tests/notifikasi) ---
    "notifikasi:index": login_page(get=ALL, post=None),
    "notifikasi:buka": login_page(get=None, post=ALL, ok=(400,)),  # without the notification's id: refused
    "notifikasi:baca_semua": login_page(get=None, post=ALL),
    "notifikasi:preferensi": login_page(get=None, post=ALL, data={"email": "on"}),
    # --- SKM (layanan): the kecamatan's people and its kabupaten's readers read; Camat, Sekretaris,
    # Kasubbag Umum manage the services (ACTION_ROLES "layanan.kelola") ---
    "layanan:index": read(),
    "layanan:hasil": read(),
    "layanan:tambah": Rule(get=None, post=KELOLA_LAYANAN, data={"nama": "Pelayanan KTP"}),
    "layanan:status": Rule(get=None, post=KELOLA_LAYANAN, ok=(400,)),  # without the layanan named: refused
}

# Public pages need no login and hold no tenant data beyond what is published (tested elsewhere).
PUBLIC = {"home", "login", "healthz", "laporan:verifikasi"}
PUBLIC |= {"sso_masuk", "sso_kembali"}
PUBLIC |= {"layanan:survei", "layanan:terima_kasih"}

# Indicators computed from the app's records (issue 17). Deciding the proposal is entering the
# realisation: whoever may enter the world's indicator (its owner's unit, Kasubbag Perencanaan,
# Sekretaris); the world's indicator is entered by hand, so the decision is refused with a message (400).
# Declaring the source belongs to the PK's composers, also on an established PK. One URL per decision (issue 27).
RULES["kinerja:usulan_konfirmasi"] = Rule(get=None, post=OWNERS_OF_INDICATOR, ok=(400,))
RULES["kinerja:usulan_ganti"] = Rule(get=None, post=OWNERS_OF_INDICATOR, ok=(400,))
RULES["kinerja:sumber_data"] = Rule(get=EDIT_PK, post=EDIT_PK, data={"jenis": ""})

# The front desk (loket, issue 17). The counter is the user's own kecamatan's: every kecamatan role reads
# it, kabupaten roles hold no counter (403); registering an applicant (ACTION_ROLES
# "workflow.start_service_run") is the front desk's — posted without the applicant, a form refused (400).
# The receipt and the register are read like the kecamatan's other records.
FRONT_DESK = frozenset({R.SEKRETARIS, R.KASUBBAG_UMUM, R.KASI, R.KABID, R.PELAKSANA})
# The counter reads on a GET; each act has its own URL (issue 27). Linking a survey is for who manages the
# services; posted without the service's SOP, it is refused (400).
RULES["loket:index"] = login_page(get=KECAMATAN_ROLES, post=None)
RULES["loket:daftar"] = login_page(get=None, post=FRONT_DESK, ok=(400,))
RULES["loket:survei"] = login_page(get=None, post=KELOLA_LAYANAN, ok=(400,))
RULES["loket:tanda_terima"] = read(ok=(200,))
RULES["loket:register"] = read(ok=(200,))
RULES["loket:register_xlsx"] = read(ok=(200,))
PUBLIC |= {"loket:status", "loket:cek"}

# The planning chain (renstra, issue 14). The RPJMD is the kabupaten administrator's, read by everyone of
# the kabupaten (a kabupaten-level object: another kabupaten's is a 404, pinned in tests/renstra). The
# world's Renstra is a draft: its composers (ACTION_ROLES "renstra.edit") change it; a Perubahan of a
# draft is refused with a message (200); the sasaran form without its tujuan is refused as a form (400).
# The IKU is designated by the Camat ("renstra.designate_iku"; posted without indicators: a message).
EDIT_RENSTRA = frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS})
RENSTRA_INDIKATOR = {"uraian": "Indikator uji", "satuan": "%", "polaritas": "positif", "target_2025": "80,5"}
RULES["renstra:pilih"] = login_page(get=ALL, post=None)
RULES["renstra:rpjmd"] = login_page(get=ALL, post=ADMIN, data={"tahun_awal": "2040", "visi": "Visi uji"})
RULES["renstra:rpjmd_ubah"] = login_page(get=ALL, post=None)
# One URL per action (issue 27): the RPJMD's parts are changed by its kabupaten's administrator only (deleting the
# sasaran RPJMD a Renstra serves is refused with a message, 302); the Renstra is created, revised and its parts
# deleted by its composers, established by the Camat (without the password: refused as a form, 400); creating
# one beside the world's draft and a Perubahan of a draft are refused with a message (200).
RULES["renstra:rpjmd_visi"] = login_page(get=None, post=ADMIN, data={"visi": "Visi diubah"})
RULES["renstra:rpjmd_misi_tambah"] = login_page(get=None, post=ADMIN, data={"uraian": "Misi uji"})
RULES["renstra:rpjmd_misi_hapus"] = login_page(get=None, post=ADMIN)
RULES["renstra:rpjmd_sasaran_tambah"] = login_page(get=None, post=ADMIN, data={"uraian": "Sasaran uji"})
RULES["renstra:rpjmd_sasaran_hapus"] = login_page(get=None, post=ADMIN)
RULES["renstra:index"] = read()
RULES["renstra:buat"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["renstra:tetapkan"] = Rule(get=None, post=frozenset({R.CAMAT}), ok=(200, 302, 400))
RULES["renstra:perubahan"] = Rule(get=None, post=EDIT_RENSTRA, data={"alasan": "Uji"})
RULES["renstra:tujuan_hapus"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["renstra:sasaran_hapus"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["renstra:indikator_hapus"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["renstra:dokumen"] = read(ok=(200,))
RULES["renstra:tujuan_tambah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data={"uraian": "Tujuan uji"})
RULES["renstra:tujuan_ubah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data={"uraian": "Tujuan diubah"})
RULES["renstra:sasaran_tambah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data={"uraian": "Sasaran"}, ok=(200, 400))
RULES["renstra:sasaran_ubah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data={"uraian": "Sasaran"}, ok=(200, 400))
RULES["renstra:indikator_tambah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data=RENSTRA_INDIKATOR)
RULES["renstra:indikator_ubah"] = Rule(get=EDIT_RENSTRA, post=EDIT_RENSTRA, data=RENSTRA_INDIKATOR)
RULES["renstra:iku"] = Rule(get=ALL, post=frozenset({R.CAMAT}), data={})
# The naskah of the Renstra document and its programmes (issue 24): read by everyone who reads the Renstra,
# written by its composers while it is a draft; a programme posted without the sasaran it serves is refused
# as a form (400).
RULES["renstra:naskah"] = Rule(get=ALL, post=EDIT_RENSTRA, data={"latar_belakang": "Latar belakang uji"})
RULES["renstra:program"] = read()
RENSTRA_PROGRAM = {"kode": "7.01.03", "nama": "Program uji"}
RENSTRA_KEGIATAN = {"kode": "7.01.02.2.04", "nama": "Kegiatan uji", "indikator": "Uji"}
RULES["renstra:program_tambah"] = Rule(get=None, post=EDIT_RENSTRA, data=RENSTRA_PROGRAM, ok=(200, 302, 400))
RULES["renstra:program_ubah"] = Rule(get=None, post=EDIT_RENSTRA, data=RENSTRA_PROGRAM, ok=(200, 302, 400))
RULES["renstra:program_hapus"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["renstra:kegiatan_tambah"] = Rule(get=None, post=EDIT_RENSTRA, data=RENSTRA_KEGIATAN, ok=(200, 302, 400))
RULES["renstra:kegiatan_ubah"] = Rule(get=None, post=EDIT_RENSTRA, data=RENSTRA_KEGIATAN, ok=(200, 302, 400))
RULES["renstra:kegiatan_hapus"] = Rule(get=None, post=EDIT_RENSTRA)
RULES["kinerja:pohon"] = read(ok=(200,))  # the pohon kinerja: read by the kecamatan and its kabupaten

# The AKIP evaluation (evaluasi, issue 15). The world's evaluation is a self-assessment (status mandiri):
# its kecamatan's Kasubbag Perencanaan, Sekretaris and Camat fill it (ACTION_ROLES "evaluasi.isi_mandiri");
# every role of the kecamatan and the kabupaten reads it; the scoring page is the kabupaten's (ADMIN reads,
# EVALUATOR scores: EVALUATOR_ACTION_ROLES "evaluasi.nilai"; scoring a self-assessment not yet submitted is
# refused with a message, 400). The LHE before signing is the kabupaten's. The world's follow-up (of last
# year's signed evaluation) is updated by its owner position (the Kasubbag Perencanaan) and the roles of
# "evaluasi.tindak_lanjut"; everyone of the kecamatan and the kabupaten reads it.
ISI_MANDIRI = frozenset({R.KASUBBAG_PERENCANAAN, R.SEKRETARIS, R.CAMAT})
RULES["evaluasi:index"] = login_page(
    get=ALL, post=frozenset({R.EVALUATOR, R.ADMIN}), data={"tahun": "2040"}, ok=(200, 302, 400)
)
RULES["evaluasi:kriteria"] = login_page(get=ALL, post=None)
RULES["evaluasi:rekap"] = login_page(get=KABUPATEN_ROLES, post=None, ok=(200,))
RULES["evaluasi:rekap_xlsx"] = login_page(get=KABUPATEN_ROLES, post=None, ok=(200,))
RULES["evaluasi:rekap_pdf"] = login_page(get=KABUPATEN_ROLES, post=None, ok=(200,))
# Each act on an evaluation has its own URL (issue 27); the pages answer GET only. Uploading without a file,
# submitting a self-assessment with unanswered criteria, returning an answer without its id or a reason, and
# every act of the evaluator on a self-assessment not yet submitted are refused with a message (400); deleting
# a recommendation of last year's signed evaluation too.
RULES["evaluasi:mandiri"] = read()
RULES["evaluasi:mandiri_simpan"] = Rule(get=None, post=ISI_MANDIRI, ok=(302,))
RULES["evaluasi:mandiri_unggah"] = Rule(get=None, post=ISI_MANDIRI, ok=(400,))
RULES["evaluasi:mandiri_ajukan"] = Rule(get=None, post=ISI_MANDIRI, ok=(400,))
RULES["evaluasi:penilaian"] = Rule(get=KABUPATEN_ROLES, post=None)
EVALUATOR = frozenset({R.EVALUATOR})
RULES["evaluasi:penilaian_nilai"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:penilaian_kembalikan"] = Rule(get=None, post=EVALUATOR, ok=(400,), data={"alasan": "Uji"})
RULES["evaluasi:hasil"] = read()
RULES["evaluasi:hasil_temuan"] = Rule(get=None, post=EVALUATOR, data={"temuan": "Temuan uji"}, ok=(400,))
RULES["evaluasi:hasil_rekomendasi"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:hasil_rekomendasi_hapus"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:hasil_surat"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:hasil_susun"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:hasil_tandatangani"] = Rule(get=None, post=EVALUATOR, ok=(400,))
RULES["evaluasi:lhe_pdf"] = Rule(get=KABUPATEN_ROLES, post=None, ok=(200,))
RULES["evaluasi:bukti"] = read(ok=(200,))
RULES["evaluasi:tindak_lanjut"] = Rule(get=ALL, post=ISI_MANDIRI, data={"catatan": "Tindak lanjut uji"})
# PK berjenjang (issue 14): the cascading PK of the world's Kasi, composed by the PK's composers like the
# Camat's (ACTION_ROLES "kinerja.edit_pk"), read by everyone of the kecamatan and the kabupaten. Establishing it
# is its holder's (sakip.permissions.user_can_establish_pk), pinned in tests/kinerja/test_berjenjang.py.
RULES["kinerja:pk_jabatan"] = read()
RULES["kinerja:pk_buat_jabatan"] = Rule(get=None, post=EDIT_PK)
RULES["kinerja:pk_identitas_jabatan"] = Rule(get=None, post=EDIT_PK, data={"pihak_kedua_nama": "CAMAT"})
RULES["kinerja:pk_tetapkan_jabatan"] = Rule(get=None, post=frozenset({R.KASI}), ok=(200, 302, 400))
RULES["kinerja:pk_perubahan_jabatan"] = Rule(get=None, post=EDIT_PK, data={"alasan": "Refocusing"})
# Its PDF document (laporan/pk_jabatan.py): read by whoever reads the page.
RULES["laporan:pk_jabatan_pdf"] = Rule(get=ALL, post=None, ok=(200,))
# Its life as a signed document (issue 25): the page leading to it read like the PK page; submitted to the
# superior by the holder of the position only (sakip.permissions POSITION_DOCUMENT_ACTIONS), the world's PK
# then refused by the gate (400) while not established.
RULES["laporan:pk_jabatan_dokumen"] = Rule(get=ALL, post=None, ok=(200,))
RULES["laporan:pk_jabatan_ajukan"] = Rule(get=None, post=frozenset({R.KASI}), ok=(200, 302, 400))
RULES["kinerja:sasaran_tambah_jabatan"] = Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Sasaran baru"})
RULES["kinerja:sasaran_ubah_jabatan"] = Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Sasaran diubah"})
RULES["kinerja:sasaran_hapus_jabatan"] = Rule(get=None, post=EDIT_PK)
RULES["kinerja:indikator_tambah_jabatan"] = Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Indikator baru"})
RULES["kinerja:indikator_ubah_jabatan"] = Rule(get=EDIT_PK, post=EDIT_PK, data={"uraian": "Indikator diubah"})
RULES["kinerja:indikator_hapus_jabatan"] = Rule(get=None, post=EDIT_PK)
RULES["kinerja:rencana_aksi_jabatan"] = Rule(get=ALL, post=EDIT_PK, data={"target-{indikator}-1": "25"})
# The review of a submitted LKIP (laporan/reviu.py): the world's report is a draft quarterly report, so the
# kecamatan reads the (empty) review page and nobody may review it (the evaluator does not even see a draft:
# its review of a submitted LKIP is pinned in tests/laporan/test_reviu.py). The setting is the administrator's.
# The page reads on a GET; each act has its own URL (issue 27).
RULES["laporan:reviu"] = Rule(get=ALL, post=None, see=KECAMATAN_ROLES)
RULES["laporan:reviu_simpan"] = Rule(get=None, post=NOBODY, see=KECAMATAN_ROLES)
RULES["laporan:reviu_kembalikan"] = Rule(get=None, post=NOBODY, see=KECAMATAN_ROLES, data={"alasan": "Uji"})
RULES["laporan:reviu_selesai"] = Rule(get=None, post=NOBODY, see=KECAMATAN_ROLES, data={"password": "salah"})
RULES["pengaturan:reviu_lkip"] = login_page(get=ADMIN, post=ADMIN, data={})
RULES["pengaturan:masuk_sso"] = login_page(get=ADMIN, post=ADMIN, data={})
# Grants of signing and evaluating powers (issue 29): a request of the place's kabupaten, confirmed (the
# place's Camat position is held: refused as a message, 302) or refused by its administrator.
RULES["pengaturan:kuasa"] = login_page(get=ADMIN, post=None)
RULES["pengaturan:kuasa_setujui"] = Rule(get=None, post=ADMIN)
RULES["pengaturan:kuasa_tolak"] = Rule(get=None, post=ADMIN, data={"alasan": "Tidak sesuai surat perintah"})
RULES["pengaturan:skm"] = login_page(get=ADMIN, post=ADMIN, data={})
PUBLIC |= {"publikasi:kabupaten", "publikasi:kecamatan", "publikasi:dokumen", "publikasi:unduh"}
RULES["publikasi:pengaturan"] = login_page(get=ADMIN, post=ADMIN, data={"jenis": ["pk", "lkip"]})
# Who signs the kabupaten's documents (laporan/penanda.py, issue 25): the administrator's setting.
RULES["pengaturan:penanda_tangan"] = login_page(get=ADMIN, post=ADMIN, data={"penanda_tangan": "lokal"})
# Staff from SIMPEG/SIASN (kepegawaian, issue 28): the kabupaten administrator's own kabupaten only.
RULES["kepegawaian:index"] = login_page(get=ADMIN, post=None)
RULES["kepegawaian:pemetaan"] = login_page(get=ADMIN, post=ADMIN, data={})
RULES["kepegawaian:pratinjau"] = login_page(get=ADMIN, post=None)
for _name in ("unggah", "susun_ulang", "terapkan", "batal"):
    RULES[f"kepegawaian:{_name}"] = login_page(get=None, post=ADMIN, data={})
# The read-only API (api/, issue 28): read with a token, never a session, so every signed-in role without one
# gets 401 and a POST is a 405 (the tokens themselves are pinned in tests/api: another kabupaten's 403, a revoked
# one 401). The token pages are the kabupaten administrator's; revoking names the world's token of the place's
# kabupaten (another kabupaten's token is a 404, pinned in tests/api). The schema and its documentation are public.
PUBLIC |= {"api:api-root", "api:openapi-json", "api:openapi-view", "api:docs_css", "api:docs_js", "api:docs_init_js"}
for _name in ("kecamatan", "tahun", "triwulan", "pk", "indikator", "capaian", "anggaran", "dokumen", "evaluasi"):
    RULES[f"api:{_name}"] = login_page(get=ALL, post=None, ok=(401,))
RULES["api:token"] = login_page(get=ADMIN, post=None)
RULES["api:token_buat"] = login_page(get=None, post=ADMIN, data={"nama": "e-Monev Bappeda"})
RULES["api:token_cabut"] = login_page(get=None, post=ADMIN)
RULES["kepegawaian:siasn"] = login_page(get=None, post=ADMIN, data={})
# A kabupaten's own nomenclature (issue 28): the kabupaten administrator's pages (an empty upload form is a 400;
# applying or cancelling with nothing waiting leads back with a message, 302); everyone else 403.
RULES["pengaturan:nomenklatur"] = login_page(get=ADMIN, post=None)
RULES["pengaturan:nomenklatur_pratinjau"] = login_page(get=ADMIN, post=None)
for _name in ("nomenklatur_unggah", "nomenklatur_terapkan", "nomenklatur_batalkan"):
    RULES[f"pengaturan:{_name}"] = login_page(get=None, post=ADMIN, data={}, ok=(200, 302, 400))
