"""Forms of the kabupaten administrator's pages. Every choice list is limited to one kabupaten; the
services check the chosen objects again (a forged id from another kabupaten is refused twice)."""

from django import forms

from pengaturan import selectors
from sakip.forms import NIP_HELP, AngkaField, NipField
from sakip.forms import Form as SakipForm
from sakip.models import Delegation, Pegawai, Unit
from sakip.roles import Role

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BaseForm(SakipForm):
    """Text fields refuse control characters (sakip.forms.TeksBersihMixin), with the field's name in the message."""

    def apply_errors(self, error) -> None:
        """Put a service refusal (PengaturanError) on the fields it names, else at the top of the form."""
        fields = getattr(error, "errors", None) or {}
        if not isinstance(fields, dict) or not fields:
            self.add_error(None, error.message)
            return
        for field, message in fields.items():
            self.add_error(field if field in self.fields else None, message)

    def labelled_errors(self) -> list[str]:
        """Every error as "Label: message", for the summary at the top of the page."""
        result = [str(m) for m in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            label = self.fields[name].label if name in self.fields else name
            result.extend(f"{label}: {m}" for m in errors)
        return result


class IdentitasForm(BaseForm):
    nama = forms.CharField(label="Nama kecamatan", max_length=200)
    alamat = forms.CharField(label="Alamat kantor", max_length=300, required=False)
    kode_pos = forms.CharField(label="Kode pos", max_length=10, required=False)
    telepon = forms.CharField(label="Telepon", max_length=50, required=False)
    email = forms.EmailField(label="Email", required=False, error_messages={"invalid": "Alamat email tidak sah."})
    website = forms.CharField(label="Website", max_length=200, required=False)
    ibukota = forms.CharField(
        label="Ibu kota kabupaten",
        max_length=100,
        required=False,
        help_text="Tempat penandatanganan dokumen Inspektorat (LHE, pernyataan telah direviu), mis. Paringin.",
    )
    lambang = forms.FileField(
        label="Lambang daerah (PNG atau JPEG)",
        required=False,
        help_text="Dicetak pada dokumen. Paling besar 2 MB dan 4000 × 4000 piksel.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    hapus_lambang = forms.BooleanField(label="Hapus lambang yang tersimpan", required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        if unit.jenis == Unit.Kind.KABUPATEN:
            self.fields["nama"].label = "Nama kabupaten"
        else:
            del self.fields["ibukota"]
        if not unit.lambang:
            del self.fields["hapus_lambang"]


class UnitForm(BaseForm):
    parent = forms.ModelChoiceField(label="Induk unit", queryset=Unit.objects.none())
    jenis = forms.ChoiceField(label="Jenis unit", choices=[c for c in Unit.Kind.choices if c[0] != Unit.Kind.KABUPATEN])
    nama = forms.CharField(label="Nama unit", max_length=200)

    def __init__(self, *args, kabupaten: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            selectors.units_of(kabupaten)
            .filter(jenis__in=[Unit.Kind.KABUPATEN, Unit.Kind.KECAMATAN, Unit.Kind.SEKRETARIAT])
            .order_by("kecamatan__nama", "nama")
        )
        self.fields["parent"].label_from_instance = _unit_label


def _unit_label(unit: Unit) -> str:
    if unit.jenis in (Unit.Kind.KABUPATEN, Unit.Kind.KECAMATAN):
        return str(unit)
    return f"{unit.nama} ({unit.kecamatan or unit.kabupaten})"


class UnitUbahForm(BaseForm):
    nama = forms.CharField(label="Nama unit", max_length=200)


class JabatanForm(BaseForm):
    unit = forms.ModelChoiceField(label="Unit", queryset=Unit.objects.none())
    nama = forms.CharField(label="Nama jabatan", max_length=200)
    role = forms.ChoiceField(
        label="Peran", choices=Role.choices, help_text="Menentukan apa yang dapat dilakukan pemegang jabatan."
    )

    def __init__(self, *args, kabupaten: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_of(kabupaten).order_by("kecamatan__nama", "nama")
        self.fields["unit"].label_from_instance = _unit_label


class JabatanUbahForm(BaseForm):
    nama = forms.CharField(label="Nama jabatan", max_length=200)
    role = forms.ChoiceField(label="Peran", choices=Role.choices)


def _position_label(position) -> str:
    where = position.unit.kecamatan or position.unit.kabupaten or position.unit
    return f"{position.nama} — {position.unit.nama}" + ("" if where == position.unit else f" ({where.nama})")


class PegawaiForm(BaseForm):
    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        help_text="Untuk masuk ke aplikasi, misalnya nip atau nama.depan; huruf, angka dan . @ + - _",
    )
    nama = forms.CharField(label="Nama lengkap dengan gelar", max_length=200)
    nip = NipField(label="NIP", required=False, max_length=30, help_text=NIP_HELP)
    nik = forms.CharField(
        label="NIK (untuk tanda tangan elektronik BSrE)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text="16 digit sesuai KTP-el; diperlukan bila penandatangan memakai sertifikat elektronik BSrE.",
    )
    hapus_nik = forms.BooleanField(label="Hapus NIK yang tercatat", required=False)
    pangkat_golongan = forms.CharField(label="Pangkat/golongan", max_length=100, required=False)
    email = forms.EmailField(label="Email", required=False, error_messages={"invalid": "Alamat email tidak sah."})
    telepon = forms.CharField(label="Telepon", max_length=50, required=False)
    jabatan = forms.ModelChoiceField(label="Jabatan", queryset=Unit.objects.none())

    field_order = ["username", "nama", "nip", "nik", "hapus_nik", "pangkat_golongan", "email", "telepon", "jabatan"]

    def __init__(self, *args, kabupaten: Unit, create: bool, nik_tercatat: str = "", **kwargs):
        """`nik_tercatat`: the recorded NIK, masked (sakip/nik.py); the page never shows it whole, so the field
        stays empty and an empty field keeps it."""
        super().__init__(*args, **kwargs)
        if nik_tercatat:
            self.fields["nik"].widget.attrs["placeholder"] = nik_tercatat
            self.fields[
                "nik"
            ].help_text = f"Tercatat: {nik_tercatat}. Kosongkan agar tetap; ketik NIK lengkap untuk menggantinya."
        else:
            del self.fields["hapus_nik"]
        positions = selectors.positions_of(kabupaten).select_related("unit__kecamatan", "unit__kabupaten")
        self.fields["jabatan"].queryset = positions
        self.fields["jabatan"].label_from_instance = _position_label
        if not create:
            del self.fields["username"]


class DelegasiForm(BaseForm):
    position = forms.ModelChoiceField(label="Jabatan yang diwakili", queryset=Unit.objects.none())
    pegawai = forms.ModelChoiceField(label="Pegawai yang ditunjuk", queryset=Pegawai.objects.none())
    jenis = forms.ChoiceField(label="Jenis", choices=Delegation.Kind.choices)
    mulai = forms.DateField(label="Mulai", widget=DATE)
    selesai = forms.DateField(label="Selesai", widget=DATE)
    dasar = forms.CharField(label="Dasar (nomor surat perintah)", max_length=200, required=False)
    gelar_tanda_tangan = forms.CharField(
        label="Sebutan saat menandatangani",
        max_length=200,
        required=False,
        help_text='Misalnya "Plh. CAMAT AWAYAN". Dikosongkan: dibentuk otomatis dari nama jabatan.',
    )

    def __init__(self, *args, kabupaten: Unit, create: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if create:
            self.fields["position"].queryset = selectors.positions_of(kabupaten).select_related(
                "unit__kecamatan", "unit__kabupaten"
            )
            self.fields["position"].label_from_instance = _position_label
            self.fields["pegawai"].queryset = selectors.people_of(kabupaten, status="aktif")
            self.fields["pegawai"].label_from_instance = lambda p: (
                f"{p.nama} — {p.jabatan.nama}" if p.jabatan_id else p.nama
            )
        else:
            del self.fields["position"]
            del self.fields["pegawai"]

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        return data


class JamKerjaForm(BaseForm):
    """Office hours per weekday: both times, or neither (no office that day)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for no, nama in enumerate(selectors.HARI):
            self.fields[f"hari_{no}_masuk"] = forms.TimeField(label=f"{nama}: jam masuk", required=False, widget=TIME)
            self.fields[f"hari_{no}_pulang"] = forms.TimeField(label=f"{nama}: jam pulang", required=False, widget=TIME)

    def clean(self):
        data = super().clean()
        for no, nama in enumerate(selectors.HARI):
            masuk, pulang = data.get(f"hari_{no}_masuk"), data.get(f"hari_{no}_pulang")
            if (masuk is None) != (pulang is None) and f"hari_{no}_masuk" not in self.errors:
                field = f"hari_{no}_pulang" if pulang is None else f"hari_{no}_masuk"
                self.add_error(field, f"{nama}: isi jam masuk dan jam pulang, atau kosongkan keduanya (hari libur).")
        return data

    def jam_kerja(self) -> dict:
        data = self.cleaned_data
        return {
            no: (data[f"hari_{no}_masuk"], data[f"hari_{no}_pulang"])
            if data.get(f"hari_{no}_masuk") and data.get(f"hari_{no}_pulang")
            else None
            for no in range(7)
        }

    def bound_days(self) -> list[dict]:
        return [
            {"nama": nama, "masuk": self[f"hari_{no}_masuk"], "pulang": self[f"hari_{no}_pulang"]}
            for no, nama in enumerate(selectors.HARI)
        ]


class LiburForm(BaseForm):
    tanggal = forms.DateField(label="Tanggal", widget=DATE)
    nama = forms.CharField(
        label="Keterangan",
        max_length=200,
        help_text="Misalnya: Cuti bersama Idul Fitri, Hari Jadi Kabupaten.",
    )


PREDIKAT_ROWS = 7


class PredikatForm(BaseForm):
    """Up to PREDIKAT_ROWS bands; a row with both cells blank is ignored."""

    def __init__(self, *args, rows: int = PREDIKAT_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            self.fields[f"batas_{i}"] = AngkaField(label=f"Baris {i + 1}: capaian paling rendah (%)", places=2)
            self.fields[f"predikat_{i}"] = forms.CharField(
                label=f"Baris {i + 1}: predikat", max_length=60, required=False
            )
        # AngkaField is a CharField: the control-character check above applies to it too.

    def clean(self):
        data = super().clean()
        for i in range(self.rows):
            batas, label = data.get(f"batas_{i}"), (data.get(f"predikat_{i}") or "").strip()
            if f"batas_{i}" in self.errors:
                continue
            if batas is None and label:
                self.add_error(f"batas_{i}", "Isi batas bawah capaian untuk predikat ini.")
            elif batas is not None and not label:
                self.add_error(f"predikat_{i}", "Isi nama predikat untuk batas ini.")
        return data

    def filled_rows(self) -> list[int]:
        data = self.cleaned_data
        return [
            i
            for i in range(self.rows)
            if data.get(f"batas_{i}") is not None and (data.get(f"predikat_{i}") or "").strip()
        ]

    def bands(self) -> list[tuple]:
        data = self.cleaned_data
        return [(data[f"batas_{i}"], data[f"predikat_{i}"].strip()) for i in self.filled_rows()]

    def apply_errors(self, error) -> None:
        """The service numbers bands in the order given; put its errors back on the rows they came from."""
        rows = self.filled_rows()
        renamed = {}
        for key, message in (getattr(error, "errors", None) or {}).items():
            name, _, index = key.rpartition("_")
            if name in ("batas", "predikat") and index.isdigit() and int(index) < len(rows):
                key = f"{name}_{rows[int(index)]}"
            renamed[key] = message
        error.errors = renamed
        super().apply_errors(error)

    def bound_rows(self) -> list[dict]:
        return [{"batas": self[f"batas_{i}"], "predikat": self[f"predikat_{i}"]} for i in range(self.rows)]


class DuaLangkahForm(BaseForm):
    wajib = forms.BooleanField(
        label="Wajib verifikasi dua langkah",
        required=False,
        help_text=(
            "Camat, administrator kabupaten dan evaluator memasukkan kode 6 angka dari aplikasi autentikator "
            "setiap kali masuk, selain kata sandi."
        ),
    )


class MasukSsoForm(BaseForm):
    wajib = forms.BooleanField(
        label="Izinkan masuk dengan kata sandi aplikasi",
        required=False,
        help_text=(
            "Bila tidak dicentang, pegawai kabupaten ini hanya dapat masuk melalui SSO kabupaten. Kata sandi "
            "aplikasi tetap dipakai untuk menandatangani dokumen."
        ),
    )


class ReviuLkipForm(BaseForm):
    wajib = forms.BooleanField(
        label="LKIP wajib direviu Inspektorat sebelum ditandatangani Camat",
        required=False,
        help_text=(
            "Setelah LKIP diajukan, evaluator Inspektorat mereviu naskahnya dan menandatangani Pernyataan Telah "
            "Direviu yang dilampirkan pada LKIP; Camat baru dapat menandatangani setelah itu."
        ),
    )


class TolakKuasaForm(BaseForm):
    alasan = forms.CharField(label="Alasan penolakan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class SkmForm(BaseForm):
    wajib = forms.BooleanField(
        label="Hitung juga jawaban SKM tanpa tanda terima dalam IKM",
        required=False,
        help_text=(
            "Biasanya tidak: yang dihitung hanya jawaban yang memuat kode tanda terima permohonan layanan yang sama "
            "yang telah selesai, satu jawaban per tanda terima. Jawaban lain disimpan terpisah dan ditandai."
        ),
    )


class PenandaTanganForm(BaseForm):
    penanda_tangan = forms.ChoiceField(
        label="Penanda tangan dokumen",
        choices=Unit.PenandaTangan.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Segel elektronik instansi membuktikan keutuhan berkas; tanda tangan BSrE memakai sertifikat elektronik "
            "pribadi penandatangan (NIK dan passphrase) dan berkekuatan hukum sebagai tanda tangan elektronik "
            "tersertifikasi."
        ),
    )
    bsre_url = forms.CharField(
        label="Alamat Esign Client Service",
        max_length=300,
        required=False,
        help_text="Alamat layanan di jaringan kabupaten, misalnya http://10.10.1.5:8080 (tanpa /api/...).",
    )
    bsre_pengguna = forms.CharField(
        label="Nama pengguna Esign Client Service",
        max_length=150,
        required=False,
        help_text="Akun aplikasi ini pada Esign Client Service (bukan akun penandatangan).",
    )


class NomenklaturUnggahForm(BaseForm):
    """A replacement nomenclature list for the kabupaten (kinerja/services/nomenklatur.py `unggah`)."""

    berkas = forms.FileField(
        label="Daftar nomenklatur (XLSX atau CSV)",
        help_text="Satu baris per kode di bawah baris judul kolom Kode dan Nomenklatur (atau Uraian); kolom "
        "Berlaku mulai dan Berlaku sampai boleh ada untuk kode yang dibatasi tahunnya. Baris urusan dan bidang "
        "dilewati.",
    )
    lembar = forms.CharField(
        label="Nama lembar",
        max_length=100,
        required=False,
        help_text="Untuk buku kerja dengan beberapa lembar; kosongkan untuk membaca lembar pertama.",
    )
    nama = forms.CharField(
        label="Nama versi", max_length=300, initial="Nomenklatur program, kegiatan dan sub kegiatan kabupaten"
    )
    sumber = forms.CharField(
        label="Dasar hukum",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mis. Keputusan Menteri Dalam Negeri Nomor 900.1.15.5-1317 Tahun 2023.",
    )
    berlaku_mulai = forms.IntegerField(label="Berlaku mulai tahun", min_value=2000, max_value=2100)
    berlaku_sampai = forms.IntegerField(
        label="Berlaku sampai tahun",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Kosongkan bila berlaku sampai diganti versi berikutnya.",
    )


class NomenklaturTerapkanForm(BaseForm):
    sha256 = forms.CharField(label="Sidik berkas (SHA-256)", widget=forms.HiddenInput, max_length=64)
