from django import forms

from layanan.ikm import UMUR_MAKS, UMUR_MIN, UNSUR, JenisKelamin, Pekerjaan, Pendidikan
from layanan.services import PESAN_PROFIL
from sakip.forms import Form

PROFIL_FIELDS = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan")


def _pilihan(name: str, label: str, choices, widget) -> forms.ChoiceField:
    pesan = PESAN_PROFIL[name]
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=widget,
        error_messages={"required": pesan, "invalid_choice": pesan},
    )


class SurveiForm(Form):
    """The regulation's questionnaire: the respondent's profile (four questions, required), the nine
    questions, an optional comment and receipt code."""

    umur = forms.IntegerField(
        label="Umur (tahun)",
        min_value=UMUR_MIN,
        max_value=UMUR_MAKS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            key: PESAN_PROFIL["umur"] for key in ("required", "invalid", "min_value", "max_value", "max_digits")
        },
    )
    jenis_kelamin = _pilihan("jenis_kelamin", "Jenis kelamin", JenisKelamin.choices, forms.RadioSelect)
    pendidikan = _pilihan("pendidikan", "Pendidikan terakhir", [("", "— pilih —"), *Pendidikan.choices], forms.Select)
    pekerjaan = _pilihan("pekerjaan", "Pekerjaan", [("", "— pilih —"), *Pekerjaan.choices], forms.Select)
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
        self.order_fields([*PROFIL_FIELDS, *(f"u{u.nomor}" for u in UNSUR), "saran", "kode_tanda_terima"])

    def profil_pilihan(self):
        return [self["pendidikan"], self["pekerjaan"]]

    def unsur_fields(self):
        return [(unsur, self[f"u{unsur.nomor}"]) for unsur in UNSUR]


class LayananForm(Form):
    nama = forms.CharField(label="Nama layanan", max_length=200, help_text="Misalnya: Pelayanan KTP.")
