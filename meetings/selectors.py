"""Reads for the session pages and the hooks on the project pages, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from tenants.models import Household

from .models import Registration, Session

ACTIVE = Q(registrations__cancelled_at__isnull=True)


def with_counts(sessions):
    """`registered_count` (households with a place), `people_count` and `attended_count` on every session."""
    return sessions.annotate(
        registered_count=Count("registrations", filter=ACTIVE, distinct=True),
        attended_count=Count("registrations", filter=ACTIVE & Q(registrations__attended=True), distinct=True),
    )


def _own_registration(household):
    return Prefetch(
        "registrations",
        Registration.objects.active().filter(household=household),
        to_attr="own_registrations",
    )


def upcoming_sessions(project, household=None, now=None):
    """Sessions of `project` that have not ended, soonest first, with their counts; for a household also its own
    registration (`own_registrations`, a list of at most one). Cancelled ones are included, marked as such."""
    sessions = with_counts(Session.objects.filter(project=project, ends_at__gt=now or timezone.now()))
    if household is not None:
        sessions = sessions.prefetch_related(_own_registration(household))
    return list(sessions.order_by("starts_at", "pk"))


def past_sessions_with_minutes(project, now=None):
    """Sessions that took place and whose minutes are published, the latest first."""
    return list(
        Session.objects.filter(
            project=project,
            status=Session.Status.PLANNED,
            ends_at__lte=now or timezone.now(),
            minutes_published_at__isnull=False,
        ).order_by("-starts_at", "pk")
    )


def session_for_household(project, session_id, household=None):
    """One session of the project with its counts (and the household's own registration), or None."""
    sessions = with_counts(Session.objects.filter(project=project, pk=session_id))
    if household is not None:
        sessions = sessions.prefetch_related(_own_registration(household))
    return sessions.first()


@dataclass(frozen=True)
class Reach:
    households: int  # active households in the project's complexes
    registered: int  # distinct households registered for a session that was not cancelled
    attended: int  # distinct households that came to at least one session

    @property
    def share_reached(self):
        return self.attended / self.households if self.households else 0


def project_reach(project):
    """How many of the project's households the sessions reached, in one query."""
    registrations = Registration.objects.active().filter(
        session__project=project, session__status=Session.Status.PLANNED, household=OuterRef("pk")
    )
    counts = (
        Household.objects.active()
        .filter(dwelling__complex__in=project.complexes.all())
        .aggregate(
            households=Count("pk"),
            registered=Count("pk", filter=Q(Exists(registrations))),
            attended=Count("pk", filter=Q(Exists(registrations.filter(attended=True)))),
        )
    )
    return Reach(**counts)


def staff_sessions(project, now=None):
    """(upcoming, past): every session of the project with its counts; upcoming soonest first, past latest first."""
    now = now or timezone.now()
    sessions = list(with_counts(Session.objects.filter(project=project)).order_by("starts_at", "pk"))
    upcoming = [session for session in sessions if session.ends_at > now]
    past = [session for session in reversed(sessions) if session.ends_at <= now]
    return upcoming, past


def registrations_for_door(session):
    """The session's registrations (cancelled ones last), with the address and who registered, in street order."""
    return list(
        Registration.objects.filter(session=session)
        .select_related("household__dwelling", "registered_by")
        .order_by(
            "cancelled_at",
            "household__dwelling__street",
            "household__dwelling__house_number",
            "household__dwelling__addition",
        )
    )


def households_to_register(session):
    """Active households of the project without a place at the session, in street order (for the staff form)."""
    taken = Registration.objects.active().filter(session=session).values("household_id")
    return list(
        Household.objects.active()
        .filter(dwelling__complex__in=session.project.complexes.all())
        .exclude(pk__in=taken)
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )


def session_links(project, household=None, limit=3, now=None):
    """The next `limit` planned sessions of the project with places left (and whether `household` has a place),
    for the hooks on the project page and the staff dashboard: one query."""
    sessions = with_counts(
        Session.objects.filter(project=project, status=Session.Status.PLANNED, starts_at__gt=now or timezone.now())
    )
    if household is not None:
        sessions = sessions.annotate(
            is_registered=Exists(Registration.objects.active().filter(session=OuterRef("pk"), household=household))
        )
    return list(sessions.order_by("starts_at", "pk")[:limit])
