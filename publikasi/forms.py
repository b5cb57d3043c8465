from django import forms

from laporan.models import Report
from sakip.forms import Form

# Kinds a kabupaten may publish: every signed document except the Inspektorat's LHE, which is addressed to the
# kecamatan (its result reaches the public through the LKIP of the next year).
PILIHAN = [(kind, label) for kind, label in Report.Kind.choices if kind != Report.Kind.LHE]


class PengaturanPublikasiForm(Form):
    jenis = forms.MultipleChoiceField(
        label="Jenis dokumen yang dipublikasikan saat ditandatangani",
        choices=PILIHAN,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    noindex = forms.BooleanField(
        label="Minta mesin pencari tidak mengindeks halaman publik",
        required=False,
        help_text="Dokumen tetap dapat dibuka siapa pun melalui alamatnya.",
    )
