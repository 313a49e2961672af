"""Daily, by Celery beat (07:10): the reminder for tomorrow's sessions.

Each session is reminded of once: `Session.reminder_sent_at` is set in the same transaction as the event, and the
rows are locked, so running the task twice (or on two workers) never reminds twice.
"""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from renovatie.events import emit

from .models import Session
from .services import registered_households


@shared_task
def emit_session_reminders(today=None):
    """Emit "session.reminder" once for every planned session that starts tomorrow; returns how many."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    sent = 0
    with transaction.atomic():
        due = (
            Session.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(status=Session.Status.PLANNED, reminder_sent_at__isnull=True, starts_at__date=tomorrow)
            .select_related("project")
        )
        for session in due:
            emit(
                "session.reminder",
                project=session.project,
                actor=None,
                session=session,
                households=registered_households(session),
            )
            session.reminder_sent_at = timezone.now()
            session.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent
