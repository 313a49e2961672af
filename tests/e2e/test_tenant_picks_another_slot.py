"""A tenant with a proposed visit opens their home plan in Chromium, picks another time, and sees it confirmed."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from projects.models import Appointment, HomePlan
from tenants.models import Organisation
from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, HouseholdFactory, OrganisationFactory, TenantProfileFactory, project_in_execution
from tests.projects.home_plan_data import add_slot, soon

pytestmark = pytest.mark.browser


@pytest.fixture
def proposed(db):
    """A tenant's home with a proposed inspection visit in three days, and three other free times."""
    project = project_in_execution(homes=0)
    complex_ = project.complexes.get()
    contractor = OrganisationFactory(corporation=complex_.corporation, kind=Organisation.Kind.CONTRACTOR)
    project.contractors.add(contractor)
    household = HouseholdFactory(dwelling__complex=complex_, dwelling__street="Marshallaan", dwelling__house_number=12)
    profile = TenantProfileFactory(household=household, language="en")
    plan = HomePlan.objects.create(project=project, household=household)
    appointment = Appointment.objects.create(
        home_plan=plan, slot=add_slot(project, contractor, starts_at=soon(3, 9), purpose="Opname")
    )
    for days, hour in ((4, 9), (4, 13), (5, 9)):
        add_slot(project, contractor, starts_at=soon(days, hour), purpose="Opname")
    return profile.user, appointment


def test_tenant_picks_another_time_and_sees_it_confirmed(page, proposed):
    user, appointment = proposed
    new_time = timezone.localtime(soon(4, 13))
    with translation.override("en"):  # the browser asks for English
        new_day = date_format(new_time, "l j F Y")

    log_in(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
    page.get_by_role("link", name="My home plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My home plan")
    visit = page.locator(f"#appointment-{appointment.pk}")
    expect(visit).to_contain_text("proposed – please confirm")
    assert page.evaluate(FITS_THE_SCREEN)
    visit.get_by_role("link", name=re.compile("^Pick another time")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pick another time")
    expect(page.get_by_role("heading", level=2)).to_have_count(2)  # two days with free times
    assert page.evaluate(FITS_THE_SCREEN)
    page.get_by_role("group", name=new_day).get_by_role("button", name=re.compile("^13:00–14:00")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My home plan")
    expect(page.get_by_role("status")).to_contain_text(f"Your appointment is now on {new_day}, 13:00. It is confirmed.")
    visit = page.locator(f"#appointment-{appointment.pk}")
    expect(visit).to_contain_text("confirmed")
    expect(visit).to_contain_text(f"{new_day}, 13:00–14:00")
    expect(visit.get_by_role("button", name=re.compile("^Confirm"))).to_have_count(0)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED
    assert appointment.slot.starts_at == new_time
