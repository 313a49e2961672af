"""Notifications: the in-app row, the e-mail outbox, each person's preferences, and notices sent on paper.

A `Notification` is written in the same transaction as the event it tells about (see notifications.handlers),
so it exists exactly when the change does. Its text is not stored: the event's parameters are, and the text is
rendered when someone reads or receives it, in the recipient's language. An `EmailDelivery` is one e-mail to
send, with a unique idempotency key: whoever sends it locks the row and checks its status first, so a retried or
duplicated task never sends it twice. Households that cannot be reached online get a `PaperNotice`, which staff
print in a `LetterBatch`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; each person chooses per kind how to hear of it."""

    PROJECT = "project", _("News about the project")
    REPLIES = "replies", _("Replies to me")
    MENTIONS = "mentions", _("Mentions of my name")
    APPOINTMENTS = "appointments", _("Appointments at my home")
    VOTES = "votes", _("Votes and polls")
    CHOICES = "choices", _("Choices for my home")


class EmailRhythm(models.TextChoices):
    """When an e-mail goes out. AUTO: at once when it is urgent and personal, otherwise in the daily digest."""

    AUTO = "auto", _("Recommended: urgent news at once, the rest once a day")
    IMMEDIATE = "immediate", _("At once, one e-mail each")
    DAILY = "daily", _("Once a day, in one e-mail")
    WEEKLY = "weekly", _("Once a week, in one e-mail")
    NEVER = "never", _("No e-mail")


class Preference(models.Model):
    """How one person wants to hear of one kind. No row: the defaults (in-app on, e-mail AUTO)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    in_app = models.BooleanField(_("show on the website"), default=True)
    email = models.CharField(_("e-mail"), max_length=10, choices=EmailRhythm.choices, default=EmailRhythm.AUTO)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user} {self.kind}"


class EmailDelivery(models.Model):
    """One e-mail in the outbox: a single notification, or a digest of several."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rhythm = models.CharField(_("rhythm"), max_length=10, choices=EmailRhythm.choices)
    idempotency_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The sweeper re-queues a pending e-mail once this moment is over a minute ago (moved on by each retry).
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [models.Index(fields=["queued_at"], condition=Q(status="pending"), name="pending_email_by_queue")]

    def __str__(self):
        return self.idempotency_key


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    event = models.CharField(_("event"), max_length=60)
    project = models.ForeignKey(
        "projects.RenovationProject", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    link = models.CharField(_("link"), max_length=300, blank=True)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    in_app = models.BooleanField(_("on the website"), default=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_rhythm = models.CharField(_("e-mail"), max_length=10, choices=EmailRhythm.choices)
    email = models.ForeignKey(
        EmailDelivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notifications_of_recipient"),
            models.Index(
                fields=["recipient"], condition=Q(in_app=True, read_at__isnull=True), name="unread_notifications"
            ),
            models.Index(
                fields=["email_rhythm", "created_at"], condition=Q(email__isnull=True), name="awaiting_digest"
            ),
            models.Index(fields=["project", "-created_at"], name="notifications_of_project"),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient}"


class LetterBatch(models.Model):
    """Notices for households that are not online, printed together and posted by staff."""

    project = models.ForeignKey("projects.RenovationProject", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    posted_at = models.DateTimeField(_("sent on paper"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.project} {self.created_at:%Y-%m-%d}"


class PaperNotice(models.Model):
    """A notice that matters, for a household without an activated account: it goes out in the next letter."""

    household = models.ForeignKey("tenants.Household", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("projects.RenovationProject", on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("event"), max_length=60)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    batch = models.ForeignKey(LetterBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices")

    class Meta:
        verbose_name = _("notice on paper")
        verbose_name_plural = _("notices on paper")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project"], condition=Q(batch__isnull=True), name="paper_awaiting_batch")]

    def __str__(self):
        return f"{self.event} → {self.household}"
