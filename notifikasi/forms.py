from django import forms

from sakip.forms import Form


class PreferensiForm(Form):
    email = forms.BooleanField(
        label="Kirim juga lewat email",
        required=False,
        help_text="Pemberitahuan yang sama dikirim ke alamat email akun Anda.",
    )


class BukaForm(Form):
    """Which notification is opened (a POST: opening marks it read)."""

    id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
