"""The admin for co-decision, scoped like the rest of the staff admin to the staff member's corporation.

Every write goes through decisions.services: adding a proposal calls `create_proposal`, a draft version is changed
through `update_draft`, and the actions publish a version, start a new one or close voting. A published version
is frozen, so its page is read-only. Votes, their history and results are for looking at only: staff see them
here, but paper votes are entered on the proposal's staff page, never in the admin.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects.admin.scoping import ProjectScopedAdmin, ProjectScopedOptions, ReadOnlyLogMixin, adopt, project_filter

from . import services
from .models import AuditEntry, Ballot, BallotChange, Notice, Proposal, ProposalVersion, ResultSnapshot


class DecisionsScopedOptions(ProjectScopedOptions):
    """Choices of proposals and versions stay within the staff member's corporations, as projects do."""

    related_corporation_paths = {
        **ProjectScopedOptions.related_corporation_paths,
        Proposal: "project__corporation",
        ProposalVersion: "proposal__project__corporation",
    }


class DecisionsScopedAdmin(DecisionsScopedOptions, ProjectScopedAdmin):
    pass


class ProposalAddForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["project", "title", "opens_at", "closes_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Publishing needs both moments: ask for them now.
        for name in ("opens_at", "closes_at"):
            if name in self.fields:
                self.fields[name].required = True


class ProposalChangeForm(forms.ModelForm):
    """The details staff may still change, checked by the service's rules before anything is saved."""

    class Meta:
        model = Proposal
        fields = ["title", "opens_at", "closes_at"]

    def clean(self):
        cleaned = super().clean()
        changes = {name: cleaned[name] for name in self.changed_data if name in cleaned}
        try:
            services.check_proposal_update(self.instance, changes)
        except services.DecisionError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


@admin.register(Proposal)
class ProposalAdmin(DecisionsScopedAdmin):
    """A proposal is added here (as a draft with an empty first version); its content lives in its versions.

    Its title and moments change through services.update_proposal: everything while draft, only a later closing
    moment while open, nothing once closed.
    """

    list_display = ["title", "project", "status", "opens_at", "closes_at", "staff_page"]
    list_filter = ["status", project_filter()]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    readonly_fields = ["status", "current_version", "staff_page"]
    actions = ["close_voting"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ProposalAddForm if obj is None else ProposalChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["project", "title", "opens_at", "closes_at"]
        return ["project", "title", "opens_at", "closes_at", "status", "current_version", "staff_page"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status == Proposal.Status.DRAFT:
            return ["project", "status", "current_version", "staff_page"]
        if obj.status == Proposal.Status.OPEN:
            return ["project", "title", "opens_at", "status", "current_version", "staff_page"]
        return self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Proposal.Status.CLOSED:
            return False  # frozen with its result
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("staff page"))
    def staff_page(self, proposal):
        if proposal.pk is None:
            return "–"
        url = reverse("staff_proposal", args=[proposal.project.slug, proposal.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the staff page"))

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.PROPOSAL_DETAILS}
            try:
                proposal = services.update_proposal(obj, by=request.user, **changes)
            except services.DecisionError as error:  # someone else changed it since the form was checked
                self.message_user(request, str(error), messages.ERROR)
                obj.refresh_from_db()
                return
            adopt(obj, proposal)
            return
        proposal = services.create_proposal(
            obj.project, title=obj.title, opens_at=obj.opens_at, closes_at=obj.closes_at, by=request.user
        )
        adopt(obj, proposal)

    @admin.action(description=_("Close voting and certify the result"))
    def close_voting(self, request, queryset):
        for proposal in queryset:
            try:
                services.close(proposal, by=request.user)
            except services.DecisionError as error:
                self.message_user(
                    request,
                    gettext("%(proposal)s: %(error)s") % {"proposal": proposal, "error": error},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request, gettext("Voting on %(proposal)s is closed.") % {"proposal": proposal}, messages.SUCCESS
                )


@admin.register(ProposalVersion)
class ProposalVersionAdmin(DecisionsScopedAdmin):
    """Draft versions are changed through services.update_draft; a published version is frozen (view only)."""

    corporation_path = "proposal__project__corporation"
    list_display = ["proposal", "number", "is_published", "published_at", "published_by"]
    list_filter = [("published_at", admin.EmptyFieldListFilter), project_filter("proposal__project")]
    search_fields = ["proposal__title", "proposal__project__name", "renovation_works", "maintenance_works"]
    list_select_related = ["proposal", "published_by"]
    fields = ["proposal", "number", *services.CONTENT_FIELDS, "published_at", "published_by"]
    readonly_fields = ["proposal", "number", "published_at", "published_by"]
    actions = ["publish", "start_new_version"]

    @admin.display(description=_("published"), boolean=True)
    def is_published(self, version):
        return version.is_published

    def has_add_permission(self, request, obj=None):
        return False  # versions are made with the proposal, or by the "Start a new version" action

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        content = {name: form.cleaned_data[name] for name in form.changed_data if name in services.CONTENT_FIELDS}
        if content:
            version = services.update_draft(obj, by=request.user, **content)
            adopt(obj, version)

    def save_related(self, request, form, formsets, change):
        pass  # the households in scope are fixed by publishing, never through this form

    @admin.action(description=_("Publish"))
    def publish(self, request, queryset):
        for version in queryset.select_related("proposal"):
            try:
                services.publish_version(version.proposal, version, by=request.user)
            except services.DecisionError as error:
                self.message_user(
                    request,
                    gettext("%(version)s was not published. %(error)s") % {"version": version, "error": error},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    gettext("%(version)s is published; voting is open.") % {"version": version},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Start a new version"))
    def start_new_version(self, request, queryset):
        proposals = {version.proposal_id: version.proposal for version in queryset.select_related("proposal")}
        for proposal in proposals.values():
            try:
                version = services.start_new_version(proposal, by=request.user)
            except services.DecisionError as error:
                self.message_user(
                    request,
                    gettext("%(proposal)s: %(error)s") % {"proposal": proposal, "error": error},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    gettext("%(version)s is a new draft. Change it and say what changed.") % {"version": version},
                    messages.SUCCESS,
                )


@admin.register(Ballot)
class BallotAdmin(ReadOnlyLogMixin, DecisionsScopedAdmin):
    """Votes, for staff to look at. Paper votes are entered on the proposal's staff page."""

    corporation_path = "proposal__project__corporation"
    list_display = ["proposal", "household", "version", "choice", "on_paper", "entered_by", "cast_at"]
    list_filter = ["choice", "on_paper", project_filter("proposal__project")]
    search_fields = ["proposal__title", "household__tenancy_reference", "household__dwelling__street"]
    list_select_related = ["proposal", "household__dwelling", "version__proposal", "entered_by"]


@admin.register(BallotChange)
class BallotChangeAdmin(ReadOnlyLogMixin, DecisionsScopedAdmin):
    corporation_path = "ballot__proposal__project__corporation"
    list_display = ["ballot", "from_choice", "to_choice", "version_number", "on_paper", "entered_by", "changed_at"]
    list_filter = ["to_choice", "on_paper", project_filter("ballot__proposal__project")]
    search_fields = ["ballot__proposal__title", "ballot__household__tenancy_reference"]
    list_select_related = ["ballot__proposal", "entered_by"]


@admin.register(ResultSnapshot)
class ResultSnapshotAdmin(ReadOnlyLogMixin, DecisionsScopedAdmin):
    corporation_path = "proposal__project__corporation"
    list_display = [
        "proposal",
        "version_number",
        "scope_size",
        "agree",
        "disagree",
        "no_vote",
        "reaches_70",
        "ten_homes",
        "certified_by",
        "created_at",
    ]
    list_filter = ["reaches_70", "ten_homes", project_filter("proposal__project")]
    search_fields = ["proposal__title", "proposal__project__name", "ballots_hash"]
    list_select_related = ["proposal", "certified_by"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyLogMixin, DecisionsScopedAdmin):
    """Written notices, for looking at: staff record them on the proposal's result page."""

    corporation_path = "proposal__project__corporation"
    list_display = ["proposal", "household", "sent_on", "method", "recorded_by", "recorded_at"]
    list_filter = ["method", project_filter("proposal__project")]
    search_fields = ["proposal__title", "household__tenancy_reference", "household__dwelling__street"]
    list_select_related = ["proposal", "household__dwelling", "recorded_by"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyLogMixin, DecisionsScopedAdmin):
    """The audit trail, for looking at: written only by decisions.services, never changed."""

    corporation_path = "proposal__project__corporation"
    list_display = ["at", "proposal", "action", "actor", "household"]
    list_filter = ["action", project_filter("proposal__project")]
    search_fields = ["proposal__title", "actor__email", "household__dwelling__street"]
    list_select_related = ["proposal", "actor", "household__dwelling"]
