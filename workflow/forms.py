from django import forms

from sakip import forms as sakip_forms
from sop.models import SopRevision


class StartRunForm(sakip_forms.Form):
    revision = forms.ModelChoiceField(queryset=SopRevision.objects.none(), label="SOP yang dijalankan")
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label="Periode",
        coerce=int,
        choices=[(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV"), (0, "Tahunan")],
    )

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = revisions
        self.fields["revision"].label_from_instance = lambda r: f"{r.nama} ({r.nomor})"
