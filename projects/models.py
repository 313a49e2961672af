"""Renovation projects and each home's own plan in them.

A project covers one or more complexes and moves through phases; every phase change is recorded. Each home in
it has a HomePlan: its work items, choices, compensation, temporary home and coach. Contractors plan visit
slots; a household's appointment takes one slot, and the database makes double booking impossible.
Commitments are promises made to tenants; "late" follows from the due date, never from a flag someone sets.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Complex, Corporation, Household, Organisation


class Phase(models.TextChoices):
    INITIATIVE = "initiative", _("initiative")
    PROPOSAL = "proposal", _("proposal")
    CONSULTATION = "consultation", _("consultation")
    PREPARATION = "preparation", _("preparation")
    EXECUTION = "execution", _("execution")
    EVALUATION = "evaluation", _("evaluation")
    ENDED = "ended", _("ended")
    PAUSED = "paused", _("paused")
    CANCELLED = "cancelled", _("cancelled")


# The road a project normally takes; paused and cancelled can happen at any point and need a reason.
PHASE_ORDER = [
    Phase.INITIATIVE,
    Phase.PROPOSAL,
    Phase.CONSULTATION,
    Phase.PREPARATION,
    Phase.EXECUTION,
    Phase.EVALUATION,
    Phase.ENDED,
]
PHASES_NEEDING_REASON = {Phase.PAUSED, Phase.CANCELLED}


class RenovationProject(models.Model):
    corporation = models.ForeignKey(Corporation, on_delete=models.PROTECT, related_name="projects")
    complexes = models.ManyToManyField(Complex, related_name="projects", verbose_name=_("complexes"))
    contractors = models.ManyToManyField(
        Organisation,
        related_name="assigned_projects",
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.CONTRACTOR},
        verbose_name=_("contractors"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), unique=True)
    summary = models.TextField(_("what will happen"))
    reason = models.TextField(_("why"), blank=True)
    starts_on = models.DateField(_("expected start"), null=True, blank=True)
    ends_on = models.DateField(_("expected completion"), null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.INITIATIVE)
    phase_reason = models.TextField(_("reason for pausing or cancelling"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("renovation project")
        verbose_name_plural = _("renovation projects")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phase__in=["paused", "cancelled"]) | ~Q(phase_reason=""),
                name="paused_or_cancelled_project_has_reason",
            )
        ]

    def __str__(self):
        return self.name


class PhaseChange(models.Model):
    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["changed_at"]

    def __str__(self):
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"


class Milestone(models.Model):
    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("planned date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class HomePlan(models.Model):
    """What happens in one home in one project: the tenant's own renovation."""

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="home_plans")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="home_plans")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_home_plans",
        verbose_name=_("resident coach"),
    )
    must_leave_home = models.BooleanField(_("tenant must leave the home during the work"), default=False)
    starts_on = models.DateField(_("work starts"), null=True, blank=True)
    ends_on = models.DateField(_("work ends"), null=True, blank=True)
    notes = models.TextField(_("notes for the tenant"), blank=True)

    class Meta:
        verbose_name = _("home plan")
        verbose_name_plural = _("home plans")
        constraints = [models.UniqueConstraint(fields=["project", "household"], name="one_plan_per_home_per_project")]

    def __str__(self):
        return f"{self.project} – {self.household.dwelling}"


class WorkItem(models.Model):
    class Kind(models.TextChoices):
        KITCHEN = "kitchen", _("kitchen")
        BATHROOM = "bathroom", _("bathroom")
        TOILET = "toilet", _("toilet")
        INSULATION = "insulation", _("insulation")
        WINDOWS = "windows", _("windows and frames")
        VENTILATION = "ventilation", _("ventilation")
        HEATING = "heating", _("heating")
        ROOF = "roof", _("roof")
        FACADE = "facade", _("facade")
        ELECTRICAL = "electrical", _("electrical wiring")
        OTHER = "other", _("other")

    home_plan = models.ForeignKey(HomePlan, on_delete=models.CASCADE, related_name="work_items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what will be done"))
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    tenant_preparation = models.TextField(_("what you must do before"), blank=True)
    days_without_water = models.PositiveSmallIntegerField(_("days without water"), default=0)
    days_without_kitchen = models.PositiveSmallIntegerField(_("days without kitchen"), default=0)
    days_without_shower = models.PositiveSmallIntegerField(_("days without shower or bath"), default=0)

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.get_kind_display()


class ChoiceTopic(models.Model):
    """Something tenants choose for their own home, such as tile colour or kitchen layout."""

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="choice_topics")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("choose before"))

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title


class ChoiceOption(models.Model):
    topic = models.ForeignKey(ChoiceTopic, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    extra_cost = models.DecimalField(_("extra cost"), max_digits=8, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["pk"]

    def __str__(self):
        return self.label


class HomeChoice(models.Model):
    """One home's answer to a choice topic; a row exists for every home the topic applies to."""

    home_plan = models.ForeignKey(HomePlan, on_delete=models.CASCADE, related_name="choices")
    topic = models.ForeignKey(ChoiceTopic, on_delete=models.CASCADE, related_name="home_choices")
    option = models.ForeignKey(ChoiceOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("choice of a home")
        verbose_name_plural = _("choices of homes")
        constraints = [models.UniqueConstraint(fields=["home_plan", "topic"], name="one_choice_per_topic_per_home")]

    def __str__(self):
        return f"{self.topic}: {self.option or '–'}"


class AllowanceRate(models.Model):
    """A dated amount staff maintain, such as the statutory moving allowance, which is indexed every year."""

    class Kind(models.TextChoices):
        MOVING = "moving", _("statutory moving allowance")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MOVING)
    amount = models.DecimalField(_("amount (€)"), max_digits=9, decimal_places=2)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("allowance rate")
        verbose_name_plural = _("allowance rates")
        ordering = ["kind", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="one_rate_per_kind_per_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.valid_from}: € {self.amount}"


class Compensation(models.Model):
    """What a household is owed. The moving allowance takes its amount from the rate valid on its date."""

    class Kind(models.TextChoices):
        MOVING = "moving", _("statutory moving allowance")
        SOCIAL_PLAN = "social_plan", _("allowance from the social plan")

    class Status(models.TextChoices):
        OWED = "owed", _("owed")
        PAID = "paid", _("paid")

    home_plan = models.ForeignKey(HomePlan, on_delete=models.CASCADE, related_name="compensations")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for the moving allowance: it follows the rate valid on the reference date."),
    )
    reference_date = models.DateField(_("reference date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OWED)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("compensation")
        verbose_name_plural = _("compensations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="moving") | Q(amount__isnull=False), name="social_plan_allowance_has_amount"
            )
        ]

    def __str__(self):
        return self.description or self.get_kind_display()


class TemporaryHome(models.Model):
    """The wisselwoning a household lives in while its own home is being renovated."""

    class RentRule(models.TextChoices):
        OWN_RENT = "own_rent", _("you keep paying the rent of your own home, not both")
        LOWEST = "lowest", _("you pay the lower of the two rents")
        FREE = "free", _("the temporary home is free of charge")

    home_plan = models.OneToOneField(HomePlan, on_delete=models.CASCADE, related_name="temporary_home")
    address = models.CharField(_("address"), max_length=250)
    moves_in_on = models.DateField(_("move in"))
    moves_out_on = models.DateField(_("move out"))
    rent_rule = models.CharField(_("rent"), max_length=20, choices=RentRule.choices, default=RentRule.OWN_RENT)

    class Meta:
        verbose_name = _("temporary home")
        verbose_name_plural = _("temporary homes")

    def __str__(self):
        return self.address


class VisitSlot(models.Model):
    """A time a contractor's team can visit one home. One slot holds at most one appointment."""

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="visit_slots")
    contractor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="visit_slots")
    team = models.CharField(_("team"), max_length=60)
    purpose = models.CharField(_("purpose of the visit"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("visit slot")
        verbose_name_plural = _("visit slots")
        ordering = ["starts_at", "team"]
        constraints = [
            models.UniqueConstraint(fields=["project", "team", "starts_at"], name="one_slot_per_team_per_time"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
        ]
        indexes = [models.Index(fields=["project", "starts_at"])]

    def __str__(self):
        return f"{self.team} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        DONE = "done", _("done")
        MISSED = "missed", _("missed")
        CANCELLED = "cancelled", _("cancelled")

    home_plan = models.ForeignKey(HomePlan, on_delete=models.CASCADE, related_name="appointments")
    slot = models.ForeignKey(VisitSlot, on_delete=models.PROTECT, related_name="appointments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    tenant_note = models.CharField(_("note for the visitor"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            # Double booking is impossible: a slot holds one live appointment, whatever the race.
            models.UniqueConstraint(
                fields=["slot"], condition=~Q(status="cancelled"), name="one_live_appointment_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.slot} ({self.get_status_display()})"


class AppointmentChange(models.Model):
    """The log of an appointment: planned, confirmed, moved, done, missed, cancelled — who, when, from what."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="changes")
    from_slot = models.ForeignKey(VisitSlot, on_delete=models.SET_NULL, null=True, related_name="+")
    to_slot = models.ForeignKey(VisitSlot, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=20, choices=Appointment.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Appointment.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("appointment change")
        verbose_name_plural = _("appointment changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Update(models.Model):
    """Project news by staff or a contractor."""

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["project", "-published_at"])]

    def __str__(self):
        return self.title


class UpdatePhoto(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="updates/%Y/%m/")
    description = models.CharField(_("description for people who cannot see the photo"), max_length=200)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.description


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    HOUSEHOLDS = "households", _("households in the project")
    STAFF = "staff", _("staff only")


class Document(models.Model):
    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    visibility = models.CharField(_("visible to"), max_length=20, choices=Visibility.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class Commitment(models.Model):
    """A promise made to tenants ("afspraak is afspraak"). Late is derived from the due date."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        KEPT = "kept", _("kept")
        BROKEN = "broken", _("broken")

    project = models.ForeignKey(RenovationProject, on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(_("what was promised"), max_length=250)
    description = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_commitments", verbose_name=_("owner")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution_note = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_late(self):
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()

    @property
    def kept_on_time(self):
        return self.status == self.Status.KEPT and self.resolved_on is not None and self.resolved_on <= self.due_on
