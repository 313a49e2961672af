"""A pulse question or a survey sent to households lands in their members' bells, linking to the page where
they answer it."""

import pytest

from notifications.models import Notification
from surveys import services as surveys
from tests.surveys.conftest import make_survey, scale_pulse

from .conftest import committed

pytestmark = pytest.mark.django_db


def test_a_pulse_question_reaches_every_household_member(project, dutch, english):
    with committed():
        pulse = scale_pulse(project)
    notifications = Notification.objects.filter(event="pulse.sent")
    assert sorted(notifications.values_list("recipient", flat=True)) == sorted([dutch.pk, english.pk])
    assert {notification.link for notification in notifications} == {f"/enquetes/{pulse.pk}/"}


def test_an_opened_survey_invites_the_households_of_its_target(project, staff_user, dutch, english):
    survey = make_survey(project, staff_user)
    with committed():
        surveys.open_survey(survey, by=staff_user)
    notifications = Notification.objects.filter(event="survey.opened", recipient=dutch)
    assert notifications.count() == 1
    assert notifications.get().link == f"/enquetes/{survey.pk}/"
    assert notifications.get().params["title"] == survey.title
