"""Reports of a kecamatan and their signed PDFs.

Report: one document (quarterly, semester, annual LKIP, Perjanjian Kinerja,
Rencana Aksi) of a kecamatan and period, with its editable narrative and a
draft > diajukan > ditandatangani life; a correction after signing is a new
revision ("Perubahan") and the earlier one becomes `digantikan`.

SignedDocument: the PDF rendered once at signing, PAdES-signed, stored as
bytes with its SHA-256 and a public verification code. Never regenerated.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kinerja import berjenjang
from sakip import periode
from sakip.models import Unit
from sakip.roles import Role


def new_kode() -> str:
    # 20 url-safe characters: unguessable, short enough for a QR code.
    return secrets.token_urlsafe(15)


class Report(models.Model):
    class Kind(models.TextChoices):
        TRIWULAN = "triwulan", "Laporan Kinerja Triwulan"
        SEMESTER = "semester", "Laporan Kinerja Semester"
        LKIP = "lkip", "Laporan Kinerja Instansi Pemerintah (LKIP)"
        PK = "pk", "Perjanjian Kinerja"
        RENCANA_AKSI = "rencana_aksi", "Rencana Aksi"
        MONITORING_SOP = "monitoring_sop", "Monitoring Pelaksanaan SOP"
        SKM = "skm", "Laporan Hasil Survei Kepuasan Masyarakat"
        # The planning chain (issue 14): `tahun` is the first year of the five-year period, periode 0.
        RENSTRA = "renstra", "Rencana Strategis (Renstra)"
        IKU = "iku", "Indikator Kinerja Utama (IKU)"
        # The Inspektorat's Laporan Hasil Evaluasi AKIP (issue 15): made and signed by the evaluator in the
        # evaluasi app (evaluasi/lhe.py), never composed here; `tahun` = the year evaluated, periode 0.
        LHE = "lhe", "Laporan Hasil Evaluasi AKIP"
        # The cascading PK of one position (kinerja/berjenjang.py), `jabatan` set, periode 0: submitted by the
        # holder of the position (pihak pertama, who established it with the password) and signed by the
        # holder of its superior (pihak kedua) — laporan/pk_jabatan.py.
        PK_JABATAN = "pk_jabatan", "Perjanjian Kinerja Jabatan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan untuk ditandatangani"
        DITANDATANGANI = "ditandatangani", "Ditandatangani"
        DIGANTIKAN = "digantikan", "Digantikan (ada Perubahan)"

    kind = models.CharField("jenis laporan", max_length=15, choices=Kind.choices)
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="laporan")
    tahun = models.PositiveIntegerField("tahun")
    # 0 = whole year (LKIP, PK, Rencana Aksi); 1-4 for triwulan, SOP monitoring and SKM; 1-2 for semester.
    periode = models.PositiveSmallIntegerField("triwulan/semester", default=0)
    revisi = models.PositiveIntegerField("revisi (0 = awal)", default=0)
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.DRAFT)
    # Narrative sections, keyed by section name (see laporan.documents.SECTIONS).
    narasi = models.JSONField("narasi", default=dict, blank=True)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    # Who submitted the revision now waiting for its signature: never its signer (separation of duties,
    # sakip.permissions.alasan_pemisahan_tugas).
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic concurrency for narrative edits.
    versi = models.PositiveIntegerField(default=0)
    # The position whose cascading PK this is (kind PK_JABATAN only); empty for the kecamatan's documents.
    jabatan = models.ForeignKey(
        "sakip.Position", verbose_name="jabatan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        ordering = ["kecamatan_id", "-tahun", "kind", "-periode", "-revisi"]
        # A kecamatan's document is one per kind and period; a position's, one per position and year. Two
        # conditional pairs, because a unique constraint treats every empty `jabatan` as distinct.
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "kind", "tahun", "periode", "revisi"],
                condition=Q(jabatan__isnull=True),
                name="laporan_revision_unique",
            ),
            models.UniqueConstraint(
                fields=["kecamatan", "kind", "tahun", "periode"],
                condition=~Q(status="digantikan") & Q(jabatan__isnull=True),
                name="laporan_one_current_per_period",
            ),
            models.UniqueConstraint(
                fields=["jabatan", "tahun", "revisi"],
                condition=Q(jabatan__isnull=False),
                name="laporan_jabatan_revision_unique",
            ),
            models.UniqueConstraint(
                fields=["jabatan", "tahun"],
                condition=~Q(status="digantikan") & Q(jabatan__isnull=False),
                name="laporan_jabatan_one_current",
            ),
            models.CheckConstraint(
                condition=Q(kind="pk_jabatan", jabatan__isnull=False)
                | (~Q(kind="pk_jabatan") & Q(jabatan__isnull=True)),
                name="laporan_jabatan_only_for_pk_jabatan",
            ),
        ]
        indexes = [models.Index(fields=["kecamatan", "tahun", "kind"])]

    def __str__(self):
        return f"{self.judul} — {self.kecamatan}"

    @property
    def periode_label(self) -> str:
        if self.kind in (self.Kind.TRIWULAN, self.Kind.MONITORING_SOP, self.Kind.SKM):
            return periode.triwulan(self.periode, self.tahun)
        if self.kind == self.Kind.SEMESTER:
            return f"Semester {['I', 'II'][self.periode - 1]} {self.tahun}"
        if self.kind in (self.Kind.RENSTRA, self.Kind.IKU):
            return f"Tahun {self.tahun}–{self.tahun + 4}"
        return f"Tahun {self.tahun}"

    @property
    def judul(self) -> str:
        suffix = f" (Perubahan {self.revisi})" if self.revisi else ""
        if self.kind == self.Kind.PK_JABATAN:
            return f"Perjanjian Kinerja {self.jabatan.nama} Tahun {self.tahun}{suffix}"
        # "Laporan Kinerja Triwulan II 2025", not "Laporan Kinerja Triwulan Triwulan II 2025".
        name = "Laporan Kinerja" if self.kind in (self.Kind.TRIWULAN, self.Kind.SEMESTER) else self.get_kind_display()
        return f"{name} {self.periode_label}{suffix}"

    @property
    def triwulan_tercakup(self) -> list[int]:
        """The quarters whose data the report rests on (locked once it is signed)."""
        if self.kind == self.Kind.TRIWULAN:
            return [self.periode]
        if self.kind == self.Kind.SEMESTER:
            return [1, 2] if self.periode == 1 else [3, 4]
        if self.kind == self.Kind.LKIP:
            return [1, 2, 3, 4]
        return []

    @property
    def peran_penanda_tangan(self) -> str:
        """The role that signs: the Camat, or for a position's PK the role of its superior (pihak kedua)."""
        if self.kind == self.Kind.PK_JABATAN:
            return berjenjang.atasan_role(self.jabatan)
        return Role.CAMAT

    @property
    def dapat_diubah(self) -> bool:
        return self.status == self.Status.DRAFT


class SignedDocument(models.Model):
    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="dokumen")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    pdf = models.BinaryField("PDF bertanda tangan")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Printed names at the moment of signing: a later rename must not change the record.
    nama_penandatangan = models.CharField(max_length=200)
    nip_penandatangan = models.CharField(max_length=30, blank=True)
    jabatan_penandatangan = models.CharField(max_length=200)
    sebutan = models.CharField("bertindak sebagai (Plt./Plh.)", max_length=200, blank=True)
    ditandatangani_pada = models.DateTimeField()
    # Signed after its deadline (laporan/batas.py): the signer's reason, shown on the verification page.
    alasan_terlambat = models.TextField("alasan ditandatangani terlambat", blank=True)
    kode_verifikasi = models.CharField(max_length=40, unique=True, default=new_kode)
    # Who applied the signature (laporan/penanda.py: "lokal" = the deployment's seal, "bsre_v2"/"bsre_v1" = the
    # kabupaten's BSrE service) and the certificate read back from the signed file, for the verification page.
    penanda = models.CharField("penanda tangan", max_length=10, default="lokal")
    sertifikat_nama = models.CharField("nama pada sertifikat", max_length=300, blank=True)
    sertifikat_subjek = models.CharField("subjek sertifikat", max_length=500, blank=True)
    sertifikat_penerbit = models.CharField("penerbit sertifikat", max_length=500, blank=True)
    sertifikat_serial = models.CharField("nomor seri sertifikat", max_length=100, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = "dokumen bertanda tangan"
        verbose_name_plural = "dokumen bertanda tangan"
        ordering = ["-ditandatangani_pada"]

    def __str__(self):
        return f"{self.report.judul} ({self.sha256[:12]}…)"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.report.kecamatan_id
        super().save(*args, **kwargs)


class ReportRiwayat(models.Model):
    """One change of a report's status with who, under which title and why: submitting, returning, signing."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(max_length=15, choices=Report.Status.choices)
    ke = models.CharField(max_length=15, choices=Report.Status.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sebutan = models.CharField("bertindak sebagai", max_length=200, blank=True)
    pada = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(blank=True)

    class Meta:
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"
        ordering = ["pada", "pk"]
        indexes = [models.Index(fields=["report", "pada"])]

    def __str__(self):
        return f"{self.get_dari_display()} → {self.get_ke_display()}"

    @property
    def pengembalian(self) -> bool:
        return self.dari == Report.Status.DIAJUKAN and self.ke == Report.Status.DRAFT


class TandaTanganPihakKedua(models.Model):
    """The Bupati's (pihak kedua's) signature on a Perjanjian Kinerja, recorded as the scan of the paper
    the Bupati signed. The Camat's electronic signature makes the PK *ditandatangani*; this record makes
    it *lengkap* (PermenPAN-RB 53/2014: a PK is an agreement signed by both parties)."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="pihak_kedua")
    pindaian = models.BinaryField("pindaian PK bertanda tangan (PDF)")
    sha256 = models.CharField("SHA-256", max_length=64)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    halaman = models.PositiveSmallIntegerField("jumlah halaman")
    nama = models.CharField("nama pihak kedua", max_length=200)
    jabatan = models.CharField("jabatan pihak kedua", max_length=200)
    tanggal = models.DateField("tanggal ditandatangani pihak kedua")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pindaian"])

    class Meta:
        verbose_name = "tanda tangan pihak kedua"
        verbose_name_plural = "tanda tangan pihak kedua"

    def __str__(self):
        return f"{self.jabatan} — {self.report.judul}"


class NaskahDiajukan(models.Model):
    """The PDF of a submitted report, rendered once at submission: the file the Camat reads and, at signing,
    the bytes the PAdES signature is applied to (the signing date is stamped into the boxes the render
    reserved). Removed when the report is returned; never changed."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="naskah")
    pdf = models.BinaryField("PDF yang diajukan")
    sha256 = models.CharField("SHA-256", max_length=64)
    versi = models.PositiveIntegerField("versi narasi yang dirender")
    # The signer the render printed (the Camat holding the position then) and the verification code on it.
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jabatan = models.CharField(max_length=200)
    kode_verifikasi = models.CharField(max_length=40, unique=True)
    # Where the signing date goes: [[page, x, y, width, height], …] in PDF points.
    kotak_tanggal = models.JSONField(default=list)
    # The signature block printed (without its QR image, rebuilt from the URL) and the digest of the
    # document's HTML: at signing the HTML is built again and must be the same, else the data changed.
    ttd = models.JSONField(default=dict)
    html_sha256 = models.CharField(max_length=64)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = "naskah diajukan"
        verbose_name_plural = "naskah diajukan"

    def __str__(self):
        return f"Naskah {self.report.judul} ({self.sha256[:12]}…)"


class PenyusunanNaskah(models.Model):
    """The rendering of a submitted report's file, done by the task worker (laporan/tasks.py) and not inside
    the request that submitted it: queued by the submission (in its transaction), run, then done or failed
    with the reason; a failed one is queued again on request ("Susun ulang"). One row per report, reset by
    each submission; `percobaan` tells a stale task (of an earlier submission or attempt) from the current
    one. What the Camat reads and signs is still laporan.models.NaskahDiajukan, made when this is done."""

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu giliran disusun"
        BERJALAN = "berjalan", "Sedang disusun"
        SELESAI = "selesai", "Selesai disusun"
        GAGAL = "gagal", "Gagal disusun"

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="penyusunan")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    percobaan = models.PositiveIntegerField(default=1)
    pesan = models.TextField("keterangan kegagalan", blank=True)
    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diminta_pada = models.DateTimeField()
    mulai_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "penyusunan naskah"
        verbose_name_plural = "penyusunan naskah"

    def __str__(self):
        return f"{self.get_status_display()} — {self.report.judul}"

    # Past this a queued job that has not started means no worker is running (an operator's matter).
    ANTRI_TERLALU_LAMA = datetime.timedelta(minutes=2)

    @property
    def berlangsung(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)

    @property
    def tertahan(self) -> bool:
        """Queued for longer than a worker would leave it: the page tells the office to call the operator."""
        return self.status == self.Status.ANTRI and timezone.now() - self.diminta_pada > self.ANTRI_TERLALU_LAMA


class Reviu(models.Model):
    """The Inspektorat's review of a submitted LKIP before the Camat signs it (laporan/reviu.py).

    One row per submission reviewed: the evaluator ticks the checklist, writes notes per chapter, and either
    returns the LKIP (status dikembalikan, the reason recorded in ReportRiwayat) or signs the "Pernyataan Telah
    Direviu", whose page is appended to the submitted file the Camat then reads and signs. A return by the
    Camat voids a review in progress or done (batal): the next submission is reviewed again."""

    class Status(models.TextChoices):
        BERLANGSUNG = "berlangsung", "Sedang direviu"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan oleh Inspektorat"
        SELESAI = "selesai", "Telah direviu"
        BATAL = "batal", "Batal (laporan dikembalikan)"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviu")
    kecamatan = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.BERLANGSUNG)
    # The SHA-256 of the submitted file the evaluator read (before the statement was appended).
    naskah_sha256 = models.CharField("SHA-256 naskah yang direviu", max_length=64)
    periksa = models.JSONField("daftar periksa", default=dict, blank=True)  # item key -> ticked
    catatan = models.JSONField("catatan per bab", default=dict, blank=True)  # chapter key -> note
    alasan = models.TextField("alasan pengembalian", blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Printed at the moment of signing: a later rename must not change the record.
    nama_reviewer = models.CharField(max_length=200, blank=True)
    nip_reviewer = models.CharField(max_length=30, blank=True)
    jabatan_reviewer = models.CharField(max_length=200, blank=True)
    dimulai_pada = models.DateTimeField(auto_now_add=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    pernyataan_pdf = models.BinaryField("halaman Pernyataan Telah Direviu", null=True, blank=True)
    kode_verifikasi = models.CharField(max_length=40, unique=True, default=new_kode)

    history = HistoricalRecords(excluded_fields=["pernyataan_pdf"])

    class Meta:
        verbose_name = "reviu LKIP"
        verbose_name_plural = "reviu LKIP"
        ordering = ["report_id", "-dimulai_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(status__in=["berlangsung", "selesai"]),
                name="reviu_one_open_per_report",
            )
        ]

    def __str__(self):
        return f"Reviu {self.report.judul} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.kecamatan_id = self.report.kecamatan_id
        super().save(*args, **kwargs)
