"""Reads for the advice pages and fragments, each a fixed number of queries whatever the number of requests.

Clocks are computed in Python from the dates (advice.clocks) and attached as `advice.clocks`. The overdue list
for the staff start page filters in SQL with the same rules, so it can stop at a few rows; a test holds the two
to the same answer.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone

from tenants.models import Membership, Organisation

from . import clocks
from .models import AdviceRequest, CommitteeDocument, PacketDocument

OVERDUE_SHOWN = 5


def with_clocks(requests, today=None):
    """The requests as a list, each with `.clocks` for `today`."""
    today = today or timezone.localdate()
    requests = list(requests)
    for advice in requests:
        advice.clocks = clocks.clocks_for(advice, today)
    return requests


def advice_requests_of(project):
    """Every advice request of the project, newest first, with its organisation, proposal and clocks (1 query)."""
    return with_clocks(
        AdviceRequest.objects.filter(project=project).select_related("organisation", "proposal").order_by("-pk")
    )


def overdue_filter(today):
    """SQL for "a clock is overdue on `today`": the advice (no advice after its due day) or the response."""
    advice_overdue = Q(packet_sent_on__isnull=False, advice_received_on__isnull=True) & (
        Q(advice_due_extended_to__isnull=True, packet_sent_on__lt=today - clocks.ADVICE_PERIOD)
        | Q(advice_due_extended_to__lt=today)
    )
    response_overdue = Q(
        advice_received_on__lt=today - clocks.RESPONSE_PERIOD, advice_agrees=False, response_sent_on__isnull=True
    )
    return advice_overdue | response_overdue


def overdue_for_staff(corporation_ids, limit=OVERDUE_SHOWN):
    """(the first `limit` overdue requests of these corporations, oldest first, with clocks; how many in all).

    Two queries, whatever the number of requests.
    """
    today = timezone.localdate()
    overdue = AdviceRequest.objects.filter(overdue_filter(today), project__corporation_id__in=corporation_ids)
    shown = with_clocks(
        overdue.select_related("project", "organisation").order_by("packet_sent_on", "pk")[:limit], today
    )
    total = len(shown) if len(shown) < limit else overdue.count()
    return shown, total


def committees_of(user):
    """The tenant organisations `user` represents (1 query)."""
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.TENANT_ORGANISATION,
            memberships__user=user,
            memberships__role=Membership.Role.TENANT_REPRESENTATIVE,
        ).order_by("name")
    )


def is_representative_of(user, organisation):
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.TENANT_REPRESENTATIVE
    ).exists()


def committee_requests(organisation):
    """The requests the committee has been sent (packet sent), with their packet documents and clocks (2 queries)."""
    return with_clocks(
        AdviceRequest.objects.filter(organisation=organisation, packet_sent_on__isnull=False)
        .select_related("project", "proposal")
        .prefetch_related(Prefetch("packet_documents", queryset=PacketDocument.objects.order_by("uploaded_at", "pk")))
        .order_by("-packet_sent_on", "-pk")
    )


def committee_papers(organisation):
    """(documents, minutes) of the committee, newest first (1 query)."""
    papers = list(CommitteeDocument.objects.filter(organisation=organisation).select_related("uploaded_by"))
    documents = [paper for paper in papers if paper.kind == CommitteeDocument.Kind.DOCUMENT]
    minutes = sorted(
        (paper for paper in papers if paper.kind == CommitteeDocument.Kind.MINUTES),
        key=lambda paper: (paper.meeting_on, paper.pk),
        reverse=True,
    )
    return documents, minutes
