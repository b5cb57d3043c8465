from django import forms

from layanan.ikm import UNSUR
from sakip.forms import Form


class SurveiForm(Form):
    """The nine questions of the regulation's questionnaire, an optional comment and receipt code."""

    saran = forms.CharField(
        label="Saran dan masukan (tidak wajib)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kode_tanda_terima = forms.CharField(
        label="Kode tanda terima (tidak wajib)",
        required=False,
        max_length=64,
        help_text="Jika tercantum pada tanda terima layanan Anda. Satu kode tanda terima untuk satu penilaian.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for unsur in UNSUR:
            pesan = f"Unsur {unsur.nomor} ({unsur.nama}): pilih salah satu jawaban."
            self.fields[f"u{unsur.nomor}"] = forms.TypedChoiceField(
                label=f"{unsur.nomor}. {unsur.pertanyaan}",
                choices=[(str(i), label) for i, label in enumerate(unsur.jawaban, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": pesan, "invalid_choice": pesan},
            )
        self.order_fields([f"u{u.nomor}" for u in UNSUR] + ["saran", "kode_tanda_terima"])

    def unsur_fields(self):
        return [(unsur, self[f"u{unsur.nomor}"]) for unsur in UNSUR]


class LayananForm(Form):
    nama = forms.CharField(label="Nama layanan", max_length=200, help_text="Misalnya: Pelayanan KTP.")
