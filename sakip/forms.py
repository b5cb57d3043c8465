from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

from sakip import nip as nip_rules
from sakip import sso
from sakip.angka import AngkaError, parse_angka_tepat
from sakip.formatting import format_angka
from sakip.models import Pegawai
from sakip.validators import tolak_karakter_kontrol


class TeksBersihMixin:
    """Every text field of the form refuses control characters other than newline, carriage return and
    tab, with a message naming the field (sakip.validators). Applied when the form is cleaned, so fields
    a subclass adds in its own __init__ are covered too; password fields are left as typed."""

    def full_clean(self):
        for name, field in self.fields.items():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
                and not getattr(field, "_tolak_kontrol", False)
            ):
                label = str(field.label or pretty_name(name))
                field.validators.append(lambda value, label=label: tolak_karakter_kontrol(value, label))
                field._tolak_kontrol = True
        super().full_clean()


class Form(TeksBersihMixin, forms.Form):
    """The base of the project's forms (see TeksBersihMixin)."""


class ModelForm(TeksBersihMixin, forms.ModelForm):
    """The base of the project's model forms (see TeksBersihMixin)."""


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Periksa kembali (huruf besar/kecil berpengaruh).",
        "inactive": "Akun ini tidak aktif. Hubungi administrator kabupaten.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not sso.masuk_kata_sandi_diizinkan(user):
            raise ValidationError(
                f"Kabupaten Anda menetapkan masuk melalui {sso.nama_penyedia()}. Gunakan tombol "
                f'"Masuk dengan {sso.nama_penyedia()}" di bawah.',
                code="sso_wajib",
            )


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


class PegawaiAdminForm(TeksBersihMixin, NipUniqueMixin, UserChangeForm):
    nip = NipField(label="NIP", required=False, max_length=30, help_text=NIP_HELP)

    class Meta(UserChangeForm.Meta):
        model = Pegawai
        fields = "__all__"


class PegawaiAdminCreationForm(TeksBersihMixin, NipUniqueMixin, AdminUserCreationForm):
    nip = NipField(label="NIP", required=False, max_length=30, help_text=NIP_HELP)

    class Meta(AdminUserCreationForm.Meta):
        model = Pegawai
        fields = ("username", "nama", "nip", "jabatan")


class AngkaField(forms.CharField):
    """A number typed the Indonesian way ("1.234,5"); blank is None."""

    def __init__(self, *args, negative=False, places=4, **kwargs):
        self.negative, self.places = negative, places
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return format_angka(value)

    def clean(self, value):
        value = super().clean(value)
        try:
            number = parse_angka_tepat(value, self.places)
        except AngkaError as error:
            raise forms.ValidationError(str(error)) from error
        if number is None and self.required:
            raise forms.ValidationError("Wajib diisi.")
        if number is not None and number < 0 and not self.negative:
            raise forms.ValidationError("Tidak boleh negatif.")
        return number
