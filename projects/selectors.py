"""Reads for project pages, each a fixed number of queries however large the project grows."""

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from .appointments import LIVE
from .models import (
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


def commitment_summary(project):
    """Counts of kept (on time or late), broken, open and late promises, and the kept-on-time percentage."""
    today = timezone.localdate()
    counts = Commitment.objects.filter(project=project).aggregate(
        total=Count("pk"),
        kept=Count("pk", filter=Q(status=Commitment.Status.KEPT)),
        kept_on_time=Count("pk", filter=Q(status=Commitment.Status.KEPT, resolved_on__lte=F("due_on"))),
        broken=Count("pk", filter=Q(status=Commitment.Status.BROKEN)),
        open=Count("pk", filter=Q(status=Commitment.Status.OPEN)),
        late=Count("pk", filter=Q(status=Commitment.Status.OPEN, due_on__lt=today)),
    )
    due = counts["kept"] + counts["broken"] + counts["late"]
    counts["kept_on_time_percentage"] = round(100 * counts["kept_on_time"] / due) if due else None
    return counts
