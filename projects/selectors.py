"""Reads for project pages, each a fixed number of queries however large the project grows."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q
from django.utils import timezone

from tenants.models import Dwelling

from .appointments import LIVE, free_slots
from .models import (
    PHASE_ORDER,
    PHASES_NEEDING_REASON,
    AllowanceRate,
    Appointment,
    Commitment,
    Compensation,
    Document,
    HomeChoice,
    HomePlan,
    RenovationProject,
    Update,
    Visibility,
)
from .permissions import ProjectRole


def projects_for_household(household):
    """Projects covering this household's home, with its own plan in each (if one exists yet)."""
    return (
        RenovationProject.objects.filter(complexes=household.dwelling.complex_id)
        .prefetch_related(Prefetch("home_plans", HomePlan.objects.filter(household=household), to_attr="own_plans"))
        .order_by("-starts_on", "name")
    )


def home_plan_for_tenant(project, household):
    """Everything a tenant sees about their own home in a project, in a fixed number of queries."""
    return (
        HomePlan.objects.filter(project=project, household=household)
        .select_related("coach", "temporary_home", "project", "household__dwelling")
        .prefetch_related(
            "work_items",
            "compensations",
            Prefetch(
                "choices",
                HomeChoice.objects.select_related("topic", "option").prefetch_related("topic__options"),
            ),
            Prefetch(
                "appointments",
                Appointment.objects.filter(status__in=LIVE).select_related("slot").order_by("slot__starts_at"),
                to_attr="live_appointments",
            ),
        )
        .first()
    )


def moving_allowance_on(day):
    """The statutory moving allowance valid on `day`, as staff entered it; None if no rate is known yet."""
    rate = AllowanceRate.objects.filter(kind=AllowanceRate.Kind.MOVING, valid_from__lte=day).first()
    return rate.amount if rate else None


def compensation_amounts(compensations):
    """(compensation, amount) pairs: the moving allowance follows the rate valid on its reference date."""
    rates = list(AllowanceRate.objects.filter(kind=AllowanceRate.Kind.MOVING).order_by("-valid_from"))
    result = []
    for compensation in compensations:
        amount = compensation.amount
        if compensation.kind == Compensation.Kind.MOVING and amount is None:
            amount = next((r.amount for r in rates if r.valid_from <= compensation.reference_date), None)
        result.append((compensation, amount))
    return result


def visible_documents(project, role):
    visibilities = [Visibility.PUBLIC]
    if role >= ProjectRole.HOUSEHOLD:
        visibilities.append(Visibility.HOUSEHOLDS)
    if role == ProjectRole.STAFF:
        visibilities.append(Visibility.STAFF)
    return Document.objects.filter(project=project, visibility__in=visibilities)


def recent_updates(project, limit=10):
    return Update.objects.filter(project=project).select_related("organisation").prefetch_related("photos")[:limit]


def commitment_summary(project, commitments=None):
    """Counts of kept (on time or late), broken, open and late promises, and the kept-on-time percentage; counted
    from `commitments` when the caller has them all loaded already, else by one query."""
    today = timezone.localdate()
    if commitments is not None:
        return _summary(
            total=len(commitments),
            kept=sum(c.status == Commitment.Status.KEPT for c in commitments),
            kept_on_time=sum(
                c.status == Commitment.Status.KEPT and c.resolved_on is not None and c.resolved_on <= c.due_on
                for c in commitments
            ),
            broken=sum(c.status == Commitment.Status.BROKEN for c in commitments),
            open=sum(c.status == Commitment.Status.OPEN for c in commitments),
            late=sum(c.status == Commitment.Status.OPEN and c.due_on < today for c in commitments),
        )
    counts = Commitment.objects.filter(project=project).aggregate(
        total=Count("pk"),
        kept=Count("pk", filter=Q(status=Commitment.Status.KEPT)),
        kept_on_time=Count("pk", filter=Q(status=Commitment.Status.KEPT, resolved_on__lte=F("due_on"))),
        broken=Count("pk", filter=Q(status=Commitment.Status.BROKEN)),
        open=Count("pk", filter=Q(status=Commitment.Status.OPEN)),
        late=Count("pk", filter=Q(status=Commitment.Status.OPEN, due_on__lt=today)),
    )
    return _summary(**counts)


def _summary(**counts):
    due = counts["kept"] + counts["broken"] + counts["late"]
    counts["kept_on_time_percentage"] = round(100 * counts["kept_on_time"] / due) if due else None
    return counts


# --- Tenant and public side: the project page, a home's own plan, "Mijn renovatie" ---

CHANGEABLE = (Appointment.Status.PROPOSED, Appointment.Status.CONFIRMED)


def projects_for_pages(household=None):
    """Projects with what project_role() and a page header need, so neither asks again (three queries); given the
    viewer's household, each also knows whether that home has a plan in it (`viewer_has_home_plan`)."""
    projects = RenovationProject.objects.select_related("corporation").prefetch_related("complexes", "contractors")
    if household is not None:
        plans = HomePlan.objects.filter(project=OuterRef("pk"), household=household)
        projects = projects.annotate(viewer_has_home_plan=Exists(plans))
    return projects


@dataclass(frozen=True)
class PhaseStep:
    """One phase on the project's timeline. `state` is done, current, stopped (paused or cancelled here) or
    to_come; `since` is when the project last entered it."""

    phase: str
    label: str
    state: str
    since: object = None


def phase_timeline(project, changes):
    """The usual road of phases (PHASE_ORDER) with where `project` is on it; `changes` are its PhaseChanges,
    oldest first. A paused or cancelled project is marked stopped at the phase it left."""
    entered = {change.to_phase: change.changed_at for change in changes}
    entered.setdefault(PHASE_ORDER[0], project.created_at)
    current, state = project.phase, "current"
    if project.phase in PHASES_NEEDING_REASON:
        stops = [change for change in changes if change.to_phase == project.phase]
        current, state = (stops[-1].from_phase if stops else None), "stopped"
    position = PHASE_ORDER.index(current) if current in PHASE_ORDER else -1
    steps = []
    for index, phase in enumerate(PHASE_ORDER):
        step_state = "done" if index < position else state if index == position else "to_come"
        steps.append(PhaseStep(phase, phase.label, step_state, entered.get(phase) if index <= position else None))
    return steps


@dataclass(frozen=True)
class ProjectPage:
    streets: list
    phases: list
    milestones: list
    documents: list
    updates: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    commitment_summary: dict | None = None
    has_home_plan: bool = False


def project_page(project, role, household=None):
    """What /projecten/<slug>/ shows someone in `role`. Everyone: what, where (streets, never house numbers),
    when, phases, milestones, contact and the documents their role may see. The project's households,
    contractors and staff also see the news and the commitments. At most nine queries, however big the project."""
    changes = list(project.phase_changes.order_by("changed_at", "pk"))
    page = {
        "streets": list(
            Dwelling.objects.filter(complex__projects=project)
            .values_list("street", "city")
            .distinct()
            .order_by("city", "street")
        ),
        "phases": phase_timeline(project, changes),
        "milestones": list(project.milestones.all()),
        "documents": list(visible_documents(project, role)),
    }
    if role >= ProjectRole.HOUSEHOLD:
        page["updates"] = list(recent_updates(project))
        page["commitments"] = list(project.commitments.select_related("organisation"))
        page["commitment_summary"] = commitment_summary(project, page["commitments"])
    if role == ProjectRole.HOUSEHOLD and household is not None:
        page["has_home_plan"] = getattr(project, "viewer_has_home_plan", None)
        if page["has_home_plan"] is None:
            page["has_home_plan"] = HomePlan.objects.filter(project=project, household=household).exists()
    return ProjectPage(**page)


@dataclass(frozen=True)
class HomePlanPage:
    plan: object
    open_choices: list
    closed_choices: list
    compensations: list
    temporary_home: object = None

    @property
    def upcoming_appointments(self):
        return [a for a in self.plan.live_appointments if a.status in CHANGEABLE]


def home_plan_page(project, household):
    """The tenant's own plan in `project` with its choices split into open (deadline not passed) and closed, and
    the compensation amounts; None if the home has no plan. Seven queries, however much the plan holds."""
    plan = home_plan_for_tenant(project, household)
    if plan is None:
        return None
    today = timezone.localdate()
    choices = sorted(plan.choices.all(), key=lambda choice: (choice.topic.deadline, choice.topic_id))
    return HomePlanPage(
        plan=plan,
        open_choices=[choice for choice in choices if choice.topic.deadline >= today],
        closed_choices=[choice for choice in choices if choice.topic.deadline < today],
        compensations=compensation_amounts(plan.compensations.all()),
        temporary_home=getattr(plan, "temporary_home", None),
    )


def appointment_of_household(project, household, appointment_id):
    """One of the household's own appointments in `project`, with `change_count` (for the calendar file's
    SEQUENCE); None for anyone else's. One query."""
    return (
        Appointment.objects.filter(pk=appointment_id, home_plan__project=project, home_plan__household=household)
        .select_related("slot", "home_plan__household__dwelling")
        .annotate(change_count=Count("changes"))
        .first()
    )


def free_slots_by_day(appointment):
    """Other free times for the same visit as (day, [slots]) pairs, days in the site's time zone. One query."""
    slots = free_slots(appointment.slot.project_id, purpose=appointment.slot.purpose)
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: timezone.localdate(s.starts_at))]


def renovation_overview(household):
    """For "Mijn renovatie": the household's projects (with its own plan in each), its next visit, and how many
    choices are still open with the nearest deadline. Four queries."""
    today = timezone.localdate()
    next_appointment = (
        Appointment.objects.filter(
            home_plan__household=household, status__in=CHANGEABLE, slot__starts_at__gt=timezone.now()
        )
        .select_related("slot", "home_plan__project")
        .order_by("slot__starts_at")
        .first()
    )
    choices = HomeChoice.objects.filter(
        home_plan__household=household, option__isnull=True, topic__deadline__gte=today
    ).aggregate(open=Count("pk"), nearest_deadline=Min("topic__deadline"))
    return {
        "projects": list(projects_for_household(household)),
        "next_appointment": next_appointment,
        "open_choices": choices["open"],
        "nearest_deadline": choices["nearest_deadline"],
    }
