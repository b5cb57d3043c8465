from django import forms

from kepegawaian.berkas import KOLOM, WAJIB
from pengaturan.forms import BaseForm


class UnggahForm(BaseForm):
    berkas = forms.FileField(
        label="Berkas ekspor pegawai (XLSX atau CSV)",
        help_text="Ekspor daftar pegawai dari SIMPEG kabupaten atau SIASN BKN; satu baris per pegawai di bawah judul kolom.",
    )


class LembarForm(BaseForm):
    """Which sheet of a workbook of several holds the staff list (shown by GET: the mapping below follows it)."""

    def __init__(self, *args, sheets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lembar"] = forms.ChoiceField(
            label="Lembar daftar pegawai",
            choices=[(s, s) for s in sheets],
            help_text="Buku kerja ini memiliki beberapa lembar; pilih lembar yang memuat daftar pegawai.",
        )


class PemetaanForm(BaseForm):
    """One choice per field among the headers of the uploaded file (the kept mapping, or a guess, preselected);
    for a workbook of several sheets, the sheet those headers come from (hidden: chosen above)."""

    lembar = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

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
