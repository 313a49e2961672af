"""The admin for consultation sessions, scoped like the rest of the staff admin to the staff member's corporation.

Planning, changing and cancelling go through meetings.services (so registered households hear of it), as do the
actions. Registrations are for looking at: households register on the project's pages and staff register a
household that called in, tick attendance and write minutes on the session's staff page.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ProjectScopedAdmin, ProjectScopedOptions, ReadOnlyLogMixin, adopt, project_filter

from . import services
from .models import Registration, Session


class MeetingsScopedOptions(ProjectScopedOptions):
    related_corporation_paths = {**ProjectScopedOptions.related_corporation_paths, Session: "project__corporation"}


class SessionAdminForm(forms.ModelForm):
    """Checks what the services would refuse, so the admin shows it on the form instead of failing on save."""

    class Meta:
        model = Session
        fields = ["project", *services.EDITABLE_FIELDS]

    def clean(self):
        data = super().clean()
        starts_at, ends_at, capacity = data.get("starts_at"), data.get("ends_at"), data.get("capacity")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", gettext("The session must end after it starts."))
        if self.instance.pk is None and starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", gettext("A new session must start in the future."))
        if self.instance.pk is not None and capacity is not None:
            taken = self.instance.registrations.active().count()
            if capacity < taken:
                self.add_error("capacity", services.too_few_places_message(taken))
        return data


@admin.register(Session)
class SessionAdmin(MeetingsScopedOptions, ProjectScopedAdmin):
    form = SessionAdminForm
    list_display = ["title", "project", "kind", "starts_at", "capacity", "status", "staff_page"]
    list_filter = ["kind", "status", project_filter()]
    search_fields = ["title", "place", "project__name"]
    list_select_related = ["project"]
    date_hierarchy = "starts_at"
    actions = ["cancel_sessions"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["project", *services.EDITABLE_FIELDS]
        return ["project", *services.EDITABLE_FIELDS, "status", "staff_page"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.is_cancelled:
            return self.get_fields(request, obj)
        return ["project", "status", "staff_page"]

    def has_delete_permission(self, request, obj=None):
        return False  # a session is cancelled (households are told), never deleted

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("staff page"))
    def staff_page(self, session):
        if session.pk is None:
            return "–"
        url = reverse("staff_session", args=[session.project.slug, session.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the staff page"))

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data}
        if change:
            session = services.change_session(obj, by=request.user, **fields)
        else:
            session = services.plan_session(obj.project, by=request.user, **fields)
        adopt(obj, session)

    @admin.action(description=_("Cancel the selected sessions"))
    def cancel_sessions(self, request, queryset):
        for session in queryset:
            try:
                services.cancel_session(session, by=request.user)
            except services.MeetingError as error:
                self.message_user(
                    request, gettext("%(session)s: %(error)s") % {"session": session, "error": error}, messages.ERROR
                )
            else:
                self.message_user(
                    request, gettext("%(session)s is cancelled.") % {"session": session}, messages.SUCCESS
                )


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyLogMixin, MeetingsScopedOptions, ProjectScopedAdmin):
    corporation_path = "session__project__corporation"
    list_display = ["session", "household", "people", "registered_at", "registered_by", "cancelled_at", "attended"]
    list_filter = ["attended", ("cancelled_at", admin.EmptyFieldListFilter), project_filter("session__project")]
    search_fields = ["session__title", "household__tenancy_reference", "household__dwelling__street"]
    list_select_related = ["session", "household__dwelling", "registered_by"]
