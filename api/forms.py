from django import forms

from sakip.forms import Form


class TokenForm(Form):
    nama = forms.CharField(
        label="Nama token",
        max_length=100,
        help_text="Sistem yang akan memakainya, misalnya: e-Monev Bappeda, Inspektorat, portal e-SAKIP.",
        error_messages={"required": "Nama token wajib diisi."},
    )
