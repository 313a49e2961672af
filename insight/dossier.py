"""The household dossier: one chronological record of everything the corporation and the platform did with a
household, for staff only — printable as one document, for example for a court case about the reasonableness
of a renovation proposal.

Each source below reads one kind of record in one query and turns it into Entries; `household_dossier` merges
them by moment. What is deliberately left out: answers to pulse questions and polls (those are anonymous to
everyone, staff included) and promises made to a whole project (they are on the project's own page).
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from decisions.models import BallotChange, Notice
from decisions.notices import court_deadline
from feedback.models import Post
from meetings.models import Registration
from projects.models import AppointmentChange, Compensation, HomeChoice, HomePlan, TemporaryHome
from tenants.models import HouseholdNeeds, Invitation, TenantProfile

from .models import DossierView


@dataclass(frozen=True)
class Entry:
    moment: datetime
    category: str
    title: str
    detail: str = ""
    by: str = ""


def _moment(value):
    """Dates become the start of that day in the site's time zone, so they sort among moments."""
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.email


def tenancy(household):
    yield Entry(_moment(household.started_on), _("Tenancy"), _("Tenancy started"), household.tenancy_reference)
    if household.ended_on:
        yield Entry(_moment(household.ended_on), _("Tenancy"), _("Tenancy ended"))


def letters_and_accounts(household):
    for invitation in Invitation.objects.filter(household=household).select_related("created_by", "used_by"):
        yield Entry(
            invitation.created_at,
            _("Letters"),
            _("Activation letter printed"),
            _("Valid until %(date)s") % {"date": timezone.localtime(invitation.expires_at).date().isoformat()},
            _name(invitation.created_by),
        )
        if invitation.used_at:
            yield Entry(invitation.used_at, _("Letters"), _("Activation code used"), by=_name(invitation.used_by))
    for profile in TenantProfile.objects.filter(household=household).select_related("user"):
        yield Entry(
            profile.created_at,
            _("Account"),
            _("Account activated"),
            f"{profile.display_name} ({profile.user.email})",
        )


def needs(household):
    for record in HouseholdNeeds.objects.filter(household=household):
        parts = [
            f"{label}: {value}"
            for label, value in (
                (_("mobility"), record.get_mobility_display() if record.mobility else ""),
                (_("medical needs"), record.medical),
                (_("pets"), record.pets),
                (_("preferred language for visits"), record.preferred_language),
                (_("other things a visitor should know"), record.visit_notes),
            )
            if value
        ]
        if record.works_from_home:
            parts.append(_("works from home"))
        if record.needs_helper_present:
            parts.append(_("wants a helper present during visits"))
        yield Entry(record.updated_at, _("Needs"), _("Needs recorded (latest version)"), "; ".join(parts))


def home_plans(household):
    for plan in HomePlan.objects.filter(household=household).select_related("project"):
        if plan.starts_on:
            detail = _("Work from %(start)s to %(end)s") % {"start": plan.starts_on, "end": plan.ends_on or "?"}
            if plan.must_leave_home:
                detail += " · " + _("must leave the home during the work")
            yield Entry(_moment(plan.starts_on), plan.project.name, _("Work in the home starts"), detail)
    for home in TemporaryHome.objects.filter(home_plan__household=household).select_related("home_plan__project"):
        yield Entry(
            _moment(home.moves_in_on), home.home_plan.project.name, _("Moves into a temporary home"), home.address
        )
        yield Entry(_moment(home.moves_out_on), home.home_plan.project.name, _("Leaves the temporary home"))
    for money in Compensation.objects.filter(home_plan__household=household).select_related("home_plan__project"):
        title = _("%(kind)s owed: € %(amount)s") % {"kind": money.get_kind_display(), "amount": money.amount}
        yield Entry(_moment(money.reference_date), money.home_plan.project.name, title, money.description)
        if money.paid_on:
            yield Entry(_moment(money.paid_on), money.home_plan.project.name, _("Allowance paid"), title)


def appointments(household):
    changes = (
        AppointmentChange.objects.filter(appointment__home_plan__household=household)
        .select_related("appointment__home_plan__project", "to_slot", "changed_by")
        .order_by("changed_at", "pk")
    )
    for change in changes:
        slot = change.to_slot
        when = timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M") if slot else ""
        title = _("Visit %(status)s") % {"status": change.get_to_status_display()}
        detail = " · ".join(part for part in (slot.purpose if slot else "", when, change.note) if part)
        yield Entry(
            change.changed_at, change.appointment.home_plan.project.name, title, detail, _name(change.changed_by)
        )


def choices(household):
    made = HomeChoice.objects.filter(home_plan__household=household, decided_at__isnull=False).select_related(
        "topic__project", "option", "decided_by"
    )
    for choice in made:
        yield Entry(
            choice.decided_at,
            choice.topic.project.name,
            _("Choice made: %(topic)s") % {"topic": choice.topic.title},
            choice.option.label if choice.option else "",
            _name(choice.decided_by),
        )


def votes(household):
    changes = BallotChange.objects.filter(ballot__household=household).select_related(
        "ballot__proposal__project", "changed_by", "entered_by"
    )
    for change in changes:
        proposal = change.ballot.proposal
        title = _("Voted “%(choice)s” on %(proposal)s (version %(version)d)") % {
            "choice": change.get_to_choice_display(),
            "proposal": proposal.title,
            "version": change.version_number,
        }
        detail = _("on paper or at the door") if change.on_paper else _("online")
        yield Entry(
            change.changed_at, proposal.project.name, title, detail, _name(change.entered_by or change.changed_by)
        )


def messages(household):
    posts = Post.objects.filter(author__tenant_profile__household=household).select_related("thread", "author")
    for post in posts.order_by("created_at")[:500]:
        title = _("Wrote in “%(thread)s”") % {"thread": post.thread.title}
        detail = Truncator(post.body).chars(300)
        if post.hidden_at:
            detail = _("(hidden by moderation)") + " " + detail
        yield Entry(post.created_at, _("Discussions"), title, detail, _name(post.author))


def written_notices(household):
    for notice in Notice.objects.filter(household=household).select_related("proposal__project", "recorded_by"):
        title = _("Written notice sent: 70%% agreed to %(proposal)s") % {"proposal": notice.proposal.title}
        detail = _("%(method)s · last day to go to court: %(deadline)s") % {
            "method": notice.get_method_display(),
            "deadline": court_deadline(notice.sent_on).isoformat(),
        }
        yield Entry(_moment(notice.sent_on), notice.proposal.project.name, title, detail, _name(notice.recorded_by))


def sessions(household):
    registrations = Registration.objects.filter(household=household).select_related("session__project", "registered_by")
    for registration in registrations:
        session = registration.session
        when = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        title = _("Registered for “%(session)s”") % {"session": session.title}
        yield Entry(registration.registered_at, session.project.name, title, when, _name(registration.registered_by))
        if registration.cancelled_at:
            yield Entry(registration.cancelled_at, session.project.name, _("Registration cancelled"), session.title)
        elif registration.attended:
            yield Entry(session.starts_at, session.project.name, _("Attended the session"), session.title)


SOURCES = [
    tenancy,
    letters_and_accounts,
    needs,
    home_plans,
    appointments,
    choices,
    votes,
    written_notices,
    sessions,
    messages,
]


def household_dossier(household):
    """Every entry about `household`, oldest first: one query per source."""
    entries = [entry for source in SOURCES for entry in source(household)]
    return sorted(entries, key=lambda entry: entry.moment)


def recent_views(household, limit=20):
    return list(DossierView.objects.filter(household=household).select_related("viewed_by")[:limit])
