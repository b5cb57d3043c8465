"""The planning chain above the yearly PK: the kabupaten's RPJMD and each kecamatan's Renstra.

Rpjmd (kabupaten, five-year period): visi, misi, the RPJMD sasaran — entered by the kabupaten
administrator. Renstra (kecamatan, the same period, revisi): tujuan > sasaran strategis (each supporting
one RPJMD sasaran) > indikator (definisi, formula, satuan, polaritas, kondisi awal, a target per year,
the end target, sumber data, penanggung jawab, IKU or not). A Renstra is drafted, established by the
Camat (who, when, acting title) and afterwards changed only by a Renstra Perubahan: a new draft revision
copying the established one, which stays readable as `digantikan`.

Below kinerja: kinerja's PK indicators link to IndikatorRenstra (kinerja/services/perencanaan.py
pre-fills a PK from the established Renstra). State changes: renstra/services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.models import Pegawai, Position, Unit

NUMBER = {"max_digits": 20, "decimal_places": 4}
PERIOD_YEARS = 5


class Rpjmd(models.Model):
    """The kabupaten's medium-term plan for a five-year period (PermenPAN-RB 53/2014: the top of the chain)."""

    kabupaten = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    tahun_awal = models.PositiveIntegerField("tahun awal")
    tahun_akhir = models.PositiveIntegerField("tahun akhir")
    visi = models.TextField("visi", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["kabupaten_id", "-tahun_awal"]
        constraints = [models.UniqueConstraint(fields=["kabupaten", "tahun_awal"], name="rpjmd_period_unique")]

    def __str__(self):
        return f"RPJMD {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class MisiRpjmd(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi")
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("misi")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "misi RPJMD"
        verbose_name_plural = "misi RPJMD"
        ordering = ["rpjmd_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "urutan"], name="misi_rpjmd_order_unique")]

    def __str__(self):
        return self.uraian


class SasaranRpjmd(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="sasaran")
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("sasaran RPJMD")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran RPJMD"
        verbose_name_plural = "sasaran RPJMD"
        ordering = ["rpjmd_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "urutan"], name="sasaran_rpjmd_order_unique")]

    def __str__(self):
        return self.uraian


class Renstra(models.Model):
    """A kecamatan's five-year Renstra; a Renstra Perubahan is a new revision, the earlier one is kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DITETAPKAN = "ditetapkan", "Ditetapkan"
        DIGANTIKAN = "digantikan", "Digantikan (ada Renstra Perubahan)"

    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="renstra")
    rpjmd = models.ForeignKey(Rpjmd, verbose_name="RPJMD", on_delete=models.PROTECT, related_name="renstra")
    tahun_awal = models.PositiveIntegerField("tahun awal", editable=False)
    tahun_akhir = models.PositiveIntegerField("tahun akhir", editable=False)
    revisi = models.PositiveIntegerField("revisi (0 = Renstra awal)", default=0)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    ditetapkan_oleh = models.ForeignKey(
        Pegawai, verbose_name="ditetapkan oleh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "Plh. CAMAT AWAYAN" when an acting official establishes it; blank for the Camat.
    ditetapkan_sebutan = models.CharField("ditetapkan sebagai", max_length=200, blank=True)
    ditetapkan_pada = models.DateTimeField("ditetapkan pada", null=True, blank=True)
    # The Camat's designation of the IKU (which indicators, kept on IndikatorRenstra.iku): who and when.
    iku_ditetapkan_oleh = models.ForeignKey(
        Pegawai, verbose_name="IKU ditetapkan oleh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    iku_ditetapkan_sebutan = models.CharField("IKU ditetapkan sebagai", max_length=200, blank=True)
    iku_ditetapkan_pada = models.DateTimeField("IKU ditetapkan pada", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["kecamatan_id", "-tahun_awal", "-revisi"]
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "tahun_awal", "revisi"], name="renstra_revision_unique"),
            models.UniqueConstraint(
                fields=["kecamatan", "tahun_awal"], condition=~Q(status="digantikan"), name="renstra_one_current"
            ),
        ]

    def __str__(self):
        label = "Renstra" if self.revisi == 0 else f"Renstra Perubahan {self.revisi}"
        return f"{label} {self.tahun_awal}–{self.tahun_akhir} — {self.kecamatan}"

    def save(self, *args, **kwargs):
        self.tahun_awal = self.rpjmd.tahun_awal
        self.tahun_akhir = self.rpjmd.tahun_akhir
        super().save(*args, **kwargs)

    @property
    def judul(self) -> str:
        return "Renstra" if self.revisi == 0 else f"Renstra Perubahan {self.revisi}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))


class TujuanRenstra(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("tujuan")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan Renstra"
        verbose_name_plural = "tujuan Renstra"
        ordering = ["renstra_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "urutan"], name="tujuan_renstra_order_unique")]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.renstra.kecamatan_id
        super().save(*args, **kwargs)


class SasaranRenstra(models.Model):
    """A sasaran strategis of the kecamatan, supporting one RPJMD sasaran."""

    tujuan = models.ForeignKey(TujuanRenstra, on_delete=models.CASCADE, related_name="sasaran")
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran", editable=False)
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    sasaran_rpjmd = models.ForeignKey(
        SasaranRpjmd, verbose_name="sasaran RPJMD yang didukung", on_delete=models.PROTECT, related_name="didukung"
    )
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("sasaran strategis")
    # BAB V of the Renstra document (renstra/naskah.py): how the sasaran is to be reached.
    strategi = models.TextField("strategi", blank=True)
    arah_kebijakan = models.TextField("arah kebijakan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran strategis Renstra"
        verbose_name_plural = "sasaran strategis Renstra"
        ordering = ["renstra_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "urutan"], name="sasaran_renstra_order_unique")]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.renstra_id = self.tujuan.renstra_id
        self.kecamatan_id = self.tujuan.kecamatan_id
        super().save(*args, **kwargs)


class IndikatorRenstra(models.Model):
    class Polaritas(models.TextChoices):
        # The same codes as kinerja.Indikator.Polaritas (a PK indicator pre-filled from this one copies it).
        POSITIF = "positif", "Positif (makin tinggi makin baik)"
        NEGATIF = "negatif", "Negatif (makin rendah makin baik)"

    sasaran = models.ForeignKey(SasaranRenstra, on_delete=models.CASCADE, related_name="indikator")
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="+", editable=False)
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    urutan = models.PositiveIntegerField("urutan")
    uraian = models.TextField("indikator kinerja")
    definisi = models.TextField("definisi operasional", blank=True)
    formula = models.TextField("formula / cara menghitung", blank=True)
    satuan = models.CharField("satuan", max_length=60)
    polaritas = models.CharField("polaritas", max_length=8, choices=Polaritas.choices, default=Polaritas.POSITIF)
    kondisi_awal = models.DecimalField("kondisi awal (baseline)", null=True, blank=True, **NUMBER)
    target_akhir = models.DecimalField("target akhir periode", null=True, blank=True, **NUMBER)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.ForeignKey(
        Position, verbose_name="penanggung jawab", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    iku = models.BooleanField("indikator kinerja utama (IKU)", default=False)
    # A qualitative indicator uses one of the kabupaten's scales (kinerja.Skala, e.g. opini BPK): renstra sits
    # below kinerja, so it keeps the scale's id and name, and its targets as level labels (validated against
    # the scale through renstra/skala.py, which kinerja feeds). Numbers then stay empty.
    skala = models.PositiveIntegerField("skala kualitatif (id)", null=True, blank=True, editable=False)
    skala_nama = models.CharField("skala kualitatif", max_length=120, blank=True, editable=False)
    kondisi_awal_level = models.CharField("kondisi awal (tingkat)", max_length=60, blank=True)
    target_akhir_level = models.CharField("target akhir periode (tingkat)", max_length=60, blank=True)
    # The same indicator in the revision this one was copied from (Renstra Perubahan): PK indicators
    # linked to an earlier revision's indicator find their current one through it.
    asal = models.ForeignKey(
        "self",
        verbose_name="indikator revisi sebelumnya",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator Renstra"
        verbose_name_plural = "indikator Renstra"
        ordering = ["sasaran_id", "urutan"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "urutan"], name="indikator_renstra_order_unique")]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.renstra_id = self.sasaran.renstra_id
        self.kecamatan_id = self.sasaran.kecamatan_id
        super().save(*args, **kwargs)

    @property
    def kualitatif(self) -> bool:
        return self.skala is not None

    @property
    def kondisi_awal_cetak(self):
        """The baseline as printed: the level label of a qualitative indicator, else the number (or None)."""
        return (self.kondisi_awal_level or None) if self.kualitatif else self.kondisi_awal

    @property
    def target_akhir_cetak(self):
        return (self.target_akhir_level or None) if self.kualitatif else self.target_akhir

    @property
    def target_akhir_terisi(self) -> bool:
        return self.target_akhir_cetak is not None


class TargetRenstra(models.Model):
    """The target of a Renstra indicator for one year of the period."""

    indikator = models.ForeignKey(IndikatorRenstra, on_delete=models.CASCADE, related_name="target")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveIntegerField("tahun")
    nilai = models.DecimalField("target", null=True, blank=True, **NUMBER)
    # The level label of a qualitative indicator's target (IndikatorRenstra.skala); exactly one of the two.
    level = models.CharField("target (tingkat)", max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target Renstra"
        verbose_name_plural = "target Renstra"
        ordering = ["indikator_id", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_renstra_unique"),
            models.CheckConstraint(
                condition=(Q(nilai__isnull=False) & Q(level="")) | (Q(nilai__isnull=True) & ~Q(level="")),
                name="target_renstra_angka_atau_tingkat",
            ),
        ]

    def __str__(self):
        return f"{self.tahun}: {self.cetak}"

    @property
    def cetak(self):
        """The target as printed: the level label, else the number."""
        return self.level or self.nilai

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.indikator.kecamatan_id
        super().save(*args, **kwargs)


class BabRenstra(models.Model):
    """One typed part of the Renstra document (renstra/naskah.py BAGIAN: latar belakang, landasan hukum …)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="bab")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kunci = models.CharField("bagian", max_length=40)
    isi = models.TextField("isi", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "naskah Renstra"
        verbose_name_plural = "naskah Renstra"
        ordering = ["renstra_id", "kunci"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kunci"], name="bab_renstra_unique")]

    def __str__(self):
        return f"{self.renstra_id}: {self.kunci}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.renstra.kecamatan_id
        super().save(*args, **kwargs)


class ProgramRenstra(models.Model):
    """A programme of the Renstra (BAB VI), serving one sasaran strategis; its pagu is its kegiatan's sum."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="program")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    sasaran = models.ForeignKey(
        SasaranRenstra, verbose_name="sasaran strategis", on_delete=models.PROTECT, related_name="program"
    )
    kode = models.CharField("kode program", max_length=30)
    nama = models.CharField("nama program", max_length=300)
    indikator = models.TextField("indikator program (outcome)")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "program Renstra"
        verbose_name_plural = "program Renstra"
        ordering = ["renstra_id", "kode", "pk"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="program_renstra_kode_unique")]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.renstra.kecamatan_id
        super().save(*args, **kwargs)


class KegiatanRenstra(models.Model):
    """A kegiatan of a Renstra programme, with its pagu indikatif per year (PaguRenstra)."""

    program = models.ForeignKey(ProgramRenstra, on_delete=models.CASCADE, related_name="kegiatan")
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="+", editable=False)
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    kode = models.CharField("kode kegiatan", max_length=30)
    nama = models.CharField("nama kegiatan", max_length=300)
    indikator = models.TextField("indikator kegiatan (keluaran)")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kegiatan Renstra"
        verbose_name_plural = "kegiatan Renstra"
        ordering = ["program_id", "kode", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_renstra_kode_unique")]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs):
        self.renstra_id = self.program.renstra_id
        self.kecamatan_id = self.program.kecamatan_id
        super().save(*args, **kwargs)


class PaguRenstra(models.Model):
    """The pagu indikatif (Rp) of a Renstra kegiatan for one year of the period (as TargetRenstra)."""

    kegiatan = models.ForeignKey(KegiatanRenstra, on_delete=models.CASCADE, related_name="pagu")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    tahun = models.PositiveIntegerField("tahun")
    nilai = models.DecimalField("pagu indikatif (Rp)", max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pagu indikatif Renstra"
        verbose_name_plural = "pagu indikatif Renstra"
        ordering = ["kegiatan_id", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "tahun"], name="pagu_renstra_unique"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="pagu_renstra_tidak_negatif"),
        ]

    def __str__(self):
        return f"{self.tahun}: {self.nilai}"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.kegiatan.kecamatan_id
        super().save(*args, **kwargs)
