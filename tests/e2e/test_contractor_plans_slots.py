"""A contractor plans two teams over two weeks in Chromium and sees the slots made and the homes given a time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Appointment, VisitSlot
from tenants.models import Membership, Organisation
from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, project_in_execution

pytestmark = pytest.mark.browser


@pytest.fixture
def contractor(db):
    """A contractor assigned to a project in execution over eight homes; returns the contractor's account."""
    project = project_in_execution(homes=8)
    organisation = OrganisationFactory(
        corporation=project.corporation, kind=Organisation.Kind.CONTRACTOR, name="Bouwbedrijf De Vries"
    )
    project.contractors.add(organisation)
    return MembershipFactory(organisation=organisation, role=Membership.Role.CONTRACTOR).user


def test_contractor_plans_a_batch_of_slots_and_homes_get_proposed_times(page, contractor):
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())

    log_in(page, contractor.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My projects")
    page.get_by_role("link", name="Kanaleneiland-Noord verduurzaming").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kanaleneiland-Noord verduurzaming")
    assert page.evaluate(FITS_THE_SCREEN)
    page.get_by_label("First day").fill(monday.isoformat())
    page.get_by_label("Last day").fill((monday + timedelta(days=11)).isoformat())
    page.get_by_label("Teams").fill("Team A\nTeam B")
    page.get_by_label("First visit of the day starts at").fill("08:00")
    page.get_by_label("Length of one visit, in minutes").fill("60")
    page.get_by_label("Visits per day for each team").fill("4")
    page.get_by_role("textbox", name="Purpose of the visit").fill("Opname")
    expect(page.get_by_label("Propose a time to every home that has none for this purpose yet")).to_be_checked()
    page.get_by_role("button", name="Plan slots").click()

    expect(page.get_by_text("Planned 80 new visit slots.")).to_be_visible()  # 10 weekdays x 4 visits x 2 teams
    expect(page.get_by_text("Proposed a time for Opname to 8 homes.")).to_be_visible()
    purpose_row = page.get_by_role("row", name="Opname")
    expect(purpose_row.get_by_role("cell")).to_have_text(["80", "72", "0"])
    assert VisitSlot.objects.count() == 80
    assert Appointment.objects.filter(status=Appointment.Status.PROPOSED).count() == 8

    page.get_by_role("link", name=f"Monday {monday.day} {monday:%B}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Visits on Monday {monday.day} {monday:%B %Y}")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(9)  # a header row and eight visits
    assert page.evaluate(FITS_THE_SCREEN)
