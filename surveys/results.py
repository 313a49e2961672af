"""The results of a survey or pulse as a research summary, and the pulse sentiment of a project over time.

Only counts leave here, never a household: per question the share of each answer among those who gave an
opinion, the "don't know" share among all who answered the question, the average score of a scale, and the open
answers as a list without names. Everything is hidden below MINIMUM_RESPONSES responses, to everyone.
A constant number of queries, whatever the number of answers.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncWeek

from projects.permissions import ProjectRole

from .models import MINIMUM_RESPONSES, Answer, Invitation, Option, Question, Response, Survey
from .selectors import surveys_of_project


def share(part, whole):
    """part / whole as a fraction, 0 when there is no whole."""
    return part / whole if whole else 0


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float

    @property
    def percent(self):
        return round(self.share * 100)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    dont_know: int = 0
    average: float | None = None
    bars: list = field(default_factory=list)
    open_answers: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def with_opinion(self):
        return self.answered - self.dont_know

    @property
    def dont_know_share(self):
        return share(self.dont_know, self.answered)

    @property
    def dont_know_percent(self):
        return round(self.dont_know_share * 100)

    @property
    def shown(self):
        return self.answered >= MINIMUM_RESPONSES


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    responses: int
    questions: list = field(default_factory=list)
    minimum: int = MINIMUM_RESPONSES

    @property
    def response_rate(self):
        return share(self.responses, self.invited)

    @property
    def response_percent(self):
        return round(self.response_rate * 100)

    @property
    def shown(self):
        return self.responses >= MINIMUM_RESPONSES

    @property
    def still_needed(self):
        return max(0, MINIMUM_RESPONSES - self.responses)


def survey_results(survey, *, with_open_answers=False):
    """The summary of `survey`. Open answers and comments only when `with_open_answers` (staff), and only when the
    survey has enough responses; they are listed per question in a fixed order, without who gave them."""
    invited = Invitation.objects.filter(survey=survey).count()
    responses = Response.objects.filter(survey=survey).count()
    results = SurveyResults(survey=survey, invited=invited, responses=responses)
    questions = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
    results.questions = [QuestionResult(question=question) for question in questions]
    if not results.shown:
        return results
    by_id = {result.question.pk: result for result in results.questions}
    totals = (
        Answer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(answered=Count("pk"), dont_know=Count("pk", filter=Q(dont_know=True)), average=Avg("score"))
    )
    for row in totals:
        result = by_id[row["question_id"]]
        result.answered, result.dont_know, result.average = row["answered"], row["dont_know"], row["average"]
    options = (
        Option.objects.filter(question__survey=survey)
        .annotate(chosen=Count("answers"))
        .order_by("question_id", "position", "pk")
    )
    for option in options:
        result = by_id[option.question_id]
        result.bars.append(Bar(option.label, option.chosen, share(option.chosen, result.with_opinion)))
    scores = dict(
        ((row["question_id"], row["score"]), row["n"])
        for row in Answer.objects.filter(question__survey=survey, score__isnull=False)
        .values("question_id", "score")
        .annotate(n=Count("pk"))
    )
    for result in results.questions:
        if result.question.kind == Question.Kind.SCALE:
            result.bars = [
                Bar(_scale_label(result.question, score), scores.get((result.question.pk, score), 0), 0)
                for score in range(1, 6)
            ]
            result.bars = [Bar(bar.label, bar.count, share(bar.count, result.with_opinion)) for bar in result.bars]
    if with_open_answers:
        texts = (
            Answer.objects.filter(question__survey=survey)
            .filter(~Q(text="") | ~Q(comment=""))
            .order_by("question_id", "pk")
            .values_list("question_id", "text", "comment")
        )
        for question_id, text, comment in texts:
            if text:
                by_id[question_id].open_answers.append(text)
            if comment:
                by_id[question_id].comments.append(comment)
    return results


def _scale_label(question, score):
    words = {1: question.low_label, 5: question.high_label}
    return f"{score} – {words[score]}" if words.get(score) else str(score)


@dataclass(frozen=True)
class WeekPoint:
    week: date
    average: float
    answers: int


@dataclass
class Sentiment:
    """The average pulse score per week (1–5), with the answers behind it and the response rate of those pulses."""

    weeks: list
    responses: int
    invited: int

    @property
    def response_rate(self):
        return share(self.responses, self.invited)

    @property
    def response_percent(self):
        return round(self.response_rate * 100)


def pulse_sentiment(project, since, surveys=None):
    """The weekly average score of the project's scale pulses answered since `since` (a datetime). Only pulses with
    at least MINIMUM_RESPONSES responses count, so no week's average rests on a pulse that is itself hidden. The
    response rate is that of those pulses: their responses since `since` over their invitations since `since`.

    `surveys` are the project's surveys as `surveys_of_project(project, role, since=since)` gives them, when the
    caller has them already (the staff dashboard); else they are read here. Then one query for the weeks, none
    when no pulse counts: at most two queries, whatever the number of pulses and answers."""
    if surveys is None:
        surveys = surveys_of_project(project, ProjectRole.STAFF, since=since)
    pulses = [
        (survey.pk, survey.recent_responses, survey.recent_invitations)
        for survey in surveys
        if survey.kind == Survey.Kind.PULSE
        and survey.status in (Survey.Status.OPEN, Survey.Status.CLOSED)
        and survey.n_responses >= MINIMUM_RESPONSES
    ]
    if not pulses:
        return Sentiment(weeks=[], responses=0, invited=0)
    answers = Answer.objects.filter(
        question__survey__in=[pk for pk, _responses, _invited in pulses],
        question__kind=Question.Kind.SCALE,
        response__submitted_at__gte=since,
        score__isnull=False,
    )
    weeks = [
        WeekPoint(row["week"].date(), row["average"], row["answers"])
        for row in answers.annotate(week=TruncWeek("response__submitted_at"))
        .values("week")
        .annotate(average=Avg("score"), answers=Count("pk"))
        .order_by("week")
    ]
    return Sentiment(
        weeks=weeks,
        responses=sum(responses for _pk, responses, _invited in pulses),
        invited=sum(invited for _pk, _responses, invited in pulses),
    )
