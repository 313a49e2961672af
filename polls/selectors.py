"""Reads on polls: who may vote, the polls a page lists, and whether the reader has voted.

The people of a project are its households (active tenancies of a home in one of the project's complexes, as
projects.permissions decides membership) and, for person polls, the tenants of those households. Contractors and
staff are in the project too, but never vote.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from projects.permissions import ProjectRole
from tenants.models import Household, TenantProfile

from .models import Poll, PollVote


def project_households(project):
    """The households that vote in a household poll of `project`."""
    return Household.objects.active().filter(dwelling__complex__projects=project)


def project_people(project):
    """The tenant profiles whose users vote in a person poll of `project`."""
    return TenantProfile.objects.filter(household__in=project_households(project).values("pk"), user__is_active=True)


def household_of_user(user):
    """The active household `user` is a tenant of, or None (contractors, staff)."""
    profile = TenantProfile.objects.filter(user=user, household__ended_on__isnull=True).select_related("household")
    profile = profile.first()
    return profile.household if profile else None


def polls_for(project, viewer, role):
    """The polls of `project` a person with `role` may see, open ones first, each with `.voted` for a household
    member (whether they, or their household in a household poll, voted). One query."""
    polls = Poll.objects.filter(project=project)
    if role < ProjectRole.STAFF:
        polls = polls.exclude(status=Poll.Status.DRAFT)
    if role == ProjectRole.HOUSEHOLD and viewer.household is not None:
        by_household = PollVote.objects.filter(poll=OuterRef("pk"), household_id=viewer.household.pk)
        by_person = PollVote.objects.filter(poll=OuterRef("pk"), user_id=viewer.user.pk)
        polls = polls.annotate(voted_as_household=Exists(by_household), voted_as_person=Exists(by_person))
    polls = polls.annotate(
        status_order=Case(
            When(status=Poll.Status.OPEN, then=Value(0)),
            When(status=Poll.Status.DRAFT, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("status_order", "-opens_at", "-created_at", "-pk")
    polls = list(polls)
    for poll in polls:
        poll.voted = getattr(poll, "voted_as_person" if poll.per_person else "voted_as_household", None)
    return polls


def own_vote(poll, viewer):
    """The vote that is the viewer's own in `poll` (their household's, or for a person poll their own), or None."""
    if viewer.household is None:
        return None
    if poll.per_person:
        return PollVote.objects.filter(poll=poll, user=viewer.user).prefetch_related("options").first()
    return PollVote.objects.filter(poll=poll, household=viewer.household).prefetch_related("options").first()
