"""A temporary password must be replaced: the middleware and the password change that clears the flag.

The kabupaten administrator gives a person a temporary password (pengaturan.services.pegawai_buat,
pegawai_reset_sandi), which sets `Pegawai.harus_ganti_password`. Until that person chooses a password of
their own, every page they open leads to Django's password change view (`password_change`); logging
out and the password pages themselves stay reachable. Saving a new password there clears the flag.
"""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

# Pages a person with a temporary password may still open.
ALLOWED_URL_NAMES = ("password_change", "password_change_done", "logout", "login")


class MustChangePasswordMiddleware:
    """Send a person holding a temporary password to the password change page, whatever they ask for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed: tuple[str, ...] | None = None

    def _allowed_paths(self) -> tuple[str, ...]:
        if self._allowed is None:
            self._allowed = tuple(reverse(name) for name in ALLOWED_URL_NAMES)
        return self._allowed

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "harus_ganti_password", False)
            and request.path not in self._allowed_paths()
        ):
            return redirect("password_change")
        return self.get_response(request)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form in Indonesian labels; a temporary password cannot be chosen again as the new one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi saat ini"
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"

    def clean_new_password1(self):
        new = self.cleaned_data.get("new_password1")
        if new and self.user.check_password(new):
            raise ValidationError("Kata sandi baru harus berbeda dari kata sandi saat ini.")
        return new

    def save(self, commit=True):
        self.user.harus_ganti_password = False
        return super().save(commit=commit)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["harus_ganti"] = self.request.user.harus_ganti_password
        return context

    def get_success_url(self):
        return reverse("password_change_done")
