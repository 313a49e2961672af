"""The demo's pulse questions and survey, added by `manage.py seed_demo` in Kanaleneiland-Noord.

- The home-visit pulse ("How did the home visit go?"): asked of 20 visited households over the last six weeks, 15
  answered, with a few comments, so the staff dashboard's sentiment line has a shape (it starts low and rises).
- This month's pulse: asked of every household, only three answered so far, so its results show the five-response
  threshold. The demo tenant (huurder@, Fatma) has not answered it: it waits for her on "Mijn renovatie".
- A finished survey about the preparation: four questions (single and multiple choice, a scale, an open one), closed
  a week ago with 24 responses and open answers to read.

Everything goes through the services (which emit, as real use would); the moments are then moved into the past.
Running it again adds nothing: the finished survey marks the demo as done.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from projects.demo import PROJECT_SLUG
from projects.models import RenovationProject
from tenants.models import TenantProfile

from . import services
from .models import Invitation, Question, Response, Survey
from .services import Reply

SURVEY_TITLE = "Uw ervaring met de voorbereiding van de renovatie"
# Scores of the 15 home-visit answers, oldest first (None: "don't know"): worried at first, better later.
VISIT_SCORES = [2, 3, 2, None, 3, 3, 4, 3, 4, 4, 5, 4, 4, 5, 5]
VISIT_COMMENTS = {
    0: "De monteur kwam een uur te laat en belde niet.",
    3: "Ik weet nog niet wat er precies in mijn keuken gebeurt.",
    10: "Vriendelijke mensen, alles goed uitgelegd.",
    14: "Netjes opgeruimd na afloop.",
}
OPEN_ANSWERS = [
    "Graag eerder weten wanneer de steigers komen.",
    "De bewonersavond was duidelijk, dank daarvoor.",
    "Mijn moeder woont bij ons en kan slecht traplopen. Wie helpt bij de verhuizing van de spullen?",
    "Meer informatie in het Turks en Arabisch zou helpen.",
    "Het geluid in de ochtend is zwaar voor mensen die nachtdienst werken.",
    "Prima zo.",
]


def _member(household, members):
    return members.get(household.pk)


@transaction.atomic
def seed_surveys(corporation, users):
    """Add the demo's pulses and survey once; return a one-line summary for the console, or None."""
    project = RenovationProject.objects.filter(slug=PROJECT_SLUG, corporation=corporation).first()
    if project is None or Survey.objects.filter(project=project, title=SURVEY_TITLE).exists():
        return None
    own = users["huurder"].tenant_profile.household_id
    households = list(
        services.project_households(project)
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )
    others = [household for household in households if household.pk != own]
    members = {
        profile.household_id: profile.user
        for profile in TenantProfile.objects.filter(household__in=households).select_related("user")
    }
    visits = seed_home_visit_pulse(project, others, members)
    monthly = seed_monthly_pulse(project, others[20:23], members)
    survey = seed_finished_survey(project, users["projectleider"], households, others, members)
    return (
        f"Demo pulses and survey: {visits} home-visit answers, this month's pulse with {monthly} answers (below the "
        f"threshold), and the finished survey '{survey.title}' with {survey.responses.count()} responses."
    )


def _backdate(survey, household, moment):
    Invitation.objects.filter(survey=survey, household=household).update(invited_at=moment)
    Response.objects.filter(survey=survey, household=household).update(submitted_at=moment, updated_at=moment)


def seed_home_visit_pulse(project, others, members):
    """The standing home-visit pulse, 15 of 20 answered: the households whose visits the projects demo recorded
    (their pulse was sent then), and more of `others` as if visited earlier."""
    pulse = Survey.objects.filter(project=project, occasion=services.HOME_VISIT_OCCASION).first()
    already = set(pulse.invitations.values_list("household_id", flat=True)) if pulse else set()
    visited = [household for household in others if household.pk in already]
    visited += [household for household in others if household.pk not in already][: max(0, 20 - len(visited))]
    if pulse is None:
        pulse = services.send_pulse(
            project,
            services.home_visit_question(),
            trigger=Survey.Trigger.HOME_VISIT,
            occasion=services.HOME_VISIT_OCCASION,
            households=visited,
        )
    else:
        services.invite_to_pulse(pulse, visited)
    question = pulse.questions.get()
    now = timezone.now()
    for n, household in enumerate(visited):
        visited_at = now - timedelta(days=42 - 2 * n, hours=n % 5)
        Invitation.objects.filter(survey=pulse, household=household).update(invited_at=visited_at)
        if n >= len(VISIT_SCORES):
            continue
        score = VISIT_SCORES[n]
        reply = Reply(dont_know=True) if score is None else Reply(score=score)
        reply = Reply(score=reply.score, dont_know=reply.dont_know, comment=VISIT_COMMENTS.get(n, ""))
        services.submit_response(pulse, household, {question.pk: reply}, by=_member(household, members))
        _backdate(pulse, household, visited_at + timedelta(hours=20))
    Survey.objects.filter(pk=pulse.pk).update(opened_at=now - timedelta(days=42), created_at=now - timedelta(days=42))
    return len(VISIT_SCORES)


def seed_monthly_pulse(project, answering, members):
    """This month's pulse to every household; only `answering` (three) have answered."""
    today = timezone.localdate()
    pulse = services.send_pulse(
        project,
        services.monthly_question(),
        trigger=Survey.Trigger.MONTHLY,
        occasion=f"month-{today:%Y-%m}",
        deadline=services.end_of_month(today),
    )
    question = pulse.questions.get()
    for score, household in zip([4, 3, 4], answering, strict=False):
        services.submit_response(pulse, household, {question.pk: Reply(score=score)}, by=_member(household, members))
    return len(answering)


def seed_finished_survey(project, lead, households, others, members):
    """A survey of four questions that ran for four weeks and closed a week ago, answered by 24 households."""
    now = timezone.now()
    survey = services.create_survey(
        project.corporation,
        project=project,
        title=SURVEY_TITLE,
        introduction=(
            "Wij willen weten hoe u de voorbereiding van de renovatie ervaart. Het invullen duurt vijf minuten. "
            "Uw antwoorden zijn anoniem: wij zien alleen totalen."
        ),
        deadline=now + timedelta(days=1),
        by=lead,
    )
    services.add_question(
        survey,
        text="Hoe hoort u het liefst nieuws over de renovatie?",
        kind=Question.Kind.SINGLE,
        options=["Op dit platform", "Per brief", "Op een bewonersavond", "Van de bewonersbegeleider"],
    )
    services.add_question(
        survey,
        text="Waar maakt u zich zorgen over?",
        kind=Question.Kind.MULTIPLE,
        options=["Geluid en stof", "Spullen verhuizen", "De huurverhoging", "Hoe lang het duurt"],
    )
    services.add_question(
        survey,
        text="Hoe tevreden bent u over de informatie tot nu toe?",
        kind=Question.Kind.SCALE,
        low_label="heel ontevreden",
        high_label="heel tevreden",
    )
    services.add_question(survey, text="Wat wilt u de corporatie nog meegeven?", kind=Question.Kind.OPEN)
    services.open_survey(survey, by=lead)
    single, multiple, scale, open_question = survey.questions.order_by("position")
    single_options = list(single.options.order_by("position"))
    multiple_options = list(multiple.options.order_by("position"))
    opened = now - timedelta(days=35)
    for n, household in enumerate(others[23:47]):
        dont_know = n % 9 == 4
        replies = {
            single.pk: Reply(options=(single_options[[0, 0, 1, 2, 0, 3, 1][n % 7]].pk,)),
            multiple.pk: Reply(dont_know=True)
            if dont_know
            else Reply(options=tuple(option.pk for i, option in enumerate(multiple_options) if (n + i) % 3 == 0)),
            scale.pk: Reply(dont_know=True) if dont_know else Reply(score=[3, 4, 2, 4, 5, 3, 4][n % 7]),
            open_question.pk: Reply(text=OPEN_ANSWERS[n // 4] if n % 4 == 0 else ""),
        }
        services.submit_response(survey, household, replies, by=_member(household, members))
        _backdate(survey, household, opened + timedelta(days=n, hours=n % 8))
    services.close_survey(survey, by=lead)
    Invitation.objects.filter(survey=survey).update(invited_at=opened)
    Survey.objects.filter(pk=survey.pk).update(
        created_at=opened - timedelta(days=3),
        opened_at=opened,
        deadline=now - timedelta(days=7),
        closed_at=now - timedelta(days=7),
    )
    survey.refresh_from_db()
    return survey
