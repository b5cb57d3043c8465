"""Django admin for performance data, for operators (superusers) only: see sakip/admin.py.

People set up a year's Perjanjian Kinerja, Rencana Aksi and budget in the app's own pages. The model
locks (kinerja/locks.py, laporan/locks.py) hold here too: a refused save, delete or history revert is
shown as the lock's message, with nothing changed, instead of an error page.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
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
from kinerja.services import KinerjaError
from sakip.models import Unit


class LockRefusal:
    """Turn a lock's refusal (a KinerjaError raised by a model signal) into a message on the same page.

    The admin's change and delete views run in a transaction, so the refused change is rolled back.
    """

    def _refusing(self, request, view, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except KinerjaError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refusing(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refusing(request, super().changelist_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusing(request, super().delete_view, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        return self._refusing(request, super().history_form_view, *args, **kwargs)


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
class PerjanjianKinerjaAdmin(LockRefusal, SimpleHistoryAdmin):
    list_display = ["kecamatan", "tahun", "revisi", "status"]
    list_filter = ["tahun", "status"]
    inlines = [SasaranInline]


@admin.register(Indikator)
class IndikatorAdmin(LockRefusal, SimpleHistoryAdmin):
    list_display = ["uraian", "satuan", "target_tahunan", "polaritas", "agregasi", "kecamatan", "tahun"]
    list_filter = ["tahun", "polaritas", "agregasi"]
    search_fields = ["uraian"]
    inlines = [RencanaAksiInline]


@admin.register(Program)
class ProgramAdmin(LockRefusal, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kecamatan", "tahun"]


@admin.register(Kegiatan)
class KegiatanAdmin(LockRefusal, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kecamatan"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(LockRefusal, SimpleHistoryAdmin):
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "kabupaten":
            kwargs["queryset"] = Unit.objects.filter(jenis=Unit.Kind.KABUPATEN)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Skala)
class SkalaAdmin(admin.ModelAdmin):
    """Skala keeps no history rows: a SimpleHistoryAdmin's history page would fail."""

    list_display = ["nama", "kabupaten"]
    inlines = [SkalaLevelInline]
