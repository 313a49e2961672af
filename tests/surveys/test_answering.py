"""A household answers a pulse or survey once, may change its answer until the deadline, and "don't know" is
always an answer. Bad input is refused with a message per question and nothing is saved."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from surveys import services
from surveys.models import Answer, Response, Survey
from surveys.services import Reply, SurveyError
from tests.factories import household_of, project_in_execution

from .conftest import answer_pulse, full_reply, scale_pulse

pytestmark = pytest.mark.django_db


def test_a_household_answers_a_pulse_with_a_comment(pulse, households):
    question = pulse.questions.get()
    services.submit_response(pulse, households[0], {question.pk: Reply(score=4, comment="Netjes gewerkt")}, by=None)
    answer = Answer.objects.get()
    assert (answer.score, answer.comment, answer.dont_know) == (4, "Netjes gewerkt", False)


def test_a_second_answer_from_the_same_household_changes_the_first(pulse, households):
    answer_pulse(pulse, households[:1], [2])
    answer_pulse(pulse, households[:1], [5])
    assert Response.objects.filter(survey=pulse).count() == 1
    assert Answer.objects.get().score == 5


def test_dont_know_is_an_answer_without_a_score(pulse, households):
    answer_pulse(pulse, households[:1], [None])
    answer = Answer.objects.get()
    assert answer.dont_know and answer.score is None


def test_a_score_outside_1_to_5_is_refused_in_dutch_and_nothing_is_saved(pulse, households):
    question = pulse.questions.get()
    with translation.override("nl"), pytest.raises(SurveyError) as error:
        services.submit_response(pulse, households[0], {question.pk: Reply(score=6)}, by=None)
    assert "van 1 tot 5" in error.value.problems[question.pk]
    assert not Response.objects.exists()


def test_a_household_outside_the_pulse_cannot_answer(pulse, project):
    outsider = household_of(project.corporation)
    with pytest.raises(SurveyError):
        answer_pulse(pulse, [outsider], [3])
    assert not Response.objects.exists()


def test_after_the_deadline_answers_are_refused(pulse, households):
    Survey.objects.filter(pk=pulse.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with translation.override("nl"), pytest.raises(SurveyError, match="gesloten"):
        answer_pulse(pulse, households[:1], [3])


def test_a_closed_survey_refuses_changes(open_survey, households, staff_user):
    services.submit_response(open_survey, households[0], full_reply(open_survey), by=None)
    services.close_survey(open_survey, by=staff_user)
    with pytest.raises(SurveyError):
        services.submit_response(open_survey, households[0], full_reply(open_survey, score=1), by=None)
    assert Answer.objects.filter(score=1).count() == 0


def test_a_survey_answer_stores_choices_scores_and_open_text(open_survey, households):
    services.submit_response(
        open_survey, households[0], full_reply(open_survey, multiple=("Groen", "Bankjes"), text="Meer licht"), by=None
    )
    answers = {answer.question.kind: answer for answer in Answer.objects.select_related("question")}
    assert [o.label for o in answers["multiple"].options.order_by("position")] == ["Groen", "Bankjes"]
    assert answers["scale"].score == 4 and answers["open"].text == "Meer licht"


def test_two_answers_to_a_single_choice_are_refused(open_survey, households):
    replies = full_reply(open_survey)
    single = open_survey.questions.get(kind="single")
    replies[single.pk] = Reply(options=tuple(single.options.values_list("pk", flat=True)[:2]))
    with pytest.raises(SurveyError) as error:
        services.submit_response(open_survey, households[0], replies, by=None)
    assert single.pk in error.value.problems
    assert not Response.objects.exists()


def test_an_answer_and_dont_know_together_are_refused(pulse, households):
    question = pulse.questions.get()
    with pytest.raises(SurveyError):
        services.submit_response(pulse, households[0], {question.pk: Reply(score=3, dont_know=True)}, by=None)


def test_an_empty_answer_is_refused(open_survey, households):
    with translation.override("nl"), pytest.raises(SurveyError, match="minstens één vraag"):
        services.submit_response(open_survey, households[0], {}, by=None)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_40_concurrent_answers_keep_one_response_per_household():
    project = project_in_execution(homes=20, slug="race")
    pulse = scale_pulse(project)
    households = list(pulse.households.all())
    question = pulse.questions.get()
    # Two members of every household answer at the same moment: one response per household must remain.
    attempts = [(household, score) for household in households for score in (1, 5)]
    barrier = threading.Barrier(len(attempts))
    errors = []

    def submit(household, score):
        barrier.wait()
        try:
            services.submit_response(pulse, household, {question.pk: Reply(score=score)}, by=None)
        except SurveyError:
            pass  # "answered at the same moment, try again" is an acceptable outcome for the loser
        except Exception as error:  # anything else is reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Response.objects.filter(survey=pulse).count() == 20
    assert Answer.objects.filter(question=question).count() == 20
