"""A project of ten homes, a staff member, and a proposal on it: as a draft, complete, or open for voting."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from decisions import services
from decisions.models import Proposal
from tests.factories import project_in_execution, staff_member, tenant

COMPLETE = {
    "renovation_works": "Isolatie van gevel, dak en vloer; nieuwe kozijnen met HR++ glas; mechanische ventilatie.",
    "maintenance_works": "Voegwerk herstellen, dakgoten vervangen.",
    "rent_increase": Decimal("25.00"),
    "rent_increase_reasons": "Lagere energiekosten door isolatie; de woning krijgt label A.",
    "duration_weeks": 3,
    "tenants_stay_home": True,
    "starts_on": date(2027, 3, 1),
    "completes_on": date(2027, 9, 30),
    "other_allowances": "Herinrichtingsvergoeding van € 500 per woning.",
    "social_plan_reference": "Sociaal Plan Renovatie 2026, vastgesteld met de huurdersvereniging.",
}


@pytest.fixture
def project(db):
    return project_in_execution(homes=10)


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


def make_proposal(project, by, **content):
    now = timezone.now()
    proposal = services.create_proposal(
        project,
        title="Verduurzaming 2027",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=14),
        by=by,
    )
    version = proposal.versions.get()
    version = services.update_draft(version, by=by, **content)
    return proposal, version


@pytest.fixture
def draft(project, staff_user):
    """A draft proposal whose first version is complete, not yet published: returns (proposal, version)."""
    return make_proposal(project, staff_user, **COMPLETE)


@pytest.fixture
def open_proposal(draft, staff_user):
    proposal, version = draft
    services.publish_version(proposal, version, by=staff_user)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def households(project):
    """The project's households, in the order their home plans were made."""
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


@pytest.fixture
def voter(households):
    """A tenant of the first household."""
    return tenant(households[0])


def vote_all(proposal, households, agree, disagree=0):
    """The first `agree` households agree, the next `disagree` disagree, the rest do not vote."""
    for index, household in enumerate(households[: agree + disagree]):
        choice = "agree" if index < agree else "disagree"
        services.cast_vote(proposal, household, choice, by=None)


def end_voting(proposal):
    """Move the closing moment into the past, as if the voting period ran out."""
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        opens_at=now - timedelta(days=15), closes_at=now - timedelta(minutes=1)
    )
    proposal.refresh_from_db()
    return proposal


def open_proposal_with(homes):
    """A new project of `homes` homes with a complete proposal open for voting; returns (proposal, households)."""
    project = project_in_execution(homes=homes, slug=f"project-{homes}-homes")
    by = staff_member(project.corporation)
    proposal, version = make_proposal(project, by, **COMPLETE)
    services.publish_version(proposal, version, by=by)
    proposal.refresh_from_db()
    households = [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]
    return proposal, households
