"""Celery tasks: send one e-mail (retried with backoff on SMTP trouble), sweep the outbox, send the digests."""

from celery import shared_task

from . import outbox
from .models import EmailRhythm


@shared_task(bind=True, acks_late=True, max_retries=outbox.MAX_ATTEMPTS)
def send_email(self, delivery_id):
    """Send e-mail `delivery_id` once; running it again (a retry, a duplicate, the sweeper) sends nothing more."""
    try:
        return outbox.deliver(delivery_id)
    except outbox.TEMPORARY_ERRORS as error:
        raise self.retry(exc=error, countdown=outbox.backoff(self.request.retries + 1)) from error


@shared_task
def sweep_outbox():
    return outbox.sweep()


@shared_task
def send_daily_digests():
    return outbox.send_digests(EmailRhythm.DAILY)


@shared_task
def send_weekly_digests():
    return outbox.send_digests(EmailRhythm.WEEKLY)
