"""A project of ten homes, each with one tenant, a staff member, and polls on it: draft, open and closed."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from polls import services
from polls.models import Poll
from tests.factories import project_in_execution, staff_member, tenant

COLOURS = ["Donkergroen", "Antraciet", "Bordeauxrood", "Okergeel"]


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def project(db):
    return project_in_execution(homes=10)


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


@pytest.fixture
def households(project):
    """The project's households, in the order their home plans were made."""
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


@pytest.fixture
def tenants(households):
    """One tenant for each household, in the same order."""
    return [tenant(household) for household in households]


def make_poll(project, by, *, options=COLOURS, opened=True, **fields):
    fields = {"question": "Welke kleur krijgen de voordeuren?", **fields}
    poll = services.create_poll(project, options=options, by=by, **fields)
    if opened:
        poll = services.open_poll(poll, by=by)
    return poll


@pytest.fixture
def open_poll(project, staff_user):
    """An open single-choice household poll with live results."""
    return make_poll(project, staff_user)


def option_ids(poll, *labels):
    return list(poll.options.filter(label__in=labels).values_list("pk", flat=True))


def vote(poll, user, *labels):
    return services.cast_vote(poll, user, option_ids(poll, *labels))


def end_voting(poll):
    """Move the planned closing moment into the past, as if the voting period ran out (status stays open)."""
    now = timezone.now()
    Poll.objects.filter(pk=poll.pk).update(opens_at=now - timedelta(days=3), closes_at=now - timedelta(minutes=1))
    poll.refresh_from_db()
    return poll


@pytest.fixture(autouse=True)
def _english_messages():
    """Services' refusals read in English here; the tests that check the Dutch switch to it themselves."""
    with translation.override("en"):
        yield
