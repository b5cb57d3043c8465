"""Django admin for performance data: the kabupaten administrator (and staff with rights) can set up a
year's Perjanjian Kinerja, Rencana Aksi and budget here until the dedicated setup pages exist.

Querysets are scoped to the administrator's kabupaten through the permission module.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    Kegiatan,
    KriteriaPredikat,
    PerjanjianKinerja,
    Program,
    RencanaAksi,
    Sasaran,
    Skala,
    SkalaLevel,
    SubKegiatan,
)
from sakip import permissions
from sakip.models import Unit


class KabupatenScoped:
    scope_field = "kecamatan__kabupaten"

    def get_queryset(self, request):
        return permissions.scope_kabupaten(request.user, super().get_queryset(request), self.scope_field)


class SasaranInline(admin.TabularInline):
    model = Sasaran
    extra = 0


class RencanaAksiInline(admin.TabularInline):
    model = RencanaAksi
    extra = 0
    max_num = 4


class AnggaranInline(admin.TabularInline):
    model = AnggaranTriwulan
    extra = 0
    max_num = 4


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(KabupatenScoped, SimpleHistoryAdmin):
    list_display = ["kecamatan", "tahun", "revisi", "status"]
    list_filter = ["tahun", "status"]
    inlines = [SasaranInline]


@admin.register(Indikator)
class IndikatorAdmin(KabupatenScoped, SimpleHistoryAdmin):
    list_display = ["uraian", "satuan", "target_tahunan", "polaritas", "agregasi", "kecamatan", "tahun"]
    list_filter = ["tahun", "polaritas", "agregasi"]
    search_fields = ["uraian"]
    inlines = [RencanaAksiInline]


@admin.register(Program)
class ProgramAdmin(KabupatenScoped, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kecamatan", "tahun"]


@admin.register(Kegiatan)
class KegiatanAdmin(KabupatenScoped, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kecamatan"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(KabupatenScoped, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "pagu", "kecamatan"]
    inlines = [AnggaranInline]


class SkalaLevelInline(admin.TabularInline):
    model = SkalaLevel
    extra = 1


@admin.register(KriteriaPredikat)
class KriteriaPredikatAdmin(admin.ModelAdmin):
    """Predikat bands per kabupaten; without rows the regulation's defaults apply (kinerja/capaian.py)."""

    list_display = ["kabupaten", "batas_bawah", "predikat"]
    list_filter = ["kabupaten"]

    def get_queryset(self, request):
        return permissions.scope_kabupaten(request.user, super().get_queryset(request), "kabupaten")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kabupaten":
            kwargs["queryset"] = permissions.scope_kabupaten(
                request.user, Unit.objects.filter(jenis=Unit.Kind.KABUPATEN), "pk"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Skala)
class SkalaAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "kabupaten"]
    inlines = [SkalaLevelInline]

    def get_queryset(self, request):
        return permissions.scope_kabupaten(request.user, super().get_queryset(request), "kabupaten")
