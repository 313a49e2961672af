"""Reads of pulses and surveys that take more than one line: what a project lists, what waits for a household."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from projects.permissions import ProjectRole

from .models import Invitation, Response, Survey


def surveys_of_project(project, role, household=None, since=None):
    """The project's pulses and surveys for someone with `role` in it, newest first, each with its number of
    responses and invitations; for a household, `.invited` and `.answered`; given `since` (a datetime), also
    `.recent_responses` and `.recent_invitations` since then, for the sentiment line. Drafts for staff only.
    One query."""
    surveys = Survey.objects.filter(project=project).annotate(
        n_responses=Count("responses", distinct=True), n_invited=Count("invitations", distinct=True)
    )
    if since is not None:
        surveys = surveys.annotate(
            recent_responses=Count("responses", filter=Q(responses__submitted_at__gte=since), distinct=True),
            recent_invitations=Count("invitations", filter=Q(invitations__invited_at__gte=since), distinct=True),
        )
    if role < ProjectRole.STAFF:
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    if household is not None:
        surveys = surveys.annotate(
            invited=Exists(Invitation.objects.filter(survey=OuterRef("pk"), household=household)),
            answered=Exists(Response.objects.filter(survey=OuterRef("pk"), household=household)),
        )
    return list(surveys.order_by("-opened_at", "-created_at", "-pk"))


def surveys_of_corporations(corporation_ids):
    """Every pulse and survey of these corporations for staff, with counts, newest first. One query."""
    return list(
        Survey.objects.filter(corporation_id__in=corporation_ids)
        .select_related("project")
        .annotate(n_responses=Count("responses", distinct=True), n_invited=Count("invitations", distinct=True))
        .order_by("-created_at", "-pk")
    )


def waiting_for(household, now=None):
    """The open pulses and surveys this household was asked and has not answered, deadline first. One query."""
    now = now or timezone.now()
    return list(
        Survey.objects.filter(invitations__household=household, status=Survey.Status.OPEN)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .exclude(responses__household=household)
        .select_related("project")
        .order_by("deadline", "-opened_at")
    )
