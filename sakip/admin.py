"""Django admin for operators (superusers) only: units, positions, people, acting officials.

The admin is the operators' tool for repairs; people who run a kabupaten or a
kecamatan work in the app's own pages, through services with their permission
checks. So the whole admin site (every ModelAdmin of every app, and the
django-simple-history pages they carry) refuses anyone who is not an active
superuser, whatever `is_staff`, groups or model permissions say. No group
grants admin access.
"""

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from sakip.forms import PegawaiAdminCreationForm, PegawaiAdminForm
from sakip.models import Delegation, Pegawai, Position, Unit


def operators_only(request) -> bool:
    """The one gate of the admin site: an active superuser."""
    user = request.user
    return bool(user.is_active and user.is_superuser)


class OperatorAuthenticationForm(AdminAuthenticationForm):
    """The admin's own login page admits operators only."""

    def confirm_login_allowed(self, user):
        if not (user.is_active and user.is_superuser):
            raise ValidationError(
                "Halaman administrasi hanya untuk operator sistem. Gunakan halaman aplikasi untuk pekerjaan Anda.",
                code="invalid_login",
            )


# AdminSite.admin_view() asks has_permission() before every admin view, including the history
# views SimpleHistoryAdmin adds; the login view asks login_form. Set on the default site, which
# every app registers with.
admin.site.has_permission = operators_only
admin.site.login_form = OperatorAuthenticationForm


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "parent", "kecamatan"]
    list_filter = ["jenis", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama", "kode"]
    prepopulated_fields = {"kode": ["nama"]}
    # Who signs the kabupaten's documents is set through its service (Pengaturan Kabupaten → Penanda tangan,
    # pengaturan.services.penanda_tangan_atur), which checks the address and records why.
    readonly_fields = ["penanda_tangan", "bsre_url", "bsre_pengguna"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "role", "unit", "kecamatan"]
    list_filter = ["role", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama"]
    autocomplete_fields = ["unit"]


@admin.register(Pegawai)
class PegawaiAdmin(SimpleHistoryAdmin, UserAdmin):
    form = PegawaiAdminForm
    add_form = PegawaiAdminCreationForm
    list_display = ["nama", "username", "nip_cetak", "jabatan", "is_active"]
    list_filter = ["is_active", "jabatan__role", ("jabatan__kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama", "username", "nip"]
    ordering = ["nama"]
    autocomplete_fields = ["jabatan"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Identitas", {"fields": ("nama", "nip", "pangkat_golongan", "email", "telepon", "jabatan")}),
        ("Hak akses", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Waktu penting", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "nama", "nip", "jabatan", "usable_password", "password1", "password2"),
            },
        ),
    )

    @admin.display(description="NIP")
    def nip_cetak(self, obj):
        return obj.nip_cetak

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in obj.nip_peringatan:
            messages.warning(request, f"NIP {obj.nip_cetak}: {warning}")


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["gelar_tanda_tangan", "pegawai", "jenis", "mulai", "selesai"]
    list_filter = ["jenis"]
    autocomplete_fields = ["position", "pegawai"]
