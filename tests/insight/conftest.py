"""A project with households, a proposal being voted on, discussions, commitments and home visits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import services as decisions
from feedback import services as feedback
from projects.models import Appointment, Commitment, Organisation, VisitSlot
from tests.decisions.conftest import COMPLETE, make_proposal
from tests.factories import OrganisationFactory, TenantProfileFactory, project_in_execution, staff_member


def households_of(project):
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


def activate(households):
    return [TenantProfileFactory(household=household).user for household in households]


def open_vote(project, *, closes_in_days):
    """A complete proposal open for voting on every home of `project`, closing in `closes_in_days` days."""
    by = staff_member(project.corporation)
    proposal, version = make_proposal(project, by, **COMPLETE)
    proposal.closes_at = timezone.now() + timedelta(days=closes_in_days, hours=1)
    proposal.save(update_fields=["closes_at"])
    decisions.publish_version(proposal, version, by=by)
    proposal.refresh_from_db()
    return proposal


def vote(proposal, households, choice):
    for household in households:
        decisions.record_paper_vote(proposal, household, choice, entered_by=None)


def ask(project, author, *, days_ago=0, answered_after=None):
    thread = feedback.start_thread(
        kind="question", title="Wanneer komen de kozijnen?", body="Graag.", author=author, project=project
    )
    asked = timezone.now() - timedelta(days=days_ago)
    thread.created_at = asked
    if answered_after is not None:
        thread.first_official_answer_at = asked + answered_after
        thread.status = "answered"
    thread.save()
    return thread


def promise(project, *, due_in_days, status=Commitment.Status.OPEN, resolved_in_days=None):
    owner = staff_member(project.corporation)
    today = timezone.localdate()
    return Commitment.objects.create(
        project=project,
        title="Steigers weg voor de feestdagen",
        owner=owner,
        organisation=owner.memberships.get().organisation,
        due_on=today + timedelta(days=due_in_days),
        status=status,
        resolved_on=today + timedelta(days=resolved_in_days) if resolved_in_days is not None else None,
    )


def visits(project, households, status):
    contractor = OrganisationFactory(corporation=project.corporation, kind=Organisation.Kind.CONTRACTOR)
    for index, household in enumerate(households):
        starts = timezone.now() - timedelta(days=3, hours=index)
        slot = VisitSlot.objects.create(
            project=project,
            contractor=contractor,
            team="A",
            purpose="Opname",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
        Appointment.objects.create(home_plan=household.home_plans.get(), slot=slot, status=status)


@pytest.fixture
def project(db):
    return project_in_execution(homes=20)
