"""Periodic jobs of co-decision, run by Celery beat (renovatie.settings: `emit_voting_reminders` every hour)."""

from celery import shared_task

from .reminders import emit_closing_reminder, proposals_due_a_reminder


@shared_task
def emit_voting_reminders():
    """Remind the households that have not voted on each proposal closing within three days; once per version.
    Returns how many reminders were emitted."""
    return sum(emit_closing_reminder(proposal) for proposal in proposals_due_a_reminder())
