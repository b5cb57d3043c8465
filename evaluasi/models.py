"""The yearly AKIP evaluation of a kecamatan by the kabupaten's Inspektorat (PermenPAN-RB 88/2021).

KriteriaSet (kabupaten, tahun: the LKE as data, loaded from fixtures/evaluasi/*.json, versioned per year)
> Komponen (weight) > SubKomponen (keberadaan/kualitas/pemanfaatan, share) > Kriteria (text, answer kind
Y/T or A–E, optional automatic-evidence rule of evaluasi/bukti.py).

Evaluasi (kecamatan, tahun evaluated, its criteria set): penilaian mandiri (the kecamatan answers) →
dinilai evaluator (the evaluator answers, may return single answers) → LHE ditandatangani (the signed
Laporan Hasil Evaluasi is a laporan.Report of kind LHE with its SignedDocument). Jawaban keeps both
versions per criterion; BuktiJawaban holds uploaded evidence. TindakLanjut: a recommendation of the LHE,
tracked to completion by an owner position of the kecamatan; next year's evaluation reads it.
Scoring: evaluasi/nilai.py. State changes: evaluasi/services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from evaluasi import nilai
from sakip.models import Position, Unit

JENIS_JAWABAN = [(nilai.YA_TIDAK, "Ya/Tidak"), (nilai.SKALA_AE, "A–E")]
JAWABAN_CHOICES = [(code, label) for code, label in nilai.LABEL_JAWABAN.items()]


class KriteriaSet(models.Model):
    kabupaten = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveIntegerField("tahun")
    nama = models.CharField("nama", max_length=200)
    sumber = models.TextField("sumber")
    catatan_sumber = models.TextField("catatan sumber", blank=True)
    dimuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dimuat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "set kriteria LKE"
        verbose_name_plural = "set kriteria LKE"
        ordering = ["kabupaten_id", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["kabupaten", "tahun"], name="kriteria_set_year_unique")]

    def __str__(self):
        return f"{self.nama} {self.tahun}"


class Komponen(models.Model):
    kriteria_set = models.ForeignKey(KriteriaSet, on_delete=models.CASCADE, related_name="komponen")
    kode = models.CharField("kode", max_length=10)
    nama = models.CharField("komponen", max_length=200)
    bobot = models.DecimalField("bobot", max_digits=6, decimal_places=2)
    urutan = models.PositiveSmallIntegerField("urutan")

    class Meta:
        verbose_name = "komponen LKE"
        verbose_name_plural = "komponen LKE"
        ordering = ["kriteria_set_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kriteria_set", "kode"], name="komponen_kode_unique"),
            models.CheckConstraint(condition=Q(bobot__gt=0) & Q(bobot__lte=100), name="komponen_bobot_range"),
        ]

    def __str__(self):
        return f"{self.kode}. {self.nama}"


class SubKomponen(models.Model):
    class Jenis(models.TextChoices):
        KEBERADAAN = "keberadaan", "Keberadaan"
        KUALITAS = "kualitas", "Kualitas"
        PEMANFAATAN = "pemanfaatan", "Pemanfaatan"

    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="sub")
    kode = models.CharField("kode", max_length=10)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    nama = models.TextField("subkomponen")
    porsi = models.DecimalField("porsi (%)", max_digits=5, decimal_places=2)
    urutan = models.PositiveSmallIntegerField("urutan")

    class Meta:
        verbose_name = "subkomponen LKE"
        verbose_name_plural = "subkomponen LKE"
        ordering = ["komponen_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="subkomponen_kode_unique"),
            models.CheckConstraint(condition=Q(porsi__gt=0) & Q(porsi__lte=100), name="subkomponen_porsi_range"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Kriteria(models.Model):
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="kriteria")
    nomor = models.PositiveSmallIntegerField("nomor")
    teks = models.TextField("kriteria")
    jenis_jawaban = models.CharField("jenis jawaban", max_length=2, choices=JENIS_JAWABAN)
    # The rule of evaluasi/bukti.py that proposes an answer from the app's own records ("" = none).
    bukti_otomatis = models.CharField("bukti otomatis", max_length=40, blank=True)

    class Meta:
        verbose_name = "kriteria LKE"
        verbose_name_plural = "kriteria LKE"
        ordering = ["sub_id", "nomor"]
        constraints = [models.UniqueConstraint(fields=["sub", "nomor"], name="kriteria_nomor_unique")]

    def __str__(self):
        return self.teks


class Evaluasi(models.Model):
    class Status(models.TextChoices):
        MANDIRI = "mandiri", "Penilaian mandiri"
        DINILAI = "dinilai", "Dinilai evaluator"
        DITANDATANGANI = "ditandatangani", "LHE ditandatangani"

    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evaluasi_akip")
    tahun = models.PositiveIntegerField("tahun yang dievaluasi")
    kriteria_set = models.ForeignKey(KriteriaSet, on_delete=models.PROTECT, related_name="evaluasi")
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.MANDIRI)
    dibuka_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuka_pada = models.DateTimeField(auto_now_add=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    temuan = models.TextField("temuan (catatan hasil evaluasi)", blank=True)
    # The LHE is a letter of the Inspektorat (evaluasi/lhe.py): what the evaluator types before rendering it.
    surat_nomor = models.CharField("nomor surat", max_length=100, blank=True)
    surat_sifat = models.CharField("sifat", max_length=50, blank=True, default="Biasa")
    surat_lampiran = models.CharField("lampiran", max_length=100, blank=True, default="—")
    surat_tembusan = models.TextField("tembusan (satu per baris)", blank=True)
    # Figures kept at signing (nilai.Hasil.ringkas): the kabupaten view reads them without re-scoring.
    hasil = models.JSONField("hasil saat ditandatangani", default=dict, blank=True)
    ditandatangani_pada = models.DateTimeField(null=True, blank=True)
    # The signed LHE: a laporan.Report of kind LHE (its SignedDocument holds the PDF and the verification code).
    laporan = models.OneToOneField(
        "laporan.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="evaluasi_akip"
    )
    versi = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluasi AKIP"
        verbose_name_plural = "evaluasi AKIP"
        ordering = ["-tahun", "kecamatan__nama"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "tahun"], name="evaluasi_one_per_year")]

    def __str__(self):
        return f"Evaluasi AKIP {self.tahun} — {self.kecamatan}"

    @property
    def judul(self) -> str:
        return f"Evaluasi AKIP Tahun {self.tahun}"

    @property
    def badge(self) -> str:
        """The status colour shared by every list (grey draft, blue submitted, green signed)."""
        return {"mandiri": "draft", "dinilai": "diajukan"}.get(self.status, "ditandatangani")


class Jawaban(models.Model):
    """One criterion of one evaluation: the kecamatan's self-assessment and the evaluator's answer, both kept."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(Kriteria, on_delete=models.PROTECT, related_name="+")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    mandiri = models.CharField("jawaban mandiri", max_length=1, choices=JAWABAN_CHOICES, blank=True)
    mandiri_catatan = models.TextField("catatan mandiri", blank=True)
    mandiri_tautan = models.URLField("tautan bukti", max_length=500, blank=True)
    mandiri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mandiri_pada = models.DateTimeField(null=True, blank=True)
    evaluator = models.CharField("jawaban evaluator", max_length=1, choices=JAWABAN_CHOICES, blank=True)
    evaluator_catatan = models.TextField("catatan evaluator", blank=True)
    evaluator_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evaluator_pada = models.DateTimeField(null=True, blank=True)
    # Returned by the evaluator to the kecamatan with a reason; cleared when the kecamatan answers again.
    dikembalikan = models.BooleanField("dikembalikan", default=False)
    alasan_kembali = models.TextField("alasan dikembalikan", blank=True)
    dikembalikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dikembalikan_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = ["evaluasi_id", "kriteria_id"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_one_per_kriteria")]

    def __str__(self):
        return f"{self.evaluasi} — {self.kriteria_id}"

    @property
    def diubah_setelah_dinilai(self) -> bool:
        """The kecamatan changed its answer after the evaluator scored it: the score waits to be given again."""
        return bool(
            self.evaluator and self.mandiri_pada and self.evaluator_pada and self.mandiri_pada > self.evaluator_pada
        )

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.evaluasi.kecamatan_id
        super().save(*args, **kwargs)


def bukti_upload_to(instance, filename):
    return f"evaluasi/{instance.kecamatan_id}/{instance.jawaban.evaluasi_id}/{filename}"


class BuktiJawaban(models.Model):
    jawaban = models.ForeignKey(Jawaban, on_delete=models.CASCADE, related_name="bukti")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    berkas = models.FileField("berkas", upload_to=bukti_upload_to, max_length=300)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis_isi = models.CharField("jenis isi (hasil pemeriksaan)", max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField(max_length=64)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti jawaban LKE"
        verbose_name_plural = "bukti jawaban LKE"
        ordering = ["diunggah_pada", "pk"]

    def __str__(self):
        return self.nama_asli

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.jawaban.kecamatan_id
        super().save(*args, **kwargs)


def tindak_lanjut_upload_to(instance, filename):
    return f"evaluasi/{instance.kecamatan_id}/tindak-lanjut/{instance.pk or 'baru'}/{filename}"


class TindakLanjut(models.Model):
    """A recommendation of the LHE; once the LHE is signed, a tracked follow-up of the kecamatan."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf (LHE belum ditandatangani)"
        TERBUKA = "terbuka", "Belum selesai"
        SELESAI = "selesai", "Selesai"

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    urutan = models.PositiveSmallIntegerField("urutan")
    komponen = models.ForeignKey(Komponen, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rekomendasi = models.TextField("rekomendasi")
    pemilik = models.ForeignKey(Position, verbose_name="penanggung jawab", on_delete=models.PROTECT, related_name="+")
    batas_waktu = models.DateField("batas waktu")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAF)
    catatan = models.TextField("catatan tindak lanjut", blank=True)
    berkas = models.FileField("bukti tindak lanjut", upload_to=tindak_lanjut_upload_to, max_length=300, blank=True)
    nama_berkas = models.CharField("nama berkas", max_length=255, blank=True)
    diselesaikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diselesaikan_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tindak lanjut rekomendasi"
        verbose_name_plural = "tindak lanjut rekomendasi"
        ordering = ["evaluasi_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "urutan"], name="tindak_lanjut_order_unique"),
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(diselesaikan_pada__isnull=False), name="tindak_lanjut_selesai_kapan"
            ),
        ]
        indexes = [models.Index(fields=["kecamatan", "status"])]

    def __str__(self):
        return self.rekomendasi[:80]

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.evaluasi.kecamatan_id
        super().save(*args, **kwargs)


class NaskahLHE(models.Model):
    """The LHE PDF rendered once when the evaluator finishes (the file the Inspektur reads and, at signing, the
    bytes the signature is applied to, the date stamped into the reserved boxes). Removed whenever anything it
    prints changes (an answer, the findings, a recommendation); never changed."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.CASCADE, related_name="naskah")
    pdf = models.BinaryField("PDF naskah LHE")
    sha256 = models.CharField("SHA-256", max_length=64)
    html_sha256 = models.CharField(max_length=64)
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The evaluator who composed it (lhe_susun): never the one who signs it (separation of duties).
    disusun_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ttd = models.JSONField(default=dict)
    kotak_tanggal = models.JSONField(default=list)
    kode_verifikasi = models.CharField(max_length=40, unique=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = "naskah LHE"
        verbose_name_plural = "naskah LHE"

    def __str__(self):
        return f"Naskah LHE — {self.evaluasi}"
