"""Staff record who came (from the day of the session) and write minutes, which households read once published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Registration, Session
from meetings.services import MeetingError

from .conftest import move_to_past, register_all

pytestmark = pytest.mark.django_db


def test_staff_mark_who_came_and_everyone_else_as_absent(session, households, staff_user):
    register_all(session, households[:4])
    move_to_past(session)
    services.record_attendance(session, [households[0].pk, households[1].pk], by=staff_user)

    services.record_attendance(session, [households[1].pk, households[2].pk], by=staff_user)

    came = Registration.objects.filter(session=session, attended=True).values_list("household", flat=True)
    assert sorted(came) == sorted([households[1].pk, households[2].pk])


def test_attendance_can_be_ticked_at_the_door_on_the_day_itself(session, households, staff_user):
    register_all(session, households[:1])
    in_an_hour = timezone.now() + timedelta(hours=1)
    if timezone.localdate(in_an_hour) != timezone.localdate():
        pytest.skip("an hour from now is tomorrow")
    Session.objects.filter(pk=session.pk).update(starts_at=in_an_hour, ends_at=in_an_hour + timedelta(hours=1))

    services.record_attendance(session, [households[0].pk], by=staff_user)

    assert Registration.objects.get(session=session).attended


def test_attendance_before_the_day_is_refused(session, households, staff_user):
    register_all(session, households[:1])

    with pytest.raises(MeetingError):
        services.record_attendance(session, [households[0].pk], by=staff_user)
    assert not Registration.objects.filter(attended=True).exists()


def test_only_registered_households_can_be_marked_present(session, households, staff_user):
    register_all(session, households[:1])
    move_to_past(session)

    with pytest.raises(MeetingError):
        services.record_attendance(session, [households[0].pk, households[5].pk], by=staff_user)
    assert not Registration.objects.filter(attended=True).exists()  # nothing half-saved


def test_minutes_are_saved_as_a_draft_then_published(session, staff_user):
    move_to_past(session)

    services.save_minutes(session, "Vragen over **ventilatie**.", publish=False, by=staff_user)
    session.refresh_from_db()
    assert session.minutes == "Vragen over **ventilatie**." and not session.minutes_published

    services.save_minutes(session, session.minutes, publish=True, by=staff_user)
    session.refresh_from_db()
    assert session.minutes_published


def test_empty_minutes_cannot_be_published(session, staff_user):
    move_to_past(session)

    with pytest.raises(MeetingError):
        services.save_minutes(session, "   ", publish=True, by=staff_user)
    session.refresh_from_db()
    assert not session.minutes_published


def test_minutes_wait_for_the_session(session, staff_user):
    with pytest.raises(MeetingError):
        services.save_minutes(session, "Te vroeg.", publish=True, by=staff_user)


def test_a_walk_in_is_added_as_present_even_when_the_session_is_full(project, staff_user, households):
    from .conftest import plan

    session = plan(project, staff_user, capacity=1)
    register_all(session, households[:1])
    move_to_past(session)

    services.record_walk_in(session, households[1], people=3, by=staff_user)

    assert Registration.objects.filter(session=session, attended=True).count() == 1
    assert Registration.objects.filter(session=session).count() == 2


def test_a_walk_in_before_the_day_of_the_session_is_refused(session, households, staff_user):
    with pytest.raises(MeetingError):
        services.record_walk_in(session, households[1], by=staff_user)
    assert not Registration.objects.exists()
