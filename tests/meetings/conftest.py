"""A project of ten homes, its staff member, its households and a session next week with ten places."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Session
from tests.factories import project_in_execution, staff_member, tenant


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(db):
    return project_in_execution(homes=10)


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


@pytest.fixture
def households(project):
    """The project's households, in the order their home plans were made."""
    return [plan.household for plan in project.home_plans.select_related("household__dwelling").order_by("pk")]


@pytest.fixture
def member(households):
    """A tenant of the first household."""
    return tenant(households[0])


def plan(project, by, *, in_days=7, capacity=10, **fields):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=in_days)
    values = {
        "kind": Session.Kind.SMALL_GROUP,
        "title": "Kijken in de modelwoning",
        "description": "We laten de **nieuwe kozijnen** zien.",
        "place": "Modelwoning Marshallaan 4-A",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1, minutes=30),
        "capacity": capacity,
        **fields,
    }
    return services.plan_session(project, by=by, **values)


@pytest.fixture
def session(project, staff_user):
    return plan(project, staff_user)


def move_to_past(session, days_ago=1):
    """As if the session took place `days_ago` days ago."""
    starts_at = timezone.now() - timedelta(days=days_ago)
    Session.objects.filter(pk=session.pk).update(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))
    session.refresh_from_db()
    return session


def register_all(session, households, people=1):
    for household in households:
        services.register_household(session, household, people=people, by=None)


@pytest.fixture
def heard():
    """Every event delivered during the test (run on-commit callbacks with django_capture_on_commit_callbacks)."""
    from renovatie import events

    received = []
    events.subscribe("*", received.append)
    yield received
    events.unsubscribe("*", received.append)
