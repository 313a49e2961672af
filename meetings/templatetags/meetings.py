"""Template helpers of the session pages: Markdown text, and the hooks on the project page and staff dashboard."""

from django import template
from django.utils.safestring import mark_safe

from feedback.text import render
from projects.permissions import ProjectRole, project_role
from tenants.permissions import viewer_for

from .. import selectors

register = template.Library()


@register.filter
def markdown(text):
    """Staff-written Markdown as safe HTML (feedback.text: raw HTML off, sanitised by nh3)."""
    return mark_safe(render(text).html)  # noqa: S308 -- sanitised by feedback.text


@register.inclusion_tag("meetings/fragments/_project_sessions.html", takes_context=True)
def project_sessions(context):
    """The next sessions of the page's `project` with places left, and for a household whether it has a place.
    One query (the viewer and role are already known to the page)."""
    project, request = context["project"], context.get("request")
    household = None
    if request is not None:
        viewer = viewer_for(request)
        household = viewer.household if project_role(viewer, project) == ProjectRole.HOUSEHOLD else None
    return {"project": project, "sessions": selectors.session_links(project, household=household)}


@register.inclusion_tag("meetings/fragments/_staff_sessions.html", takes_context=True)
def staff_sessions(context):
    """The next sessions of the dashboard's `project` with their registrations: one query."""
    project = context["project"]
    return {"project": project, "sessions": selectors.session_links(project, limit=5)}
