"""Scoping shared by the projects admin: choices and lists stay within the staff member's corporations, logs are
read-only, uploads are never linked under MEDIA_URL, and rows a service creates are adopted by the admin."""

from django.contrib import admin

from tenants.admin import CorporationScopedAdmin, CorporationScopedOptions
from tenants.models import Membership, User
from tenants.permissions import viewer_for

from ..models import Appointment, ChoiceOption, ChoiceTopic, HomePlan, RenovationProject, Update, VisitSlot


class ProjectScopedOptions(CorporationScopedOptions):
    """Choices of projects and their parts stay within the staff member's corporations, as housing stock does;
    so do the complexes and contractors a project is over."""

    related_corporation_paths = {
        **CorporationScopedOptions.related_corporation_paths,
        RenovationProject: "corporation",
        HomePlan: "project__corporation",
        ChoiceTopic: "project__corporation",
        ChoiceOption: "topic__project__corporation",
        VisitSlot: "project__corporation",
        Appointment: "home_plan__project__corporation",
        Update: "project__corporation",
    }

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        path = self.related_corporation_paths.get(db_field.related_model)
        if path and not request.user.is_superuser:
            corporations = viewer_for(request).staff_corporation_ids
            kwargs["queryset"] = db_field.related_model.objects.filter(**{f"{path}__in": corporations})
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ProjectScopedAdmin(ProjectScopedOptions, CorporationScopedAdmin):
    corporation_path = "project__corporation"


class ReadOnlyLogMixin:
    """A log is written by the services that make the changes; nobody adds, edits or deletes its rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def project_filter(path="project"):
    """A list filter offering only the projects that occur in the (scoped) list, never another corporation's."""
    return (path, admin.RelatedOnlyFieldListFilter)


def stored_file(file_field):
    """The stored file's name, without a link: uploads are never served from MEDIA_URL, only by checking views."""
    if not file_field:
        return "–"
    return f"{file_field.name.rsplit('/', 1)[-1]}"


def owners_for(request):
    """People who may own a promise: members of the corporation's own organisations and of its contractors."""
    members = User.objects.filter(
        memberships__role__in=[Membership.Role.STAFF, Membership.Role.PROJECT_LEAD, Membership.Role.CONTRACTOR]
    )
    if not request.user.is_superuser:
        members = members.filter(memberships__organisation__corporation__in=viewer_for(request).staff_corporation_ids)
    return members.distinct().order_by("email")


def adopt(obj, created):
    """Let the admin carry on (log entry, redirect, inlines) with the row a service created instead of `obj`."""
    obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
    obj._state.adding = False
    obj._state.db = created._state.db
