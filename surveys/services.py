"""Writes on pulses and surveys: making them, sending or opening them, answering, closing.

Rules chosen here, each one on purpose:
- Who is asked is fixed when a survey opens (an Invitation per household), so the response rate has a fixed
  denominator. The standing home-visit pulse of a project is the exception: each visit adds its household.
- One response per household per survey, by a database constraint; a second answer from the same household
  (another member, another tab) changes that response until the deadline.
- Every closed question needs an answer, and "don't know" is one; open questions and comments may stay empty.
- Automatic pulses carry an `occasion` (unique per project), so an event delivered twice sends one pulse.
Permission checks (is this the household's member, is this staff) belong to the caller, which knows who asks.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from projects.models import HomePlan, Phase
from renovatie.events import emit
from tenants.models import Household

from .models import Answer, Invitation, Option, Question, Response, Survey

OPEN_TEXT_LIMIT = 2000


class SurveyError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


@dataclass(frozen=True)
class Reply:
    """A household's answer to one question, as the answering form gives it."""

    score: int | None = None
    options: tuple = ()
    dont_know: bool = False
    text: str = ""
    comment: str = ""

    @property
    def is_empty(self):
        return self.score is None and not self.options and not self.dont_know and not self.text.strip()


@dataclass(frozen=True)
class PulseQuestion:
    """What an automatic pulse asks: the question, the kind (scale or single choice) and, for a choice, options."""

    text: str
    kind: str = Question.Kind.SCALE
    options: tuple = field(default_factory=tuple)
    low_label: str = ""
    high_label: str = ""


# --- Who is asked ---


def project_households(project):
    """Every active household with a home plan in the project."""
    return Household.objects.active().filter(pk__in=HomePlan.objects.filter(project=project).values("household_id"))


def target_households(survey):
    """The households a survey is for, by its target group."""
    if survey.target == Survey.Target.CORPORATION:
        return Household.objects.active().filter(dwelling__complex__corporation_id=survey.corporation_id)
    households = project_households(survey.project)
    if survey.target == Survey.Target.COMPLEXES:
        households = households.filter(dwelling__complex__in=survey.complexes.all())
    return households


def _invite(survey, households):
    """Invite the households not invited yet; returns those newly invited."""
    already = set(survey.invitations.values_list("household_id", flat=True))
    new = [household for household in households if household.pk not in already]
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, household=household) for household in new], ignore_conflicts=True
    )
    return new


# --- Making a survey or pulse ---


@transaction.atomic
def create_survey(
    corporation,
    *,
    title,
    by,
    project=None,
    kind=Survey.Kind.SURVEY,
    introduction="",
    target=Survey.Target.PROJECT,
    complexes=(),
    deadline=None,
    share_results=True,
):
    """A draft survey (or pulse) for staff to add questions to."""
    if not title.strip():
        raise SurveyError(_("Give the survey a title."))
    if target != Survey.Target.CORPORATION and project is None:
        raise SurveyError(_("Choose the project this survey is for."))
    if target == Survey.Target.COMPLEXES and not complexes:
        raise SurveyError(_("Choose at least one complex."))
    if deadline is not None and deadline <= timezone.now():
        raise SurveyError(_("The deadline has already passed. Choose a moment in the future."))
    survey = Survey.objects.create(
        corporation=corporation,
        project=None if target == Survey.Target.CORPORATION else project,
        kind=kind,
        title=title.strip(),
        introduction=introduction.strip(),
        target=target,
        deadline=deadline,
        share_results=share_results,
        created_by=by,
    )
    if target == Survey.Target.COMPLEXES:
        survey.complexes.set(complexes)
    return survey


def _check_question(survey, text, kind, options):
    if not text.strip():
        raise SurveyError(_("Write the question."))
    if kind not in Question.Kind.values:
        raise SurveyError(_("Choose what kind of answer the question has."))
    if survey.is_pulse and kind not in (Question.Kind.SCALE, Question.Kind.SINGLE):
        raise SurveyError(_("A pulse question has a scale from 1 to 5 or one choice."))
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(options) < 2:
        raise SurveyError(_("Give at least two answers to choose from, one per line."))
    if len(set(options)) != len(options):
        raise SurveyError(_("Each answer to choose from may appear only once."))


@transaction.atomic
def add_question(survey, *, text, kind, options=(), low_label="", high_label="", by=None):
    """Add a question at the end of a draft survey. `options` are the answers to choose from (choice questions)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    options = [option.strip() for option in options if option.strip()]
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(_("Questions can only be added while the survey is a draft."))
    if survey.is_pulse and survey.questions.exists():
        raise SurveyError(_("A pulse has one question."))
    _check_question(survey, text, kind, options)
    position = (survey.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = Question.objects.create(
        survey=survey,
        position=position,
        text=text.strip(),
        kind=kind,
        low_label=low_label.strip() if kind == Question.Kind.SCALE else "",
        high_label=high_label.strip() if kind == Question.Kind.SCALE else "",
    )
    if question.has_options:
        Option.objects.bulk_create(
            Option(question=question, position=n, label=label) for n, label in enumerate(options, start=1)
        )
    return question


@transaction.atomic
def remove_question(question, *, by=None):
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(_("Questions can only be removed while the survey is a draft."))
    question.delete()


def _announce(survey, households, by):
    if survey.is_pulse:
        emit("pulse.sent", project=survey.project, actor=by, pulse=survey, households=households)
    else:
        emit("survey.opened", project=survey.project, actor=by, survey=survey, households=households)


@transaction.atomic
def open_survey(survey, *, by):
    """Invite the target group and open a draft for answers; emits "pulse.sent" or "survey.opened"."""
    survey = Survey.objects.select_for_update(of=("self",)).select_related("project").get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(_("This survey is already open or closed."))
    if not survey.questions.exists():
        raise SurveyError(_("Add at least one question before opening."))
    if not survey.is_pulse and survey.deadline is None:
        raise SurveyError(_("Set a deadline before opening the survey."))
    if survey.deadline is not None and survey.deadline <= timezone.now():
        raise SurveyError(_("The deadline has already passed. Choose a moment in the future."))
    households = list(target_households(survey))
    if not households:
        raise SurveyError(_("No households are in the target group."))
    _invite(survey, households)
    survey.status = Survey.Status.OPEN
    survey.opened_at = timezone.now()
    survey.save(update_fields=["status", "opened_at"])
    _announce(survey, households, by)
    return survey


@transaction.atomic
def close_survey(survey, *, by):
    """Stop accepting answers. The results stay, under the same five-response rule."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    return survey


# --- Pulses, by hand and automatically ---


@transaction.atomic
def send_pulse(
    project, question, *, by=None, trigger=Survey.Trigger.MANUAL, occasion="", households=None, deadline=None
):
    """Make a one-question pulse for the project's households (or `households`) and send it at once.

    With an `occasion`, a pulse already sent for it is returned unchanged (and nothing is sent again).
    """
    if occasion:
        existing = Survey.objects.filter(project=project, occasion=occasion).first()
        if existing is not None:
            return existing
    households = list(households if households is not None else project_households(project))
    if not households:
        raise SurveyError(_("No households are in the project yet."))
    try:
        with transaction.atomic():
            pulse = Survey.objects.create(
                corporation_id=project.corporation_id,
                project=project,
                kind=Survey.Kind.PULSE,
                trigger=trigger,
                occasion=occasion,
                title=question.text,
                status=Survey.Status.OPEN,
                opened_at=timezone.now(),
                deadline=deadline,
                created_by=by,
            )
    except IntegrityError:  # the same occasion, sent at the same moment by another worker
        return Survey.objects.get(project=project, occasion=occasion)
    pulse_question = Question.objects.create(
        survey=pulse,
        text=question.text,
        kind=question.kind,
        low_label=question.low_label,
        high_label=question.high_label,
    )
    Option.objects.bulk_create(
        Option(question=pulse_question, position=n, label=label) for n, label in enumerate(question.options, start=1)
    )
    _invite(pulse, households)
    _announce(pulse, households, by)
    return pulse


HOME_VISIT_OCCASION = "home-visit"


def _in_site_language(make):
    """Automatic pulses are stored in the platform's language (Dutch), whoever's request caused them."""

    def made(*args):
        with translation.override(settings.LANGUAGE_CODE):
            return make(*args)

    return made


@_in_site_language
def home_visit_question():
    return PulseQuestion(text=_("How did the home visit go?"), low_label=_("very badly"), high_label=_("very well"))


@_in_site_language
def phase_question(phase):
    return PulseQuestion(
        text=_("The project is now in the phase: %(phase)s. How do you feel about the project?")
        % {"phase": Phase(phase).label},
        low_label=_("very worried"),
        high_label=_("very confident"),
    )


@_in_site_language
def monthly_question():
    return PulseQuestion(
        text=_("How is the renovation going for you this month?"),
        low_label=_("very badly"),
        high_label=_("very well"),
    )


@transaction.atomic
def ask_after_home_visit(appointment):
    """Ask the visited household how the visit went, in the project's standing home-visit pulse.

    The pulse is made at the first visit and open as long as the project is; every later visit invites one more
    household. A household asked before (a second visit) is not asked again.
    """
    plan = appointment.home_plan
    project, household = plan.project, plan.household
    if not Survey.objects.filter(project=project, occasion=HOME_VISIT_OCCASION).exists():
        send_pulse(
            project,
            home_visit_question(),
            trigger=Survey.Trigger.HOME_VISIT,
            occasion=HOME_VISIT_OCCASION,
            households=[household],
        )
    pulse = Survey.objects.select_for_update().get(project=project, occasion=HOME_VISIT_OCCASION)
    return invite_to_pulse(pulse, [household])


@transaction.atomic
def invite_to_pulse(pulse, households, *, by=None):
    """Ask more households an open pulse (the standing home-visit pulse grows this way); "pulse.sent" names only
    the households asked now. Households asked before are not asked again."""
    pulse = Survey.objects.select_for_update(of=("self",)).select_related("project").get(pk=pulse.pk)
    if pulse.status != Survey.Status.OPEN:
        return pulse
    new = _invite(pulse, households)
    if new:
        emit("pulse.sent", project=pulse.project, actor=by, pulse=pulse, households=new)
    return pulse


NO_PULSE_PHASES = {Phase.PAUSED, Phase.CANCELLED, Phase.ENDED}


def ask_at_phase_change(change):
    """A pulse to every household of the project when it enters a new phase (not when paused, cancelled, ended)."""
    if change.to_phase in NO_PULSE_PHASES or not project_households(change.project).exists():
        return None
    return send_pulse(
        change.project,
        phase_question(change.to_phase),
        trigger=Survey.Trigger.PHASE_CHANGE,
        occasion=f"phase-change-{change.pk}",
    )


def end_of_month(day):
    """The last minute of `day`'s month, in the local time zone: a monthly pulse may be answered until then."""
    last_day = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59)))


def send_monthly_pulses(today=None):
    """The monthly pulse for every project in execution that has households; once per project and month.
    Returns the pulses sent (or already sent) this month."""
    from projects.models import RenovationProject

    today = today or timezone.localdate()
    deadline = end_of_month(today)
    pulses = []
    for project in RenovationProject.objects.filter(phase=Phase.EXECUTION).order_by("pk"):
        if not project_households(project).exists():
            continue
        pulses.append(
            send_pulse(
                project,
                monthly_question(),
                trigger=Survey.Trigger.MONTHLY,
                occasion=f"month-{today:%Y-%m}",
                deadline=deadline,
            )
        )
    return pulses


# --- Answering ---


def _check_reply(question, reply, option_ids):
    """The reply's problem in words for the person, or None."""
    if question.kind == Question.Kind.OPEN:
        if len(reply.text) > OPEN_TEXT_LIMIT:
            return _("Keep your answer under %(limit)s characters.") % {"limit": OPEN_TEXT_LIMIT}
        return None
    if reply.dont_know:
        if reply.score is not None or reply.options:
            return _('Choose an answer or "don\'t know", not both.')
        return None
    if question.kind == Question.Kind.SCALE:
        if reply.score not in range(1, 6):
            return _('Choose a number from 1 to 5, or "don\'t know".')
        return None
    if not reply.options or not set(reply.options) <= option_ids:
        return _('Choose an answer, or "don\'t know".')
    if question.kind == Question.Kind.SINGLE and len(reply.options) != 1:
        return _("Choose one answer.")
    return None


@transaction.atomic
def submit_response(survey, household, replies, *, by):
    """Save a household's answers (`replies`: question id → Reply), or change its earlier ones until the deadline.

    All or nothing: any problem raises SurveyError with, in `.problems`, a message per question id.
    """
    # Locking the survey makes answers and closing take turns: no answer lands after it closed.
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.accepts_answers():
        raise SurveyError(_("This survey is closed. Answers can no longer be given or changed."))
    if not Invitation.objects.filter(survey=survey, household=household).exists():
        raise SurveyError(_("This survey is not for your household."))
    questions = list(survey.questions.prefetch_related("options"))
    problems = {}
    for question in questions:
        reply = replies.get(question.pk, Reply())
        problem = _check_reply(question, reply, {option.pk for option in question.options.all()})
        if problem:
            problems[question.pk] = problem
    if all(replies.get(question.pk, Reply()).is_empty for question in questions):
        raise SurveyError(_("Answer at least one question."))
    if problems:
        error = SurveyError(_("Some answers are missing or not clear. See the questions marked below."))
        error.problems = problems
        raise error
    now = timezone.now()
    response = Response.objects.select_for_update().filter(survey=survey, household=household).first()
    if response is None:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey, household=household, submitted_at=now, updated_at=now, submitted_by=by
                )
        except IntegrityError as error:  # the constraint: one response per household, whatever the timing
            raise SurveyError(_("Someone in your household answered at the same moment. Please try again.")) from error
    else:
        response.updated_at, response.submitted_by = now, by
        response.save(update_fields=["updated_at", "submitted_by"])
        response.answers.all().delete()
    for question in questions:
        reply = replies.get(question.pk, Reply())
        if question.kind == Question.Kind.OPEN and not reply.text.strip() and not reply.dont_know:
            continue
        answer = Answer.objects.create(
            response=response,
            question=question,
            score=None if reply.dont_know else reply.score,
            dont_know=reply.dont_know,
            text=reply.text.strip() if question.kind == Question.Kind.OPEN else "",
            comment=reply.comment.strip()[:OPEN_TEXT_LIMIT],
        )
        if reply.options and not reply.dont_know:
            answer.options.set(reply.options)
    return response
