"""Django admin for operators (superusers) only: see sakip/admin.py."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workflow.models import HariLibur, WorkingCalendar


class HariLiburInline(admin.TabularInline):
    model = HariLibur
    extra = 1


@admin.register(WorkingCalendar)
class WorkingCalendarAdmin(SimpleHistoryAdmin):
    list_display = ["kabupaten"]
    inlines = [HariLiburInline]
