"""Reads for the contractor's pages: assigned projects, the planning overview and the day's visit list.

Each is a fixed number of queries however many homes, slots and visits a project has. What a contractor may know
about a household is only what a visit needs (HouseholdNeeds.VISIT_FIELDS): medical details are never read here.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tenants.models import HouseholdNeeds

from .appointments import LIVE
from .models import Appointment, HomePlan, RenovationProject, VisitSlot


def day_bounds(day):
    """The first moment of `day` and of the day after, in the site's time zone (DST days are 23 or 25 hours)."""
    tz = timezone.get_current_timezone()
    return datetime.combine(day, time.min, tzinfo=tz), datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


def projects_for_contractor(organisation_ids, day):
    """Projects any of these contractor organisations is assigned to, each with `visits_on_day`: the live
    appointments in their own slots on `day`. One query."""
    start, end = day_bounds(day)
    assigned = RenovationProject.contractors.through.objects.filter(
        renovationproject_id=OuterRef("pk"), organisation_id__in=organisation_ids
    )
    visits = (
        Appointment.objects.filter(
            slot__project=OuterRef("pk"),
            slot__contractor_id__in=organisation_ids,
            slot__starts_at__gte=start,
            slot__starts_at__lt=end,
            status__in=LIVE,
        )
        .order_by()
        .values("slot__project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        RenovationProject.objects.filter(Exists(assigned))
        .annotate(visits_on_day=Coalesce(Subquery(visits), 0))
        .order_by("name")
    )


def planning_overview(project):
    """Counts for the contractor's project page, in four queries: slots and free slots per purpose, appointments
    per status, and per purpose how many homes still have no time."""
    now = timezone.now()
    taken = Appointment.objects.filter(slot=OuterRef("pk"), status__in=LIVE)
    purposes = list(
        VisitSlot.objects.filter(project=project)
        .annotate(is_taken=Exists(taken))
        .values("purpose")
        .annotate(
            slots=Count("pk"),
            free=Count("pk", filter=Q(starts_at__gt=now, is_taken=False)),
        )
        .order_by("purpose")
    )
    statuses = dict(
        Appointment.objects.filter(slot__project=project).values_list("status").annotate(n=Count("pk")).order_by()
    )
    homes_with = dict(
        Appointment.objects.filter(slot__project=project, status__in=LIVE)
        .values_list("slot__purpose")
        .annotate(n=Count("home_plan", distinct=True))
        .order_by()
    )
    homes = HomePlan.objects.filter(project=project).count()
    for row in purposes:
        row["homes_without"] = max(homes - homes_with.get(row["purpose"], 0), 0)
    return {
        "homes": homes,
        "slots": sum(row["slots"] for row in purposes),
        "free_slots": sum(row["free"] for row in purposes),
        "purposes": purposes,
        "appointments": [(label, statuses.get(value, 0)) for value, label in Appointment.Status.choices],
    }


def visits_on(project, day, *, organisation_ids=None):
    """The day's visits in time and team order, each with `visit_needs`: (label, value) pairs of only the fields
    a visitor needs (HouseholdNeeds.VISIT_FIELDS). Medical details are never read. Two queries, however many
    visits. `organisation_ids` limits the list to those contractors' slots (None: every slot, for staff)."""
    start, end = day_bounds(day)
    visits = (
        Appointment.objects.filter(slot__project=project, slot__starts_at__gte=start, slot__starts_at__lt=end)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("slot", "home_plan__household__dwelling")
        .order_by("slot__starts_at", "slot__team", "pk")
    )
    if organisation_ids is not None:
        visits = visits.filter(slot__contractor_id__in=organisation_ids)
    visits = list(visits)
    household_ids = [visit.home_plan.household_id for visit in visits]
    needs = {
        row["household_id"]: row
        for row in HouseholdNeeds.objects.filter(household_id__in=household_ids).values(
            "household_id", *HouseholdNeeds.VISIT_FIELDS
        )
    }
    for visit in visits:
        visit.visit_needs = _visit_needs(needs.get(visit.home_plan.household_id))
    return visits


def _visit_needs(row):
    """(label, value) for each filled-in visit field; a yes/no field that is 'yes' has its label as its value."""
    if not row:
        return []
    result = []
    for name in HouseholdNeeds.VISIT_FIELDS:
        value = row[name]
        if value is True:
            result.append((None, HouseholdNeeds._meta.get_field(name).verbose_name))
        elif value:
            result.append((HouseholdNeeds._meta.get_field(name).verbose_name, value))
    return result


def slot_purposes(project):
    """The purposes the project has visit slots for, alphabetically."""
    return list(
        VisitSlot.objects.filter(project=project).values_list("purpose", flat=True).distinct().order_by("purpose")
    )


def visit_days(project, *, since, organisation_ids=None, limit=14):
    """The next days (from `since`) that have visits, each with its number of live appointments. One query."""
    start, _end = day_bounds(since)
    visits = Appointment.objects.filter(slot__project=project, slot__starts_at__gte=start, status__in=LIVE)
    if organisation_ids is not None:
        visits = visits.filter(slot__contractor_id__in=organisation_ids)
    return list(
        visits.annotate(day=TruncDate("slot__starts_at"))
        .values("day")
        .annotate(visits=Count("pk"))
        .order_by("day")[:limit]
    )
