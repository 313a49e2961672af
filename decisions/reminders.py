"""Reminding households that voting closes soon: once per proposal version, for those that have not voted on it.

The reminder is an event ("proposal.closing_soon"); the notifications app decides how to reach each household.
The marker (ProposalVersion.closing_reminder_at) is set in the same transaction as the emit, under a lock on the
version, so two workers running the hourly task at the same moment emit it once. A new version is a new question,
so it gets its own reminder. The audit trail records each reminder and how many households it was for.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from renovatie.events import emit

from . import audit
from .models import AuditEntry, Ballot, Proposal, ProposalVersion

REMINDER_WINDOW = timedelta(days=3)


def proposals_due_a_reminder(now=None):
    """Open proposals closing within REMINDER_WINDOW whose current version has had no reminder yet."""
    now = now or timezone.now()
    return Proposal.objects.filter(
        status=Proposal.Status.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + REMINDER_WINDOW,
        current_version__closing_reminder_at__isnull=True,
    ).order_by("closes_at")


def households_without_vote(proposal, version):
    """The households in scope of `version` without a ballot on it, in a stable order."""
    voted = Ballot.objects.filter(proposal=proposal, version=version).values("household_id")
    return list(version.scope.exclude(pk__in=voted).order_by("pk"))


@transaction.atomic
def emit_closing_reminder(proposal, *, now=None):
    """Emit "proposal.closing_soon" for the proposal's current version unless it was emitted already; True if
    this call emitted it. Nothing is emitted when every household voted, but the version is marked all the same."""
    now = now or timezone.now()
    proposal = Proposal.objects.select_related("project").get(pk=proposal.pk)
    version = ProposalVersion.objects.select_for_update().get(pk=proposal.current_version_id)
    if version.closing_reminder_at is not None or proposal.status != Proposal.Status.OPEN:
        return False
    version.closing_reminder_at = now
    version.save(update_fields=["closing_reminder_at"])
    households = households_without_vote(proposal, version)
    if not households:
        return False
    audit.write(proposal, AuditEntry.Action.REMINDED, by=None, version=version.number, households=len(households))
    emit("proposal.closing_soon", project=proposal.project, actor=None, proposal=proposal, households=households)
    return True
