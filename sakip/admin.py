"""Django admin for the kabupaten administrator: units, positions, people, acting officials.

Every admin queryset goes through the permission module's scoping, so an
administrator of one kabupaten manages only its own kecamatan.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from sakip import permissions
from sakip.forms import PegawaiAdminCreationForm, PegawaiAdminForm
from sakip.models import Delegation, Pegawai, Position, Unit


class ScopedAdminMixin:
    """Administrators manage their own kabupaten only."""

    scope_field = "kabupaten"

    def get_queryset(self, request):
        return permissions.scope_kabupaten(request.user, super().get_queryset(request), self.scope_field)


@admin.register(Unit)
class UnitAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "parent", "kecamatan"]
    list_filter = ["jenis", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama", "kode"]
    prepopulated_fields = {"kode": ["nama"]}

    def get_queryset(self, request):
        qs = super(ScopedAdminMixin, self).get_queryset(request)
        # The kabupaten itself, or any unit below it.
        return permissions.scope_kabupaten(request.user, qs, "kabupaten") | permissions.scope_kabupaten(
            request.user, qs, "pk"
        )


@admin.register(Position)
class PositionAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "role", "unit", "kecamatan"]
    list_filter = ["role", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama"]
    autocomplete_fields = ["unit"]


@admin.register(Pegawai)
class PegawaiAdmin(ScopedAdminMixin, SimpleHistoryAdmin, UserAdmin):
    scope_field = "jabatan__kabupaten"
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
class DelegationAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_field = "position__kabupaten"
    list_display = ["gelar_tanda_tangan", "pegawai", "jenis", "mulai", "selesai"]
    list_filter = ["jenis"]
    autocomplete_fields = ["position", "pegawai"]
