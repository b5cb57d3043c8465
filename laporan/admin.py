from django.contrib import admin

from laporan.models import Report, SignedDocument, TandaTanganPihakKedua


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kecamatan", "tahun", "kind", "periode", "revisi", "status"]
    list_filter = ["kind", "status", "tahun"]
    # State changes go through laporan.services (permissions, PDF, signature): read-only here.
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    list_display = ["report", "nama_penandatangan", "jabatan_penandatangan", "ditandatangani_pada", "sha256"]
    exclude = ["pdf"]
    readonly_fields = [f.name for f in SignedDocument._meta.fields if f.name != "pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TandaTanganPihakKedua)
class TandaTanganPihakKeduaAdmin(admin.ModelAdmin):
    list_display = ["report", "nama", "jabatan", "tanggal", "dicatat_oleh", "dicatat_pada"]
    exclude = ["pindaian"]
    readonly_fields = [f.name for f in TandaTanganPihakKedua._meta.fields if f.name != "pindaian"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
