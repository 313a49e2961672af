"""Every five minutes, by Celery beat: polls whose closing moment passed are marked closed ("poll.closed")."""

from celery import shared_task

from .services import close_due_polls as close_polls


@shared_task
def close_due_polls():
    """Close the polls whose closing moment has passed; returns how many."""
    return close_polls()
