"""Forms of the RPJMD and Renstra pages. Numbers go through the one parser (sakip.angka)."""

from django import forms

from renstra.models import IndikatorRenstra, SasaranRpjmd, TujuanRenstra
from renstra.services import INDIKATOR_FIELDS
from sakip import forms as sakip_forms
from sakip.forms import AngkaField
from sakip.models import Position


class RpjmdForm(sakip_forms.Form):
    tahun_awal = forms.IntegerField(label="Tahun awal periode", min_value=2000, max_value=2100)
    visi = forms.CharField(label="Visi", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)


class UraianForm(sakip_forms.Form):
    uraian = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, label="Uraian", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].label = label


class SasaranForm(sakip_forms.Form):
    tujuan = forms.ModelChoiceField(label="Tujuan", queryset=TujuanRenstra.objects.none())
    sasaran_rpjmd = forms.ModelChoiceField(label="Sasaran RPJMD yang didukung", queryset=SasaranRpjmd.objects.none())
    uraian = forms.CharField(label="Sasaran strategis", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = TujuanRenstra.objects.filter(renstra=renstra)
        self.fields["tujuan"].label_from_instance = lambda t: f"{t.urutan}. {t.uraian}"
        self.fields["sasaran_rpjmd"].queryset = SasaranRpjmd.objects.filter(rpjmd_id=renstra.rpjmd_id)
        self.fields["sasaran_rpjmd"].label_from_instance = lambda s: f"{s.urutan}. {s.uraian}"


class IndikatorForm(sakip_forms.ModelForm):
    kondisi_awal = AngkaField(label="Kondisi awal (baseline)")
    target_akhir = AngkaField(label="Target akhir periode")

    class Meta:
        model = IndikatorRenstra
        fields = list(INDIKATOR_FIELDS)
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].max_length = 4000
        self.fields["penanggung_jawab"].queryset = Position.objects.filter(kecamatan=renstra.kecamatan_id).order_by(
            "nama"
        )
        self.years = renstra.tahun_list
        existing = {}
        if self.instance.pk:
            existing = {t.tahun: t.nilai for t in self.instance.target.all()}
        for tahun in self.years:
            self.fields[f"target_{tahun}"] = AngkaField(label=f"Target {tahun}", initial=existing.get(tahun))

    def targets(self) -> dict:
        return {tahun: self.cleaned_data.get(f"target_{tahun}") for tahun in self.years}


class TetapkanForm(sakip_forms.Form):
    """Establishing the Renstra is the Camat's act: the password is typed again, exactly as typed."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menetapkan Renstra.",
        error_messages={"required": "Masukkan kata sandi Anda untuk menetapkan Renstra."},
    )
