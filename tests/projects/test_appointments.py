import threading

import pytest
from django.db import connection
from django.utils import translation

from projects import appointments
from projects.appointments import AppointmentError, SlotTaken, free_slots
from projects.models import Appointment, AppointmentChange, VisitSlot

pytestmark = pytest.mark.django_db


def test_a_week_plan_makes_slots_per_team_per_weekday(project, contractor_org, contractor_user, week_plan):
    created = appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    assert created == 5 * 4 * 2  # five weekdays, four visits a day, two teams
    assert not VisitSlot.objects.filter(starts_at__week_day__in=[1, 7]).exists()  # no weekend visits


def test_planning_the_same_week_twice_adds_no_duplicate_slots(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    assert appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user) == 0


def test_every_home_is_proposed_its_own_slot(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    proposed = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)
    assert len(proposed) == 8
    assert len({a.slot_id for a in proposed}) == 8
    assert AppointmentChange.objects.count() == 8  # each planning is logged


def test_tenant_moves_to_a_free_slot_and_it_is_confirmed(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    appointment = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)[0]
    other = free_slots(project, purpose="Opname").last()
    moved = appointments.move(appointment, other, by=contractor_user)
    assert moved.slot == other and moved.status == Appointment.Status.CONFIRMED
    assert moved.changes.last().from_slot_id == appointment.slot_id


def test_moving_to_a_taken_slot_is_refused_with_a_clear_message(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    first, second = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)[:2]
    with translation.override("nl"), pytest.raises(SlotTaken, match="Iemand anders"):
        appointments.move(first, second.slot, by=contractor_user)
    first.refresh_from_db()
    assert first.status == Appointment.Status.PROPOSED  # nothing half-changed


def test_a_recorded_visit_cannot_be_recorded_again(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    appointment = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)[0]
    appointments.record_visit(appointment, outcome=Appointment.Status.DONE, by=contractor_user)
    with pytest.raises(AppointmentError):
        appointments.record_visit(appointment, outcome=Appointment.Status.MISSED, by=contractor_user)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_tenants_racing_for_one_slot_never_double_book(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    first, second = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)[:2]
    target = free_slots(project, purpose="Opname").last()
    barrier = threading.Barrier(2)
    outcomes = []

    def take(appointment):
        try:
            barrier.wait()
            appointments.move(appointment, target, by=None)
            outcomes.append("booked")
        except SlotTaken:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "taken"]
    assert Appointment.objects.filter(slot=target).exclude(status="cancelled").count() == 1
