"""Polls for co-creation within a project: a question with options the project's people choose from (the colour of
the front doors, the order of the works, the design of the courtyard). Not the legal 70% vote of decisions/.

Status is stored, not derived: staff open and close a poll (polls.services), which is when the "poll.opened" and
"poll.closed" events go out. `opens_at` is the moment it opened; `closes_at`, when set, is the planned closing
moment: from then on nobody can vote, even before polls.services.close_due_polls marks the poll closed
(`Poll.voting_ended`).

One vote per household (household polls) or per person (person polls) is a database constraint: a vote row is
keyed on poll + household or on poll + user, never both. Changing a vote updates that row, so the latest counts.
Votes are anonymous to everyone, staff included: pages and the admin show only counts (polls.results).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import RenovationProject
from tenants.models import Household


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one answer")
        MULTIPLE = "multiple", _("several answers")

    class Voters(models.TextChoices):
        HOUSEHOLD = "household", _("one vote per household")
        PERSON = "person", _("one vote per person")

    class Visibility(models.TextChoices):
        LIVE = "live", _("live, while the poll is open")
        AFTER_CLOSING = "after_closing", _("after the poll closes")
        STAFF_ONLY = "staff_only", _("to staff only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(RenovationProject, on_delete=models.PROTECT, related_name="polls")
    question = models.CharField(_("question"), max_length=200)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Optional. You can use Markdown: **bold**, lists, links.")
    )
    kind = models.CharField(_("answers"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many answers"),
        null=True,
        blank=True,
        help_text=_("Only for several answers. Leave empty for no limit."),
    )
    voters = models.CharField(_("who votes"), max_length=10, choices=Voters.choices, default=Voters.HOUSEHOLD)
    results_visibility = models.CharField(
        _("results are shown"), max_length=15, choices=Visibility.choices, default=Visibility.LIVE
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Optional. Leave empty to close the poll yourself.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="poll_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | (Q(kind="multiple") & Q(max_choices__gte=1)),
                name="poll_max_choices_only_for_multiple_choice",
            ),
        ]

    def __str__(self):
        return self.question

    @property
    def is_multiple(self):
        return self.kind == self.Kind.MULTIPLE

    @property
    def per_person(self):
        return self.voters == self.Voters.PERSON

    def voting_ended(self, now=None):
        """Closed by staff, or open past its planned closing moment."""
        if self.status == self.Status.CLOSED:
            return True
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def accepts_votes(self, now=None):
        return self.status == self.Status.OPEN and not self.voting_ended(now)


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["poll", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["poll", "position"], name="unique_poll_option_position")]

    def __str__(self):
        return self.label


class PollVote(models.Model):
    """One household's or one person's current answer to a poll. Never shown to anyone: only counted.

    A person's vote outlives their account: when they delete it the vote is unlinked (user becomes empty) and
    still counts, so a poll's result does not change after the fact (see privacy.erasure)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    options = models.ManyToManyField(PollOption, related_name="votes")
    cast_at = models.DateTimeField(_("first cast"))
    changed_at = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(household__isnull=False, user__isnull=False),
                name="poll_vote_by_household_or_person_not_both",
            ),
            models.UniqueConstraint(
                fields=["poll", "household"],
                condition=Q(household__isnull=False),
                name="one_poll_vote_per_household",
            ),
            models.UniqueConstraint(
                fields=["poll", "user"], condition=Q(user__isnull=False), name="one_poll_vote_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.poll} #{self.pk}"
