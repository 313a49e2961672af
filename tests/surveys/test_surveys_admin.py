"""The surveys admin: staff find their own corporation's pulses and surveys (never another's), close open ones in
bulk, and never see a household's answers there."""

import pytest
from django.contrib import admin

from surveys.models import Answer, Response, Survey
from tests.factories import project_in_execution

from .conftest import scale_pulse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_staff_see_only_their_own_corporations_surveys(staff_client, pulse):
    other = scale_pulse(project_in_execution(homes=2, slug="elders"), text="Van een ander")
    response = staff_client.get("/admin/surveys/survey/")
    assert set(response.context["cl"].result_list) == {pulse}
    assert staff_client.get(f"/admin/surveys/survey/{other.pk}/change/").status_code == 302  # not found: back to list


def test_staff_close_open_surveys_with_the_action(staff_client, pulse):
    staff_client.post("/admin/surveys/survey/", {"action": "close_surveys", "_selected_action": [pulse.pk]})
    pulse.refresh_from_db()
    assert pulse.status == Survey.Status.CLOSED


def test_answers_of_households_are_not_in_the_admin():
    assert Response not in admin.site._registry and Answer not in admin.site._registry
