from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm
from django.core.exceptions import ValidationError

from sakip import nip as nip_rules
from sakip.models import Pegawai


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa kembali (huruf besar/kecil berpengaruh).",
        "inactive": "Akun ini tidak aktif. Hubungi administrator kabupaten.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class NipField(forms.CharField):
    """Accepts the printed spaced form, stores 18 digits, explains what is wrong in Indonesian."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return nip_rules.validate(value)


class NipUniqueMixin:
    def clean_nip(self):
        value = self.cleaned_data.get("nip")
        if value and Pegawai.objects.exclude(pk=self.instance.pk).filter(nip=value).exists():
            raise ValidationError("NIP ini sudah terdaftar untuk pegawai lain.")
        return value


NIP_HELP = "18 digit, boleh dengan spasi: 19701208 199203 1 007"


class PegawaiAdminForm(NipUniqueMixin, UserChangeForm):
    nip = NipField(label="NIP", required=False, max_length=30, help_text=NIP_HELP)

    class Meta(UserChangeForm.Meta):
        model = Pegawai
        fields = "__all__"


class PegawaiAdminCreationForm(NipUniqueMixin, AdminUserCreationForm):
    nip = NipField(label="NIP", required=False, max_length=30, help_text=NIP_HELP)

    class Meta(AdminUserCreationForm.Meta):
        model = Pegawai
        fields = ("username", "nama", "nip", "jabatan")
