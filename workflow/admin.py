from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip import permissions
from workflow.models import HariLibur, WorkingCalendar


class HariLiburInline(admin.TabularInline):
    model = HariLibur
    extra = 1


@admin.register(WorkingCalendar)
class WorkingCalendarAdmin(SimpleHistoryAdmin):
    list_display = ["kabupaten"]
    inlines = [HariLiburInline]

    def get_queryset(self, request):
        return permissions.scope_kabupaten(request.user, super().get_queryset(request), "kabupaten")
