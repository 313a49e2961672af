"""Session pages for the people of a project: the coming sessions with places left, registering and cancelling
for a household, and the minutes of past sessions.

Who sees what: the project's households, its contractors and the corporation's staff may read the pages; only a
household may register or cancel (contractors and staff get 403: staff register a household on the staff page).
Anonymous visitors go to the login page; anyone else signed in gets 404, as if the project had no sessions.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.permissions import ProjectRole, project_role
from projects.selectors import projects_for_pages
from tenants.permissions import viewer_for

from .. import selectors, services
from ..calendar import session_ics
from ..forms import RegistrationForm


def sessions_page(view):
    """Call `view(request, project, role, household, ...)` for someone who may read the project's sessions."""

    @wraps(view)
    def wrapped(request, slug, **kwargs):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        project = get_object_or_404(projects_for_pages(), slug=slug)
        role = project_role(viewer, project)
        if role < ProjectRole.HOUSEHOLD:
            raise Http404
        household = viewer.household if role == ProjectRole.HOUSEHOLD else None
        return view(request, project, role, household, **kwargs)

    return wrapped


def _with_forms(sessions, household):
    """(session, own registration or None, registration form or None) for each session."""
    rows = []
    for session in sessions:
        own = session.own_registrations[0] if household is not None and session.own_registrations else None
        form = None
        if household is not None and not session.is_cancelled and not session.has_started():
            initial = {"people": own.people} if own else None
            form = RegistrationForm(initial=initial, session_id=session.pk)
        rows.append((session, own, form))
    return rows


@sessions_page
def session_list(request, project, role, household):
    upcoming = selectors.upcoming_sessions(project, household)
    context = {
        "project": project,
        "household": household,
        "upcoming": _with_forms(upcoming, household),
        "past": selectors.past_sessions_with_minutes(project),
    }
    return render(request, "meetings/session_list.html", context)


@sessions_page
def session_detail(request, project, role, household, session_id):
    session = selectors.session_for_household(project, session_id, household)
    if session is None:
        raise Http404
    ((session, own, form),) = _with_forms([session], household)
    context = {"project": project, "session": session, "household": household, "own": own, "form": form}
    return render(request, "meetings/session_detail.html", context)


def _household_action(view):
    """POST only, for a household of the project (403 for contractors and staff), on a session of the project."""

    @require_POST
    @sessions_page
    @wraps(view)
    def wrapped(request, project, role, household, session_id):
        if role != ProjectRole.HOUSEHOLD:
            raise PermissionDenied
        session = get_object_or_404(project.sessions, pk=session_id)
        session.project = project
        view(request, session, household)
        return redirect(reverse("session_detail", args=[project.slug, session.pk]) + "#my-registration")

    return wrapped


@sessions_page
def session_calendar(request, project, role, household, session_id):
    session = get_object_or_404(project.sessions, pk=session_id)
    url = settings.SITE_URL.rstrip("/") + reverse("session_detail", args=[project.slug, session.pk])
    text = session_ics(
        session,
        description=_("A meeting of %(project)s. Details and changes: %(url)s") % {"project": project.name, "url": url},
        uid_domain=urlsplit(settings.SITE_URL).hostname or "renovatieplatform",
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{session.pk}.ics"'
    return response


@_household_action
def register(request, session, household):
    form = RegistrationForm(request.POST, session_id=session.pk)
    if not form.is_valid():
        messages.error(request, _("Choose 1 to 4 people."))
        return
    try:
        services.register_household(session, household, people=form.cleaned_data["people"], by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your household is registered. You will get a reminder the day before."))


@_household_action
def cancel_registration(request, session, household):
    try:
        services.cancel_registration(session, household, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration is cancelled. Your place is free for a neighbour."))


PREFIX = "projecten/<slug:slug>/bijeenkomsten/"

urlpatterns = [
    path(PREFIX, session_list, name="project_sessions"),
    path(PREFIX + "<int:session_id>/", session_detail, name="session_detail"),
    path(PREFIX + "<int:session_id>/agenda.ics", session_calendar, name="session_calendar"),
    path(PREFIX + "<int:session_id>/aanmelden/", register, name="session_register"),
    path(PREFIX + "<int:session_id>/afmelden/", cancel_registration, name="session_cancel_registration"),
]
