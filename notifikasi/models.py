"""In-app notifications and each person's choice of email."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sakip.models import Unit


class Notifikasi(models.Model):
    """One message to one person about an event of one kecamatan; unread while `dibaca_pada` is empty."""

    class Jenis(models.TextChoices):
        TRIWULAN_DIAJUKAN = "triwulan_diajukan", "Triwulan diajukan"
        TRIWULAN_DIKEMBALIKAN = "triwulan_dikembalikan", "Triwulan dikembalikan"
        TRIWULAN_DIVERIFIKASI = "triwulan_diverifikasi", "Triwulan diverifikasi"
        TRIWULAN_DISETUJUI = "triwulan_disetujui", "Triwulan disetujui"
        TRIWULAN_DIBUKA_KEMBALI = "triwulan_dibuka_kembali", "Triwulan dibuka kembali"
        LAPORAN_DIAJUKAN = "laporan_diajukan", "Laporan diajukan"
        LAPORAN_DIKEMBALIKAN = "laporan_dikembalikan", "Laporan dikembalikan"
        LAPORAN_DITANDATANGANI = "laporan_ditandatangani", "Laporan ditandatangani"
        TUGAS_DITUGASKAN = "tugas_ditugaskan", "Tugas SOP"
        TUGAS_TERLAMBAT = "tugas_terlambat", "Tugas SOP terlambat"
        KUASA_DIMINTA = "kuasa_diminta", "Pemberian kuasa menunggu persetujuan"
        KUASA_DIPUTUS = "kuasa_diputus", "Pemberian kuasa diputus"
        LAPORAN_SUSUN = "laporan_susun", "Susun laporan"
        NASKAH_SIAP = "naskah_siap", "Naskah laporan siap"
        NASKAH_GAGAL = "naskah_gagal", "Naskah laporan gagal disusun"
        EVALUASI_DIBUKA = "evaluasi_dibuka", "Evaluasi AKIP dibuka"
        EVALUASI_DIAJUKAN = "evaluasi_diajukan", "Penilaian mandiri diajukan"
        JAWABAN_DIKEMBALIKAN = "jawaban_dikembalikan", "Jawaban LKE dikembalikan"
        JAWABAN_DIJAWAB = "jawaban_dijawab", "Jawaban LKE dijawab kembali"
        LHE_DITANDATANGANI = "lhe_ditandatangani", "LHE ditandatangani"
        PK_PERUBAHAN = "pk_perubahan", "PK Perubahan menunggu penetapan"
        REVIU_DIMINTA = "reviu_diminta", "LKIP menunggu reviu Inspektorat"
        REVIU_SELESAI = "reviu_selesai", "Reviu LKIP selesai"

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="penerima", on_delete=models.CASCADE, related_name="notifikasi"
    )
    kecamatan = models.ForeignKey(Unit, verbose_name="kecamatan", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField("jenis", max_length=30, choices=Jenis.choices)
    judul = models.CharField("judul", max_length=300)
    isi = models.TextField("isi", blank=True)
    tautan = models.CharField("tautan", max_length=500, blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    # The work it announced was done (by its receiver or anyone else): it no longer counts as new
    # (notifikasi.services.selesaikan, called by the receivers when the thing moves on).
    selesai_pada = models.DateTimeField("pekerjaan selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_penerima_dibaca")]

    def __str__(self):
        return f"{self.judul} → {self.penerima}"


class PreferensiNotifikasi(models.Model):
    """A person's choice: email on or off. No row means the default, on (reading never writes one)."""

    pegawai = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="pegawai", on_delete=models.CASCADE, related_name="preferensi_notifikasi"
    )
    email = models.BooleanField("kirim juga lewat email", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "preferensi notifikasi"
        verbose_name_plural = "preferensi notifikasi"

    def __str__(self):
        return f"{self.pegawai}: email {'aktif' if self.email else 'nonaktif'}"
