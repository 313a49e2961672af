"""The daily task reminds the households of tomorrow's sessions, once per session."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Session
from meetings.tasks import emit_session_reminders

from .conftest import plan, register_all

pytestmark = pytest.mark.django_db


def tomorrow_at(hour):
    day = timezone.localdate() + timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def test_a_session_tomorrow_is_reminded_once_with_its_households(
    project, staff_user, households, heard, django_capture_on_commit_callbacks
):
    session = plan(project, staff_user, starts_at=tomorrow_at(19), ends_at=tomorrow_at(21))
    register_all(session, households[:3])
    services.cancel_registration(session, households[2], by=None)
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert emit_session_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert emit_session_reminders() == 0

    (event,) = heard
    assert event.name == "session.reminder"
    assert event.data["session"] == session and event.data["actor"] is None and event.data["project"] == project
    assert sorted(h.pk for h in event.data["households"]) == sorted(h.pk for h in households[:2])
    assert Session.objects.get(pk=session.pk).reminder_sent_at is not None


def test_sessions_not_tomorrow_or_cancelled_are_not_reminded(
    project, staff_user, heard, django_capture_on_commit_callbacks
):
    plan(project, staff_user, in_days=3)
    cancelled = plan(project, staff_user, starts_at=tomorrow_at(10), ends_at=tomorrow_at(11))
    services.cancel_session(cancelled, by=staff_user)
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert emit_session_reminders() == 0
    assert heard == []


def test_a_session_early_tomorrow_morning_counts_as_tomorrow_in_amsterdam(
    project, staff_user, heard, django_capture_on_commit_callbacks
):
    plan(project, staff_user, starts_at=tomorrow_at(0).replace(minute=30), ends_at=tomorrow_at(2))
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert emit_session_reminders() == 1


def test_a_session_moved_to_another_day_is_reminded_again(
    project, staff_user, heard, django_capture_on_commit_callbacks
):
    session = plan(project, staff_user, starts_at=tomorrow_at(19), ends_at=tomorrow_at(21))
    emit_session_reminders()
    later = tomorrow_at(19) + timedelta(days=6)
    services.change_session(session, by=staff_user, starts_at=later, ends_at=later + timedelta(hours=2))
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert emit_session_reminders(timezone.localdate() + timedelta(days=6)) == 1
    assert [event.name for event in heard] == ["session.reminder"]
