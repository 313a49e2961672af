"""A project of ten homes, its staff member, and pulses and surveys on it, plus a recorder of events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from renovatie import events
from surveys import services
from surveys.models import Question
from surveys.services import PulseQuestion, Reply
from tests.factories import project_in_execution, staff_member, tenant


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def project(db):
    return project_in_execution(homes=10)


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


@pytest.fixture
def households(project):
    """The project's households, in the order their home plans were made."""
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


@pytest.fixture
def member(households):
    """A tenant of the first household."""
    return tenant(households[0])


def scale_pulse(project, text="Hoe gaat het met de renovatie?"):
    return services.send_pulse(project, PulseQuestion(text=text, low_label="heel slecht", high_label="heel goed"))


@pytest.fixture
def pulse(project):
    """An open pulse (1–5) to the ten households of the project."""
    return scale_pulse(project)


def answer_pulse(pulse, households, scores):
    """Household i answers scores[i] (None: "don't know")."""
    question = pulse.questions.get()
    for household, score in zip(households, scores, strict=False):
        reply = Reply(dont_know=True) if score is None else Reply(score=score)
        services.submit_response(pulse, household, {question.pk: reply}, by=None)


def make_survey(project, by, *, deadline_days=14, **fields):
    """A draft survey of four questions: single choice, multiple choice, scale and open."""
    survey = services.create_survey(
        project.corporation,
        project=project,
        title="Wonen in Kanaleneiland",
        introduction="Wij horen graag hoe u woont.",
        deadline=timezone.now() + timedelta(days=deadline_days),
        by=by,
        **fields,
    )
    services.add_question(
        survey, text="Hoe komt u meestal thuis?", kind=Question.Kind.SINGLE, options=["Fiets", "Auto", "Bus"]
    )
    services.add_question(
        survey, text="Wat mist u in de buurt?", kind=Question.Kind.MULTIPLE, options=["Groen", "Speelplek", "Bankjes"]
    )
    services.add_question(survey, text="Hoe tevreden bent u met uw woning?", kind=Question.Kind.SCALE)
    services.add_question(survey, text="Wat wilt u ons nog zeggen?", kind=Question.Kind.OPEN)
    return survey


@pytest.fixture
def open_survey(project, staff_user):
    survey = make_survey(project, staff_user)
    return services.open_survey(survey, by=staff_user)


def full_reply(survey, *, single="Fiets", multiple=("Groen",), score=4, text="", dont_know=False):
    """Replies to every question of `make_survey`'s survey, by option label."""
    single_q, multiple_q, scale_q, open_q = survey.questions.order_by("position")
    labels = {option.label: option.pk for option in single_q.options.all()}
    labels_multi = {option.label: option.pk for option in multiple_q.options.all()}
    if dont_know:
        return {q.pk: Reply(dont_know=True) for q in (single_q, multiple_q, scale_q)}
    return {
        single_q.pk: Reply(options=(labels[single],)),
        multiple_q.pk: Reply(options=tuple(labels_multi[label] for label in multiple)),
        scale_q.pk: Reply(score=score),
        open_q.pk: Reply(text=text),
    }


@pytest.fixture
def recorded_events():
    """Every event emitted while the test runs, delivered after commit (run by capture_on_commit), by name."""
    heard = []

    def record(event):
        heard.append(event)

    events.subscribe("*", record)
    yield heard
    events.unsubscribe("*", record)
