"""Consultation sessions: small groups in the model home, information evenings and walk-in hours of a project.

A Session has a capacity in households. A household registers at most once per session (a database constraint);
cancelling keeps the row with `cancelled_at` set, and registering again reuses it. Staff record who came
(`attended`) and write the minutes, which households read once they are published. `reminder_sent_at` marks
that the day-before reminder went out, so it goes out once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models import RenovationProject
from tenants.models import Household

MAX_PEOPLE = 4


class Session(models.Model):
    class Kind(models.TextChoices):
        SMALL_GROUP = "small_group", _("small group in the model home")
        INFORMATION_EVENING = "information_evening", _("information evening")
        WALK_IN = "walk_in", _("walk-in hour")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", pgettext_lazy("session", "cancelled")

    project = models.ForeignKey(RenovationProject, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("kind of session"), max_length=24, choices=Kind.choices, default=Kind.SMALL_GROUP)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("You can use Markdown."))
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places (households)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    minutes = models.TextField(_("minutes of the meeting"), blank=True, help_text=_("You can use Markdown."))
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_places"),
        ]
        indexes = [models.Index(fields=["project", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def minutes_published(self):
        return self.minutes_published_at is not None

    @property
    def places_left(self):
        """Needs `registered_count` (meetings.selectors.with_counts)."""
        return max(self.capacity - self.registered_count, 0)

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at


class ActiveRegistrations(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)


class Registration(models.Model):
    """One household's place at a session; `people` says how many of the household come."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="session_registrations")
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActiveRegistrations.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "household"], name="one_registration_per_household"),
            models.CheckConstraint(
                condition=Q(people__gte=1) & Q(people__lte=MAX_PEOPLE), name="registration_one_to_four_people"
            ),
        ]

    def __str__(self):
        return f"{self.session} – {self.household_id}"

    @property
    def is_active(self):
        return self.cancelled_at is None
