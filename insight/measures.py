"""The figures that predict a project's failure early enough to act, for many projects in a fixed number of queries.

Per project: how many households activated an account, took part (posted in the project's discussions, voted on
one of its proposals, answered a pulse question), how fast questions get an official answer, whether commitments
were kept on time, how many home visits were missed, the support for the proposal being voted on against the 70%
line, and the weekly mood from the pulse questions. `measure_projects` costs four queries however many projects,
households, posts, ballots or answers there are.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from decisions.models import Ballot, Choice, Proposal, ProposalVersion
from decisions.tally import Tally
from feedback.models import Post, Thread
from projects.dashboard import count_subquery, households_in_scope
from projects.models import Appointment, Commitment
from surveys.models import MINIMUM_RESPONSES, Answer, Question, Response, Survey
from tenants.models import TenantProfile

# Questions answered within this window count toward the median answer time (older ones say little about now).
ANSWER_WINDOW = timedelta(days=90)
ASKING_KINDS = [Thread.Kind.QUESTION, Thread.Kind.PROBLEM]
# The mood line covers this many weeks of pulse answers.
SENTIMENT_WINDOW = timedelta(weeks=12)


@dataclass
class ProjectMeasures:
    project: object
    households: int = 0
    activated: int = 0
    posted: int = 0
    voted: int = 0
    answered_pulse: int = 0
    took_part: int = 0
    open_questions: int = 0
    oldest_open_question_at: object = None
    median_answer_time: timedelta | None = None
    answered_questions: int = 0
    commitments_due: int = 0
    kept_on_time: int = 0
    late_commitments: int = 0
    visits: int = 0
    missed_visits: int = 0
    proposal: Proposal | None = None
    support: Tally | None = None
    sentiment: list = field(default_factory=list)

    @staticmethod
    def share(part, whole):
        return part / whole if whole else 0.0

    @property
    def activation_rate(self):
        return self.share(self.activated, self.households)

    @property
    def participation_rate(self):
        """Households that posted, voted or answered a pulse, as a share of all households of the project."""
        return self.share(self.took_part, self.households)

    @property
    def kept_on_time_rate(self):
        return self.share(self.kept_on_time, self.commitments_due) if self.commitments_due else None

    @property
    def missed_rate(self):
        return self.share(self.missed_visits, self.visits) if self.visits else None

    @property
    def days_left(self):
        """Whole days until the open proposal closes (0 on its last day); None without an open proposal."""
        if self.proposal is None:
            return None
        return max(0, (timezone.localtime(self.proposal.closes_at).date() - timezone.localdate()).days)


def _posted(project_ref):
    """Exists(): a member of the outer household posted (visibly) in the project `project_ref`'s discussions."""
    return Exists(
        Post.objects.filter(
            thread__project=project_ref, author__tenant_profile__household=OuterRef("pk"), hidden_at__isnull=True
        )
    )


def _voted(project_ref):
    return Exists(Ballot.objects.filter(proposal__project=project_ref, household=OuterRef("pk")))


def _answered_pulse(project_ref):
    return Exists(
        Response.objects.filter(survey__project=project_ref, survey__kind=Survey.Kind.PULSE, household=OuterRef("pk"))
    )


def _annotated(projects):
    today = timezone.localdate()
    in_project = households_in_scope()
    project = OuterRef(OuterRef("pk"))
    return projects.annotate(
        m_households=count_subquery(in_project),
        m_activated=count_subquery(in_project.filter(Exists(TenantProfile.objects.filter(household=OuterRef("pk"))))),
        m_posted=count_subquery(in_project.filter(_posted(project))),
        m_voted=count_subquery(in_project.filter(_voted(project))),
        m_pulsed=count_subquery(in_project.filter(_answered_pulse(project))),
        m_took_part=count_subquery(
            in_project.filter(Q(_posted(project)) | Q(_voted(project)) | Q(_answered_pulse(project)))
        ),
        m_open_questions=count_subquery(
            Thread.objects.filter(
                project=OuterRef("pk"), kind__in=ASKING_KINDS, first_official_answer_at__isnull=True
            ).exclude(status=Thread.Status.RESOLVED)
        ),
        m_commitments_due=count_subquery(
            Commitment.objects.filter(project=OuterRef("pk")).filter(
                Q(due_on__lt=today) | ~Q(status=Commitment.Status.OPEN)
            )
        ),
        m_kept_on_time=count_subquery(
            Commitment.objects.filter(
                project=OuterRef("pk"), status=Commitment.Status.KEPT, resolved_on__lte=F("due_on")
            )
        ),
        m_late=count_subquery(
            Commitment.objects.filter(project=OuterRef("pk"), status=Commitment.Status.OPEN, due_on__lt=today)
        ),
        m_visits=count_subquery(
            Appointment.objects.filter(
                home_plan__project=OuterRef("pk"),
                status__in=[Appointment.Status.DONE, Appointment.Status.MISSED],
            )
        ),
        m_missed=count_subquery(
            Appointment.objects.filter(home_plan__project=OuterRef("pk"), status=Appointment.Status.MISSED)
        ),
    )


def _open_proposals(project_ids):
    """The proposal being voted on per project (the one closing first; one whose voting ended and waits for staff
    to close it is not), with its count: one query."""
    in_scope = ProposalVersion.scope.through.objects.filter(proposalversion_id=OuterRef("current_version_id"))
    on_current = Ballot.objects.filter(
        proposal=OuterRef("pk"),
        version_id=OuterRef("current_version_id"),
        household_id__in=ProposalVersion.scope.through.objects.filter(
            proposalversion_id=OuterRef(OuterRef("current_version_id"))
        ).values("household_id"),
    )
    proposals = (
        Proposal.objects.filter(project_id__in=project_ids, status=Proposal.Status.OPEN, closes_at__gt=timezone.now())
        .annotate(
            t_scope=count_subquery(in_scope),
            t_agree=count_subquery(on_current.filter(choice=Choice.AGREE)),
            t_disagree=count_subquery(on_current.filter(choice=Choice.DISAGREE)),
        )
        .order_by("closes_at", "pk")
    )
    first = {}
    for proposal in proposals:
        first.setdefault(proposal.project_id, proposal)
    return first


def _answer_times(project_ids):
    """Per project: (median time to a first official answer over the window, oldest unanswered question)."""
    since = timezone.now() - ANSWER_WINDOW
    durations = defaultdict(list)
    oldest = {}
    rows = Thread.objects.filter(project_id__in=project_ids, kind__in=ASKING_KINDS).filter(
        Q(first_official_answer_at__gte=since)
        | Q(first_official_answer_at__isnull=True) & ~Q(status=Thread.Status.RESOLVED)
    )
    for project_id, asked, answered in rows.values_list("project_id", "created_at", "first_official_answer_at"):
        if answered is None:
            oldest[project_id] = min(asked, oldest.get(project_id, asked))
        else:
            durations[project_id].append(answered - asked)
    return durations, oldest


def weekly_sentiment(project_ids):
    """Per project, the weeks of the SENTIMENT_WINDOW as (week start, average 1-5 score, answers), oldest first.

    Only pulses with at least MINIMUM_RESPONSES responses count, as on the pulse's own results page, so no point
    rests on answers that are hidden there for privacy. "Don't know" has no score and is left out. One query.
    """
    shown = (
        Survey.objects.filter(project_id__in=project_ids, kind=Survey.Kind.PULSE)
        .exclude(status=Survey.Status.DRAFT)
        .annotate(responses_count=Count("responses"))
        .filter(responses_count__gte=MINIMUM_RESPONSES)
        .values("pk")
    )
    rows = (
        Answer.objects.filter(
            question__survey__in=shown,
            question__kind=Question.Kind.SCALE,
            score__isnull=False,
            response__submitted_at__gte=timezone.now() - SENTIMENT_WINDOW,
        )
        .annotate(week=TruncWeek("response__submitted_at"))
        .values("question__survey__project_id", "week")
        .annotate(average=Avg("score"), answers=Count("pk"))
        .order_by("week")
    )
    weeks = defaultdict(list)
    for row in rows:
        week = timezone.localtime(row["week"]).date() if hasattr(row["week"], "tzinfo") else row["week"]
        weeks[row["question__survey__project_id"]].append((week, float(row["average"]), row["answers"]))
    return weeks


def measure_projects(projects):
    """ProjectMeasures for every project of the queryset `projects`, in its order. Four queries."""
    annotated = list(_annotated(projects))
    ids = [project.pk for project in annotated]
    proposals = _open_proposals(ids)
    durations, oldest = _answer_times(ids)
    weekly = weekly_sentiment(ids)
    measures = []
    for project in annotated:
        proposal = proposals.get(project.pk)
        measures.append(
            ProjectMeasures(
                project=project,
                households=project.m_households,
                activated=project.m_activated,
                posted=project.m_posted,
                voted=project.m_voted,
                answered_pulse=project.m_pulsed,
                took_part=project.m_took_part,
                open_questions=project.m_open_questions,
                oldest_open_question_at=oldest.get(project.pk),
                median_answer_time=statistics.median(durations[project.pk]) if durations[project.pk] else None,
                answered_questions=len(durations[project.pk]),
                commitments_due=project.m_commitments_due,
                kept_on_time=project.m_kept_on_time,
                late_commitments=project.m_late,
                visits=project.m_visits,
                missed_visits=project.m_missed,
                proposal=proposal,
                support=Tally(scope=proposal.t_scope, agree=proposal.t_agree, disagree=proposal.t_disagree)
                if proposal
                else None,
                sentiment=weekly.get(project.pk, []),
            )
        )
    return measures
