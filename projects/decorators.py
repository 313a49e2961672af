"""The view decorator every staff page about one project uses (projects, advice, meetings, polls, surveys,
notifications): one place that decides who may open it."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404

from tenants.permissions import staff_required, viewer_for

from .permissions import ProjectRole, project_role
from .selectors import projects_for_pages


def staff_project(request, slug):
    """The project at `slug` if it is one of the requesting staff member's corporations', else 404."""
    viewer = viewer_for(request)
    project = get_object_or_404(projects_for_pages().filter(corporation_id__in=viewer.staff_corporation_ids), slug=slug)
    if project_role(viewer, project) != ProjectRole.STAFF:
        raise Http404
    return project


def staff_project_page(view):
    """View decorator: `view(request, project, ...)` for a project of the staff member's corporations.

    Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
    corporation get 404 for a project that is not theirs.
    """

    @staff_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        return view(request, staff_project(request, slug), *args, **kwargs)

    return wrapped
