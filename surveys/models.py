"""Pulse questions and tenant-panel surveys: one model for both, because a pulse is a survey of one question.

A pulse (kind PULSE) is one short question to the households of a project at a moment that matters — after a home
visit, at a phase change, monthly during execution — with an optional comment. A survey (kind SURVEY) has several
questions, a target group (a project, some complexes, every tenant of the corporation) and a deadline.

Who was asked is an Invitation row per household, fixed when the survey opens (a home-visit pulse adds a household
after each visit). Each household gives at most one Response per survey (a database constraint), with one Answer
per question; the household may change it until the deadline. "Don't know" is an answer of its own, never a
missing one. Results are counts only and are hidden below MINIMUM_RESPONSES (surveys.results).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import RenovationProject
from tenants.models import Complex, Corporation, Household

# Results are shown from this many responses on, to everyone: fewer could point to one household.
MINIMUM_RESPONSES = 5


class Survey(models.Model):
    class Kind(models.TextChoices):
        PULSE = "pulse", _("pulse question")
        SURVEY = "survey", _("survey")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("sent by staff")
        HOME_VISIT = "home_visit", _("after a home visit")
        PHASE_CHANGE = "phase_change", _("at a phase change")
        MONTHLY = "monthly", _("monthly during the works")

    class Target(models.TextChoices):
        PROJECT = "project", _("the households of the project")
        COMPLEXES = "complexes", _("the households of some complexes")
        CORPORATION = "corporation", _("all tenants of the corporation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    corporation = models.ForeignKey(Corporation, on_delete=models.PROTECT, related_name="surveys")
    project = models.ForeignKey(
        RenovationProject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SURVEY)
    trigger = models.CharField(_("sent"), max_length=20, choices=Trigger.choices, default=Trigger.MANUAL)
    occasion = models.CharField(
        _("occasion"), max_length=60, blank=True, help_text=_("Marks an automatic pulse so it is sent only once.")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    target = models.CharField(_("target group"), max_length=20, choices=Target.choices, default=Target.PROJECT)
    complexes = models.ManyToManyField(Complex, blank=True, related_name="surveys", verbose_name=_("complexes"))
    households = models.ManyToManyField(
        Household, through="Invitation", related_name="surveys", verbose_name=_("invited households")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    share_results = models.BooleanField(
        _("show the results to the invited households"),
        default=True,
        help_text=_("Only totals and percentages, and only from five responses on."),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pulse question or survey")
        verbose_name_plural = _("pulse questions and surveys")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "occasion"], condition=~Q(occasion=""), name="one_automatic_pulse_per_occasion"
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(target="corporation"), name="survey_without_project_is_for_all"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_pulse(self):
        return self.kind == self.Kind.PULSE

    @property
    def deadline_passed(self):
        return self.deadline is not None and timezone.now() >= self.deadline

    def accepts_answers(self, now=None):
        """Open, and the deadline (if any) not passed."""
        now = now or timezone.now()
        return self.status == self.Status.OPEN and (self.deadline is None or now < self.deadline)


class Invitation(models.Model):
    """One household asked to answer one survey or pulse: the denominator of the response rate."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="survey_invitations")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "household"], name="one_invitation_per_household")]

    def __str__(self):
        return f"{self.survey} – {self.household_id}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SCALE = "scale", _("scale from 1 to 5")
        OPEN = "open", _("open question")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    low_label = models.CharField(_("word at 1"), max_length=60, blank=True)
    high_label = models.CharField(_("word at 5"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def has_options(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    label = models.CharField(_("answer"), max_length=200)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.label


class Response(models.Model):
    """A household's answers to one survey. Never shown with a name or an address, only counted."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="survey_responses")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "household"], name="one_response_per_household_per_survey")
        ]

    def __str__(self):
        return f"{self.survey} – {self.household_id}"


class Answer(models.Model):
    """The answer to one question: a score (1–5), chosen options, an open text, or "don't know"."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    options = models.ManyToManyField(Option, blank=True, related_name="answers", verbose_name=_("chosen"))
    dont_know = models.BooleanField(_("don't know"), default=False)
    text = models.TextField(_("open answer"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="score_from_1_to_5"
            ),
            models.CheckConstraint(condition=Q(dont_know=False) | Q(score__isnull=True), name="dont_know_has_no_score"),
        ]

    def __str__(self):
        return f"{self.question} – {self.response_id}"
