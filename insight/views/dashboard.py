"""The risk pages for corporation staff: every project with its verdict and the dropout rate, and one project's
figures with the reasons behind its verdict. Signed-in people who are not staff get 403; staff of another
corporation get 404 for a project that is not theirs."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from decisions.tally import THRESHOLD_PERCENT
from projects.selectors import projects_for_pages
from tenants.permissions import staff_required, viewer_for

from ..risk import RULES
from ..selectors import DROPOUT_GOAL, corporation_overview, project_assessment


@staff_required
def overview(request):
    viewer = viewer_for(request)
    context = {
        "overview": corporation_overview(viewer.staff_corporation_ids),
        "rules": RULES,
        "goal_percent": int(DROPOUT_GOAL * 100),
    }
    return render(request, "insight/overview.html", context)


@staff_required
def project_insight(request, slug):
    viewer = viewer_for(request)
    project = get_object_or_404(projects_for_pages(), slug=slug)
    if not viewer.is_staff_of(project.corporation_id):
        raise Http404
    assessment = project_assessment(project)
    context = {
        "project": project,
        "assessment": assessment,
        "participation_rows": _participation_rows(assessment.measures),
        "support_rows": _support_rows(assessment.measures.support),
        "rules": RULES,
        "threshold": THRESHOLD_PERCENT / 100,
    }
    return render(request, "insight/project.html", context)


def _participation_rows(measures):
    whole = measures.households
    return [
        (_("Activated an account"), measures.activated, whole),
        (_("Posted in a discussion"), measures.posted, whole),
        (_("Voted on a proposal"), measures.voted, whole),
        (_("Answered a pulse question"), measures.answered_pulse, whole),
        (_("Took part in any of these ways"), measures.took_part, whole),
    ]


def _support_rows(support):
    if support is None:
        return []
    return [
        (_("Agree"), support.agree, support.scope),
        (_("Disagree"), support.disagree, support.scope),
        (_("Did not vote"), support.no_vote, support.scope),
    ]


urlpatterns = [
    path("beheer/inzicht/", overview, name="insight_overview"),
    path("beheer/projecten/<slug:slug>/inzicht/", project_insight, name="project_insight"),
]
