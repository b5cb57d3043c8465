from django import forms

from kepegawaian.berkas import KOLOM, WAJIB
from pengaturan.forms import BaseForm


class UnggahForm(BaseForm):
    berkas = forms.FileField(
        label="Berkas ekspor pegawai (XLSX atau CSV)",
        help_text="Ekspor daftar pegawai dari SIMPEG kabupaten atau SIASN BKN; satu baris per pegawai di bawah judul kolom.",
    )


class PemetaanForm(BaseForm):
    """One choice per field among the headers of the uploaded file (the kept mapping, or a guess, preselected)."""

    def __init__(self, *args, header: list[str], awal: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— tidak ada —")] + [(h, h) for h in header]
        known = set(header)
        for key, (label, _) in KOLOM.items():
            initial = (awal or {}).get(key, "")
            self.fields[key] = forms.ChoiceField(
                label=label, choices=choices, required=key in WAJIB, initial=initial if initial in known else ""
            )


class TerapkanForm(BaseForm):
    sidik = forms.CharField(widget=forms.HiddenInput, max_length=64)
