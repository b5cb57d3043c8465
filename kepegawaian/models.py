"""Staff from the kabupaten's SIMPEG/SIASN export: the column mapping kept per kabupaten, each import (the
upload as received, the preview shown, who applied it and when), and what the export says about a person
beyond the account (titles, eselon, atasan, TMT)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sakip.models import Unit


class PemetaanKolom(models.Model):
    """Which column of the kabupaten's export holds which field (header text as printed), mapped once."""

    kabupaten = models.OneToOneField(Unit, verbose_name="kabupaten", on_delete=models.PROTECT, related_name="+")
    kolom = models.JSONField("kolom", default=dict)  # field key (kepegawaian.berkas.KOLOM) -> header text
    # The sheet last chosen in a workbook of several: read again without asking while the export still has it.
    lembar = models.CharField("lembar", max_length=100, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diubah oleh", null=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pemetaan kolom SIMPEG"
        verbose_name_plural = "pemetaan kolom SIMPEG"

    def __str__(self):
        return f"Pemetaan kolom {self.kabupaten}"


class ImporPegawai(models.Model):
    """One upload of the staff export: its preview, then applied (or discarded). Every row stays."""

    class Status(models.TextChoices):
        PEMETAAN = "pemetaan", "Menunggu pemetaan kolom"
        PRATINJAU = "pratinjau", "Pratinjau, belum diterapkan"
        DITERAPKAN = "diterapkan", "Diterapkan"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    kabupaten = models.ForeignKey(Unit, verbose_name="kabupaten", on_delete=models.PROTECT, related_name="+")
    sumber = models.CharField("sumber", max_length=20, default="berkas")  # "berkas" or "siasn"
    nama_berkas = models.CharField("nama berkas", max_length=255)
    # The upload as received (checked by sakip/uploads.py): the preview is re-read from it, never re-uploaded.
    isi = models.BinaryField("isi berkas")
    sha256 = models.CharField("SHA-256", max_length=64)
    kolom = models.JSONField("pemetaan kolom yang dipakai", default=dict)
    # The sheet read ("" = the first, or a CSV); a workbook of several sheets waits for the administrator's choice.
    lembar = models.CharField("lembar", max_length=100, blank=True)
    # What the administrator saw (kepegawaian.pratinjau.susun), and the fingerprint of the kabupaten's people,
    # positions and Plt./Plh. at that moment: applying is refused once they changed.
    pratinjau = models.JSONField("pratinjau", default=dict)
    sidik_data = models.CharField("sidik data saat pratinjau", max_length=64, blank=True)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PEMETAAN)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="diunggah oleh", on_delete=models.PROTECT, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diterapkan/dibatalkan oleh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diputus_pada = models.DateTimeField("diterapkan/dibatalkan pada", null=True, blank=True)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True)

    history = HistoricalRecords(excluded_fields=["isi"])

    class Meta:
        verbose_name = "impor pegawai"
        verbose_name_plural = "impor pegawai"
        ordering = ["-diunggah_pada", "-pk"]
        indexes = [models.Index(fields=["kabupaten", "status"])]

    def __str__(self):
        return f"{self.nama_berkas} ({self.get_status_display()})"


class DataSimpeg(models.Model):
    """What the export says about a person beyond the account: titles, eselon, atasan, TMT of the position."""

    pegawai = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="pegawai", on_delete=models.PROTECT, related_name="data_simpeg"
    )
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=100, blank=True)
    eselon = models.CharField("eselon", max_length=20, blank=True)
    nip_atasan = models.CharField("NIP atasan", max_length=18, blank=True)
    tmt_jabatan = models.DateField("TMT jabatan", null=True, blank=True)
    impor = models.ForeignKey(
        ImporPegawai, verbose_name="impor terakhir", null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "data SIMPEG pegawai"
        verbose_name_plural = "data SIMPEG pegawai"

    def __str__(self):
        return str(self.pegawai)
