"""A tenant activates their account in Chromium with the code from their letter and lands on "Mijn renovatie"."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from renovatie.celery import app as celery_app
from tenants.invitations import issue_letters
from tenants.models import TenantProfile
from tests.factories import DwellingFactory, HouseholdFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def letter(monkeypatch):
    # The welcome mail goes out in-process, also where a broker is configured (no stray task left in Redis).
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    dwelling = DwellingFactory(street="Marshallaan", house_number=12, addition="B", postcode="3527TE", city="Utrecht")
    (letter,) = issue_letters([HouseholdFactory(dwelling=dwelling)], issued_by=None)
    return letter


def test_tenant_activates_with_the_letter_code_and_sees_their_home(page, letter):
    page.goto("/")
    page.get_by_role("link", name="Activate with letter code").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your account")

    page.get_by_label("Code from your letter").fill(letter.code.lower().replace("-", " "))
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Make your account")
    expect(page.get_by_text("Marshallaan 12-B, 3527 TE Utrecht")).to_be_visible()
    page.get_by_label("Your name for neighbours").fill("Fatma, nr. 12")
    page.get_by_label("E-mail address").fill("fatma@example.org")
    page.get_by_label("Choose a password").fill("tulpen in de vensterbank")
    page.get_by_label("Type the password again").fill("tulpen in de vensterbank")
    page.get_by_role("button", name="Make my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
    expect(page.get_by_text("Welcome! Your account is ready and linked to your home.")).to_be_visible()
    expect(page.get_by_text("Marshallaan 12-B, 3527 TE Utrecht")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert TenantProfile.objects.get(user__email="fatma@example.org").household == letter.household
    assert [message.to for message in mail.outbox] == [["fatma@example.org"]]


def test_wrong_code_is_explained_on_the_page_and_lets_nobody_in(page, letter):
    page.goto("/activeren/")
    page.get_by_label("Code from your letter").fill("ACDE-FH34-JK79")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your account")
    expect(page.get_by_text("We do not know this code. Please check it against your letter.")).to_be_visible()
    expect(page.get_by_text("Marshallaan 12-B")).to_have_count(0)
