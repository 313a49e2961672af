"""Reads for the staff pages: the corporation's projects with their key counts, and one project's dashboard.

Every read here is a fixed number of queries, however many homes, appointments or commitments a project has:
counts are computed in SQL (subqueries and conditional aggregates), lists are fetched with their related rows.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tenants.models import Household, Membership, Organisation, TenantProfile

from .models import Appointment, ChoiceTopic, Commitment, Document, HomePlan, PhaseChange, RenovationProject
from .selectors import commitment_summary

# How many rows of a "to act on" list the dashboard shows; the admin list behind the link has the rest.
LIST_LIMIT = 25


def count_subquery(queryset):
    """A correlated COUNT(*) subquery of `queryset` (which refers to the outer row with OuterRef)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def households_in_scope():
    """Active households whose home is in one of the outer project's complexes."""
    return Household.objects.active().filter(dwelling__complex__projects=OuterRef("pk"))


def projects_for_staff(corporation_ids):
    """The corporations' projects with their households, activated households, home plans and open or late
    commitments: one query."""
    today = timezone.localdate()
    return (
        RenovationProject.objects.filter(corporation_id__in=corporation_ids)
        .select_related("corporation")
        .annotate(
            household_count=count_subquery(households_in_scope()),
            activated_count=count_subquery(
                households_in_scope().filter(Exists(TenantProfile.objects.filter(household=OuterRef("pk"))))
            ),
            plan_count=count_subquery(HomePlan.objects.filter(project=OuterRef("pk"))),
            open_commitment_count=count_subquery(Commitment.objects.filter(project=OuterRef("pk"), status="open")),
            late_commitment_count=count_subquery(
                Commitment.objects.filter(project=OuterRef("pk"), status="open", due_on__lt=today)
            ),
        )
        .order_by("corporation__name", "name")
    )


@dataclass
class Dashboard:
    """What staff see about one project; every field is computed by `project_dashboard`."""

    project: RenovationProject
    households: dict
    appointments: dict
    commitments: dict
    open_commitments: list
    choice_topics: list
    nearest_choice_deadline: object
    missed_appointments: list
    missed_count: int
    phase_changes: list
    documents: list

    @property
    def open_choice_count(self):
        return sum(topic.open_count for topic in self.choice_topics)


def household_counts(project):
    """Active households in the project's complexes, how many activated an account and how many have a plan."""
    counts = (
        Household.objects.active()
        .filter(dwelling__complex__in=project.complexes.all())
        .aggregate(
            total=Count("pk", distinct=True),
            activated=Count("pk", filter=Q(members__isnull=False), distinct=True),
            with_plan=Count("home_plans", filter=Q(home_plans__project=project), distinct=True),
        )
    )
    counts["not_activated"] = counts["total"] - counts["activated"]
    return counts


def appointment_counts(project):
    """Appointments per status (proposed, confirmed, done, missed, cancelled), zero for a status with none."""
    counts = dict.fromkeys(Appointment.Status.values, 0)
    rows = (
        Appointment.objects.filter(home_plan__project=project).order_by().values_list("status").annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    counts["planned"] = counts[Appointment.Status.PROPOSED] + counts[Appointment.Status.CONFIRMED]
    return counts


def choice_topics_with_open_counts(project):
    """The project's choices with how many homes still have to choose, nearest deadline first."""
    return list(
        ChoiceTopic.objects.filter(project=project).annotate(
            home_count=Count("home_choices"),
            open_count=Count("home_choices", filter=Q(home_choices__option__isnull=True)),
        )
    )


def missed_appointments(project):
    missed = Appointment.objects.filter(home_plan__project=project, status=Appointment.Status.MISSED)
    rows = missed.select_related("slot", "home_plan__household__dwelling").order_by("-slot__starts_at")
    return list(rows[:LIST_LIMIT])


def project_dashboard(project):
    """Everything on the staff dashboard of `project`, in a fixed number of queries."""
    appointments = appointment_counts(project)
    topics = choice_topics_with_open_counts(project)
    today = timezone.localdate()
    upcoming = [topic.deadline for topic in topics if topic.open_count and topic.deadline >= today]
    commitments = list(
        Commitment.objects.filter(project=project).select_related("owner", "organisation").order_by("due_on", "pk")
    )
    return Dashboard(
        project=project,
        households=household_counts(project),
        appointments=appointments,
        commitments=commitment_summary(project, commitments),
        open_commitments=[commitment for commitment in commitments if commitment.status == Commitment.Status.OPEN],
        choice_topics=topics,
        nearest_choice_deadline=min(upcoming, default=None),
        missed_appointments=missed_appointments(project),
        missed_count=appointments[Appointment.Status.MISSED],
        phase_changes=list(PhaseChange.objects.filter(project=project).select_related("changed_by")),
        documents=list(Document.objects.filter(project=project).select_related("uploaded_by")),
    )


def commitment_owner_choices(project):
    """Who may own a promise: members of the corporation's own organisations and of the project's contractors."""
    return (
        Membership.objects.filter(
            Q(organisation__corporation=project.corporation_id, organisation__kind=Organisation.Kind.CORPORATION)
            | Q(organisation__assigned_projects=project),
            role__in=[Membership.Role.STAFF, Membership.Role.PROJECT_LEAD, Membership.Role.CONTRACTOR],
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__first_name", "user__email")
        .distinct()
    )
