"""The front desk (Loket Pelayanan): one applicant's request = one service run of an effective SOP.

A `Permohonan` holds what the counter records about the applicant — the name, the NIK only masked
(the full number is never stored, so no page can show it), a contact — and the receipt's tracking
code: short, readable aloud (no 0/O, 1/I/L, U), unguessable (10 characters of a 30-letter alphabet,
about 49 bits, behind a per-address rate limit). The code opens the public status page and is the
"kode tanda terima" of the SKM survey of the service the SOP is linked to (`SurveiLayanan`), which
accepts one answer per code (layanan.services.respon_simpan).

Runs, tasks and their timing stay in workflow (`Run.jenis = layanan`, workflow/timing.py).
"""

import secrets

from django.db import models
from simple_history.models import HistoricalRecords

from layanan.models import JenisLayanan
from sakip.models import Pegawai, Unit
from sop.models import Sop
from workflow.models import Run

ALFABET_KODE = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG_KODE = 10


def kode_baru() -> str:
    return "".join(secrets.choice(ALFABET_KODE) for _ in range(PANJANG_KODE))


def normal_kode(teks: str) -> str:
    """A typed code as stored: upper case, spaces and dashes dropped ("7kq4m-9xd2a" -> "7KQ4M9XD2A")."""
    return "".join(ch for ch in (teks or "").upper() if ch.isalnum())[:32]


def cetak_kode(kode: str) -> str:
    """The code as printed: two groups of five ("7KQ4M-9XD2A")."""
    return f"{kode[:5]}-{kode[5:]}" if len(kode) == PANJANG_KODE else kode


def samarkan_nama(nama: str) -> str:
    """An applicant's name as shown on shared screens (inbox rows, Beranda): the first word whole, every other
    word its initial ("Siti Aminah Rahmah" → "Siti A. R."); a single word keeps its first three letters."""
    kata = nama.split()
    if not kata:
        return ""
    if len(kata) == 1:
        return kata[0][:3] + "***" if len(kata[0]) > 3 else kata[0]
    return " ".join([kata[0], *(f"{k[0]}." for k in kata[1:])])


class Permohonan(models.Model):
    run = models.OneToOneField(Run, on_delete=models.PROTECT, related_name="permohonan")
    kecamatan = models.ForeignKey(Unit, verbose_name="kecamatan", on_delete=models.PROTECT, related_name="+")
    kode = models.CharField("kode tanda terima", max_length=PANJANG_KODE, unique=True, default=kode_baru)
    nama_pemohon = models.CharField("nama pemohon", max_length=200)
    # Only the masked form ("6308********0003"): the full NIK is never stored.
    nik_tersamar = models.CharField("NIK (tersamar)", max_length=16, blank=True)
    kontak = models.CharField("kontak (telepon/email)", max_length=100, blank=True)
    # The SKM service the receipt's survey link points to (None: the SOP is linked to no survey).
    layanan = models.ForeignKey(
        JenisLayanan, verbose_name="layanan SKM", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_oleh = models.ForeignKey(Pegawai, verbose_name="dicatat oleh", on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField("diterima pada")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "permohonan layanan"
        verbose_name_plural = "permohonan layanan"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["kecamatan", "dibuat_pada"], name="permohonan_kecamatan_waktu")]

    def __str__(self) -> str:
        return f"{self.kode_cetak} {self.nama_pemohon}"

    @property
    def kode_cetak(self) -> str:
        return cetak_kode(self.kode)

    @property
    def pemohon_samar(self) -> str:
        return samarkan_nama(self.nama_pemohon)


class SurveiLayanan(models.Model):
    """Which SKM service (layanan.JenisLayanan) the applicants of a service SOP are asked about."""

    sop = models.OneToOneField(Sop, on_delete=models.CASCADE, related_name="survei_loket")
    layanan = models.ForeignKey(JenisLayanan, verbose_name="layanan SKM", on_delete=models.CASCADE, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "survei layanan loket"
        verbose_name_plural = "survei layanan loket"

    def __str__(self) -> str:
        return f"{self.sop} → {self.layanan}"

    @property
    def kecamatan_id(self):
        return self.sop.kecamatan_id
