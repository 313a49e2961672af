"""Template helpers of polls: the hook on the project pages, and a share as whole percents."""

from django import template

from projects.permissions import ProjectRole, project_role
from tenants.permissions import viewer_for

from ..selectors import polls_for

register = template.Library()

SHOWN_ON_PROJECT_PAGE = 5


@register.inclusion_tag("polls/fragments/_poll_links.html")
def poll_links(project, request, staff=False):
    """The project's polls for the reader of a project page (open first; "you voted" for households), or every poll
    for staff on the dashboard. Two queries at most: the reader's role and the polls."""
    viewer = viewer_for(request)
    role = ProjectRole.STAFF if staff else project_role(viewer, project)
    polls = polls_for(project, viewer, role) if role >= ProjectRole.HOUSEHOLD else []
    return {
        "project": project,
        "polls": polls[:SHOWN_ON_PROJECT_PAGE],
        "more": len(polls) > SHOWN_ON_PROJECT_PAGE,
        "staff": staff,
        "is_household": role == ProjectRole.HOUSEHOLD,
    }


@register.filter
def percent(share):
    """0.666 → 67: a share of voters, rounded to whole percents."""
    return round(share * 100)
