"""Projects with their milestones and phase history; the phase itself changes on the project's dashboard."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Milestone, PhaseChange, RenovationProject
from .scoping import ProjectScopedAdmin, ProjectScopedOptions, ReadOnlyLogMixin, project_filter


class MilestoneInline(ProjectScopedOptions, admin.TabularInline):
    model = Milestone
    fields = ["title", "due_on", "done_on", "description"]
    extra = 1


class PhaseChangeInline(ReadOnlyLogMixin, ProjectScopedOptions, admin.TabularInline):
    model = PhaseChange
    fields = ["changed_at", "from_phase", "to_phase", "changed_by", "reason"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("phase history")


@admin.register(RenovationProject)
class RenovationProjectAdmin(ProjectScopedAdmin):
    corporation_path = "corporation"
    list_display = ["name", "phase", "corporation", "starts_on", "ends_on", "dashboard_link"]
    list_filter = ["phase", project_filter("corporation")]
    search_fields = ["name", "slug", "complexes__code", "complexes__name"]
    list_select_related = ["corporation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["complexes", "contractors"]
    readonly_fields = ["phase", "phase_reason", "dashboard_link", "created_at"]
    fieldsets = [
        (None, {"fields": ["corporation", "name", "slug", "complexes", "contractors"]}),
        (_("What, why and when"), {"fields": ["summary", "reason", "starts_on", "ends_on"]}),
        (_("Phase"), {"fields": ["phase", "phase_reason", "dashboard_link"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_phone", "contact_email"]}),
    ]
    inlines = [MilestoneInline, PhaseChangeInline]
    actions = ["change_phase"]

    @admin.display(description=_("dashboard"))
    def dashboard_link(self, project):
        if not project.pk:
            return _("A new project starts in the phase “initiative”; change it on its dashboard once saved.")
        return format_html(
            '<a href="{}#phase">{}</a>', reverse("staff_project", args=[project.slug]), _("Change the phase")
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.record_start(obj, by=request.user)

    @admin.action(description=_("Change the phase (on the project's dashboard)"))
    def change_phase(self, request, queryset):
        """Phases change on the dashboard, which asks for a reason and shows the history; one project at a time."""
        if queryset.count() != 1:
            self.message_user(request, _("Select one project to change its phase."), messages.WARNING)
            return None
        return redirect(reverse("staff_project", args=[queryset.get().slug]) + "#phase")


@admin.register(PhaseChange)
class PhaseChangeAdmin(ReadOnlyLogMixin, ProjectScopedAdmin):
    list_display = ["project", "from_phase", "to_phase", "changed_by", "changed_at"]
    list_filter = ["to_phase", project_filter()]
    search_fields = ["project__name", "reason", "changed_by__email"]
    list_select_related = ["project", "changed_by"]


@admin.register(Milestone)
class MilestoneAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "due_on", "done_on"]
    list_filter = [project_filter(), ("done_on", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description", "project__name"]
    list_select_related = ["project"]
    date_hierarchy = "due_on"
