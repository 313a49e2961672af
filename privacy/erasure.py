"""Deleting a person's account, and erasing a former household's personal data.

What stays, and why: messages stay where they were, shown as by "a former member" (the author is unlinked);
votes on proposals belong to the household and stay counted (who cast one is unlinked, and the audit trail keeps
that a vote was recorded without the person); a person's poll votes and "me too" reactions stay counted, unlinked.
What goes: the account and its e-mail address (free to use again), the profile with the display name and
accessibility needs, the household's needs (medical ones included), notifications and their e-mails, settings,
reports and suspensions, and every session. Everything happens in one transaction: all or nothing.
"""

from collections import Counter
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import Ballot
from feedback.models import Post, Support, Thread
from insight.models import DossierView
from notifications.models import Notification, PaperNotice
from polls.models import PollVote
from projects.models import Appointment, HomePlan
from tenants.models import Household, HouseholdNeeds, Invitation, Membership, TenantProfile
from tenants.permissions import STAFF_ROLES

from .models import PrivacyEvent

DATABASE_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}
STAFF_REFUSAL = _(
    "Staff accounts cannot be deleted here. Ask the administrator of your corporation to close your account: "
    "your work (projects, answers, letters) must stay accounted for."
)


def account_deletion_refused(user):
    """Why `user` may not delete their own account here, or None. Staff ask their corporation's administrator."""
    if user.is_superuser or user.is_staff or Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists():
        return STAFF_REFUSAL
    return None


def _end_sessions(user):
    """Sign the person out everywhere. The database and cached-database stores are searched and each session is
    deleted through its store (so a cached copy goes too); with another store the sessions of a deleted user
    resolve to nobody anyway (Django looks the user up on every request)."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    mine = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    for session_key in mine:
        store(session_key).delete()
    return len(mine)


def _erase_account(user, household):
    counts = {
        "messages_kept_anonymous": Post.objects.filter(author=user).count()
        + Thread.objects.filter(author=user).count(),
        "votes_kept_unlinked": Ballot.objects.filter(cast_by=user).count() + PollVote.objects.filter(user=user).count(),
        "reactions_kept_unlinked": Support.objects.filter(user=user).count(),
        "notifications_deleted": Notification.objects.filter(recipient=user).count(),
        "needs_erased": HouseholdNeeds.objects.filter(household=household).delete()[0] if household else 0,
        "sessions_ended": _end_sessions(user),
    }
    user.delete()  # cascades to the profile, e-mail addresses, settings, notifications; unlinks the rest
    return counts


@transaction.atomic
def delete_account(user):
    """Delete the account of `user` (not staff: see account_deletion_refused). Returns the counts, also logged."""
    if account_deletion_refused(user):
        raise PermissionError(str(STAFF_REFUSAL))
    profile = TenantProfile.objects.select_related("household__dwelling__complex").filter(user=user).first()
    household = profile.household if profile else None
    counts = _erase_account(user, household)
    PrivacyEvent.objects.create(
        kind=PrivacyEvent.Kind.ACCOUNT_DELETED,
        household=household,
        corporation_id=household.dwelling.complex.corporation_id if household else None,
        counts=counts,
    )
    return counts


@transaction.atomic
def erase_household(household, *, by=None):
    """Erase the personal data of a household whose tenancy ended: its members' accounts (a member who also works
    for an organisation keeps the account, without the profile), needs, letters, visit notes and the log of its
    dossier. Its votes, written notices, registrations and answers stay, unlinked, because results and deadlines
    rest on them. Returns the counts, or None when the household was erased before (idempotent)."""
    household = Household.objects.select_for_update().select_related("dwelling__complex").get(pk=household.pk)
    if PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED, household=household).exists():
        return None
    counts = Counter()
    for profile in TenantProfile.objects.filter(household=household).select_related("user"):
        if Membership.objects.filter(user=profile.user).exists() or account_deletion_refused(profile.user):
            profile.delete()
            counts["profiles_erased"] += 1
        else:
            counts.update(_erase_account(profile.user, household))
            counts["accounts_deleted"] += 1
    counts["needs_erased"] += HouseholdNeeds.objects.filter(household=household).delete()[0]
    counts["letters_erased"] = Invitation.objects.filter(household=household).delete()[0]
    counts["paper_notices_erased"] = PaperNotice.objects.filter(household=household).delete()[0]
    counts["visit_notes_erased"] = (
        Appointment.objects.filter(home_plan__household=household).exclude(tenant_note="").update(tenant_note="")
    )
    counts["plan_notes_erased"] = HomePlan.objects.filter(household=household).exclude(notes="").update(notes="")
    counts["dossier_views_erased"] = DossierView.objects.filter(household=household).delete()[0]
    counts = dict(counts)
    PrivacyEvent.objects.create(
        kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED,
        household=household,
        corporation_id=household.dwelling.complex.corporation_id,
        by=by if by is not None and by.is_authenticated else None,
        counts=counts,
    )
    return counts
