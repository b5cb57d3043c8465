"""The SOP library: SOP AP documents in the PermenPAN-RB 35/2012 format.

An `Sop` is the lasting procedure of one kecamatan (or a shared template when
it has no kecamatan). Its content lives in `SopRevision`s: exactly one is
effective at a time; editing an effective SOP creates a new draft revision;
making a draft effective supersedes the previous one (see sop/services.py).

A library template (an SOP without kecamatan) has no office to run it and no
Camat to answer for it: it is read and copied by everyone, never made
effective, never run.

Lane review: a step whose lane was inferred during transcription
(`Step.lane_inferred`, the lane marks of the seed documents were lost in PDF
text extraction) keeps that mark; the Camat's check against the original
document is recorded on the revision (`lajur_diperiksa_oleh/_pada`). Until it
is recorded the revision `lajur_perlu_diperiksa` and cannot become effective.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.models import Unit
from sakip.roles import Role


class Sop(models.Model):
    kecamatan = models.ForeignKey(
        Unit,
        verbose_name="kecamatan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sops",
        help_text="Kosong: templat pustaka yang unit penerbitnya tidak diketahui.",
    )
    # Where a copied SOP came from ("Gunakan sebagai templat").
    disalin_dari = models.ForeignKey(
        "SopRevision", verbose_name="disalin dari", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    catatan_asal = models.TextField("catatan asal", blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "SOP"
        verbose_name_plural = "SOP"

    def __str__(self):
        revision = self.revisions.order_by("-nomor_revisi").first()
        return revision.nama if revision else f"SOP #{self.pk}"

    @property
    def templat_pustaka(self) -> bool:
        """A library template of unknown origin: no kecamatan, never effective, never run; copied to be used."""
        return self.kecamatan_id is None


class SopRevision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        EFFECTIVE = "efektif", "Efektif"
        SUPERSEDED = "digantikan", "Digantikan"

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="revisions")
    nomor_revisi = models.PositiveIntegerField("revisi ke-", default=0)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)

    # Identity sheet (lembar identitas), as printed.
    pemerintah = models.CharField("pemerintah", max_length=200, blank=True, help_text="PEMERINTAH KABUPATEN BALANGAN")
    unit_penerbit = models.CharField("unit penerbit", max_length=200, blank=True, help_text="KECAMATAN AWAYAN")
    alamat = models.CharField("alamat", max_length=300, blank=True)
    telepon = models.CharField("telepon", max_length=100, blank=True)
    email = models.CharField("email", max_length=200, blank=True)
    website = models.CharField("website", max_length=200, blank=True)
    nomor = models.CharField("nomor SOP", max_length=120, blank=True)
    nama = models.CharField("nama SOP", max_length=300)
    tanggal_pembuatan = models.DateField("tanggal pembuatan", null=True, blank=True)
    tanggal_pembuatan_cetak = models.CharField("tanggal pembuatan (tercetak)", max_length=60, blank=True)
    tanggal_revisi = models.DateField("tanggal revisi", null=True, blank=True)
    tanggal_revisi_cetak = models.CharField("tanggal revisi (tercetak)", max_length=60, blank=True)
    tanggal_efektif = models.DateField("tanggal pengesahan/efektif", null=True, blank=True)
    tanggal_efektif_cetak = models.CharField("tanggal efektif (tercetak)", max_length=60, blank=True)
    disahkan_jabatan = models.CharField("disahkan oleh (jabatan)", max_length=200, blank=True)
    disahkan_nama = models.CharField("disahkan oleh (nama)", max_length=200, blank=True)
    disahkan_nip = models.CharField("disahkan oleh (NIP)", max_length=18, blank=True)
    # Ordered lists where the document numbers them (one string per item).
    dasar_hukum = models.JSONField("dasar hukum", default=list, blank=True)
    kualifikasi_pelaksana = models.JSONField("kualifikasi pelaksana", default=list, blank=True)
    peralatan = models.JSONField("peralatan/perlengkapan", default=list, blank=True)
    peringatan = models.JSONField("peringatan", default=list, blank=True)
    pencatatan = models.JSONField("pencatatan dan pendataan", default=list, blank=True)
    # Transcription notes: what was inferred or kept as printed, for a person to review.
    catatan_transkripsi = models.TextField("catatan transkripsi", blank=True)
    # Known errors of the source document kept as printed, for the office to correct (sop/galat.py).
    galat_sumber = models.JSONField("galat dokumen sumber", default=list, blank=True)

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    diefektifkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diefektifkan_pada = models.DateTimeField("diefektifkan pada", null=True, blank=True)
    # The Camat's check of the inferred lanes against the original document (see the module docstring).
    lajur_diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lajur diperiksa oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lajur_diperiksa_pada = models.DateTimeField("lajur diperiksa pada", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "revisi SOP"
        verbose_name_plural = "revisi SOP"
        ordering = ["sop_id", "-nomor_revisi"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "nomor_revisi"], name="sop_revision_number_unique"),
            models.UniqueConstraint(fields=["sop"], condition=Q(status="efektif"), name="sop_one_effective_revision"),
            models.UniqueConstraint(fields=["sop"], condition=Q(status="draft"), name="sop_one_draft_revision"),
        ]

    def __str__(self):
        return f"{self.nama} (revisi {self.nomor_revisi}, {self.get_status_display()})"

    @property
    def nomor_cetak(self) -> str:
        """The number as a footer prints it: "SOP 067/02/…", never "SOP SOP – 01/…" for numbers that say it."""
        nomor = self.nomor.strip()
        return nomor if nomor.upper().startswith("SOP") else f"SOP {nomor}".strip()

    @property
    def lajur_perlu_diperiksa(self) -> bool:
        """True while a step's lane is an inference and nobody has recorded checking it against the original.

        Uses the `jumlah_lajur_disimpulkan` annotation (sop.selectors.library) or prefetched steps when
        present, else one query.
        """
        if self.lajur_diperiksa_pada is not None:
            return False
        counted = getattr(self, "jumlah_lajur_disimpulkan", None)
        if counted is not None:
            return counted > 0
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("steps")
        if prefetched is not None:
            return any(step.lane_inferred for step in prefetched)
        return self.steps.filter(lane_inferred=True).exists()

    @property
    def kecamatan_id(self):
        """For the permission module: a revision belongs to its SOP's kecamatan."""
        return self.sop.kecamatan_id


class Keterkaitan(models.Model):
    """A related SOP as printed, optionally linked to an SOP in the library."""

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="keterkaitan")
    urutan = models.PositiveIntegerField("urutan")
    teks = models.CharField("teks", max_length=300)
    sop_terkait = models.ForeignKey(Sop, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["revision", "urutan"], name="keterkaitan_order_unique")]

    def __str__(self):
        return self.teks


class PelaksanaLuar(models.TextChoices):
    """Lane codes of actors outside the office (service SOPs: the applicant, a village, another agency).

    Their steps are never put in anyone's inbox: the staff who receive the work record them
    ("diterima dari pemohon"), and they count in the run's time (workflow.services, workflow.timing).
    """

    PEMOHON = "PEMOHON", "Pemohon / Masyarakat"
    DESA = "DESA", "Pemerintah Desa/Kelurahan"
    INSTANSI_LAIN = "INSTANSI_LAIN", "Instansi lain"


# Every code a lane may carry: a role held by positions of the office, or an outside actor.
PERAN_LAJUR = [*Role.choices, *PelaksanaLuar.choices]


def peran_pencatat(step: "Step", steps: list["Step"]) -> str:
    """The office role that records an outside lane's step: the lane of the next office step (who receives
    the work), else of the nearest office step before it; "" when the SOP has no office step at all."""
    ordered = sorted(steps, key=lambda s: s.no)
    after = [s for s in ordered if s.no > step.no and not s.lane.eksternal]
    before = [s for s in ordered if s.no < step.no and not s.lane.eksternal]
    if after:
        return after[0].lane.role
    return before[-1].lane.role if before else ""


class Lane(models.Model):
    """A Pelaksana column of the flowchart: the label exactly as printed + the role the workflow assigns to
    (or the code of an outside actor, `PelaksanaLuar`)."""

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="lanes")
    urutan = models.PositiveIntegerField("urutan")
    label = models.CharField("label (tercetak)", max_length=120)
    role = models.CharField("peran", max_length=30, choices=PERAN_LAJUR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["revision", "urutan"], name="lane_order_unique")]

    def __str__(self):
        return self.label

    @property
    def eksternal(self) -> bool:
        """An actor outside the office (Pemohon, Desa, another agency): nobody of the office holds the role."""
        return self.role in PelaksanaLuar.values


class Step(models.Model):
    class Kind(models.TextChoices):
        START = "mulai", "Mulai (terminator)"
        PROCESS = "proses", "Proses"
        DECISION = "keputusan", "Keputusan (Ya/Tidak)"
        END = "selesai", "Selesai (terminator)"

    class WaktuUnit(models.TextChoices):
        MENIT = "menit", "Menit"
        JAM = "jam", "Jam"
        HARI = "hari", "Hari (hari kerja)"

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="steps")
    no = models.PositiveIntegerField("no")
    uraian = models.TextField("uraian kegiatan")
    lane = models.ForeignKey(Lane, verbose_name="pelaksana", on_delete=models.PROTECT, related_name="steps")
    lane_inferred = models.BooleanField(
        "lajur disimpulkan", default=False, help_text="Lajur tidak terbaca dari sumber; disimpulkan dari uraian."
    )
    kind = models.CharField("simbol", max_length=10, choices=Kind.choices, default=Kind.PROCESS)
    # For decisions: the step numbers Ya and Tidak go to (Ya defaults to the next step).
    ya_ke = models.PositiveIntegerField("jika Ya, ke langkah", null=True, blank=True)
    tidak_ke = models.PositiveIntegerField("jika Tidak, ke langkah", null=True, blank=True)
    kelengkapan = models.TextField("kelengkapan", blank=True)
    waktu_cetak = models.CharField("waktu (tercetak)", max_length=60, blank=True)
    waktu_nilai = models.DecimalField("waktu (nilai)", max_digits=8, decimal_places=2, null=True, blank=True)
    waktu_satuan = models.CharField("waktu (satuan)", max_length=5, choices=WaktuUnit.choices, blank=True)
    output = models.TextField("output", blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    # Name of a workflow action (workflow.actions registry) the step is bound to; blank = plain task.
    aksi = models.CharField("aksi", max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["no"]
        constraints = [models.UniqueConstraint(fields=["revision", "no"], name="step_number_unique")]

    def __str__(self):
        return f"{self.no}. {self.uraian[:60]}"
