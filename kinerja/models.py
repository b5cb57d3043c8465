"""Performance data of a kecamatan and year.

PerjanjianKinerja > Sasaran > Indikator; RencanaAksi (quarterly targets);
Program > Kegiatan > SubKegiatan with budget per quarter; Realisasi per
indicator per quarter with evidence; Triwulan = the status of a quarter of a
kecamatan (draft > diajukan > diverifikasi > disetujui = locked).

Rules (capaian, predikat, aggregation, number parsing) are not here: see
kinerja/capaian.py and kinerja/angka.py. State changes: kinerja/services/.
Tenant rows carry `kecamatan` (denormalised where nested) so that scoping is
one indexed filter through sakip.permissions.scope().
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.models import Pegawai, Position, Unit

TRIWULAN_CHOICES = [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]
NUMBER = {"max_digits": 20, "decimal_places": 4}
MONEY = {"max_digits": 18, "decimal_places": 2}


class Skala(models.Model):
    """An ordered scale of qualitative levels (e.g. opini BPK: TMP < TW < WDP < WTP), per kabupaten."""

    kabupaten = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama skala", max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala kualitatif"
        verbose_name_plural = "skala kualitatif"
        constraints = [models.UniqueConstraint(fields=["kabupaten", "nama"], name="skala_unique_name")]

    def __str__(self):
        return self.nama


class SkalaLevel(models.Model):
    skala = models.ForeignKey(Skala, on_delete=models.CASCADE, related_name="levels")
    urutan = models.PositiveIntegerField("urutan (naik = lebih baik)")
    label = models.CharField("label", max_length=60)
    skor = models.DecimalField("skor", **NUMBER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["skala_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "urutan"], name="skala_level_order_unique"),
            models.UniqueConstraint(fields=["skala", "label"], name="skala_level_label_unique"),
        ]

    def __str__(self):
        return self.label


class KriteriaPredikat(models.Model):
    """One predikat band of a kabupaten: a capaian reaching `batas_bawah` (and no higher band) gets `predikat`.

    A kabupaten without rows uses the Permendagri 86/2017 defaults (kinerja.capaian.DEFAULT_BANDS).
    The lowest band should start at 0 or below; a value under every band gets no predikat.
    """

    kabupaten = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    batas_bawah = models.DecimalField("capaian paling rendah (%)", max_digits=7, decimal_places=2)
    predikat = models.CharField("predikat", max_length=60)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kriteria predikat"
        verbose_name_plural = "kriteria predikat"
        ordering = ["kabupaten_id", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["kabupaten", "batas_bawah"], name="kriteria_predikat_batas_unique"),
            models.UniqueConstraint(fields=["kabupaten", "predikat"], name="kriteria_predikat_label_unique"),
        ]

    def __str__(self):
        return f"≥ {self.batas_bawah}: {self.predikat}"


class PerjanjianKinerjaQuerySet(models.QuerySet):
    def milik_camat(self):
        """The kecamatan's own PK (the Camat's), never a cascading one: what reports, the LKIP, the quarter
        gates, the rekap, the dashboard and the pohon read as "the PK of the kecamatan-year"."""
        return self.filter(jabatan__isnull=True)


class PerjanjianKinerja(models.Model):
    """The PK of a kecamatan for a year. A "PK Perubahan" is a new revision; the earlier one is kept.

    `jabatan` empty: the kecamatan's PK, the Camat's (pihak kedua the Bupati). Set: a cascading PK (PK
    berjenjang, kinerja/berjenjang.py) of that position — Sekretaris, a Kasubbag, a Kasi or Kabid — whose
    indicators each support an indicator of the Camat's PK of the year (`Indikator.mendukung`).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DITANDATANGANI = "ditandatangani", "Ditandatangani"
        DIGANTIKAN = "digantikan", "Digantikan (ada PK Perubahan)"

    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    tahun = models.PositiveIntegerField("tahun")
    revisi = models.PositiveIntegerField("revisi (0 = PK awal)", default=0)
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.DRAFT)
    pihak_pertama = models.ForeignKey(
        Pegawai, verbose_name="pihak pertama", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "Plh. CAMAT AWAYAN" when an acting official signs; blank for the Camat.
    pihak_pertama_sebutan = models.CharField("sebutan pihak pertama", max_length=200, blank=True)
    pihak_kedua_nama = models.CharField("nama pihak kedua", max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=200, default="BUPATI BALANGAN")
    tanggal = models.DateField("tanggal", null=True, blank=True)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    jabatan = models.ForeignKey(
        Position,
        verbose_name="jabatan (PK berjenjang)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="perjanjian_kinerja",
    )

    objects = PerjanjianKinerjaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["kecamatan_id", "-tahun", "-revisi"]
        constraints = [
            # The Camat's PK: one per revision, one current per year.
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "revisi"], condition=Q(jabatan__isnull=True), name="pk_revision_unique"
            ),
            models.UniqueConstraint(
                fields=["kecamatan", "tahun"],
                condition=~Q(status="digantikan") & Q(jabatan__isnull=True),
                name="pk_one_current_per_year",
            ),
            # A cascading PK: the same per position.
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "jabatan", "revisi"],
                condition=Q(jabatan__isnull=False),
                name="pk_jabatan_revision_unique",
            ),
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "jabatan"],
                condition=~Q(status="digantikan") & Q(jabatan__isnull=False),
                name="pk_jabatan_one_current_per_year",
            ),
        ]

    def __str__(self):
        label = "Perjanjian Kinerja" if self.revisi == 0 else f"PK Perubahan {self.revisi}"
        if self.jabatan_id:
            return f"{label} {self.tahun} — {self.jabatan}"
        return f"{label} {self.tahun} — {self.kecamatan}"

    @property
    def berjenjang(self) -> bool:
        return self.jabatan_id is not None


class Sasaran(models.Model):
    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="sasaran")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("sasaran strategis")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["perjanjian_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["perjanjian", "urutan"], name="sasaran_order_unique")]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.perjanjian.kecamatan_id
        super().save(*args, **kwargs)


class IndikatorQuerySet(models.QuerySet):
    def milik_camat(self):
        """Indicators of the kecamatan's own PK (the Camat's), never of a cascading PK."""
        return self.filter(pk_jabatan__isnull=True)


class Indikator(models.Model):
    class Polaritas(models.TextChoices):
        POSITIF = "positif", "Positif (makin tinggi makin baik)"
        NEGATIF = "negatif", "Negatif (makin rendah makin baik)"

    class RumusNegatif(models.TextChoices):
        # PermenPAN-RB 8/2021 and most LKjIP: (2T - R) / T x 100, floored at 0.
        SELISIH = "selisih", "(2 × target − realisasi) / target × 100"
        RASIO_TERBALIK = "rasio", "target / realisasi × 100"

    class Agregasi(models.TextChoices):
        KUMULATIF = "kumulatif", "Kumulatif (jumlah triwulan)"
        NILAI_AKHIR = "akhir", "Nilai akhir (triwulan terakhir)"
        RATA_RATA = "rata", "Rata-rata triwulan yang dilaporkan"

    class HitungPendukung(models.TextChoices):
        # How a Camat's indicator takes its quarterly realisation from its supporting indicators
        # (kinerja/berjenjang.py); blank: entered on its own.
        DIISI = "", "Diisi sendiri (tidak dihitung dari indikator pendukung)"
        JUMLAH = "jumlah", "Jumlah indikator pendukung"
        RATA_RATA = "rata", "Rata-rata indikator pendukung"
        TERAKHIR = "terakhir", "Nilai indikator pendukung terakhir"

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indikator")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveIntegerField(editable=False)
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("indikator kinerja")
    satuan = models.CharField("satuan", max_length=60)
    target_tahunan = models.DecimalField("target tahunan", null=True, blank=True, **NUMBER)
    skala = models.ForeignKey(Skala, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_level = models.ForeignKey(
        SkalaLevel,
        verbose_name="target tahunan (kualitatif)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    polaritas = models.CharField("polaritas", max_length=8, choices=Polaritas.choices, default=Polaritas.POSITIF)
    rumus_negatif = models.CharField(
        "rumus capaian (indikator negatif)", max_length=8, choices=RumusNegatif.choices, default=RumusNegatif.SELISIH
    )
    agregasi = models.CharField(
        "agregasi triwulan", max_length=10, choices=Agregasi.choices, default=Agregasi.KUMULATIF
    )
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.ForeignKey(
        Position,
        verbose_name="penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indikator",
    )
    iku = models.BooleanField("indikator kinerja utama (IKU)", default=True)
    # LKIP comparisons (PermenPAN-RB 53/2014, BAB III): the Renstra's end target (until the planning
    # chain holds the Renstra itself) and a national or provincial standard with its source.
    target_renstra = models.DecimalField("target akhir Renstra", null=True, blank=True, **NUMBER)
    standar_nasional = models.DecimalField("standar nasional/provinsi", null=True, blank=True, **NUMBER)
    sumber_standar = models.CharField("sumber standar", max_length=300, blank=True)
    # The Renstra indicator this PK indicator carries out (issue 14: a PK pre-filled from the established
    # Renstra keeps the link). While linked, `target_renstra` is the linked indicator's end target (set by
    # kinerja.services.perencanaan, never typed), and an annual target that differs from the Renstra's
    # target for the year needs `alasan_beda_renstra`, printed in the PK document.
    indikator_renstra = models.ForeignKey(
        "renstra.IndikatorRenstra",
        verbose_name="indikator Renstra",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indikator_pk",
    )
    alasan_beda_renstra = models.TextField("alasan target berbeda dari target Renstra", blank=True)
    # Recorded reason when the quarterly targets do not add up to the annual target.
    alasan_target_triwulan = models.TextField("alasan target triwulan tidak sesuai target tahunan", blank=True)
    # PK berjenjang (kinerja/berjenjang.py): the position whose cascading PK holds this indicator (denormalised
    # from the PK, null on the Camat's PK); on a cascading PK, the Camat's indicator of the same year it
    # supports; on the Camat's PK, whether its realisation is computed from its supporting indicators.
    pk_jabatan = models.ForeignKey(
        Position, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    mendukung = models.ForeignKey(
        "self",
        verbose_name="mendukung indikator PK Camat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pendukung",
    )
    hitung_dari_pendukung = models.CharField(
        "realisasi dari indikator pendukung",
        max_length=10,
        choices=HitungPendukung.choices,
        default=HitungPendukung.DIISI,
        blank=True,
    )

    objects = IndikatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["sasaran_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "urutan"], name="indikator_order_unique")]
        indexes = [models.Index(fields=["kecamatan", "tahun"]), models.Index(fields=["penanggung_jawab"])]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.sasaran.kecamatan_id
        self.tahun = self.sasaran.perjanjian.tahun
        self.pk_jabatan_id = self.sasaran.perjanjian.jabatan_id
        super().save(*args, **kwargs)

    @property
    def dihitung_dari_pendukung(self) -> bool:
        return bool(self.hitung_dari_pendukung)

    @property
    def kualitatif(self) -> bool:
        return self.skala_id is not None


class RencanaAksi(models.Model):
    """Quarterly target and planned actions of an indicator."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="rencana_aksi")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS)
    target = models.DecimalField("target triwulan", null=True, blank=True, **NUMBER)
    target_level = models.ForeignKey(SkalaLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rencana_kegiatan = models.TextField("rencana aksi", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["indikator_id", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="rencana_aksi_unique")]

    def __str__(self):
        return f"Rencana aksi TW {self.triwulan} — {self.indikator}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.indikator.kecamatan_id
        super().save(*args, **kwargs)


class Program(models.Model):
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveIntegerField("tahun")
    kode = models.CharField("kode", max_length=40)
    nama = models.CharField("program", max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kecamatan_id", "tahun", "kode"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "tahun", "kode"], name="program_code_unique")]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kode = models.CharField("kode", max_length=40)
    nama = models.CharField("kegiatan", max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["program_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_code_unique")]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.program.kecamatan_id
        super().save(*args, **kwargs)


class SubKegiatan(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kode = models.CharField("kode", max_length=40)
    nama = models.CharField("sub kegiatan", max_length=300)
    pagu = models.DecimalField("pagu (Rp)", **MONEY)
    indikator = models.ManyToManyField(
        Indikator, blank=True, related_name="sub_kegiatan", verbose_name="indikator yang didukung"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["kegiatan_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["kegiatan", "kode"], name="sub_kegiatan_code_unique")]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.kegiatan.kecamatan_id
        super().save(*args, **kwargs)


class AnggaranTriwulan(models.Model):
    """Planned (rencana) and realised budget of a sub-activity in one quarter."""

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="anggaran")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS)
    rencana = models.DecimalField("rencana (Rp)", null=True, blank=True, **MONEY)
    realisasi = models.DecimalField("realisasi (Rp)", null=True, blank=True, **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sub_kegiatan_id", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["sub_kegiatan", "triwulan"], name="anggaran_triwulan_unique")]

    def __str__(self):
        return f"Anggaran TW {self.triwulan} — {self.sub_kegiatan}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.sub_kegiatan.kecamatan_id
        super().save(*args, **kwargs)


class Triwulan(models.Model):
    """The status of one quarter of a kecamatan: draft > diajukan > diverifikasi > disetujui (locked)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"
        DISETUJUI = "disetujui", "Disetujui (terkunci)"

    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="triwulan")
    tahun = models.PositiveIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Fill-in window; entries after `batas_akhir` are accepted but flagged late.
    batas_mulai = models.DateField("pengisian dibuka")
    batas_akhir = models.DateField("batas pengisian")
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("status diubah pada", null=True, blank=True)
    # Who submitted the quarter now under review (kept while diajukan/diverifikasi, cleared on a return):
    # the separation of duties reads it (sakip.permissions.alasan_pemisahan_tugas).
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "triwulan"
        verbose_name_plural = "triwulan"
        ordering = ["kecamatan_id", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "tahun", "triwulan"], name="triwulan_unique"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="triwulan_1_to_4"),
        ]

    def __str__(self):
        return f"{self.get_triwulan_display()} {self.tahun} — {self.kecamatan}"

    @property
    def terkunci(self) -> bool:
        return self.status == self.Status.DISETUJUI


class TriwulanRiwayat(models.Model):
    """One transition of a quarter's status, with its reason: the history users read."""

    triwulan_ref = models.ForeignKey(Triwulan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(max_length=12, choices=Triwulan.Status.choices)
    ke = models.CharField(max_length=12, choices=Triwulan.Status.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sebutan = models.CharField("bertindak sebagai", max_length=200, blank=True)
    pada = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(blank=True)

    class Meta:
        ordering = ["pada", "pk"]

    def __str__(self):
        return f"{self.get_dari_display()} → {self.get_ke_display()}"


class Realisasi(models.Model):
    """The realised value of an indicator in one quarter. Blank `nilai` is "belum diisi"; 0 is a value."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveIntegerField(editable=False)
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS)
    nilai = models.DecimalField("realisasi", null=True, blank=True, **NUMBER)
    nilai_level = models.ForeignKey(SkalaLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    catatan = models.TextField("catatan", blank=True)
    hambatan = models.TextField("hambatan", blank=True)
    upaya = models.TextField("upaya / tindak lanjut", blank=True)
    # Declared "no activity this quarter" (with its reason) instead of a value: the quarter may be submitted,
    # the capaian stays "belum diisi" (kinerja.pengukuran).
    tidak_ada_kegiatan = models.BooleanField("tidak ada kegiatan", default=False)
    alasan_tidak_ada_kegiatan = models.TextField("alasan tidak ada kegiatan", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diisi_pada = models.DateTimeField("diisi pada", null=True, blank=True)
    terlambat = models.BooleanField("diisi setelah batas", default=False)
    # A value kinerja.kewajaran questioned and the person confirmed: the questions, who and when.
    kewajaran_catatan = models.TextField("pertanyaan kewajaran nilai", blank=True)
    kewajaran_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="nilai dikonfirmasi oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kewajaran_pada = models.DateTimeField("nilai dikonfirmasi pada", null=True, blank=True)
    # A value the app computed from its own records (kinerja.sumber_data) and the responsible person
    # confirmed or replaced: the proposal as computed then, its calculation, who decided and when, and
    # the reason when the stored `nilai` replaces the proposal (blank = confirmed as proposed).
    usulan_nilai = models.DecimalField("nilai usulan aplikasi", null=True, blank=True, **NUMBER)
    usulan_perhitungan = models.TextField("perhitungan usulan", blank=True)
    usulan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="usulan diputuskan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    usulan_pada = models.DateTimeField("usulan diputuskan pada", null=True, blank=True)
    usulan_alasan_ganti = models.TextField("alasan mengganti usulan", blank=True)
    # Optimistic concurrency: a save must name the version it was based on.
    versi = models.PositiveIntegerField("versi", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator_id", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="realisasi_unique")]
        indexes = [models.Index(fields=["kecamatan", "tahun", "triwulan"])]

    def __str__(self):
        return f"Realisasi TW {self.triwulan} — {self.indikator}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.indikator.kecamatan_id
        self.tahun = self.indikator.tahun
        super().save(*args, **kwargs)

    @property
    def terisi(self) -> bool:
        return self.nilai is not None or self.nilai_level_id is not None

    @property
    def dilaporkan(self) -> bool:
        """A value, or an explicit "tidak ada kegiatan" with its reason (what submitting a quarter needs)."""
        return self.terisi or (self.tidak_ada_kegiatan and bool(self.alasan_tidak_ada_kegiatan.strip()))


def bukti_upload_to(instance, filename):
    # Outside any public path; served only through a permission-checked view.
    return f"bukti/{instance.realisasi.kecamatan_id}/{instance.realisasi.tahun}/{instance.realisasi_id}/{filename}"


class BuktiDukung(models.Model):
    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    berkas = models.FileField("berkas", upload_to=bukti_upload_to, max_length=300)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis_isi = models.CharField("jenis isi (hasil pemeriksaan)", max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    sha256 = models.CharField(max_length=64)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    # The export of the records a computed realisation was taken from (kinerja.sumber_data), attached by
    # the app when the proposal is confirmed; replaced when it is decided again.
    dibuat_aplikasi = models.BooleanField("dibuat oleh aplikasi", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["diunggah_pada"]

    def __str__(self):
        return self.nama_asli

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.realisasi.kecamatan_id
        super().save(*args, **kwargs)


class SumberHitung(models.Model):
    """An indicator whose realisation the app proposes from its own records instead of manual entry.

    The definitions and the computation are in kinerja/sumber_data.py. This is how an indicator is
    measured, not what the PK agrees on: it may be declared while the PK is established, and it is copied
    with the indicator by a PK Perubahan or a copy of last year's PK.
    """

    class Jenis(models.TextChoices):
        SOP_TEPAT_WAKTU = "sop_tepat_waktu", "Persentase pelaksanaan SOP yang selesai dalam Mutu Baku"
        SOP_SELESAI = "sop_selesai", "Jumlah pelaksanaan SOP yang selesai"
        IKM = "ikm", "Indeks Kepuasan Masyarakat (IKM) layanan"

    indikator = models.OneToOneField(Indikator, on_delete=models.CASCADE, related_name="sumber_hitung")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    jenis = models.CharField("sumber perhitungan", max_length=20, choices=Jenis.choices)
    sop = models.ManyToManyField("sop.Sop", verbose_name="SOP yang dihitung", blank=True, related_name="+")
    layanan = models.ManyToManyField(
        "layanan.JenisLayanan", verbose_name="layanan yang dihitung", blank=True, related_name="+"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)
    # The SOPs or services chosen, by name, as they were when declared: the history's record of the choice
    # (the many-to-many links themselves are not historised: restoring a backup replays no history).
    pilihan_teks = models.TextField("SOP / layanan yang dipilih", blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sumber perhitungan indikator"
        verbose_name_plural = "sumber perhitungan indikator"

    def __str__(self):
        return f"{self.get_jenis_display()} — {self.indikator}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.indikator.kecamatan_id
        super().save(*args, **kwargs)

    @property
    def dari_sop(self) -> bool:
        return self.jenis in (self.Jenis.SOP_TEPAT_WAKTU, self.Jenis.SOP_SELESAI)


class NomenklaturVersiQuerySet(models.QuerySet):
    def untuk_tahun(self, tahun: int, kecamatan_id: int | None = None, *, kabupaten_id: int | None = None):
        """The versions in force covering a year (kinerja/nomenklatur.py `berlaku`): the kabupaten's own (given,
        or the kecamatan's) first, then the national ones (shipped or loaded by an operator), each newest loaded
        first."""
        scope = Q(kabupaten__isnull=True)
        if kabupaten_id is not None:
            scope |= Q(kabupaten_id=kabupaten_id)
        elif kecamatan_id is not None:
            scope |= Q(kabupaten__in=Unit.objects.filter(pk=kecamatan_id).values("kabupaten_id"))
        return self.filter(
            scope,
            Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=tahun),
            berlaku_mulai__lte=tahun,
            status=NomenklaturVersi.Status.BERLAKU,
        ).order_by(models.F("kabupaten").asc(nulls_last=True), "-dimuat_pada", "-pk")


class NomenklaturVersi(models.Model):
    """A version of the national programme/kegiatan/sub kegiatan nomenclature for the years it covers
    (kinerja/nomenklatur.py): the shipped ones (`bawaan`: Kepmendagri 050-5889/2021, then its amendment
    900.1.15.5-1317/2023, loaded by a data migration), one an operator loads for everyone (`manage.py
    muat_nomenklatur`), or one a kabupaten administrator uploads as a table for its own kabupaten's kecamatan
    (`kabupaten`; previewed, then applied or cancelled: kinerja/services/nomenklatur.py)."""

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Pratinjau, belum berlaku"
        BERLAKU = "berlaku", "Berlaku"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    nama = models.CharField("nama", max_length=300)
    sumber = models.TextField("dasar hukum")
    berlaku_mulai = models.PositiveIntegerField("berlaku mulai tahun")
    berlaku_sampai = models.PositiveIntegerField("berlaku sampai tahun", null=True, blank=True)
    data = models.JSONField("isi nomenklatur")
    dimuat_pada = models.DateTimeField("dimuat pada", auto_now_add=True)
    kabupaten = models.ForeignKey(
        Unit, verbose_name="kabupaten", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # None: national (every kabupaten without its own version for the year)
    bawaan = models.BooleanField("bawaan aplikasi", default=False)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.BERLAKU)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    sha256 = models.CharField("SHA-256 berkas", max_length=64, blank=True)
    ringkasan = models.JSONField("ringkasan pratinjau", default=dict, blank=True)
    diunggah_oleh = models.ForeignKey(
        Pegawai, verbose_name="diunggah oleh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diputus_oleh = models.ForeignKey(
        Pegawai,
        verbose_name="diterapkan/dibatalkan oleh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diputus_pada = models.DateTimeField("diterapkan/dibatalkan pada", null=True, blank=True)

    objects = NomenklaturVersiQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["data", "ringkasan"])

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        indexes = [models.Index(fields=["status", "berlaku_mulai"])]

    def __str__(self):
        return f"{self.nama} ({self.berlaku_mulai}–{self.berlaku_sampai or '…'})"


class ImporSipd(models.Model):
    """One upload of a SIPD-RI export (the DPA's programmes, kegiatan, sub kegiatan and pagu, or the register of
    SP2D as the quarters' realisation) for a kecamatan and year: previewed, then applied or cancelled
    (kinerja/services/sipd.py). The bytes are kept, so what is applied is recomputed from the file previewed,
    and the preview's changes are kept to refuse applying when the records moved since."""

    class Jenis(models.TextChoices):
        DPA = "dpa", "DPA/RKA: program, kegiatan, sub kegiatan dan pagu"
        SP2D = "sp2d", "Register SP2D: realisasi anggaran per triwulan"

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Menunggu penerapan"
        DITERAPKAN = "diterapkan", "Diterapkan"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveIntegerField("tahun anggaran")
    jenis = models.CharField("jenis berkas", max_length=10, choices=Jenis.choices)
    nama_berkas = models.CharField("nama berkas", max_length=200)
    isi = models.BinaryField("isi berkas")
    sidik = models.CharField("SHA-256 berkas", max_length=64)
    perubahan = models.JSONField("perubahan yang dipratinjau", default=list)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PRATINJAU)
    diunggah_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    diputus_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    diputus_pada = models.DateTimeField("diterapkan/dibatalkan pada", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["isi"])

    class Meta:
        verbose_name = "impor SIPD"
        verbose_name_plural = "impor SIPD"
        ordering = ["-diunggah_pada", "-pk"]

    def __str__(self):
        return f"Impor {self.get_jenis_display()} {self.tahun} — {self.kecamatan}"
