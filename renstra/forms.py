"""Forms of the RPJMD and Renstra pages. Numbers go through the one parser (sakip.angka)."""

from django import forms

from renstra import skala as skala_kabupaten
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
            existing = {t.tahun: t for t in self.instance.target.all()}
        for tahun in self.years:
            row = existing.get(tahun)
            self.fields[f"target_{tahun}"] = AngkaField(label=f"Target {tahun}", initial=row.nilai if row else None)
        # Qualitative targets (renstra/skala.py): only when the kabupaten has scales.
        self.skala_list = skala_kabupaten.skala_kabupaten(renstra.kecamatan.kabupaten_id)
        if self.skala_list:
            self.fields["skala"] = forms.TypedChoiceField(
                label="Skala kualitatif",
                choices=[("", "Tidak — target berupa angka")]
                + [(s.id, f"{s.nama} ({s.pilihan_teks})") for s in self.skala_list],
                coerce=int,
                empty_value=None,
                required=False,
                initial=self.instance.skala,
                help_text="Untuk indikator kualitatif (mis. opini BPK), isi tingkat pada skala sebagai target.",
            )
            level_fields = [
                ("kondisi_awal_level", "Kondisi awal (tingkat)", self.instance.kondisi_awal_level),
                *(
                    (f"level_{t}", f"Target {t} (tingkat)", existing[t].level if t in existing else "")
                    for t in self.years
                ),
                ("target_akhir_level", "Target akhir periode (tingkat)", self.instance.target_akhir_level),
            ]
            for name, label, initial in level_fields:
                self.fields[name] = forms.CharField(label=label, max_length=60, required=False, initial=initial)

    @property
    def skala_dipilih(self) -> bool:
        return bool(self.cleaned_data.get("skala"))

    def targets(self) -> dict:
        if self.skala_dipilih:
            return {tahun: self.cleaned_data.get(f"level_{tahun}") or None for tahun in self.years}
        return {tahun: self.cleaned_data.get(f"target_{tahun}") for tahun in self.years}

    def data_indikator(self) -> dict:
        """The indicator's fields for renstra.services.indikator_simpan (with the scale's when one is offered)."""
        data = {name: self.cleaned_data[name] for name in INDIKATOR_FIELDS}
        if self.skala_list:
            data["skala"] = self.cleaned_data.get("skala")
            data["kondisi_awal_level"] = self.cleaned_data.get("kondisi_awal_level", "")
            data["target_akhir_level"] = self.cleaned_data.get("target_akhir_level", "")
        return data


class TetapkanForm(sakip_forms.Form):
    """Establishing the Renstra is the Camat's act: the password is typed again, exactly as typed."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Masukkan kembali kata sandi untuk menetapkan Renstra.",
        error_messages={"required": "Masukkan kata sandi Anda untuk menetapkan Renstra."},
    )
