"""Co-decision: a renovation proposal the households of a project vote on, one vote per household.

A proposal goes through versions; a published version is frozen (decisions.services refuses edits) and fixes
the households in scope. Each household has at most one Ballot per proposal (a database constraint); changing a
vote updates that row and appends a BallotChange, so the latest vote counts and the history is kept. Closing
freezes the count in a ResultSnapshot with a hash over every ballot, so a later change can be detected.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import RenovationProject
from tenants.models import Household


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for voting")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(RenovationProject, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_version = models.ForeignKey(
        "ProposalVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version households vote on"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="proposal_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title


class ProposalVersion(models.Model):
    """What households are asked to agree to: the content Dutch case law requires of a reasonable proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    renovation_works = models.TextField(_("renovation works (improvements)"), blank=True)
    maintenance_works = models.TextField(_("maintenance works"), blank=True)
    rent_increase = models.DecimalField(
        _("rent increase per month (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    rent_increase_reasons = models.TextField(_("reasons for the rent increase"), blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("duration of the works (weeks)"), null=True, blank=True)
    tenants_stay_home = models.BooleanField(_("tenants stay in their home during the works"), null=True, blank=True)
    temporary_home = models.TextField(_("temporary home offered"), blank=True)
    starts_on = models.DateField(_("works start"), null=True, blank=True)
    completes_on = models.DateField(_("works completed"), null=True, blank=True)
    moving_allowance = models.DecimalField(
        _("moving allowance (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    other_allowances = models.TextField(_("other allowances"), blank=True)
    social_plan_reference = models.CharField(_("social plan"), max_length=300, blank=True)
    changes_since_previous = models.TextField(_("what changed since the previous version"), blank=True)
    scope = models.ManyToManyField(
        Household, related_name="proposal_versions", blank=True, verbose_name=_("households in scope")
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closing_reminder_at = models.DateTimeField(
        _("reminder to vote sent"),
        null=True,
        blank=True,
        help_text=_("When the households that had not voted on this version were reminded that voting closes soon."),
    )

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.proposal} v{self.number}"

    @property
    def is_published(self):
        return self.published_at is not None


class Choice(models.TextChoices):
    AGREE = "agree", _("agree")
    DISAGREE = "disagree", _("disagree")


class Ballot(models.Model):
    """A household's vote. Secret to neighbours: only counts leave this table, except to staff."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="ballots")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="ballots")
    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast at"))
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_paper = models.BooleanField(_("paper or doorstep vote"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "household"], name="one_ballot_per_household_per_proposal")
        ]

    def __str__(self):
        return f"{self.proposal} – {self.household_id}"


class BallotChange(models.Model):
    """One entry in a ballot's history: every vote cast, first or changed, paper or online."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="changes")
    from_choice = models.CharField(max_length=10, choices=Choice.choices, blank=True)
    to_choice = models.CharField(max_length=10, choices=Choice.choices)
    version_number = models.PositiveIntegerField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_paper = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vote change")
        verbose_name_plural = _("vote changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_choice or '–'} → {self.to_choice}"


class ResultSnapshot(models.Model):
    """The certified result, made once when voting closes and never changed afterwards."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="result")
    version_number = models.PositiveIntegerField(_("version"))
    scope_size = models.PositiveIntegerField(_("households in scope"))
    agree = models.PositiveIntegerField(_("agree"))
    disagree = models.PositiveIntegerField(_("disagree"))
    no_vote = models.PositiveIntegerField(_("no vote"))
    reaches_70 = models.BooleanField(_("70% agree"))
    ten_homes = models.BooleanField(_("ten homes or more"))
    ballots_hash = models.CharField(_("SHA-256 over the votes"), max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    certified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return f"{self.proposal}: {self.agree}/{self.scope_size}"

    @property
    def presumed_reasonable(self):
        return self.reaches_70 and self.ten_homes


class Notice(models.Model):
    """The written notice that 70% agreed, sent to one household that did not agree. From its date that household
    has eight weeks to ask the court whether the proposal is reasonable (decisions.notices.court_deadline)."""

    class Method(models.TextChoices):
        POST = "post", _("by post")
        HAND = "hand", _("delivered by hand")
        EMAIL = "email", _("by e-mail")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="notices")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="proposal_notices")
    sent_on = models.DateField(_("sent on"))
    method = models.CharField(_("sent how"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")
        ordering = ["proposal", "sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "household"], name="one_notice_per_household_per_proposal")
        ]

    def __str__(self):
        return f"{self.proposal} – {self.household_id} ({self.sent_on})"


class AuditEntry(models.Model):
    """One line of a proposal's audit trail, written by decisions.services in the same transaction as the change
    it records (decisions.audit). Append-only: changing or deleting an entry is refused. How a household voted is
    never written here; the ballots and their history hold that."""

    class Action(models.TextChoices):
        DRAFTED = "drafted", _("proposal drafted")
        CHANGED = "changed", _("details changed")
        VERSION_STARTED = "version_started", _("new version started")
        CONTENT_CHANGED = "content_changed", _("draft version changed")
        PUBLISHED = "published", _("version published")
        VOTE = "vote", _("vote recorded")
        REMINDED = "reminded", _("reminder to vote sent")
        CLOSED = "closed", _("voting closed")
        NOTICE = "notice", _("written notice recorded")
        EXPORTED = "exported", _("export downloaded")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="audit_entries")
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("household")
    )
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["proposal", "at"], name="audit_proposal_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The audit trail is append-only: an entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit trail is append-only: an entry cannot be deleted.")
