"""A project of six homes where Anna has left a trace everywhere: profile and needs, a thread, a reply and a
"me too", her household's vote on the proposal, a poll vote of her own, a questionnaire answer, a session
registration, notifications and settings. Ben lives with her (same household), Carla is a neighbour."""

from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import services as decisions
from feedback import services as feedback
from meetings import services as meetings
from notifications.models import EmailRhythm, Kind, Notification, Preference
from polls import services as polls
from polls.models import Poll
from surveys.models import Answer, Question, Response, Survey
from tenants.models import HouseholdNeeds
from tests.decisions.conftest import COMPLETE, make_proposal
from tests.factories import TenantProfileFactory, project_in_execution, staff_member


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def project(db):
    return project_in_execution(homes=6)


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


@pytest.fixture
def households(project):
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


@pytest.fixture
def people(households):
    anna = TenantProfileFactory(
        household=households[0], display_name="Anna, nr. 1", accessibility_needs="Slechtziend"
    ).user
    ben = TenantProfileFactory(household=households[0], display_name="Ben, nr. 1").user
    carla = TenantProfileFactory(household=households[1], display_name="Carla, nr. 2").user
    return {"anna": anna, "ben": ben, "carla": carla}


@pytest.fixture
def traces(project, staff_user, households, people):
    """Anna's data across the apps; returns the objects the tests look at again."""
    anna, carla = people["anna"], people["carla"]
    HouseholdNeeds.objects.create(household=households[0], medical="Zuurstofapparaat in de slaapkamer")
    thread = feedback.start_thread(
        kind="question", title="Wanneer komen de kozijnen?", body="Graag een datum.", author=anna, project=project
    )
    opening = thread.posts.order_by("pk").first()
    post = feedback.reply(opening, "Ik wil het ook weten, ik werk thuis.", anna)
    feedback.reply(opening, "Wij ook.", carla)
    feedback.toggle_support(thread, anna)
    feedback.toggle_support(thread, carla)

    proposal, version = make_proposal(project, staff_user, **COMPLETE)
    decisions.publish_version(proposal, version, by=staff_user)
    proposal.refresh_from_db()
    decisions.cast_vote(proposal, households[0], "agree", by=anna)
    decisions.cast_vote(proposal, households[1], "disagree", by=carla)
    decisions.record_paper_vote(proposal, households[2], "agree", entered_by=staff_user)

    poll = polls.open_poll(
        polls.create_poll(
            project, options=["Groen", "Rood"], by=staff_user, question="Welke kleur?", voters=Poll.Voters.PERSON
        ),
        by=staff_user,
    )
    polls.cast_vote(poll, anna, list(poll.options.filter(label="Groen").values_list("pk", flat=True)))
    polls.cast_vote(poll, carla, list(poll.options.filter(label="Rood").values_list("pk", flat=True)))

    survey = Survey.objects.create(corporation=project.corporation, project=project, title="Hoe gaat het?")
    question = Question.objects.create(survey=survey, position=1, text="Hoe tevreden bent u?")
    response = Response.objects.create(survey=survey, household=households[0], submitted_by=anna)
    Answer.objects.create(response=response, question=question, score=4, comment="Prima buren")

    start = timezone.now() + timedelta(days=5)
    session = meetings.plan_session(
        project,
        kind="small_group",
        title="Modelwoning bekijken",
        place="Kanaalstraat 1",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=10,
        by=staff_user,
    )
    meetings.register_household(session, households[0], people=2, by=anna)

    Preference.objects.create(user=anna, kind=Kind.PROJECT, in_app=True, email=EmailRhythm.WEEKLY)
    Notification.objects.create(
        recipient=anna, kind=Kind.PROJECT, event="update.published", project=project, email_rhythm=EmailRhythm.DAILY
    )
    return {"thread": thread, "post": post, "proposal": proposal, "poll": poll, "survey": survey, "session": session}
