"""What must happen before any other page, in one place (`AccountGateMiddleware`), and the account pages.

1. Two-step sign-in (sakip/dua_langkah.py): a person who must pass the TOTP step and has not in this session
   is sent to enrol (no authenticator yet) or to type a code; nothing else opens until then.
2. A temporary password must be replaced: the kabupaten administrator gives a person a temporary password
   (pengaturan.services.pegawai_buat, pegawai_reset_sandi), which sets `Pegawai.harus_ganti_password`.
   Until that person chooses a password of their own, every page they open leads to Django's password
   change view (`password_change`). Saving a new password there clears the flag.
Logging out and the pages of the step itself stay reachable.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sakip import dua_langkah
from sakip.forms import Form

# Pages reachable while a step is pending (each step also allows its own pages).
ALWAYS_ALLOWED = ("logout", "login", "healthz")
TWO_STEP_PAGES = ("dua_langkah_daftar", "dua_langkah_verifikasi")
PASSWORD_PAGES = ("password_change", "password_change_done")


def langkah_tertunda(request) -> str | None:
    """The URL name of the step this person must finish before anything else, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if dua_langkah.wajib(user) and not user.is_verified():
        return "dua_langkah_verifikasi" if dua_langkah.terdaftar(user) else "dua_langkah_daftar"
    if getattr(user, "harus_ganti_password", False):
        return "password_change"
    return None


class AccountGateMiddleware:
    """Send a person with a pending step (two-step sign-in, temporary password) to it, whatever they ask for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths: dict[str, tuple[str, ...]] | None = None

    def _always(self) -> tuple[str, ...]:
        return self._allowed("two_step")[: len(ALWAYS_ALLOWED)]

    def _allowed(self, step: str) -> tuple[str, ...]:
        if self._paths is None:
            always = tuple(reverse(n) for n in ALWAYS_ALLOWED)
            self._paths = {
                "two_step": always + tuple(reverse(n) for n in TWO_STEP_PAGES),
                "password": always + tuple(reverse(n) for n in PASSWORD_PAGES),
            }
        return self._paths["password" if step == "password_change" else "two_step"]

    def __call__(self, request):
        if request.path in self._always():
            # Signing in and out, and the health check of the load balancer: no person to hold back, and
            # asking who is signed in would cost the health check a session and a user query.
            return self.get_response(request)
        step = langkah_tertunda(request)
        if step is not None and request.path not in self._allowed(step):
            target = reverse(step)
            if step != "password_change" and request.method == "GET":
                target += "?" + _next_query(request.get_full_path())
            return redirect(target)
        return self.get_response(request)


def _next_query(path: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": path})


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("beranda")


class KodeForm(Form):
    kode = forms.CharField(
        label="Kode verifikasi",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": "Masukkan kode dari aplikasi autentikator."},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def dua_langkah_daftar(request):
    """Enrol an authenticator: QR code and secret, confirmed by a code; then the recovery codes, once."""
    user = request.user
    if not dua_langkah.wajib(user) or dua_langkah.terdaftar(user):
        return redirect(_next_url(request))
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = dua_langkah.daftar(request, kode=form.cleaned_data["kode"])
        except dua_langkah.DuaLangkahError as error:
            form.add_error("kode", error.message)
        else:
            return render(
                request, "registration/dua_langkah_kode_pemulihan.html", {"codes": codes, "next": _next_url(request)}
            )
    daftar = dua_langkah.pendaftaran(request)
    return render(
        request,
        "registration/dua_langkah_daftar.html",
        {"form": form, "daftar": daftar, "qr_svg": daftar.qr_svg(), "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def dua_langkah_verifikasi(request):
    """Ask for the 6-digit code (or a recovery code) after the password."""
    user = request.user
    if not dua_langkah.wajib(user) or user.is_verified() or not dua_langkah.terdaftar(user):
        return redirect(_next_url(request))
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recovery = dua_langkah.verifikasi(request, kode=form.cleaned_data["kode"])
        except dua_langkah.DuaLangkahError as error:
            form.add_error("kode", error.message)
        else:
            if recovery:
                left = dua_langkah.sisa_kode_pemulihan(user)
                messages.warning(
                    request,
                    f"Anda masuk dengan kode pemulihan; kode itu tidak berlaku lagi. Sisa kode pemulihan: {left}.",
                )
            return redirect(_next_url(request))
    return render(
        request,
        "registration/dua_langkah_verifikasi.html",
        {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")},
        status=400 if form.errors else 200,
    )


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
