from django import forms

from laporan.models import Report
from sakip import forms as sakip_forms
from sakip.formatting import format_tanggal


class BuatLaporanForm(sakip_forms.Form):
    kind = forms.ChoiceField(
        label="Jenis laporan",
        choices=[c for c in Report.Kind.choices if c[0] not in (Report.Kind.LHE, Report.Kind.PK_JABATAN)],
    )  # the LHE is made in Evaluasi
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    periode = forms.IntegerField(
        label="Triwulan/semester",
        min_value=0,
        max_value=4,
        required=False,
        help_text="Isi 1–4 untuk laporan triwulan, monitoring SOP dan SKM, 1–2 untuk semester; kosongkan untuk laporan tahunan.",
    )

    def __init__(self, *args, kecamatan_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kecamatan_choices is not None:
            self.fields["kecamatan"] = forms.ChoiceField(label="Kecamatan", choices=kecamatan_choices)
            self.order_fields(["kecamatan", "kind", "tahun", "periode"])


class NarasiForm(sakip_forms.Form):
    """One textarea per narrative section of the report; fields are built from the report's sections."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in sections:
            self.fields[key] = forms.CharField(
                label=title,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text='Pisahkan paragraf dengan baris kosong; awali baris dengan "- " untuk daftar.',
            )


class TandaTanganForm(sakip_forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,  # a password may begin or end with spaces; compared exactly as typed
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menandatangani laporan.",
    )

    alasan_terlambat = forms.CharField(
        label="Alasan ditandatangani terlambat",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, bsre: bool = False, terlambat=None, **kwargs):
        """`bsre`: the kabupaten signs with BSrE (laporan/penanda.py), so the secret asked for is the signer's
        certificate passphrase, sent to the signing service only. `terlambat`: the deadline the signature is past
        (laporan/batas.py), so a reason is asked for; without it the field is not shown."""
        super().__init__(*args, **kwargs)
        if terlambat is None:
            del self.fields["alasan_terlambat"]
        else:
            self.fields["alasan_terlambat"].required = True
            self.fields["alasan_terlambat"].help_text = (
                f"Batas penandatanganan dokumen ini {format_tanggal(terlambat)}. Alasan dicatat bersama tanda tangan "
                "dan ditampilkan pada halaman verifikasi; tanggal yang tercetak adalah tanggal penandatanganan."
            )
        if bsre:
            field = self.fields["password"]
            field.label = PASSPHRASE_LABEL
            field.help_text = PASSPHRASE_HELP
            field.widget.attrs["autocomplete"] = "off"


PASSPHRASE_LABEL = "Passphrase sertifikat elektronik (BSrE)"
PASSPHRASE_HELP = (
    "Passphrase sertifikat elektronik Anda dari BSrE (bukan kata sandi aplikasi). Passphrase dikirim ke layanan "
    "tanda tangan elektronik kabupaten dan tidak disimpan."
)


class PerubahanForm(sakip_forms.Form):
    alasan = forms.CharField(label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class VerifikasiUnggahForm(sakip_forms.Form):
    berkas = forms.FileField(
        label="Berkas PDF yang akan diperiksa",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class KembalikanForm(sakip_forms.Form):
    alasan = forms.CharField(
        label="Alasan pengembalian",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Alasan tampil pada Beranda Kasubbag Perencanaan dan tercatat pada riwayat laporan.",
    )


class PihakKeduaForm(sakip_forms.Form):
    """The Bupati's signature on a PK: the scan of the paper both parties signed."""

    pindaian = forms.FileField(
        label="Pindaian PK yang telah ditandatangani kedua pihak (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    nama = forms.CharField(label="Nama pihak kedua", max_length=200)
    jabatan = forms.CharField(label="Jabatan pihak kedua", max_length=200)
    tanggal = forms.DateField(
        label="Tanggal ditandatangani pihak kedua",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ReviuForm(sakip_forms.Form):
    """The Inspektorat's review of a submitted LKIP (laporan/reviu.py): the checklist, notes per chapter and,
    depending on the button, a reason to return it or the password to sign the Pernyataan Telah Direviu."""

    alasan = forms.CharField(
        label="Alasan pengembalian", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    password = forms.CharField(
        label="Kata sandi Anda",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menandatangani Pernyataan Telah Direviu.",
    )

    def __init__(self, *args, **kwargs):
        from laporan.reviu import BAB, DAFTAR_PERIKSA

        super().__init__(*args, **kwargs)
        for key, label in DAFTAR_PERIKSA:
            self.fields[f"periksa_{key}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"alasan_periksa_{key}"] = forms.CharField(
                label=f"Alasan menyatakan terpenuhi ({label})",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Wajib bila temuan aplikasi menyatakan lain; dicetak dalam Pernyataan Telah Direviu.",
            )
        for key, label in BAB:
            self.fields[f"catatan_{key}"] = forms.CharField(
                label=f"Catatan {label}", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def periksa(self) -> dict[str, bool]:
        from laporan.reviu import DAFTAR_PERIKSA

        return {key: bool(self.cleaned_data.get(f"periksa_{key}")) for key, _ in DAFTAR_PERIKSA}

    def catatan(self) -> dict[str, str]:
        from laporan.reviu import BAB

        return {key: self.cleaned_data.get(f"catatan_{key}", "") for key, _ in BAB}

    def alasan_periksa(self) -> dict[str, str]:
        from laporan.reviu import DAFTAR_PERIKSA

        return {key: self.cleaned_data.get(f"alasan_periksa_{key}", "") for key, _ in DAFTAR_PERIKSA}
