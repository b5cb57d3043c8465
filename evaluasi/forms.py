"""Forms of the evaluation pages. The per-criterion answers are read by the view (one field set per
criterion) and checked by evaluasi/services.py."""

from django import forms

from evaluasi.models import Komponen
from laporan.forms import PASSPHRASE_HELP, PASSPHRASE_LABEL
from sakip import forms as sakip_forms
from sakip.models import Position, Unit


class BukaForm(sakip_forms.Form):
    kecamatan = forms.ModelChoiceField(label="Kecamatan", queryset=Unit.objects.none())
    tahun = forms.IntegerField(label="Tahun yang dievaluasi", min_value=2000, max_value=2100)

    def __init__(self, *args, kecamatan_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = kecamatan_qs


class BuktiForm(sakip_forms.Form):
    berkas = forms.FileField(label="Berkas bukti (PDF, JPG, PNG, XLSX atau DOCX)")


class KembalikanForm(sakip_forms.Form):
    alasan = forms.CharField(
        label="Alasan pengembalian",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": "Alasan pengembalian wajib diisi."},
    )


class TemuanForm(sakip_forms.Form):
    temuan = forms.CharField(label="Temuan", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)


class SuratLheForm(sakip_forms.Form):
    """The LHE letter's head (evaluasi/lhe.py), typed before the letter is rendered."""

    nomor = forms.CharField(label="Nomor surat", max_length=100, required=False)
    sifat = forms.CharField(label="Sifat", max_length=50, required=False)
    lampiran = forms.CharField(label="Lampiran", max_length=100, required=False)
    tembusan = forms.CharField(
        label="Tembusan (satu per baris)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class RekomendasiForm(sakip_forms.Form):
    # Bootstrap's classes keep each field within the screen on a phone (the bare select was 410 px wide at 390).
    rekomendasi = forms.CharField(
        label="Rekomendasi", widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}), max_length=4000
    )
    komponen = forms.ModelChoiceField(
        label="Komponen",
        queryset=Komponen.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    pemilik = forms.ModelChoiceField(
        label="Penanggung jawab", queryset=Position.objects.none(), widget=forms.Select(attrs={"class": "form-select"})
    )
    batas_waktu = forms.DateField(
        label="Batas waktu", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )

    def __init__(self, *args, evaluasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["komponen"].queryset = Komponen.objects.filter(kriteria_set_id=evaluasi.kriteria_set_id)
        self.fields["pemilik"].queryset = Position.objects.filter(kecamatan_id=evaluasi.kecamatan_id).order_by("nama")


class TandaTanganForm(sakip_forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Masukkan kata sandi Anda untuk menandatangani LHE."},
    )

    def __init__(self, *args, bsre: bool = False, **kwargs):
        """`bsre`: the kabupaten signs with BSrE (laporan/penanda.py): the evaluator's certificate passphrase is
        asked for instead, and sent to the signing service only."""
        super().__init__(*args, **kwargs)
        if bsre:
            field = self.fields["password"]
            field.label = PASSPHRASE_LABEL
            field.help_text = PASSPHRASE_HELP
            field.error_messages["required"] = (
                "Masukkan passphrase sertifikat elektronik Anda untuk menandatangani LHE."
            )
            field.widget.attrs["autocomplete"] = "off"


class TindakLanjutForm(sakip_forms.Form):
    catatan = forms.CharField(
        label="Catatan tindak lanjut", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    selesai = forms.BooleanField(label="Rekomendasi telah selesai ditindaklanjuti", required=False)
    berkas = forms.FileField(label="Bukti tindak lanjut (opsional)", required=False)
