"""Organisation and people: units, positions, pegawai (the user model), delegations."""

import base64
import datetime
import re

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sakip import nik as nik_rules
from sakip import nip as nip_rules
from sakip.roles import KABUPATEN_ROLES, Role


class Unit(models.Model):
    """A node of the organisation tree: Kabupaten > Kecamatan > Sekretariat / Subbagian / Seksi."""

    class Kind(models.TextChoices):
        KABUPATEN = "KABUPATEN", "Kabupaten"
        KECAMATAN = "KECAMATAN", "Kecamatan"
        SEKRETARIAT = "SEKRETARIAT", "Sekretariat"
        SUBBAGIAN = "SUBBAGIAN", "Subbagian"
        SEKSI = "SEKSI", "Seksi"
        BIDANG = "BIDANG", "Bidang"

    class PenandaTangan(models.TextChoices):
        LOKAL = "lokal", "Segel elektronik instansi (sertifikat server aplikasi)"
        BSRE_V2 = "bsre_v2", "Sertifikat elektronik BSrE — Esign Client Service API v2"
        BSRE_V1 = "bsre_v1", "Sertifikat elektronik BSrE — Esign Client Service API v1 (lama)"

    kode = models.SlugField("kode", max_length=80, unique=True)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="induk", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Denormalised ancestors so that scoping is one indexed filter, never a tree walk.
    kecamatan = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    kabupaten = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    alamat = models.CharField("alamat", max_length=300, blank=True)
    kode_pos = models.CharField("kode pos", max_length=10, blank=True)
    telepon = models.CharField("telepon", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    website = models.CharField("website", max_length=200, blank=True)
    # A kabupaten's capital, the place its Inspektorat's documents are dated at ("Paringin, 8 Oktober 2024").
    ibukota = models.CharField("ibu kota", max_length=100, blank=True)
    # The lambang daerah printed on documents: PNG or JPEG, accepted only through sakip/uploads.py
    # (pengaturan.services.kecamatan_identitas_simpan); stored under MEDIA_ROOT, never served directly.
    lambang = models.FileField("lambang daerah", upload_to="lambang/", blank=True, max_length=200)
    # Kabupaten only: whoever signs or administers here (CAMAT, ADMIN, EVALUATOR) signs in with a TOTP code
    # as well (sakip/dua_langkah.py); set by the kabupaten administrator in Pengaturan Kabupaten.
    wajib_dua_langkah = models.BooleanField("wajib verifikasi dua langkah", default=False)
    # Kabupaten only: the Inspektorat reviews every LKIP before the Camat may sign it (laporan/reviu.py);
    # set by the kabupaten administrator in Pengaturan Kabupaten.
    wajib_reviu_lkip = models.BooleanField("LKIP wajib direviu Inspektorat sebelum ditandatangani", default=False)
    # Kabupaten only: SKM answers without the receipt of a finished request of that service count in the IKM
    # too (by default they are kept apart, marked "tanpa tanda terima", and excluded: layanan.selectors).
    skm_hitung_tanpa_tanda_terima = models.BooleanField("IKM menghitung jawaban SKM tanpa tanda terima", default=False)
    # Kabupaten only, where single sign-on is on (sakip/sso.py): may its people still sign in with a local
    # password? Off: the password form refuses them and points to the SSO button (operators always may).
    masuk_kata_sandi = models.BooleanField("boleh masuk dengan kata sandi aplikasi (selain SSO)", default=True)
    # Kabupaten only: who applies the signature to its documents (laporan/penanda.py). The local PAdES seal of
    # the deployment, or the kabupaten's BSrE service reached through its Esign Client Service: its address and
    # the client account's user name; the client account's password comes from the environment
    # (BSRE_SANDI_<KODE>), never from the database; the signer's passphrase is typed at signing, never stored.
    penanda_tangan = models.CharField(
        "penanda tangan dokumen", max_length=10, choices=PenandaTangan.choices, default=PenandaTangan.LOKAL
    )
    bsre_url = models.URLField("alamat Esign Client Service", max_length=300, blank=True)
    bsre_pengguna = models.CharField("nama pengguna Esign Client Service", max_length=150, blank=True)

    history = HistoricalRecords()

    @property
    def bsre_variabel_sandi(self) -> str:
        """The environment variable holding this kabupaten's Esign Client Service password (BSRE_SANDI_<KODE>,
        the kode in capitals, other characters "_"); `BSRE_SANDI` serves a deployment of one kabupaten."""
        return "BSRE_SANDI_" + re.sub(r"[^A-Z0-9]", "_", self.kode.upper())

    class Meta:
        verbose_name = "unit organisasi"
        verbose_name_plural = "unit organisasi"
        ordering = ["nama"]

    def __str__(self):
        if self.jenis in (self.Kind.KABUPATEN, self.Kind.KECAMATAN):
            return f"{self.get_jenis_display()} {self.nama}"
        return self.nama

    def clean(self):
        allowed_parents = {
            self.Kind.KABUPATEN: {None},
            self.Kind.KECAMATAN: {self.Kind.KABUPATEN},
        }.get(self.jenis, {self.Kind.KECAMATAN, self.Kind.KABUPATEN, self.Kind.SEKRETARIAT})
        parent_kind = self.parent.jenis if self.parent_id else None
        if parent_kind not in allowed_parents:
            raise ValidationError(
                {
                    "parent": "Induk unit tidak sesuai dengan jenis unit (Kabupaten > Kecamatan > Sekretariat/Subbagian/Seksi)."
                }
            )

    def save(self, *args, **kwargs):
        self.kecamatan, self.kabupaten = self._resolve_ancestors()
        super().save(*args, **kwargs)

    def _resolve_ancestors(self):
        if self.jenis == self.Kind.KABUPATEN:
            return None, None
        if self.jenis == self.Kind.KECAMATAN:
            return None, self.parent
        if self.parent is None:
            return None, None
        parent_kecamatan = self.parent if self.parent.jenis == self.Kind.KECAMATAN else self.parent.kecamatan
        parent_kabupaten = self.parent if self.parent.jenis == self.Kind.KABUPATEN else self.parent.kabupaten
        return parent_kecamatan, parent_kabupaten

    @property
    def kecamatan_scope(self):
        """The kecamatan this unit belongs to (itself for a kecamatan), or None at kabupaten level."""
        return self if self.jenis == self.Kind.KECAMATAN else self.kecamatan

    @property
    def kabupaten_scope(self):
        return self if self.jenis == self.Kind.KABUPATEN else self.kabupaten

    @property
    def lambang_data_uri(self) -> str:
        """The lambang as a data: URI (pages and PDFs embed it without a URL to fetch), or "" when none."""
        if not self.lambang:
            return ""
        try:
            with self.lambang.open("rb") as handle:
                content = handle.read()
        except OSError:
            return ""
        kind = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
        return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"

    @property
    def alamat_lengkap(self) -> str:
        return ", ".join(part for part in [self.alamat, f"Kode Pos {self.kode_pos}" if self.kode_pos else ""] if part)


class Position(models.Model):
    """A jabatan in a unit, carrying the role code the permission module and the workflow use."""

    unit = models.ForeignKey(Unit, verbose_name="unit", on_delete=models.PROTECT, related_name="positions")
    nama = models.CharField("nama jabatan", max_length=200)
    role = models.CharField("peran", max_length=30, choices=Role.choices)
    # The kabupaten's Inspektur: the one EVALUATOR position whose holder (or Plt./Plh.) signs the LHE and under
    # whose title the reviu statement is signed (sakip/inspektur.py). At most one per kabupaten.
    inspektur = models.BooleanField("jabatan Inspektur (penanda tangan LHE)", default=False)
    # Denormalised from the unit (see Unit.kecamatan) for one-filter scoping.
    kecamatan = models.ForeignKey(
        Unit, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    kabupaten = models.ForeignKey(
        Unit, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nama"], name="position_unique_name_in_unit"),
            models.UniqueConstraint(
                fields=["kabupaten"], condition=models.Q(inspektur=True), name="position_one_inspektur_per_kabupaten"
            ),
        ]
        indexes = [models.Index(fields=["kecamatan", "role"])]

    def __str__(self):
        return self.nama

    def clean(self):
        if not self.unit_id:
            return
        at_kabupaten = self.unit.jenis == Unit.Kind.KABUPATEN
        if at_kabupaten and self.role not in KABUPATEN_ROLES:
            raise ValidationError(
                {"role": "Jabatan di tingkat kabupaten hanya boleh berperan Administrator atau Evaluator."}
            )
        if not at_kabupaten and self.role in KABUPATEN_ROLES:
            raise ValidationError({"role": "Peran Administrator/Evaluator hanya untuk jabatan di tingkat kabupaten."})
        if self.inspektur and (not at_kabupaten or self.role != Role.EVALUATOR):
            raise ValidationError({"inspektur": "Jabatan Inspektur harus jabatan Evaluator di tingkat kabupaten."})

    def save(self, *args, **kwargs):
        self.kecamatan = self.unit.kecamatan_scope
        self.kabupaten = self.unit.kabupaten_scope
        super().save(*args, **kwargs)


class PegawaiManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username=username)


class Pegawai(AbstractUser):
    """A person who logs in: a civil servant identified by NIP, holding one position."""

    first_name = None
    last_name = None
    nama = models.CharField("nama lengkap dengan gelar", max_length=200)
    nip = models.CharField(
        "NIP",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        help_text="18 digit; boleh diketik dengan spasi seperti pada cetakan.",
    )
    pangkat_golongan = models.CharField("pangkat/golongan", max_length=100, blank=True)
    # The signer's identity at the kabupaten's BSrE service (laporan/penanda.py); sakip/nik.py checks it.
    nik = models.CharField("NIK", max_length=16, unique=True, null=True, blank=True)
    telepon = models.CharField("telepon", max_length=50, blank=True)
    jabatan = models.ForeignKey(
        Position, verbose_name="jabatan", null=True, blank=True, on_delete=models.PROTECT, related_name="holders"
    )
    # Set when the kabupaten administrator gives a temporary password: until the person chooses their own,
    # every page leads to the password change (sakip.account.AccountGateMiddleware).
    harus_ganti_password = models.BooleanField("harus mengganti kata sandi", default=False)

    objects = PegawaiManager()
    # Password hashes never enter the audit trail (backups, history pages).
    history = HistoricalRecords(excluded_fields=["password"])

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]

    def __str__(self):
        return self.nama or self.username

    def get_full_name(self):
        return self.nama

    def get_short_name(self):
        return self.nama.split(",")[0] if self.nama else self.username

    def clean(self):
        super().clean()
        if self.nip:
            try:
                self.nip = nip_rules.validate(self.nip)
            except ValidationError as error:
                raise ValidationError({"nip": error.messages}) from None
        else:
            self.nip = None
        if self.nik:
            try:
                self.nik = nik_rules.validate(self.nik)
            except ValidationError as error:
                raise ValidationError({"nik": error.messages}) from None
        else:
            self.nik = None

    @property
    def nik_samar(self) -> str:
        return nik_rules.samarkan(self.nik) if self.nik else ""

    @property
    def nip_cetak(self) -> str:
        return nip_rules.format_nip(self.nip) if self.nip else ""

    @property
    def nip_peringatan(self) -> list[str]:
        if not self.nip:
            return []
        try:
            return nip_rules.warnings(self.nip)
        except ValidationError as error:
            return error.messages


class DelegationQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(mulai__lte=day, selesai__gte=day)

    def active_now(self):
        return self.active_on(timezone.localdate())


class Delegation(models.Model):
    """An acting official: a position delegated to a person for a date range (Plt./Plh.)."""

    class Kind(models.TextChoices):
        PLT = "PLT", "Plt. (Pelaksana Tugas)"
        PLH = "PLH", "Plh. (Pelaksana Harian)"

    position = models.ForeignKey(
        Position, verbose_name="jabatan yang diwakili", on_delete=models.PROTECT, related_name="delegations"
    )
    pegawai = models.ForeignKey(Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="delegations")
    jenis = models.CharField("jenis", max_length=3, choices=Kind.choices)
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    gelar_tanda_tangan = models.CharField(
        "sebutan saat menandatangani",
        max_length=200,
        blank=True,
        help_text='Misalnya "Plh. CAMAT AWAYAN". Dikosongkan: dibentuk otomatis.',
    )
    dasar = models.CharField("dasar (nomor surat perintah)", max_length=200, blank=True)

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pelaksana tugas/harian"
        verbose_name_plural = "pelaksana tugas/harian"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="delegation_end_after_start"),
        ]
        indexes = [models.Index(fields=["pegawai", "mulai", "selesai"])]

    def __str__(self):
        return f"{self.gelar_tanda_tangan} — {self.pegawai} ({self.mulai:%d-%m-%Y} s.d. {self.selesai:%d-%m-%Y})"

    def clean(self):
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})

    def save(self, *args, **kwargs):
        if not self.gelar_tanda_tangan:
            prefix = "Plt." if self.jenis == self.Kind.PLT else "Plh."
            self.gelar_tanda_tangan = f"{prefix} {self.position.nama.upper()}"
        super().save(*args, **kwargs)


class PemberianKuasa(models.Model):
    """A grant of a signing or evaluating power (a position whose role is in `KUASA_ROLES`): an account created
    in it, a person placed in it, a Plt./Plh. of it, or a temporary password for its holder.

    A kabupaten administrator only asks; a second person (another administrator of the kabupaten, or an
    operator) confirms, and only then is it applied (pengaturan.services `kuasa_setujui`). Operators' own
    grants are applied at once and recorded here all the same. Every row stays: the record of who granted
    which power to whom, asked by whom.
    """

    class Jenis(models.TextChoices):
        AKUN_BARU = "akun_baru", "Akun baru pada jabatan"
        PINDAH_JABATAN = "pindah_jabatan", "Penempatan pada jabatan"
        DELEGASI = "delegasi", "Penunjukan Plt./Plh."
        DELEGASI_UBAH = "delegasi_ubah", "Perubahan Plt./Plh."
        RESET_SANDI = "reset_sandi", "Kata sandi sementara pemegang jabatan"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu persetujuan"
        DITERAPKAN = "diterapkan", "Disetujui dan diterapkan"
        DITOLAK = "ditolak", "Ditolak"

    kabupaten = models.ForeignKey(Unit, verbose_name="kabupaten", on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Position, verbose_name="jabatan", on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    # The person concerned (for an account still to be created: set when it is created).
    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delegasi = models.ForeignKey(
        Delegation, verbose_name="Plt./Plh.", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What is to be applied: the account's fields, or the delegation's (dates as ISO text). Never a password.
    data = models.JSONField("data", default=dict, blank=True)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    diminta_oleh = models.ForeignKey(Pegawai, verbose_name="diminta oleh", on_delete=models.PROTECT, related_name="+")
    diminta_pada = models.DateTimeField("diminta pada", auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        Pegawai, verbose_name="diputus oleh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diputus_pada = models.DateTimeField("diputus pada", null=True, blank=True)
    alasan_tolak = models.TextField("alasan ditolak", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pemberian kuasa"
        verbose_name_plural = "pemberian kuasa"
        ordering = ["-diminta_pada", "-pk"]
        indexes = [models.Index(fields=["kabupaten", "status"])]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.jabatan} ({self.get_status_display()})"

    @property
    def nama_pegawai(self) -> str:
        return str(self.pegawai) if self.pegawai_id else self.data.get("nama", "")

    def _tanggal(self, key: str):
        value = self.data.get(key)
        return datetime.date.fromisoformat(value) if value else None

    @property
    def mulai(self):
        """The first day of a Plt./Plh. asked for (None for other grants)."""
        return self._tanggal("mulai")

    @property
    def selesai(self):
        return self._tanggal("selesai")
