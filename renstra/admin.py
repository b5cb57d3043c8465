"""The planning chain in the operators' admin (sakip/admin.py: superusers only), read-only.

Every change of an RPJMD, a Renstra, its revisions and the IKU goes through renstra/services.py (permissions,
the Camat's establishing with the password, Renstra Perubahan) and the locks of renstra/locks.py; operators
only read here, the way laporan/admin.py shows the signed documents.
"""

from django.contrib import admin

from renstra.models import (
    BabRenstra,
    IndikatorRenstra,
    KegiatanRenstra,
    MisiRpjmd,
    PaguRenstra,
    ProgramRenstra,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranRpjmd,
    TargetRenstra,
    TujuanRenstra,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Every field shown, nothing added, changed or deleted (state changes: renstra/services.py)."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rpjmd)
class RpjmdAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kabupaten", "tahun_awal", "tahun_akhir"]
    list_filter = [("kabupaten", admin.RelatedOnlyFieldListFilter)]


@admin.register(MisiRpjmd)
class MisiRpjmdAdmin(ReadOnlyAdmin):
    list_display = ["uraian", "rpjmd", "urutan"]


@admin.register(SasaranRpjmd)
class SasaranRpjmdAdmin(ReadOnlyAdmin):
    list_display = ["uraian", "rpjmd", "urutan"]


@admin.register(Renstra)
class RenstraAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kecamatan", "tahun_awal", "revisi", "status", "ditetapkan_pada"]
    list_filter = ["status", "tahun_awal", ("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(TujuanRenstra)
class TujuanRenstraAdmin(ReadOnlyAdmin):
    list_display = ["uraian", "renstra", "urutan"]
    list_filter = [("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(SasaranRenstra)
class SasaranRenstraAdmin(ReadOnlyAdmin):
    list_display = ["uraian", "renstra", "urutan", "sasaran_rpjmd"]
    list_filter = [("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(IndikatorRenstra)
class IndikatorRenstraAdmin(ReadOnlyAdmin):
    list_display = ["uraian", "renstra", "urutan", "satuan", "target_akhir_cetak", "skala_nama", "iku"]
    list_filter = ["iku", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["uraian"]

    @admin.display(description="target akhir")
    def target_akhir_cetak(self, obj):
        return obj.target_akhir_cetak


@admin.register(TargetRenstra)
class TargetRenstraAdmin(ReadOnlyAdmin):
    list_display = ["indikator", "tahun", "nilai", "level"]
    list_filter = ["tahun", ("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(BabRenstra)
class BabRenstraAdmin(ReadOnlyAdmin):
    list_display = ["renstra", "kunci"]
    list_filter = ["kunci", ("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(ProgramRenstra)
class ProgramRenstraAdmin(ReadOnlyAdmin):
    list_display = ["kode", "nama", "renstra", "sasaran"]
    list_filter = [("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(KegiatanRenstra)
class KegiatanRenstraAdmin(ReadOnlyAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = [("kecamatan", admin.RelatedOnlyFieldListFilter)]


@admin.register(PaguRenstra)
class PaguRenstraAdmin(ReadOnlyAdmin):
    list_display = ["kegiatan", "tahun", "nilai"]
    list_filter = ["tahun", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
