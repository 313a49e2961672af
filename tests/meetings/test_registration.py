"""A household registers for a session (or staff register it after a phone call), may change how many people
come and cancel until the start; refusals say why in plain Dutch."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from meetings import services
from meetings.models import Registration, Session
from meetings.services import MeetingError
from tests.factories import household_of

from .conftest import move_to_past, plan, register_all

pytestmark = pytest.mark.django_db


def refusal(call):
    with translation.override("nl"), pytest.raises(MeetingError) as error:
        call()
    return str(error.value)


def test_a_household_registers_and_takes_one_place(
    session, households, member, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_household(session, households[0], people=2, by=member)

    assert registration.people == 2 and registration.registered_by == member
    (event,) = heard
    assert event.name == "session.registered"
    assert event.data == {"project": session.project, "actor": member, "session": session, "household": households[0]}


def test_registering_again_changes_the_number_of_people_not_the_places(session, households, member):
    services.register_household(session, households[0], people=1, by=member)
    services.register_household(session, households[0], people=3, by=member)

    assert Registration.objects.get(session=session, household=households[0]).people == 3
    assert Registration.objects.filter(session=session).count() == 1


@pytest.mark.parametrize("people", [0, 5])
def test_one_to_four_people_may_come(session, households, people):
    assert "1 tot 4 personen" in refusal(
        lambda: services.register_household(session, households[0], people=people, by=None)
    )
    assert not Registration.objects.exists()


def test_a_full_session_refuses_another_household(project, staff_user, households):
    session = plan(project, staff_user, capacity=2)
    register_all(session, households[:2])

    message = refusal(lambda: services.register_household(session, households[2], by=None))

    assert message == "Deze bijeenkomst is vol. Kies een andere bijeenkomst."
    assert Registration.objects.filter(session=session).count() == 2


def test_a_cancelled_place_can_be_taken_by_another_household(project, staff_user, households):
    session = plan(project, staff_user, capacity=1)
    services.register_household(session, households[0], by=None)
    services.cancel_registration(session, households[0], by=None)

    services.register_household(session, households[1], by=None)

    assert list(Registration.objects.active().values_list("household", flat=True)) == [households[1].pk]


def test_a_household_that_cancelled_can_register_again_on_the_same_row(session, households):
    services.register_household(session, households[0], by=None)
    services.cancel_registration(session, households[0], by=None)
    services.register_household(session, households[0], people=2, by=None)

    registration = Registration.objects.get(session=session, household=households[0])
    assert registration.is_active and registration.people == 2


def test_a_session_that_started_takes_no_registrations_or_cancellations(session, households):
    services.register_household(session, households[0], by=None)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(minutes=5))

    assert "al begonnen" in refusal(lambda: services.register_household(session, households[1], by=None))
    assert "al begonnen" in refusal(lambda: services.cancel_registration(session, households[0], by=None))
    assert Registration.objects.active().count() == 1


def test_a_cancelled_session_takes_no_registrations(session, households, staff_user):
    services.cancel_session(session, by=staff_user)

    assert refusal(lambda: services.register_household(session, households[0], by=None)) == (
        "Deze bijeenkomst gaat niet door."
    )


def test_a_household_outside_the_project_cannot_register(session, project):
    elsewhere = household_of(project.corporation)

    assert "niet voor uw woning" in refusal(lambda: services.register_household(session, elsewhere, by=None))
    assert not Registration.objects.exists()


def test_a_household_that_moved_out_cannot_register(session, households):
    households[0].ended_on = timezone.localdate()
    households[0].save()

    assert "niet voor uw woning" in refusal(lambda: services.register_household(session, households[0], by=None))


def test_staff_register_a_household_that_called_in(session, households, staff_user):
    registration = services.register_household(session, households[4], people=2, by=staff_user)

    assert registration.registered_by == staff_user


def test_cancelling_without_a_registration_is_refused(session, households):
    assert "niet aangemeld" in refusal(lambda: services.cancel_registration(session, households[0], by=None))


def test_a_past_session_takes_no_registration(session, households):
    move_to_past(session)

    assert "al begonnen" in refusal(lambda: services.register_household(session, households[0], by=None))
