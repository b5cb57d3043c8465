"""Demo naskah of a kecamatan's Renstra 2025–2029 in Kabupaten Balangan (Kalimantan Selatan), issue 24: every
typed chapter (renstra/naskah.py), the strategi and arah kebijakan of each sasaran and four programmes of the
kecamatan's nomenclature with their kegiatan and pagu indikatif. Codes and names are those of the national
nomenclature (Kepmendagri 050-5889/2021 as updated; fixtures/nomenklatur/, held by
tests/renstra/test_demo_renstra.py): programme 7.01.06 has the one kegiatan 7.01.06.2.01. Written while the
Renstra is still a draft (kinerja/demo_renstra.py establishes it afterwards); the figures are plausible, not any
office's own.
"""

from decimal import Decimal

from renstra.models import BabRenstra, KegiatanRenstra, PaguRenstra, ProgramRenstra, Renstra, SasaranRenstra

NASKAH = {
    "latar_belakang": (
        "Kecamatan {nama} merupakan perangkat daerah Kabupaten Balangan yang dipimpin oleh Camat dan "
        "menyelenggarakan urusan pemerintahan umum, pelayanan publik serta pembinaan pemerintahan desa di "
        "wilayahnya. Sebagai perangkat daerah, Kecamatan {nama} wajib menyusun Rencana Strategis (Renstra) yang "
        "memuat tujuan, sasaran, strategi, arah kebijakan, program dan kegiatan untuk lima tahun.\n\n"
        "Renstra {periode} disusun berpedoman pada RPJMD Kabupaten Balangan {periode} dan menjadi acuan "
        "penyusunan Rencana Kerja (Renja), Perjanjian Kinerja dan Laporan Kinerja Instansi Pemerintah "
        "Kecamatan {nama} setiap tahun."
    ),
    "landasan_hukum": (
        "1. Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;\n"
        "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
        "diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023;\n"
        "3. Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;\n"
        "4. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;\n"
        "5. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan "
        "Evaluasi Pembangunan Daerah;\n"
        "6. Peraturan Daerah Kabupaten Balangan tentang Rencana Pembangunan Jangka Menengah Daerah (RPJMD) "
        "Kabupaten Balangan Tahun {periode};\n"
        "7. Peraturan Bupati Balangan tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja "
        "Kecamatan."
    ),
    "maksud_tujuan": (
        "Renstra ini dimaksudkan sebagai pedoman Kecamatan {nama} dalam merencanakan, melaksanakan dan "
        "mengendalikan program dan kegiatan selama periode {periode}.\n\n"
        "Tujuannya adalah:\n"
        "- menjabarkan tujuan dan sasaran RPJMD Kabupaten Balangan sesuai tugas dan fungsi kecamatan;\n"
        "- menetapkan indikator kinerja beserta target setiap tahun sebagai dasar pengukuran kinerja;\n"
        "- menjadi acuan penyusunan Renja dan Perjanjian Kinerja tahunan."
    ),
    "tugas_fungsi": (
        "Camat mempunyai tugas menyelenggarakan urusan pemerintahan umum, mengoordinasikan kegiatan "
        "pemberdayaan masyarakat, upaya penyelenggaraan ketenteraman dan ketertiban umum, penerapan dan "
        "penegakan peraturan, pemeliharaan prasarana dan sarana pelayanan umum, serta membina dan mengawasi "
        "penyelenggaraan pemerintahan desa.\n\n"
        "Susunan organisasi Kecamatan {nama} terdiri atas Camat, Sekretariat (Subbagian Perencanaan dan "
        "Keuangan serta Subbagian Umum dan Kepegawaian), Seksi Pemerintahan, Seksi Ekonomi dan Pembangunan, "
        "Seksi Kesejahteraan Sosial, Seksi Ketenteraman dan Ketertiban Umum, dan Seksi Pelayanan Umum."
    ),
    "sumber_daya": (
        "Kecamatan {nama} didukung oleh aparatur sipil negara dan tenaga pendukung yang terbagi pada "
        "sekretariat dan seksi, kantor camat beserta ruang pelayanan administrasi terpadu kecamatan (PATEN), "
        "kendaraan dinas operasional, dan perangkat komputer yang terhubung ke jaringan pemerintah kabupaten.\n\n"
        "Keterbatasan jumlah pegawai berlatar belakang teknis perencanaan dan keuangan masih menjadi kendala, "
        "sehingga peningkatan kompetensi aparatur menjadi perhatian selama periode Renstra."
    ),
    "kinerja_pelayanan": (
        "Pada periode sebelumnya, pelayanan administrasi terpadu kecamatan telah berjalan dengan standar "
        "pelayanan yang ditetapkan, dan hasil Survei Kepuasan Masyarakat menunjukkan mutu pelayanan pada "
        "kategori baik. Pembinaan administrasi pemerintahan desa dilakukan secara berkala kepada seluruh desa.\n\n"
        "Capaian tersebut menjadi kondisi awal indikator kinerja Renstra {periode} sebagaimana tercantum pada "
        "BAB VII."
    ),
    "tantangan_peluang": (
        "Tantangan yang dihadapi antara lain tuntutan masyarakat akan pelayanan yang cepat dan pasti, jarak "
        "sebagian desa yang jauh dari pusat kecamatan, serta beragamnya kemampuan aparatur desa dalam "
        "pengelolaan administrasi dan keuangan desa.\n\n"
        "Peluangnya adalah dukungan kebijakan pemerintah kabupaten terhadap pelayanan berbasis elektronik, "
        "makin luasnya jaringan internet di wilayah kecamatan, dan partisipasi masyarakat melalui forum "
        "musyawarah perencanaan pembangunan."
    ),
    "permasalahan": (
        "- Waktu penyelesaian sebagian layanan administrasi belum seluruhnya sesuai standar pelayanan;\n"
        "- Tertib administrasi pemerintahan desa dan ketepatan waktu laporan keuangan desa belum merata;\n"
        "- Penanganan gangguan ketenteraman dan ketertiban umum serta pendataan penyandang masalah "
        "kesejahteraan sosial masih memerlukan koordinasi lintas sektor."
    ),
    "isu_strategis": (
        "1. Peningkatan mutu dan kepastian waktu pelayanan publik di kecamatan;\n"
        "2. Penguatan tata kelola pemerintahan desa yang tertib dan akuntabel;\n"
        "3. Pemeliharaan ketenteraman, ketertiban umum dan perlindungan sosial masyarakat."
    ),
    "penutup": (
        "Renstra Kecamatan {nama} {periode} menjadi pedoman seluruh unsur kecamatan dalam melaksanakan tugas "
        "dan fungsi selama lima tahun. Pelaksanaannya dipantau melalui pengukuran kinerja triwulanan dan "
        "dievaluasi setiap tahun dalam Laporan Kinerja Instansi Pemerintah.\n\n"
        "Apabila terjadi perubahan kebijakan daerah atau hasil evaluasi menunjukkan perlunya penyesuaian, "
        "Renstra ini ditinjau kembali melalui Renstra Perubahan sesuai ketentuan peraturan perundang-undangan."
    ),
}

# Strategi and arah kebijakan of the demo's sasaran, in the fixture's order (fixtures/kinerja/iku.json).
STRATEGI = (
    (
        "Menyederhanakan prosedur dan memastikan waktu penyelesaian layanan administrasi terpadu kecamatan.",
        "Penerapan standar pelayanan dan survei kepuasan masyarakat setiap triwulan; tindak lanjut pengaduan "
        "paling lama tujuh hari kerja.",
    ),
    (
        "Membina aparatur desa secara berkala dalam administrasi pemerintahan, perencanaan dan keuangan desa.",
        "Pendampingan penyusunan RKPDes dan laporan keuangan desa serta evaluasi tertib administrasi desa setiap "
        "semester.",
    ),
    (
        "Memperkuat koordinasi forum koordinasi pimpinan kecamatan dan perangkat desa dalam ketenteraman, "
        "ketertiban dan perlindungan sosial.",
        "Deteksi dini potensi konflik sosial, patroli bersama, dan pemutakhiran data penyandang masalah "
        "kesejahteraan sosial bersama desa.",
    ),
)

# (kode, nama, indikator, index of the sasaran served, [(kode, nama, indikator, pagu 2025 in Rp)]).
PROGRAM = (
    (
        "7.01.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Nilai SAKIP Kecamatan",
        0,
        (
            (
                "7.01.01.2.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                "Jumlah dokumen perencanaan dan laporan kinerja yang tersusun",
                Decimal(85_000_000),
            ),
            (
                "7.01.01.2.02",
                "Administrasi Keuangan Perangkat Daerah",
                "Jumlah bulan pelayanan administrasi keuangan",
                Decimal(1_450_000_000),
            ),
        ),
    ),
    (
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Indeks Kepuasan Masyarakat terhadap pelayanan kecamatan",
        0,
        (
            (
                "7.01.02.2.01",
                "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
                "Jumlah laporan koordinasi penyelenggaraan pemerintahan",
                Decimal(120_000_000),
            ),
            (
                "7.01.02.2.02",
                "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang "
                "Ada di Kecamatan",
                "Jumlah layanan PATEN yang diselesaikan",
                Decimal(95_000_000),
            ),
        ),
    ),
    (
        "7.01.06",
        "Program Pembinaan dan Pengawasan Pemerintahan Desa",
        "Persentase desa tertib administrasi pemerintahan",
        1,
        (
            (
                "7.01.06.2.01",
                "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
                "Jumlah desa yang difasilitasi dan dievaluasi",
                Decimal(185_000_000),
            ),
        ),
    ),
    (
        "7.01.04",
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
        "Persentase konflik sosial yang tertangani",
        2,
        (
            (
                "7.01.04.2.01",
                "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
                "Jumlah rapat dan patroli bersama yang terlaksana",
                Decimal(90_000_000),
            ),
        ),
    ),
)


def _pagu(first: Decimal, k: int) -> Decimal:
    """Year k of the period (0 = the first): five per cent more each year, rounded to Rp 1.000."""
    return (first * (Decimal("1.05") ** k) / 1000).quantize(Decimal(1)) * 1000


def isi_naskah(renstra: Renstra) -> None:
    """Write the demo naskah, strategi and programmes into a draft Renstra (bulk where no lock is asked)."""
    nama = renstra.kecamatan.nama
    periode = f"{renstra.tahun_awal}–{renstra.tahun_akhir}"
    BabRenstra.objects.bulk_create(
        BabRenstra(
            renstra=renstra, kecamatan_id=renstra.kecamatan_id, kunci=k, isi=t.format(nama=nama, periode=periode)
        )
        for k, t in NASKAH.items()
    )
    sasaran_list = list(SasaranRenstra.objects.filter(renstra=renstra).order_by("urutan"))
    for n, sasaran in enumerate(sasaran_list):
        sasaran.strategi, sasaran.arah_kebijakan = STRATEGI[n % len(STRATEGI)]
        sasaran.save(update_fields=["strategi", "arah_kebijakan"])
    pagu = []
    for kode, nama_program, indikator, s_index, kegiatan_list in PROGRAM:
        program = ProgramRenstra.objects.create(
            renstra=renstra,
            sasaran=sasaran_list[min(s_index, len(sasaran_list) - 1)],
            kode=kode,
            nama=nama_program,
            indikator=indikator,
        )
        for k_kode, k_nama, k_indikator, first in kegiatan_list:
            kegiatan = KegiatanRenstra.objects.create(program=program, kode=k_kode, nama=k_nama, indikator=k_indikator)
            pagu += [
                PaguRenstra(kegiatan=kegiatan, kecamatan_id=renstra.kecamatan_id, tahun=y, nilai=_pagu(first, k))
                for k, y in enumerate(renstra.tahun_list)
            ]
    PaguRenstra.objects.bulk_create(pagu)
