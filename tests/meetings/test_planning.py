"""Staff plan a session, change it and cancel it; the registered households hear of every change."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from meetings import services
from meetings.models import Session
from meetings.services import MeetingError

from .conftest import plan, register_all

pytestmark = pytest.mark.django_db


def test_planning_a_session_stores_it_and_says_so(project, staff_user, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = plan(project, staff_user, capacity=10)

    stored = Session.objects.get(pk=session.pk)
    assert stored.status == Session.Status.PLANNED and stored.capacity == 10 and stored.created_by == staff_user
    (event,) = heard
    assert event.name == "session.planned"
    assert event.data == {"project": project, "actor": staff_user, "session": session}


def test_a_session_that_ends_before_it_starts_is_refused_in_dutch(project, staff_user):
    starts_at = timezone.now() + timedelta(days=3)
    with translation.override("nl"), pytest.raises(MeetingError, match="moet eindigen na het begin"):
        plan(project, staff_user, starts_at=starts_at, ends_at=starts_at - timedelta(hours=1))
    assert not Session.objects.exists()


def test_a_session_in_the_past_cannot_be_planned(project, staff_user):
    with pytest.raises(MeetingError):
        plan(project, staff_user, in_days=-1)
    assert not Session.objects.exists()


def test_a_session_without_places_is_refused(project, staff_user):
    with pytest.raises(MeetingError):
        plan(project, staff_user, capacity=0)


def test_changing_a_session_tells_the_registered_households(
    session, households, staff_user, heard, django_capture_on_commit_callbacks
):
    register_all(session, households[:2])
    services.cancel_registration(session, households[1], by=None)
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_session(session, by=staff_user, place="Buurthuis De Boog")

    session.refresh_from_db()
    assert session.place == "Buurthuis De Boog"
    (event,) = heard
    assert event.name == "session.changed"
    assert event.data["households"] == [households[0]]
    assert event.data["actor"] == staff_user and event.data["session"] == session


def test_a_change_that_changes_nothing_is_not_announced(session, staff_user, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_session(session, by=staff_user, place=session.place)
    assert heard == []


def test_the_places_cannot_drop_below_the_households_registered(session, households, staff_user):
    register_all(session, households[:4])

    with translation.override("nl"), pytest.raises(MeetingError, match="4 huishoudens zijn al aangemeld"):
        services.change_session(session, by=staff_user, capacity=3)

    session.refresh_from_db()
    assert session.capacity == 10


def test_cancelling_a_session_tells_the_registered_households(
    session, households, staff_user, heard, django_capture_on_commit_callbacks
):
    register_all(session, households[:3])
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session, by=staff_user)

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED and session.cancelled_at is not None
    (event,) = heard
    assert event.name == "session.cancelled"
    assert sorted(h.pk for h in event.data["households"]) == sorted(h.pk for h in households[:3])


def test_a_cancelled_session_cannot_be_changed_or_cancelled_again(session, staff_user):
    services.cancel_session(session, by=staff_user)

    with pytest.raises(MeetingError):
        services.change_session(session, by=staff_user, title="Toch wel")
    with pytest.raises(MeetingError):
        services.cancel_session(session, by=staff_user)


def test_a_coming_session_cannot_be_moved_into_the_past(session, staff_user):
    yesterday = timezone.now() - timedelta(days=1)

    with pytest.raises(MeetingError):
        services.change_session(session, by=staff_user, starts_at=yesterday, ends_at=yesterday + timedelta(hours=1))
    session.refresh_from_db()
    assert session.starts_at > timezone.now()
