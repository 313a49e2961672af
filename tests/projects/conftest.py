"""A project in execution over one complex of eight homes, with an assigned contractor and a staff member."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from projects.appointments import SlotPlan
from tenants.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, project_in_execution, staff_member


@pytest.fixture
def project(db):
    return project_in_execution(homes=8)


@pytest.fixture
def contractor_org(project):
    organisation = OrganisationFactory(corporation=project.corporation, kind=Organisation.Kind.CONTRACTOR)
    project.contractors.add(organisation)
    return organisation


@pytest.fixture
def contractor_user(contractor_org):
    return MembershipFactory(organisation=contractor_org, role=Membership.Role.CONTRACTOR).user


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


def next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


@pytest.fixture
def week_plan():
    monday = next_monday()
    return SlotPlan(
        first_day=monday,
        last_day=monday + timedelta(days=6),
        teams=("Team A", "Team B"),
        day_starts=time(8, 0),
        visit_minutes=60,
        visits_per_day=4,
        purpose="Opname",
    )


# --- Tenant side: a signed-up tenant of the project's first home ---


@pytest.fixture
def home_plan(project):
    """The first home's plan (the address, Kanaalstraat, comes from the household factory)."""
    return project.home_plans.select_related("household__dwelling").order_by("pk").first()


@pytest.fixture
def project_tenant(home_plan):
    """A tenant whose household has `home_plan` in the project."""
    from tests.factories import tenant

    return tenant(home_plan.household)
