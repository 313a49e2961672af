"""The e-mail outbox: queue after commit, send each e-mail exactly once, sweep what is left, build digests.

Never lost: an `EmailDelivery` row is written in the transaction that decided the e-mail; the task is queued
only after commit, and `sweep` re-queues what is still pending a minute later, so a broker that is down at
commit time or a worker that crashed delays the e-mail but loses none. Never doubled: `deliver` locks the row
and sends only while it is pending, so a retried, duplicated or swept task sends once. The Message-ID comes from
the idempotency key, so even a crash between the SMTP send and the commit gives a copy receivers recognise.
"""

import hashlib
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError

from . import unsubscribe
from .models import EmailDelivery, EmailRhythm, Kind, Notification
from .rendering import language_of, text_of

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
SWEEP_AFTER = timedelta(minutes=1)
SWEEP_BATCH = 500
TEMPORARY_ERRORS = (smtplib.SMTPException, OSError)


def backoff(attempt):
    """Seconds to wait before retry number `attempt` (1, 2, ...): 1, 2, 4 ... minutes, at most an hour."""
    first = getattr(settings, "NOTIFICATIONS_RETRY_SECONDS", 60)
    return min(first * 2 ** max(attempt - 1, 0), 3600)


def queue_on_commit(delivery_ids):
    if delivery_ids:
        transaction.on_commit(lambda: queue(delivery_ids))


def queue(delivery_ids):
    """Hand the e-mails to Celery. A broker that is down is logged, not raised: the sweeper retries later."""
    from .tasks import send_email

    for delivery_id in delivery_ids:
        try:
            send_email.delay(delivery_id)
        except OperationalError:
            logger.warning("broker unreachable; %s e-mail(s) left for the sweeper", len(delivery_ids))
            return
        except Exception:  # eager mode runs the task here; its failure is recorded on the row
            logger.warning("e-mail %s not sent now; the sweeper retries it", delivery_id, exc_info=True)


def deliver(delivery_id):
    """Send one e-mail if it is still pending; True when this call sent it. Temporary SMTP errors are recorded
    on the row (attempts, last error, when to try again) and raised, for the task to retry with backoff."""
    failure = None
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=delivery_id, status=EmailDelivery.Status.PENDING)
            .first()
        )
        if delivery is None:  # sent already, given up, or being sent by another worker right now
            return False
        now = timezone.now()
        delivery.attempts += 1
        message = compose(delivery)
        if message is None:
            delivery.status, delivery.last_error = EmailDelivery.Status.FAILED, "nothing to send"
        else:
            try:
                message.send()
            except TEMPORARY_ERRORS as error:
                failure = error
                delivery.last_error = str(error)[:300]
                delivery.queued_at = now + timedelta(seconds=backoff(delivery.attempts))
                if delivery.attempts >= MAX_ATTEMPTS:
                    delivery.status = EmailDelivery.Status.FAILED
            else:
                delivery.status, delivery.sent_at, delivery.last_error = EmailDelivery.Status.SENT, now, ""
        delivery.save(update_fields=["attempts", "status", "sent_at", "last_error", "queued_at"])
    if failure is not None:
        raise failure
    return message is not None


def sweep(now=None):
    """Re-queue pending e-mails whose last queueing is over a minute ago. Returns how many."""
    now = now or timezone.now()
    ids = list(
        EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING, queued_at__lte=now - SWEEP_AFTER)
        .order_by("queued_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    EmailDelivery.objects.filter(pk__in=ids).update(queued_at=now)
    queue(ids)
    return len(ids)


def period_of(rhythm, now):
    day = timezone.localdate(now)
    if rhythm == EmailRhythm.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def send_digests(rhythm, now=None):
    """One e-mail per person with everything for `rhythm` not mailed yet. Running twice in one period adds
    nothing: the digest's key names the person and the period. Returns how many digests were made."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(email_rhythm=rhythm, email__isnull=True, created_at__lte=now)
    made = 0
    for user_id in list(waiting.order_by().values_list("recipient_id", flat=True).distinct()):
        with transaction.atomic():
            delivery, created = EmailDelivery.objects.get_or_create(
                idempotency_key=f"digest:{rhythm}:{user_id}:{period_of(rhythm, now)}",
                defaults={"recipient_id": user_id, "rhythm": rhythm},
            )
            if not created and delivery.status != EmailDelivery.Status.PENDING:
                continue  # this period's digest went out already; the rest waits for the next one
            waiting.filter(recipient_id=user_id).update(email=delivery)
            queue_on_commit([delivery.pk])
            made += created
    return made


# --- Building the message ---------------------------------------------------------------------------------


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def digest_groups(notifications):
    """[(project name, [(kind label, [(text, url)])])], in the order the notifications came (sorted already)."""
    groups = []
    for notification in notifications:
        project = notification.project.name if notification.project else _("General")
        if not groups or groups[-1][0] != project:
            groups.append((project, []))
        kinds = groups[-1][1]
        label = Kind(notification.kind).label
        if not kinds or kinds[-1][0] != label:
            kinds.append((label, []))
        kinds[-1][1].append((text_of(notification), absolute(notification.link)))
    return groups


def compose(delivery):
    """The e-mail for a delivery, in its recipient's language; None when nothing is left to tell."""
    notifications = list(
        delivery.notifications.select_related("project").order_by("project__name", "kind", "created_at", "pk")
    )
    if not notifications:
        return None
    user = delivery.recipient
    kinds = sorted({n.kind for n in notifications})
    with translation.override(language_of(user)):
        context = {
            "unsubscribe_url": unsubscribe.url(user, kinds),
            "settings_url": absolute(unsubscribe.settings_path()),
            "kinds": [str(Kind(kind).label) for kind in kinds],
        }
        if delivery.rhythm == EmailRhythm.IMMEDIATE:
            first = notifications[0]
            context.update(text=text_of(first), url=absolute(first.link))
            subject, template = context["text"], "notifications/email/notification"
        else:
            context["groups"] = digest_groups(notifications)
            count = len(notifications)
            subject = ngettext(
                "Your summary from the renovation platform: %(count)s message",
                "Your summary from the renovation platform: %(count)s messages",
                count,
            ) % {"count": count}
            template = "notifications/email/digest"
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:150],
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<{hashlib.sha256(delivery.idempotency_key.encode()).hexdigest()[:32]}@renovatieplatform>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
