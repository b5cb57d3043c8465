"""The shapes of the API's answers (pydantic through django-ninja): what the OpenAPI schema documents.

Numbers that the app keeps as decimals (targets, realisations, capaian, pagu) are given as decimals; a
qualitative indicator's target and realisation are the labels of its scale's levels, so both are strings.
"""

import datetime
from decimal import Decimal

from ninja import Schema


class Galat(Schema):
    detail: str


class GalatIsian(Schema):
    detail: list[dict]


class Kecamatan(Schema):
    id: int
    kode: str
    nama: str


class Tahun(Schema):
    tahun: int


class StatusTriwulan(Schema):
    triwulan: int
    status: str
    status_label: str
    disetujui: bool


class Capaian(Schema):
    """A capaian as kinerja's measurement model gives it: `status` "ok" with `nilai` (percent, two decimals),
    or "belum_diisi" / "tidak_dapat_dihitung" with `alasan`; `predikat` by the kabupaten's bands."""

    status: str
    nilai: Decimal | None
    alasan: str
    predikat: str | None


class Angka(Schema):
    target: str | None
    realisasi: str | None
    capaian: Capaian


class AngkaTriwulan(Schema):
    triwulan: int
    status: str
    status_label: str
    target: str | None
    realisasi: str | None
    capaian: Capaian
    sampai: Angka | None  # s.d. this quarter, when every quarter up to it is approved
    progres: Capaian | None  # realisation s.d. this quarter against the annual target (no predikat)


class IndikatorCapaian(Schema):
    id: int
    nomor: str
    sasaran_id: int
    sasaran: str
    uraian: str
    satuan: str
    kualitatif: bool
    polaritas: str
    agregasi: str
    target_tahunan: str | None
    triwulan: list[AngkaTriwulan]
    tahunan: Angka | None


class Indikator(Schema):
    id: int
    nomor: str
    sasaran_id: int
    sasaran_urutan: int
    sasaran: str
    uraian: str
    satuan: str
    kualitatif: bool
    polaritas: str
    agregasi: str
    iku: bool
    target_tahunan: str | None
    target_triwulan: dict[str, str | None]


class PerjanjianKinerja(Schema):
    id: int
    tahun: int
    revisi: int
    status: str
    status_label: str
    tanggal: datetime.date | None
    pihak_pertama: str | None
    pihak_kedua: str


class RealisasiAnggaran(Schema):
    triwulan: int
    realisasi: Decimal | None


class SubKegiatan(Schema):
    id: int
    program_kode: str
    program: str
    kegiatan_kode: str
    kegiatan: str
    kode: str
    nama: str
    pagu: Decimal
    realisasi_triwulan: list[RealisasiAnggaran]
    indikator_ids: list[int]


class Dokumen(Schema):
    jenis: str
    jenis_label: str
    tahun: int
    periode: int
    kode_verifikasi: str
    sha256: str
    ukuran: int
    ditandatangani_pada: datetime.datetime
    penandatangan: str
    jabatan_penandatangan: str
    sebutan: str
    url: str
    unduh_url: str


class Evaluasi(Schema):
    id: int
    tahun: int
    total: Decimal
    predikat: str
    komponen: dict[str, Decimal]
    ditandatangani_pada: datetime.datetime | None
