"""Periodic work of the surveys app, run by Celery beat (renovatie.settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import services


@shared_task
def send_monthly_pulses():
    """On the first of the month: the monthly pulse to the households of every project in execution."""
    return len(services.send_monthly_pulses())
