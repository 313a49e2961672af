"""The main tenant flows done with the keyboard alone — Tab, Shift+Tab, Enter, Space and the arrow keys, never a
click — with a visible focus indicator on every element the focus passes: activate an account with the letter
code, read the home plan, pick another visit time, reply in a discussion and vote on the open proposal."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from decisions.models import Ballot, Choice, Proposal
from feedback.models import Post, Thread
from projects.demo import PROJECT_SLUG
from projects.models import Appointment
from renovatie.celery import app as celery_app
from tenants.invitations import issue_letters
from tenants.models import TenantProfile
from tests.demo_pages import demo_user
from tests.e2e.steps import FOCUS_INDICATOR, tab_to
from tests.factories import DwellingFactory, HouseholdFactory

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "renovatie-demo"  # tenants/management/commands/seed_demo.py


def type_into(page, field, text):
    """Tab to a form field and type, as a keyboard user does."""
    tab_to(page, field)
    page.keyboard.type(text)


def test_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0, "the skip link stays off screen when it has the focus"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_tenant_activates_their_account_by_keyboard(page, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    dwelling = DwellingFactory(street="Marshallaan", house_number=12, addition="B", postcode="3527TE", city="Utrecht")
    (letter,) = issue_letters([HouseholdFactory(dwelling=dwelling)], issued_by=None)

    page.goto("/")
    tab_to(page, page.get_by_role("link", name="Activate with letter code").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your account")
    type_into(page, page.get_by_label("Code from your letter"), letter.code)
    page.keyboard.press("Enter")  # submits the form

    expect(page.get_by_role("heading", level=1)).to_have_text("Make your account")
    type_into(page, page.get_by_label("Your name for neighbours"), "Fatma, nr. 12")
    type_into(page, page.get_by_label("E-mail address"), "fatma@example.org")
    type_into(page, page.get_by_label("Choose a password"), "tulpen in de vensterbank")
    type_into(page, page.get_by_label("Type the password again"), "tulpen in de vensterbank")
    tab_to(page, page.get_by_role("button", name="Make my account"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
    expect(page.get_by_text("Marshallaan 12-B, 3527 TE Utrecht")).to_be_visible()
    assert TenantProfile.objects.get(user__email="fatma@example.org").household == letter.household


@pytest.fixture
def demo_tenant(settings, tmp_path):
    """The demo's tenant (Fatma: a proposed visit, a discussion, an open proposal she has not voted on), reading
    English like the other browser tests."""
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=StringIO())
    fatma = demo_user("huurder")
    TenantProfile.objects.filter(user=fatma).update(language="en")
    return fatma


def log_in_by_keyboard(page, user):
    page.goto("/accounts/login/")
    type_into(page, page.get_by_label("Email"), user.email)
    type_into(page, page.get_by_label("Password"), DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")


def test_tenant_reads_their_plan_and_picks_another_time_by_keyboard(page, demo_tenant):
    household = demo_tenant.tenant_profile.household
    appointment = Appointment.objects.get(home_plan__household=household, status=Appointment.Status.PROPOSED)
    log_in_by_keyboard(page, demo_tenant)

    tab_to(page, page.get_by_role("link", name="My home plan").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My home plan")
    tab_to(page, page.locator(f"#appointment-{appointment.pk}").get_by_role("link", name=re.compile("^Pick another")))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Pick another time")
    first_time = page.locator(".slot-list button").first
    chosen = int(first_time.get_attribute("value"))
    tab_to(page, first_time)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("My home plan")
    expect(page.get_by_role("status")).to_contain_text("It is confirmed.")
    appointment.refresh_from_db()
    assert (appointment.slot_id, appointment.status) == (chosen, Appointment.Status.CONFIRMED)


def test_tenant_replies_in_a_discussion_by_keyboard(page, demo_tenant):
    thread = Thread.objects.filter(project__slug=PROJECT_SLUG).order_by("pk").first()
    log_in_by_keyboard(page, demo_tenant)
    page.goto(f"/gesprekken/{thread.pk}/")

    reply = page.locator(".reply-box summary").first
    tab_to(page, reply)
    page.keyboard.press("Space")  # opens the reply box
    type_into(page, page.get_by_label("Your reply").first, "Bij ons ook, sinds vorige week.")
    tab_to(page, page.get_by_role("button", name="Send reply").first)
    page.keyboard.press("Enter")

    expect(page.get_by_text("Bij ons ook, sinds vorige week.")).to_be_visible()
    assert Post.objects.filter(thread=thread, author=demo_tenant, body="Bij ons ook, sinds vorige week.").exists()


def test_tenant_votes_on_the_open_proposal_by_keyboard(page, demo_tenant):
    proposal = Proposal.objects.get(
        project__slug=PROJECT_SLUG, status=Proposal.Status.OPEN, closes_at__gt=timezone.now()
    )
    log_in_by_keyboard(page, demo_tenant)
    page.goto(f"/projecten/{PROJECT_SLUG}/voorstellen/{proposal.pk}/")

    choices = page.locator(".vote-form input[type=radio]")
    vote = page.get_by_role("button", name="Vote", exact=True)
    tab_to(page, vote)
    page.keyboard.press("Shift+Tab")  # the choices come right before the button
    assert page.evaluate("document.activeElement.matches('.vote-form input[type=radio]')")
    assert page.evaluate(FOCUS_INDICATOR)["visible"]
    for _ in range(choices.count()):  # the arrow keys move through the choices, and select as they go
        if choices.first.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(choices.first).to_be_checked()
    tab_to(page, vote)
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your household agrees with this proposal.")).to_be_visible()
    ballot = Ballot.objects.get(proposal=proposal, household=demo_tenant.tenant_profile.household)
    assert ballot.choice == Choice.AGREE
