"""The demo's pulses and survey (`manage.py seed_demo`): a home-visit pulse whose answers over six weeks give the
sentiment line a shape, this month's pulse below the threshold and waiting for the demo tenant, and a finished
survey with results and open answers. Running the demo twice adds nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from surveys.demo import SURVEY_TITLE
from surveys.models import Survey
from surveys.results import pulse_sentiment, survey_results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp_and_no_two_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=StringIO())


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_the_home_visit_pulse_gives_the_sentiment_line_a_shape(demo):
    pulse = Survey.objects.get(project__slug=PROJECT_SLUG, trigger=Survey.Trigger.HOME_VISIT)
    results = survey_results(pulse, with_open_answers=True)
    assert results.shown and results.responses == 15 and results.invited == 20
    assert results.questions[0].comments
    sentiment = pulse_sentiment(pulse.project, since=timezone.now() - timedelta(weeks=12))
    assert len(sentiment.weeks) >= 5
    assert sentiment.weeks[0].average < sentiment.weeks[-1].average  # worried at first, better later


def test_this_months_pulse_is_below_the_threshold_and_waits_for_the_demo_tenant(demo, client):
    pulse = Survey.objects.get(project__slug=PROJECT_SLUG, trigger=Survey.Trigger.MONTHLY)
    assert not survey_results(pulse).shown and pulse.responses.count() == 3
    client.force_login(user("huurder"))
    page = client.get("/mijn-renovatie/").content.decode()
    assert "Vragen voor u" in page and pulse.title in page
    assert client.get(f"/enquetes/{pulse.pk}/").status_code == 200


def test_the_finished_survey_has_results_and_open_answers_for_staff(demo, client):
    survey = Survey.objects.get(title=SURVEY_TITLE)
    assert survey.status == Survey.Status.CLOSED and survey.deadline < timezone.now()
    client.force_login(user("projectleider"))
    page = client.get(f"/enquetes/{survey.pk}/uitkomsten/").content.decode()
    assert "24 van de" in page and "Graag eerder weten wanneer de steigers komen." in page
    assert "<svg" in page


def test_running_the_demo_twice_adds_no_surveys(demo):
    count = Survey.objects.count()
    call_command("seed_demo", force=True, stdout=StringIO())
    assert Survey.objects.count() == count
