from django import forms

from sakip.forms import Form


class PermohonanForm(Form):
    """One applicant at the counter: the service, the name, the NIK (optional, stored masked), a contact."""

    revision = forms.TypedChoiceField(label="Layanan", coerce=int, widget=forms.RadioSelect)
    nama_pemohon = forms.CharField(label="Nama pemohon", max_length=200)
    nik = forms.CharField(
        label="NIK (tidak wajib)",
        required=False,
        max_length=32,
        help_text="16 angka. Hanya empat angka pertama dan terakhir yang disimpan.",
    )
    kontak = forms.CharField(label="Telepon/email (tidak wajib)", required=False, max_length=100)

    def __init__(self, *args, revisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].choices = [(r.pk, r.nama) for r in revisions]
        if len(self.fields["revision"].choices) == 1:
            self.fields["revision"].initial = self.fields["revision"].choices[0][0]


class StatusForm(Form):
    kode = forms.CharField(label="Kode tanda terima", max_length=32)
