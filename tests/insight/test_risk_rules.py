"""Each warning rule on its own, at its threshold: the verdict staff see and the reason in words."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from decisions.tally import Tally
from insight.measures import ProjectMeasures
from insight.risk import RULES, Verdict, assess
from projects.models import Phase


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def measures(phase=Phase.EXECUTION, **figures):
    """A healthy project: everyone activated and took part, nothing late, unless `figures` say otherwise."""
    healthy = {"households": 100, "activated": 100, "posted": 60, "voted": 80, "took_part": 90}
    return ProjectMeasures(project=SimpleNamespace(phase=phase), **{**healthy, **figures})


def closing_in(days):
    return SimpleNamespace(closes_at=timezone.now() + timedelta(days=days, hours=1))


def fired(project_measures):
    return [rule.code for rule, _phrase in assess(project_measures).reasons]


def test_a_healthy_project_is_on_track_with_no_reasons():
    assessment = assess(measures())
    assert assessment.verdict == Verdict.ON_TRACK
    assert assessment.sentence == ""


def test_support_under_70_percent_two_weeks_before_closing_is_serious():
    at_risk = measures(support=Tally(scope=100, agree=52, disagree=10), proposal=closing_in(14))
    assessment = assess(at_risk)
    assert assessment.verdict == Verdict.AT_RISK
    assert assessment.sentence == "At risk because support is 52% with 14 days left."


def test_support_under_70_percent_with_more_time_left_does_not_fire_yet():
    assert fired(measures(support=Tally(scope=100, agree=52, disagree=10), proposal=closing_in(15))) == []


def test_exactly_70_percent_support_does_not_fire():
    assert fired(measures(support=Tally(scope=100, agree=70, disagree=10), proposal=closing_in(2))) == []


def test_one_late_commitment_is_a_warning_to_watch():
    assessment = assess(measures(late_commitments=1))
    assert assessment.verdict == Verdict.WATCH
    assert assessment.sentence == "Watch because 1 commitment is late."


def test_two_warnings_together_put_a_project_at_risk_and_both_are_named():
    assessment = assess(measures(late_commitments=3, activated=40))
    assert assessment.verdict == Verdict.AT_RISK
    assert assessment.sentence == (
        "At risk because 3 commitments are late and only 40% of households activated an account."
    )


def test_the_serious_reason_comes_first_in_the_sentence():
    assessment = assess(
        measures(late_commitments=3, support=Tally(scope=100, agree=52, disagree=0), proposal=closing_in(12))
    )
    assert assessment.sentence == "At risk because support is 52% with 12 days left and 3 commitments are late."


def test_low_activation_counts_only_from_the_proposal_phase_on():
    assert fired(measures(phase=Phase.INITIATIVE, activated=10)) == []
    assert fired(measures(phase=Phase.PROPOSAL, activated=49)) == ["low_activation"]
    assert fired(measures(phase=Phase.PROPOSAL, activated=50)) == []


def test_low_participation_fires_under_a_quarter_of_households():
    assert fired(measures(took_part=24)) == ["low_participation"]
    assert fired(measures(took_part=25)) == []


def test_a_question_waiting_more_than_two_weeks_fires():
    waiting = measures(oldest_open_question_at=timezone.now() - timedelta(days=15))
    assert fired(waiting) == ["slow_answers"]
    assert "waited 15 days" in assess(waiting).sentence
    assert fired(measures(oldest_open_question_at=timezone.now() - timedelta(days=13))) == []


def test_a_slow_median_answer_time_fires():
    assert fired(measures(median_answer_time=timedelta(days=6))) == ["slow_answers"]
    assert fired(measures(median_answer_time=timedelta(days=4))) == []


def test_missed_visits_fire_at_ten_percent_once_there_are_five_visits():
    assert fired(measures(visits=20, missed_visits=2)) == ["missed_visits"]
    assert fired(measures(visits=20, missed_visits=1)) == []
    assert fired(measures(visits=4, missed_visits=4)) == []


def test_a_low_pulse_average_fires_and_too_few_answers_do_not():
    weeks = [(None, 2.5, 3), (None, 2.8, 3)]
    assert fired(measures(sentiment=weeks)) == ["falling_sentiment"]
    assert fired(measures(sentiment=[(None, 1.0, 4)])) == []


def test_a_falling_pulse_average_fires():
    before = [(None, 4.5, 5)] * 4
    recent = [(None, 3.8, 5)] * 4
    assessment = assess(measures(sentiment=before + recent))
    assert [rule.code for rule, _ in assessment.reasons] == ["falling_sentiment"]
    assert "from 4.5 to 3.8" in assessment.sentence


def test_an_ended_or_cancelled_project_is_not_assessed():
    assert assess(measures(phase=Phase.CANCELLED, late_commitments=5)).verdict == Verdict.NOT_ASSESSED


def test_every_rule_has_an_explanation_for_the_page():
    assert all(str(rule.explanation) for rule in RULES)
    assert len({rule.code for rule in RULES}) == len(RULES)


def test_the_explanations_write_numbers_the_readers_way():
    sentiment = next(rule for rule in RULES if rule.code == "falling_sentiment")
    assert "under 3.0 out of 5" in str(sentiment.explanation)
    with translation.override("nl"):
        assert "lager dan 3,0 van 5" in str(sentiment.explanation)
