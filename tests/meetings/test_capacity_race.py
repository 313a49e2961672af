"""Capacity holds when many households register at the same moment: the session row is locked, so the last
place is given once."""

import threading

import pytest
from django.db import connection

from meetings import services
from meetings.models import Registration
from meetings.services import MeetingError
from tests.factories import project_in_execution, staff_member

from .conftest import plan


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_thirty_households_registering_at_once_fill_ten_places_and_no_more():
    project = project_in_execution(homes=30)
    session = plan(project, staff_member(project.corporation), capacity=10)
    households = [plan.household for plan in project.home_plans.select_related("household__dwelling")]
    barrier = threading.Barrier(len(households))
    full, errors = [], []

    def register(household):
        barrier.wait()
        try:
            services.register_household(session, household, people=2, by=None)
        except MeetingError:
            full.append(household)
        except Exception as error:  # anything else is a failure the assertion below reports
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(household,)) for household in households]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Registration.objects.filter(session=session).count() == 10
    assert len(full) == 20
