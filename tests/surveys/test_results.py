"""Results read like a research summary and are hidden below five responses, to everyone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys import services
from surveys.models import Response
from surveys.results import pulse_sentiment, survey_results

from .conftest import answer_pulse, full_reply, scale_pulse

pytestmark = pytest.mark.django_db


def test_four_responses_show_no_result_but_the_response_rate(pulse, households):
    answer_pulse(pulse, households, [5, 4, 4, 1])
    results = survey_results(pulse)
    assert not results.shown
    assert (results.responses, results.invited, results.response_percent, results.still_needed) == (4, 10, 40, 1)
    assert results.questions[0].bars == [] and results.questions[0].average is None


def test_five_responses_show_the_result(pulse, households):
    answer_pulse(pulse, households, [5, 4, 4, 1, 1])
    results = survey_results(pulse)
    assert results.shown and results.response_percent == 50
    [question] = results.questions
    assert [bar.count for bar in question.bars] == [2, 0, 0, 2, 1]
    assert [bar.percent for bar in question.bars] == [40, 0, 0, 40, 20]
    assert question.average == pytest.approx(3.0)


def test_dont_know_is_a_share_of_its_own_and_not_in_the_percentages(pulse, households):
    answer_pulse(pulse, households, [5, 5, 3, None, None, None])
    [question] = survey_results(pulse).questions
    assert question.dont_know == 3 and question.dont_know_percent == 50
    assert [bar.percent for bar in question.bars] == [0, 0, 33, 0, 67]
    assert question.average == pytest.approx(13 / 3)


def test_survey_results_give_percentages_per_option_and_open_answers_for_staff(open_survey, households):
    for n, household in enumerate(households[:6]):
        reply = full_reply(
            open_survey, single="Fiets" if n < 3 else "Auto", multiple=("Groen", "Speelplek"), text=f"Tekst {n}"
        )
        services.submit_response(open_survey, household, reply, by=None)
    results = survey_results(open_survey, with_open_answers=True)
    single, multiple, scale, open_question = results.questions
    assert [(bar.label, bar.percent) for bar in single.bars] == [("Fiets", 50), ("Auto", 50), ("Bus", 0)]
    assert [bar.percent for bar in multiple.bars] == [100, 100, 0]
    assert open_question.open_answers == [f"Tekst {n}" for n in range(6)]
    assert survey_results(open_survey).questions[3].open_answers == []  # not for households or contractors


def test_pulse_sentiment_gives_the_average_per_week_of_pulses_above_the_threshold(project, households):
    pulse = scale_pulse(project)
    answer_pulse(pulse, households[:6], [5, 4, 3, 2, 1, None])
    now = timezone.now()
    Response.objects.filter(household__in=households[:3]).update(submitted_at=now - timedelta(days=14))
    small = scale_pulse(project, "Klein")
    answer_pulse(small, households[:2], [1, 1])  # below five: does not count
    sentiment = pulse_sentiment(project, since=now - timedelta(days=30))
    assert [(point.average, point.answers) for point in sentiment.weeks] == [(4.0, 3), (1.5, 2)]
    assert (sentiment.responses, sentiment.invited, sentiment.response_percent) == (6, 10, 60)
