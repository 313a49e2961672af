"""Writes: turning an event into notifications (inside the event's transaction), reading them, preferences,
unsubscribing, and letter batches for households that are not online."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.models import TenantProfile

from . import live, outbox
from .catalogue import CATALOGUE
from .models import EmailDelivery, EmailRhythm, Kind, LetterBatch, Notification, PaperNotice, Preference


def decide(preference, spec):
    """(in_app, e-mail rhythm) for one person and one event, from their preference for its kind (or the default:
    on the website always; by e-mail at once when urgent and personal, otherwise in the daily digest)."""
    in_app = preference.in_app if preference else True
    rhythm = preference.email if preference else EmailRhythm.AUTO
    if rhythm == EmailRhythm.AUTO:
        rhythm = EmailRhythm.IMMEDIATE if spec.urgent else EmailRhythm.DAILY
    return in_app, rhythm


def record_event(event):
    """Write the notifications (and outbox rows, and paper notices) for `event`. Runs inside the emitting
    service's transaction (subscribed with renovatie.events.subscribe_in_transaction), so they exist exactly
    when the change does; the e-mails are queued and the bells updated only after commit."""
    spec = CATALOGUE.get(event.name)
    if spec is None:
        return []
    data = event.data
    audience = spec.audience(data)
    members = list(
        TenantProfile.objects.filter(household_id__in=audience.household_ids, user__is_active=True).values_list(
            "user_id", "household_id"
        )
    )
    wanted = set(audience.user_ids) | {user_id for user_id, _ in members}
    actor = data.get("actor")
    wanted.discard(getattr(actor, "pk", None))
    recipients = sorted(get_user_model().objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))
    project = data.get("project")
    unreached = audience.household_ids - {household_id for _, household_id in members}
    if not recipients and not (spec.paper and unreached):
        return []
    params, link = spec.params(data), spec.link(data)
    preferences = {p.user_id: p for p in Preference.objects.filter(user_id__in=recipients, kind=spec.kind)}
    notifications = []
    for user_id in recipients:
        in_app, rhythm = decide(preferences.get(user_id), spec)
        if in_app or rhythm != EmailRhythm.NEVER:
            notifications.append(
                Notification(
                    recipient_id=user_id,
                    kind=spec.kind,
                    event=event.name,
                    project=project,
                    link=link,
                    params=params,
                    in_app=in_app,
                    email_rhythm=rhythm,
                )
            )
    Notification.objects.bulk_create(notifications)
    _add_immediate_emails(notifications)
    if spec.paper and project is not None:
        PaperNotice.objects.bulk_create(
            PaperNotice(household_id=household_id, project=project, event=event.name, params=params)
            for household_id in sorted(unreached)
        )
    bells = sorted({n.recipient_id for n in notifications if n.in_app})
    if bells:
        transaction.on_commit(lambda: live.announce_unread(bells))
    return notifications


def _add_immediate_emails(notifications):
    immediate = [n for n in notifications if n.email_rhythm == EmailRhythm.IMMEDIATE]
    if not immediate:
        return
    deliveries = EmailDelivery.objects.bulk_create(
        EmailDelivery(recipient_id=n.recipient_id, rhythm=EmailRhythm.IMMEDIATE, idempotency_key=f"notification:{n.pk}")
        for n in immediate
    )
    for notification, delivery in zip(immediate, deliveries, strict=True):
        notification.email = delivery
    Notification.objects.bulk_update(immediate, ["email"])
    outbox.queue_on_commit([delivery.pk for delivery in deliveries])


# --- Reading ----------------------------------------------------------------------------------------------


def mark_read(notification):
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        live.forget_counts([notification.recipient_id])
        transaction.on_commit(lambda: live.announce_unread([notification.recipient_id]))


def mark_all_read(user):
    count = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    live.forget_counts([user.pk])
    transaction.on_commit(lambda: live.announce_unread([user.pk]))
    return count


# --- Preferences and unsubscribing -------------------------------------------------------------------------


def preferences_of(user):
    """{kind: Preference} for every kind, unsaved defaults where the person chose nothing yet."""
    saved = {p.kind: p for p in Preference.objects.filter(user=user)}
    return {kind: saved.get(kind) or Preference(user=user, kind=kind) for kind in Kind.values}


@transaction.atomic
def save_preferences(user, choices):
    """`choices`: {kind: (in_app, e-mail rhythm)}. Unknown kinds or rhythms are refused, nothing is saved."""
    for kind, (_in_app, rhythm) in choices.items():
        if kind not in Kind.values or rhythm not in EmailRhythm.values:
            raise ValidationError(_("Please choose one of the options shown."))
    for kind, (in_app, rhythm) in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"in_app": in_app, "email": rhythm})


@transaction.atomic
def stop_email(user, kinds):
    """No more e-mail for these kinds (the unsubscribe link); the website keeps showing them."""
    for kind in kinds:
        if kind in Kind.values:
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"email": EmailRhythm.NEVER})


# --- Paper ----------------------------------------------------------------------------------------------


@transaction.atomic
def make_letter_batch(project, *, by):
    """Collect every paper notice of the project not yet in a letter into one batch for printing."""
    waiting = PaperNotice.objects.select_for_update().filter(project=project, batch__isnull=True)
    if not waiting.exists():
        raise ValidationError(_("There are no notices waiting for a letter."))
    batch = LetterBatch.objects.create(project=project, created_by=by)
    waiting.update(batch=batch)
    return batch


@transaction.atomic
def mark_batch_posted(batch, *, by):
    batch = LetterBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.posted_at is not None:
        raise ValidationError(_("These letters were already marked as sent."))
    batch.posted_at = timezone.now()
    batch.posted_by = by
    batch.save(update_fields=["posted_at", "posted_by"])
    return batch
