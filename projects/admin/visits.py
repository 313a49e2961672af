"""Visit slots and appointments, looked up here; they change on the contractor's and tenant's pages."""

from django.contrib import admin

from ..models import Appointment, AppointmentChange, VisitSlot
from .scoping import ProjectScopedAdmin, ProjectScopedOptions, ReadOnlyLogMixin, project_filter


@admin.register(VisitSlot)
class VisitSlotAdmin(ProjectScopedAdmin):
    list_display = ["starts_at", "ends_at", "team", "purpose", "project", "contractor"]
    list_filter = [project_filter(), "purpose", "team"]
    search_fields = ["team", "purpose", "project__name"]
    list_select_related = ["project", "contractor"]
    date_hierarchy = "starts_at"


class AppointmentChangeInline(ReadOnlyLogMixin, ProjectScopedOptions, admin.TabularInline):
    model = AppointmentChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "from_slot", "to_slot", "changed_by", "note"]
    readonly_fields = fields


@admin.register(Appointment)
class AppointmentAdmin(ProjectScopedAdmin):
    """Appointments are planned, confirmed, moved and recorded on the contractor's and tenant's pages, which log
    every change; here staff look them up, with the log."""

    corporation_path = "home_plan__project__corporation"
    list_display = ["home_plan", "slot", "status", "created_at"]
    list_filter = ["status", project_filter("home_plan__project"), "slot__purpose"]
    search_fields = ["home_plan__household__dwelling__street", "home_plan__household__dwelling__postcode"]
    list_select_related = ["home_plan__project", "home_plan__household__dwelling", "slot"]
    fields = ["home_plan", "slot", "status", "tenant_note", "created_at"]
    readonly_fields = fields
    inlines = [AppointmentChangeInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AppointmentChange)
class AppointmentChangeAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    corporation_path = "appointment__home_plan__project__corporation"
    list_display = ["appointment", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", project_filter("appointment__home_plan__project")]
    search_fields = ["appointment__home_plan__household__dwelling__street", "changed_by__email", "note"]
    list_select_related = ["appointment__slot", "changed_by"]
