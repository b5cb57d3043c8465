"""The structure of the Renstra document of a Perangkat Daerah (here: a kecamatan), one module.

Source: Permendagri 86/2017 (Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah …),
Lampiran, the systematika of the Renstra Perangkat Daerah:

  BAB I    Pendahuluan (1.1 Latar Belakang, 1.2 Landasan Hukum, 1.3 Maksud dan Tujuan,
           1.4 Sistematika Penulisan)
  BAB II   Gambaran Pelayanan Perangkat Daerah (tugas, fungsi dan struktur organisasi; sumber daya;
           kinerja pelayanan; tantangan dan peluang pengembangan pelayanan)
  BAB III  Permasalahan dan Isu-isu Strategis Perangkat Daerah
  BAB IV   Tujuan dan Sasaran
  BAB V    Strategi dan Arah Kebijakan
  BAB VI   Rencana Program dan Kegiatan serta Pendanaan
  BAB VII  Kinerja Penyelenggaraan Bidang Urusan
  BAB VIII Penutup

Transcribed from the regulation's chapter list as issue 24 quotes it; cross-checked with a third-party
generator of Renstra documents that names Permendagri 86/2017 and prints the same eight chapters (BAB IV
tujuan and sasaran, V strategi and arah kebijakan, VI programmes and kegiatan, VII kinerja penyelenggaraan
bidang urusan), not with a stored copy of the Lampiran itself.

What is typed (`BAGIAN`: one `BabRenstra` row per key) and what comes from the Renstra's data:
BAB I–III and VIII are text written in the app; 1.4 Sistematika Penulisan is printed from this list
(`SISTEMATIKA`), so it always names the chapters the document really has; BAB IV and VII are the tujuan,
sasaran and indicators; BAB V is the strategi and arah kebijakan of each sasaran (SasaranRenstra); BAB VI the
Renstra's programmes and kegiatan with their pagu indikatif (ProgramRenstra, KegiatanRenstra, PaguRenstra).
The document is laporan/renstra_doc.py with templates/laporan/dokumen/renstra.html; an empty part blocks
submitting it (renstra.services.bab_belum_diisi, asked by laporan.gates).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bagian:
    """A typed part of the naskah: its key (BabRenstra.kunci), chapter, number and title."""

    kunci: str
    bab: str
    nomor: str
    judul: str
    bantuan: str = ""


@dataclass(frozen=True)
class Bab:
    nomor: str  # Roman numeral
    judul: str
    ringkasan: str  # one line for 1.4 Sistematika Penulisan


BAB = (
    Bab("I", "Pendahuluan", "memuat latar belakang, landasan hukum, maksud dan tujuan serta sistematika penulisan"),
    Bab(
        "II",
        "Gambaran Pelayanan Perangkat Daerah",
        "memuat tugas, fungsi dan struktur organisasi, sumber daya, kinerja pelayanan serta tantangan dan "
        "peluang pengembangan pelayanan",
    ),
    Bab(
        "III",
        "Permasalahan dan Isu-isu Strategis",
        "memuat permasalahan pelayanan berdasarkan tugas dan fungsi serta isu-isu strategis",
    ),
    Bab(
        "IV",
        "Tujuan dan Sasaran",
        "memuat tujuan dan sasaran jangka menengah beserta indikatornya dan sasaran RPJMD yang didukung",
    ),
    Bab("V", "Strategi dan Arah Kebijakan", "memuat strategi dan arah kebijakan untuk mencapai setiap sasaran"),
    Bab(
        "VI",
        "Rencana Program dan Kegiatan serta Pendanaan",
        "memuat program dan kegiatan beserta indikator dan pagu indikatif setiap tahun",
    ),
    Bab(
        "VII",
        "Kinerja Penyelenggaraan Bidang Urusan",
        "memuat indikator kinerja dengan kondisi awal, target setiap tahun dan target akhir periode",
    ),
    Bab("VIII", "Penutup", "memuat kaidah pelaksanaan dan penutup"),
)

BAGIAN = (
    Bagian("latar_belakang", "I", "1.1", "Latar Belakang"),
    Bagian(
        "landasan_hukum",
        "I",
        "1.2",
        "Landasan Hukum",
        'Satu peraturan per baris, diawali "1. " (mis. "1. Undang-Undang Nomor 23 Tahun 2014 tentang …").',
    ),
    Bagian("maksud_tujuan", "I", "1.3", "Maksud dan Tujuan"),
    Bagian("tugas_fungsi", "II", "2.1", "Tugas, Fungsi dan Struktur Organisasi"),
    Bagian("sumber_daya", "II", "2.2", "Sumber Daya"),
    Bagian("kinerja_pelayanan", "II", "2.3", "Kinerja Pelayanan"),
    Bagian("tantangan_peluang", "II", "2.4", "Tantangan dan Peluang Pengembangan Pelayanan"),
    Bagian("permasalahan", "III", "3.1", "Permasalahan Pelayanan berdasarkan Tugas dan Fungsi"),
    Bagian("isu_strategis", "III", "3.2", "Isu-isu Strategis"),
    Bagian("penutup", "VIII", "", "Penutup"),
)

KUNCI = tuple(b.kunci for b in BAGIAN)
JUDUL_BAB = {b.nomor: f"BAB {b.nomor} {b.judul}" for b in BAB}

# 1.4 Sistematika Penulisan, printed from the chapter list.
SISTEMATIKA = tuple(f"BAB {b.nomor} {b.judul}: {b.ringkasan}." for b in BAB)


def bagian_bab(nomor: str) -> tuple[Bagian, ...]:
    return tuple(b for b in BAGIAN if b.bab == nomor)


def label(bagian: Bagian) -> str:
    """How a part is named in a message: "BAB I Pendahuluan — 1.1 Latar Belakang", "BAB VIII Penutup"."""
    head = JUDUL_BAB[bagian.bab]
    if not bagian.nomor:
        return head
    return f"{head} — {bagian.nomor} {bagian.judul}"
