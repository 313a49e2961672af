"""The admin for polls, scoped like the rest of the staff admin to the staff member's corporation.

Polls are made and changed on the staff pages (polls.views.staff), which go through polls.services; here staff
find them across projects, look at a poll and its answers, and open or close polls as actions. Votes are not in
the admin at all: polls are anonymous to everyone, staff included, and their results are counts on the staff page.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ProjectScopedAdmin, project_filter

from . import services
from .models import Poll, PollOption


class PollOptionInline(admin.TabularInline):
    model = PollOption
    fields = ["position", "label"]
    readonly_fields = ["position", "label"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Poll)
class PollAdmin(ProjectScopedAdmin):
    list_display = ["question", "project", "status", "kind", "voters", "results_visibility", "closes_at", "staff_page"]
    list_filter = ["status", "kind", "voters", "results_visibility", project_filter()]
    search_fields = ["question", "project__name"]
    list_select_related = ["project"]
    fields = [
        "project",
        "question",
        "explanation",
        "kind",
        "max_choices",
        "voters",
        "results_visibility",
        "status",
        "opens_at",
        "closes_at",
        "staff_page",
    ]
    readonly_fields = fields
    inlines = [PollOptionInline]
    actions = ["open_polls", "close_polls"]

    def has_add_permission(self, request):
        return False  # made on the project's staff pages, through the services

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # the list's actions, not the page

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("staff page"))
    def staff_page(self, poll):
        url = reverse("staff_poll", args=[poll.project.slug, poll.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the staff page"))

    def _run(self, request, queryset, service, done):
        for poll in queryset:
            try:
                service(poll, by=request.user)
            except services.PollError as error:
                self.message_user(
                    request, gettext("%(poll)s: %(error)s") % {"poll": poll, "error": error}, messages.ERROR
                )
            else:
                self.message_user(request, done % {"poll": poll}, messages.SUCCESS)

    @admin.action(description=_("Open the selected polls"))
    def open_polls(self, request, queryset):
        self._run(request, queryset, services.open_poll, gettext("%(poll)s is open."))

    @admin.action(description=_("Close the selected polls"))
    def close_polls(self, request, queryset):
        self._run(request, queryset, services.close_poll, gettext("%(poll)s is closed."))
