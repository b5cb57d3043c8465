"""Public services of a kecamatan and the anonymous SKM answers about them (rules in layanan/ikm.py)."""

import secrets
import zoneinfo

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from layanan.ikm import NILAI_MAKS, NILAI_MIN, UMUR_MAKS, UMUR_MIN, JenisKelamin, Pekerjaan, Pendidikan
from sakip.models import Unit

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
UNSUR_FIELDS = tuple(f"u{i}" for i in range(1, 10))


def kode_survei_baru() -> str:
    """An unguessable token for the public survey link (256 bits)."""
    return secrets.token_urlsafe(32)


class JenisLayanan(models.Model):
    """A service the kecamatan gives (e.g. "Pelayanan KTP"), surveyed through its public link."""

    kecamatan = models.ForeignKey(
        Unit,
        verbose_name="kecamatan",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"jenis": Unit.Kind.KECAMATAN},
    )
    nama = models.CharField("nama layanan", max_length=200)
    aktif = models.BooleanField("aktif", default=True)
    kode_survei = models.CharField("kode survei", max_length=64, unique=True, default=kode_survei_baru, editable=False)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"
        ordering = ["nama", "pk"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "nama"], name="layanan_nama_unik_per_kecamatan")]

    def __str__(self) -> str:
        return self.nama


class ResponSkm(models.Model):
    """One respondent's answers (1..4 per unsur). Anonymous; never changed after it is saved."""

    layanan = models.ForeignKey(JenisLayanan, verbose_name="layanan", on_delete=models.PROTECT, related_name="respons")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    u1 = models.PositiveSmallIntegerField("Persyaratan")
    u2 = models.PositiveSmallIntegerField("Sistem, mekanisme, dan prosedur")
    u3 = models.PositiveSmallIntegerField("Waktu penyelesaian")
    u4 = models.PositiveSmallIntegerField("Biaya/tarif")
    u5 = models.PositiveSmallIntegerField("Produk spesifikasi jenis pelayanan")
    u6 = models.PositiveSmallIntegerField("Kompetensi pelaksana")
    u7 = models.PositiveSmallIntegerField("Perilaku pelaksana")
    u8 = models.PositiveSmallIntegerField("Penanganan pengaduan, saran dan masukan")
    u9 = models.PositiveSmallIntegerField("Sarana dan prasarana")
    # The respondent's profile the questionnaire asks first (layanan.ikm, PermenPAN-RB 14/2017); empty on
    # answers saved before it was asked (the report counts those as "Tidak diisi").
    umur = models.PositiveSmallIntegerField("umur (tahun)", null=True, blank=True)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices, blank=True)
    pendidikan = models.CharField("pendidikan", max_length=10, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField("pekerjaan", max_length=10, choices=Pekerjaan.choices, blank=True)
    saran = models.TextField("saran dan masukan", blank=True, max_length=2000)
    # HMAC of the receipt code (never the code itself); "" when none was given.
    tanda_terima_hash = models.CharField("hash kode tanda terima", max_length=64, blank=True, default="")
    # The code is the receipt of a finished request of this service (layanan.tanda_terima): only such
    # answers count in the IKM, unless the kabupaten counts the "tanpa tanda terima" pool too
    # (Unit.skm_hitung_tanpa_tanda_terima; layanan.selectors.dihitung).
    tanda_terima_sah = models.BooleanField("tanda terima sah", default=False)
    dibuat_pada = models.DateTimeField("dibuat pada")

    class Meta:
        verbose_name = "respons SKM"
        verbose_name_plural = "respons SKM"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["layanan", "tahun", "triwulan"], name="skm_layanan_periode")]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{f}__gte": NILAI_MIN, f"{f}__lte": NILAI_MAKS}), name=f"skm_{f}_1_sampai_4"
                )
                for f in UNSUR_FIELDS
            ),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="skm_triwulan_1_sampai_4"),
            models.CheckConstraint(
                condition=Q(umur__isnull=True) | Q(umur__gte=UMUR_MIN, umur__lte=UMUR_MAKS),
                name="skm_umur_15_sampai_120",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__in": ["", *choices.values]}), name=f"skm_{field}_dikenal"
                )
                for field, choices in (
                    ("jenis_kelamin", JenisKelamin),
                    ("pendidikan", Pendidikan),
                    ("pekerjaan", Pekerjaan),
                )
            ),
            models.UniqueConstraint(
                fields=["layanan", "tanda_terima_hash"],
                condition=~Q(tanda_terima_hash=""),
                name="skm_satu_jawaban_per_tanda_terima",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.layanan} TW {self.triwulan}/{self.tahun}"

    @property
    def jawaban(self) -> tuple[int, ...]:
        return tuple(getattr(self, f) for f in UNSUR_FIELDS)
