"""A tenant on a phone finds their data from the footer, reads it on one page that fits the screen, and deletes
their account with their password."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tenants.models import HouseholdNeeds
from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, TenantProfileFactory

pytestmark = pytest.mark.browser


def test_a_tenant_reads_their_data_and_deletes_their_account(page):
    profile = TenantProfileFactory(display_name="Anna, nr. 1", accessibility_needs="Slechtziend", language="en")
    HouseholdNeeds.objects.create(household=profile.household, medical="Zuurstofapparaat in de slaapkamer")
    log_in(page, profile.user.email, PASSWORD)

    page.get_by_role("contentinfo").get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    page.get_by_role("link", name="Read your data on one page (to print)").click()
    expect(page.get_by_role("heading", name="Needs of your household")).to_be_visible()
    expect(page.get_by_text("Zuurstofapparaat in de slaapkamer")).to_be_attached()
    assert page.evaluate(FITS_THE_SCREEN)

    page.goto("/mijn-gegevens/account-verwijderen/")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Tick this box to delete your account.")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that my account is deleted for good and cannot be restored.").check()
    page.get_by_role("button", name="Delete my account for good").click()

    expect(page.get_by_text("Your account is deleted. Thank you for taking part.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Log in")).to_be_visible()
    assert not get_user_model().objects.filter(email=profile.user.email).exists()
    assert not HouseholdNeeds.objects.filter(household=profile.household).exists()
