"""Daily, by Celery beat: the events that follow from the calendar rather than from someone's action.

Each event is selected by date equality (a deadline exactly N days away, a promise that became late
yesterday), so running the task once a day emits each reminder once, without storing what was sent.
"""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from renovatie.events import emit

from .models import Appointment, Commitment, HomeChoice

CHOICE_REMINDER_DAYS = 3


@shared_task
def emit_due_reminders(today=None):
    """Emit choice.deadline_near, commitment.late and appointment.tomorrow for `today` (default: today)."""
    today = today or timezone.localdate()
    counts = {"choice.deadline_near": 0, "commitment.late": 0, "appointment.tomorrow": 0}
    with transaction.atomic():
        open_choices = HomeChoice.objects.filter(
            option__isnull=True, topic__deadline=today + timedelta(days=CHOICE_REMINDER_DAYS)
        ).select_related("topic__project", "home_plan__household")
        for home_choice in open_choices:
            emit("choice.deadline_near", project=home_choice.topic.project, actor=None, home_choice=home_choice)
            counts["choice.deadline_near"] += 1
        became_late = Commitment.objects.filter(
            status=Commitment.Status.OPEN, due_on=today - timedelta(days=1)
        ).select_related("project", "owner")
        for commitment in became_late:
            emit("commitment.late", project=commitment.project, actor=None, commitment=commitment)
            counts["commitment.late"] += 1
        tomorrow = Appointment.objects.filter(
            status__in=[Appointment.Status.PROPOSED, Appointment.Status.CONFIRMED],
            slot__starts_at__date=today + timedelta(days=1),
        ).select_related("slot", "home_plan__project", "home_plan__household")
        for appointment in tomorrow:
            emit("appointment.tomorrow", project=appointment.home_plan.project, actor=None, appointment=appointment)
            counts["appointment.tomorrow"] += 1
    return counts
