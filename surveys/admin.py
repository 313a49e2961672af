"""The admin for pulses and surveys, scoped like the rest of the staff admin to the staff member's corporation.

Pulses and surveys are made, opened and closed on their staff pages (surveys.views.staff), through the services;
here staff find them across projects, search and filter them, and close open ones in bulk. Responses and answers
are deliberately not in the admin: a row per household would show who answered what, which the results never do.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ProjectScopedOptions, project_filter
from tenants.admin import CorporationScopedAdmin

from . import services
from .models import Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "text", "kind", "low_label", "high_label"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(ProjectScopedOptions, CorporationScopedAdmin):
    corporation_path = "corporation"
    list_display = ["title", "kind", "project", "trigger", "status", "deadline", "responses", "staff_page"]
    list_filter = ["kind", "status", "trigger", project_filter()]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "introduction",
        "kind",
        "trigger",
        "project",
        "target",
        "status",
        "deadline",
        "share_results",
        "opened_at",
        "closed_at",
        "responses",
        "staff_page",
    ]
    readonly_fields = fields
    inlines = [QuestionInline]
    actions = ["close_surveys"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_responses=Count("responses", distinct=True))

    def has_add_permission(self, request):
        return False  # made on the project's staff pages, where the questions are added and the households invited

    def has_delete_permission(self, request, obj=None):
        return False  # answers were given to it; closing keeps them

    @admin.display(description=_("responses"), ordering="n_responses")
    def responses(self, survey):
        return survey.n_responses

    @admin.display(description=_("staff page"))
    def staff_page(self, survey):
        return format_html('<a href="{}">{}</a>', reverse("staff_survey", args=[survey.pk]), gettext("Open"))

    @admin.action(description=_("Close the selected surveys"))
    def close_surveys(self, request, queryset):
        closed = 0
        for survey in queryset.filter(status=Survey.Status.OPEN):
            services.close_survey(survey, by=request.user)
            closed += 1
        self.message_user(
            request,
            ngettext("%(count)d survey closed.", "%(count)d surveys closed.", closed) % {"count": closed},
            messages.SUCCESS,
        )
