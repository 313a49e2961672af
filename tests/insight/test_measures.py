"""The figures behind the verdicts, counted from what households and staff actually did, in a fixed number of
queries however many projects and households there are."""

from datetime import timedelta

import pytest

from decisions.models import Choice
from insight.measures import measure_projects
from projects.models import Appointment, Commitment, RenovationProject
from tests.factories import project_in_execution
from tests.surveys.conftest import answer_pulse, scale_pulse

from .conftest import activate, ask, households_of, open_vote, promise, visits, vote

pytestmark = pytest.mark.django_db


def only(project):
    return measure_projects(RenovationProject.objects.filter(pk=project.pk))[0]


def test_activation_and_participation_are_counted_per_household(project):
    homes = households_of(project)
    users = activate(homes[:10])
    ask(project, users[0])
    ask(project, users[1])
    ask(project, users[1])
    proposal = open_vote(project, closes_in_days=10)
    vote(proposal, homes[1:4], Choice.AGREE)
    measures = only(project)
    assert (measures.households, measures.activated) == (20, 10)
    assert (measures.posted, measures.voted, measures.took_part) == (2, 3, 4)
    assert measures.participation_rate == 0.2


def test_support_is_the_open_proposals_agreement_among_all_households_in_scope(project):
    homes = households_of(project)
    proposal = open_vote(project, closes_in_days=10)
    vote(proposal, homes[:11], Choice.AGREE)
    vote(proposal, homes[11:14], Choice.DISAGREE)
    measures = only(project)
    assert (measures.support.scope, measures.support.agree, measures.support.disagree) == (20, 11, 3)
    assert measures.days_left == 10


def test_commitments_kept_on_time_late_and_missed_visits(project):
    promise(project, due_in_days=-10, status=Commitment.Status.KEPT, resolved_in_days=-11)
    promise(project, due_in_days=-10, status=Commitment.Status.KEPT, resolved_in_days=-2)
    promise(project, due_in_days=-1)
    promise(project, due_in_days=5)
    homes = households_of(project)
    visits(project, homes[:8], Appointment.Status.DONE)
    visits(project, homes[8:10], Appointment.Status.MISSED)
    measures = only(project)
    assert (measures.commitments_due, measures.kept_on_time, measures.late_commitments) == (3, 1, 1)
    assert (measures.visits, measures.missed_visits) == (10, 2)


def test_answer_times_give_the_median_and_the_oldest_waiting_question(project):
    author = activate(households_of(project)[:1])[0]
    ask(project, author, days_ago=30, answered_after=timedelta(days=1))
    ask(project, author, days_ago=20, answered_after=timedelta(days=3))
    ask(project, author, days_ago=10, answered_after=timedelta(days=8))
    waiting = ask(project, author, days_ago=16)
    measures = only(project)
    assert measures.median_answer_time == timedelta(days=3)
    assert measures.oldest_open_question_at == waiting.created_at
    assert measures.open_questions == 1


def test_measuring_costs_the_same_queries_for_one_project_or_many(django_assert_num_queries, project):
    with django_assert_num_queries(4):
        measure_projects(RenovationProject.objects.all())
    for number in range(4):
        other = project_in_execution(homes=15, slug=f"other-{number}", complex=None)
        open_vote(other, closes_in_days=5)
        activate(households_of(other)[:5])
    with django_assert_num_queries(4):
        assert len(measure_projects(RenovationProject.objects.all())) == 5


def test_pulse_answers_give_the_weekly_mood_and_count_as_taking_part(project):
    homes = households_of(project)
    pulse = scale_pulse(project)
    answer_pulse(pulse, homes[:6], [2, 3, 3, 4, None, 2])
    measures = only(project)
    [(week, average, answers)] = measures.sentiment
    assert (average, answers) == (2.8, 5)  # "don't know" has no score
    assert measures.answered_pulse == 6
    assert measures.took_part == 6


def test_a_pulse_with_fewer_than_five_responses_stays_out_of_the_mood(project):
    answer_pulse(scale_pulse(project), households_of(project)[:4], [1, 1, 1, 1])
    assert only(project).sentiment == []
