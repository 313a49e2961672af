"""Where a person's data lives: every section of the download, and every link from our models to a person or a
household that is deliberately left out, with the reason.

tests/privacy/test_inventory.py walks every model of our apps and fails when a foreign key to the user model or
to a household is in neither list, so a new model with personal data cannot be forgotten by the download.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from decisions.models import AuditEntry, Ballot, BallotChange, Notice
from feedback.models import (
    Flag,
    ModerationAction,
    Post,
    PostingSuspension,
    PostRevision,
    Support,
    Thread,
    ThreadStatusChange,
)
from insight.models import DossierView
from meetings.models import Registration
from notifications.models import EmailDelivery, Notification, PaperNotice, Preference
from polls.models import PollVote
from projects.models import Appointment, AppointmentChange, Compensation, HomeChoice, HomePlan, TemporaryHome, WorkItem
from surveys.models import Answer
from surveys.models import Invitation as SurveyInvitation
from tenants.models import HouseholdNeeds, Invitation, Membership, TenantProfile

from .models import PrivacyEvent

ADDRESS = ["household__dwelling__street", "household__dwelling__house_number", "household__dwelling__addition"]


@dataclass(frozen=True)
class Section:
    """One part of the download: the rows of `model` that `rows(user, households)` selects, with `fields`."""

    key: str
    title: str
    model: type
    rows: object
    fields: list
    covers: frozenset = field(default_factory=frozenset)  # ("app.Model", "field") links this section answers for

    def queryset(self, user, households):
        return self.model._default_manager.filter(self.rows(user, households)).order_by("pk").values(*self.fields)


def _user(name):
    return lambda user, households: Q(**{name: user})


def _household(name):
    return lambda user, households: Q(**{f"{name}__in": households})


def _either(household_path, user_path):
    return lambda user, households: Q(**{f"{household_path}__in": households}) | Q(**{user_path: user})


SECTIONS = [
    Section(
        "account",
        _("Account"),
        get_user_model(),
        lambda user, households: Q(pk=user.pk),
        ["email", "first_name", "last_name", "date_joined", "last_login"],
    ),
    Section("email_addresses", _("E-mail addresses"), EmailAddress, _user("user"), ["email", "verified", "primary"]),
    Section(
        "profile",
        _("Profile and household"),
        TenantProfile,
        _user("user"),
        ["display_name", "language", "accessibility_needs", "created_at", *ADDRESS, "household__dwelling__postcode"]
        + ["household__dwelling__city", "household__started_on", "household__ended_on"],
        frozenset({("tenants.TenantProfile", "user"), ("tenants.TenantProfile", "household")}),
    ),
    Section(
        "memberships",
        _("Organisations"),
        Membership,
        _user("user"),
        ["organisation__name", "role"],
        frozenset({("tenants.Membership", "user")}),
    ),
    Section(
        "activation",
        _("Activation letters"),
        Invitation,
        _either("household", "used_by"),
        ["created_at", "expires_at", "used_at", "revoked_at"],
        frozenset({("tenants.Invitation", "household"), ("tenants.Invitation", "used_by")}),
    ),
    Section(
        "needs",
        _("Needs of your household"),
        HouseholdNeeds,
        _household("household"),
        ["mobility", "medical", "pets", "works_from_home", "preferred_language", "needs_helper_present"]
        + ["visit_notes", "updated_at"],
        frozenset({("tenants.HouseholdNeeds", "household")}),
    ),
    Section(
        "home_plans",
        _("Home plans"),
        HomePlan,
        _household("household"),
        ["project__name", "must_leave_home", "starts_on", "ends_on", "notes"],
        frozenset({("projects.HomePlan", "household")}),
    ),
    Section(
        "work_items",
        _("Work in your home"),
        WorkItem,
        _household("home_plan__household"),
        ["home_plan__project__name", "kind", "description", "starts_on", "ends_on", "tenant_preparation"],
    ),
    Section(
        "choices",
        _("Choices"),
        HomeChoice,
        _either("home_plan__household", "decided_by"),
        ["topic__title", "option__label", "decided_at"],
        frozenset({("projects.HomeChoice", "decided_by")}),
    ),
    Section(
        "compensations",
        _("Compensation"),
        Compensation,
        _household("home_plan__household"),
        ["kind", "description", "amount", "reference_date", "status", "paid_on"],
    ),
    Section(
        "temporary_homes",
        _("Temporary home"),
        TemporaryHome,
        _household("home_plan__household"),
        ["address", "moves_in_on", "moves_out_on", "rent_rule"],
    ),
    Section(
        "appointments",
        _("Home visits"),
        Appointment,
        _household("home_plan__household"),
        ["slot__purpose", "slot__starts_at", "slot__ends_at", "status", "tenant_note", "created_at"],
    ),
    Section(
        "appointment_changes",
        _("Changes to home visits"),
        AppointmentChange,
        _either("appointment__home_plan__household", "changed_by"),
        ["appointment_id", "from_status", "to_status", "changed_at", "note"],
        frozenset({("projects.AppointmentChange", "changed_by")}),
    ),
    Section(
        "threads",
        _("Discussions you started"),
        Thread,
        _user("author"),
        ["title", "kind", "status", "created_at"],
        frozenset({("feedback.Thread", "author")}),
    ),
    Section(
        "posts",
        _("Your messages"),
        Post,
        _user("author"),
        ["thread__title", "body", "created_at", "edited_at", "hidden_reason"],
        frozenset({("feedback.Post", "author")}),
    ),
    Section(
        "post_revisions",
        _("Earlier versions of your messages"),
        PostRevision,
        _user("edited_by"),
        ["post_id", "body", "edited_at"],
        frozenset({("feedback.PostRevision", "edited_by")}),
    ),
    Section(
        "reactions",
        _("“Me too” reactions"),
        Support,
        _user("user"),
        ["thread__title", "created_at"],
        frozenset({("feedback.Support", "user")}),
    ),
    Section(
        "thread_status_changes",
        _("Status changes you made"),
        ThreadStatusChange,
        _user("changed_by"),
        ["thread__title", "from_status", "to_status", "changed_at"],
        frozenset({("feedback.ThreadStatusChange", "changed_by")}),
    ),
    Section(
        "reports",
        _("Messages you reported"),
        Flag,
        _user("user"),
        ["post_id", "reason", "created_at", "resolved_at"],
        frozenset({("feedback.Flag", "user")}),
    ),
    Section(
        "suspensions",
        _("Suspensions from posting"),
        PostingSuspension,
        _user("user"),
        ["reason", "created_at", "lifted_at"],
        frozenset({("feedback.PostingSuspension", "user")}),
    ),
    Section(
        "moderation",
        _("Moderation about you"),
        ModerationAction,
        _user("member"),
        ["action", "reason", "created_at"],
        frozenset({("feedback.ModerationAction", "member")}),
    ),
    Section(
        "notification_preferences",
        _("Notification settings"),
        Preference,
        _user("user"),
        ["kind", "in_app", "email"],
        frozenset({("notifications.Preference", "user")}),
    ),
    Section(
        "notifications",
        _("Notifications"),
        Notification,
        _user("recipient"),
        ["kind", "event", "project__name", "link", "params", "created_at", "read_at"],
        frozenset({("notifications.Notification", "recipient")}),
    ),
    Section(
        "emails",
        _("E-mails sent to you"),
        EmailDelivery,
        _user("recipient"),
        ["rhythm", "status", "created_at", "sent_at"],
        frozenset({("notifications.EmailDelivery", "recipient")}),
    ),
    Section(
        "letters",
        _("Letters on paper"),
        PaperNotice,
        _household("household"),
        ["project__name", "event", "params", "created_at"],
        frozenset({("notifications.PaperNotice", "household")}),
    ),
    Section(
        "votes",
        _("Your household's votes on proposals"),
        Ballot,
        _either("household", "cast_by"),
        ["proposal__title", "version__number", "choice", "cast_at", "on_paper"],
        frozenset({("decisions.Ballot", "household"), ("decisions.Ballot", "cast_by")}),
    ),
    Section(
        "vote_history",
        _("History of those votes"),
        BallotChange,
        _either("ballot__household", "changed_by"),
        ["ballot__proposal__title", "from_choice", "to_choice", "version_number", "changed_at", "on_paper"],
        frozenset({("decisions.BallotChange", "changed_by")}),
    ),
    Section(
        "written_notices",
        _("Written notices"),
        Notice,
        _household("household"),
        ["proposal__title", "sent_on", "method"],
        frozenset({("decisions.Notice", "household")}),
    ),
    Section(
        "audit",
        _("Audit trail entries about you"),
        AuditEntry,
        _either("household", "actor"),
        ["proposal__title", "at", "action"],
        frozenset({("decisions.AuditEntry", "household"), ("decisions.AuditEntry", "actor")}),
    ),
    Section(
        "registrations",
        _("Registrations for sessions"),
        Registration,
        _either("household", "registered_by"),
        ["session__title", "session__starts_at", "people", "registered_at", "cancelled_at", "attended"],
        frozenset({("meetings.Registration", "household"), ("meetings.Registration", "registered_by")}),
    ),
    Section(
        "poll_votes",
        _("Your answers in polls"),
        PollVote,
        _either("household", "user"),
        ["poll__question", "options__label", "cast_at", "changed_at"],
        frozenset({("polls.PollVote", "household"), ("polls.PollVote", "user")}),
    ),
    Section(
        "survey_invitations",
        _("Questionnaires your household was asked"),
        SurveyInvitation,
        _household("household"),
        ["survey__title", "invited_at"],
        frozenset({("surveys.Invitation", "household"), ("surveys.Survey", "households")}),
    ),
    Section(
        "survey_answers",
        _("Your household's answers to questionnaires"),
        Answer,
        _either("response__household", "response__submitted_by"),
        ["response__survey__title", "question__text", "score", "dont_know", "text", "comment"],
        frozenset({("surveys.Response", "household"), ("surveys.Response", "submitted_by")}),
    ),
    Section(
        "dossier_views",
        _("When staff opened your household's dossier"),
        DossierView,
        _household("household"),
        ["viewed_at", "for_print"],
        frozenset({("insight.DossierView", "household")}),
    ),
    Section(
        "privacy_log",
        _("Your downloads of your data"),
        PrivacyEvent,
        _user("user"),
        ["kind", "at"],
        frozenset({("privacy.PrivacyEvent", "user")}),
    ),
]

# Reasons for developers (not shown to users, so not translated).
STAFF_WORK = (
    "Who did a task for the corporation, contractor or committee: part of their work record, not the person's own "
    "data. Emptied (SET_NULL) when the account is deleted."
)
STAFF_ONLY = "Only staff accounts have it, and staff cannot delete their own account here (see privacy.erasure)."

# Links that are not a person's own data, with the reason.
NOT_PERSONAL = {
    ("tenants.Invitation", "created_by"): STAFF_WORK,
    ("projects.PhaseChange", "changed_by"): STAFF_WORK,
    ("projects.HomePlan", "coach"): STAFF_WORK,
    ("projects.Update", "author"): STAFF_WORK,
    ("projects.Document", "uploaded_by"): STAFF_WORK,
    ("projects.Commitment", "owner"): STAFF_ONLY,
    ("feedback.Post", "hidden_by"): STAFF_WORK,
    ("feedback.PostingSuspension", "created_by"): STAFF_WORK,
    ("feedback.ModerationAction", "actor"): STAFF_WORK,
    ("notifications.LetterBatch", "created_by"): STAFF_WORK,
    ("notifications.LetterBatch", "posted_by"): STAFF_WORK,
    ("decisions.ProposalVersion", "published_by"): STAFF_WORK,
    ("decisions.ProposalVersion", "scope"): (
        "Which homes a proposal covers: part of the proposal. The household's own vote is in the download."
    ),
    ("decisions.Ballot", "entered_by"): STAFF_WORK,
    ("decisions.BallotChange", "entered_by"): STAFF_WORK,
    ("decisions.ResultSnapshot", "certified_by"): STAFF_WORK,
    ("decisions.Notice", "recorded_by"): STAFF_WORK,
    ("advice.AdviceRequest", "advice_submitted_by"): STAFF_WORK,
    ("advice.AdviceRequest", "created_by"): STAFF_WORK,
    ("advice.PacketDocument", "uploaded_by"): STAFF_WORK,
    ("advice.CommitteeDocument", "uploaded_by"): STAFF_WORK,
    ("meetings.Session", "created_by"): STAFF_WORK,
    ("meetings.Registration", "attendance_recorded_by"): STAFF_WORK,
    ("polls.Poll", "created_by"): STAFF_WORK,
    ("surveys.Survey", "created_by"): STAFF_WORK,
    ("insight.DossierView", "viewed_by"): STAFF_ONLY,
    ("privacy.PrivacyEvent", "by"): STAFF_WORK,
    ("privacy.PrivacyEvent", "household"): ("The log of exports and erasures; it holds counts, not personal data."),
}


def covered_links():
    return {link for section in SECTIONS for link in section.covers}
