"""Reads for the insight pages: the corporation's projects with their verdicts and dropout rate, one project's
figures and charts. Every read is a fixed number of queries (insight.measures)."""

from dataclasses import dataclass

from projects.models import Phase, RenovationProject

from .measures import measure_projects
from .risk import Verdict, assess

# Mitros' goal: fewer than one in twenty started projects fails on tenant distrust.
DROPOUT_GOAL = 0.05
VERDICT_ORDER = [Verdict.AT_RISK, Verdict.WATCH, Verdict.ON_TRACK, Verdict.NOT_ASSESSED]


@dataclass(frozen=True)
class Dropout:
    """Projects that stopped (cancelled, or paused: shelved until further notice) over projects that started
    (left the initiative phase)."""

    started: int
    cancelled: int
    paused: int

    @property
    def stopped(self):
        return self.cancelled + self.paused

    @property
    def rate(self):
        return self.stopped / self.started if self.started else 0.0

    @property
    def meets_goal(self):
        return self.rate < DROPOUT_GOAL


@dataclass(frozen=True)
class Overview:
    assessments: list
    dropout: Dropout

    @property
    def at_risk(self):
        return [assessment for assessment in self.assessments if assessment.verdict == Verdict.AT_RISK]


def corporation_overview(corporation_ids):
    """Every project of the corporations with its verdict, at risk first, and the dropout rate. Four queries."""
    projects = RenovationProject.objects.filter(corporation_id__in=corporation_ids).select_related("corporation")
    assessments = [assess(measures) for measures in measure_projects(projects.order_by("name"))]
    assessments.sort(key=lambda assessment: VERDICT_ORDER.index(assessment.verdict))
    phases = [assessment.measures.project.phase for assessment in assessments]
    dropout = Dropout(
        started=sum(phase != Phase.INITIATIVE for phase in phases),
        cancelled=phases.count(Phase.CANCELLED),
        paused=phases.count(Phase.PAUSED),
    )
    return Overview(assessments=assessments, dropout=dropout)


def project_assessment(project):
    """The verdict on one project with every figure behind it."""
    projects = RenovationProject.objects.filter(pk=project.pk).select_related("corporation")
    return assess(measure_projects(projects)[0])
