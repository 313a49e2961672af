"""Session pages for corporation staff: the sessions of a project with their counts and reach, planning and
changing a session, cancelling it, the registration list (and a printable list for the door), registering a
household that called in, attendance, and the minutes.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a project that is not theirs.
"""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.decorators import staff_project_page

from .. import selectors, services
from ..forms import HouseholdChoiceForm, MinutesForm, SessionForm, StaffRegistrationForm
from ..models import Session


def staff_session_page(view):
    """View decorator: a session of a project of the staff member's corporations (else 404)."""

    @staff_project_page
    @wraps(view)
    def wrapped(request, project, session_id):
        session = get_object_or_404(selectors.with_counts(Session.objects.filter(project=project)), pk=session_id)
        session.project = project
        return view(request, session)

    return wrapped


def _session_url(session, section=""):
    return reverse("staff_session", args=[session.project.slug, session.pk]) + (f"#{section}" if section else "")


@staff_project_page
def staff_sessions(request, project):
    upcoming, past = selectors.staff_sessions(project)
    context = {"project": project, "upcoming": upcoming, "past": past, "reach": selectors.project_reach(project)}
    return render(request, "meetings/staff/sessions.html", context)


@staff_project_page
def plan_session(request, project):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.plan_session(project, by=request.user, **form.session_fields())
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is planned. Households of the project can register now."))
            return redirect("staff_session", project.slug, session.pk)
    status = 400 if form.is_bound else 200
    return render(request, "meetings/staff/session_form.html", {"project": project, "form": form}, status=status)


@staff_session_page
def edit_session(request, session):
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    if session.is_cancelled:
        messages.error(request, _("This session is cancelled and can no longer be changed."))
        return redirect(_session_url(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_session(session, by=request.user, **form.session_fields())
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is changed. Registered households are told."))
            return redirect(_session_url(session))
    context = {"project": session.project, "session": session, "form": form}
    return render(request, "meetings/staff/session_form.html", context, status=400 if form.is_bound else 200)


def _household_choices(session):
    return [(household.pk, household.dwelling.address) for household in selectors.households_to_register(session)]


@staff_session_page
def staff_session(request, session):
    return _render_session(request, session)


def _registered_choices(registrations):
    return [(r.household_id, r.household.dwelling.address) for r in registrations if r.is_active]


def _on_the_day(session):
    return not session.is_cancelled and timezone.localdate() >= timezone.localdate(session.starts_at)


def _render_session(request, session, register_form=None, minutes_form=None, walk_in_form=None):
    registrations = selectors.registrations_for_door(session)
    open_for_registration = not session.is_cancelled and not session.has_started()
    unregistered = None
    if open_for_registration and register_form is None:
        unregistered = _household_choices(session)
        register_form = StaffRegistrationForm(households=unregistered, auto_id="id_register_%s")
    if _on_the_day(session) and walk_in_form is None:
        unregistered = unregistered if unregistered is not None else _household_choices(session)
        walk_in_form = StaffRegistrationForm(households=unregistered, auto_id="id_walk_in_%s")
    registered = _registered_choices(registrations)
    context = {
        "project": session.project,
        "session": session,
        "registrations": [registration for registration in registrations if registration.is_active],
        "cancelled": [registration for registration in registrations if not registration.is_active],
        "people": sum(registration.people for registration in registrations if registration.is_active),
        "register_form": register_form if open_for_registration else None,
        "walk_in_form": walk_in_form if _on_the_day(session) else None,
        "cancel_form": HouseholdChoiceForm(households=registered, auto_id="id_cancel_%s")
        if open_for_registration and registered
        else None,
        "minutes_form": minutes_form
        or MinutesForm(initial={"minutes": session.minutes, "publish": session.minutes_published}),
    }
    bound = any(form is not None and form.is_bound for form in (register_form, minutes_form, walk_in_form))
    return render(request, "meetings/staff/session.html", context, status=400 if bound else 200)


@require_POST
@staff_session_page
def cancel_session(request, session):
    try:
        services.cancel_session(session, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The session is cancelled. Registered households are told."))
    return redirect(_session_url(session))


@require_POST
@staff_session_page
def register_household(request, session):
    form = StaffRegistrationForm(request.POST, households=_household_choices(session), auto_id="id_register_%s")
    if not form.is_valid():
        return _render_session(request, session, register_form=form)
    household = next(h for h in selectors.households_to_register(session) if h.pk == form.cleaned_data["household"])
    try:
        services.register_household(session, household, people=form.cleaned_data["people"], by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(address)s is registered.") % {"address": household.dwelling.address})
    return redirect(_session_url(session, "registrations"))


@require_POST
@staff_session_page
def cancel_household_registration(request, session):
    registrations = [r for r in selectors.registrations_for_door(session) if r.is_active]
    form = HouseholdChoiceForm(request.POST, households=_registered_choices(registrations))
    if not form.is_valid():
        messages.error(request, _("Choose a household that is registered."))
        return redirect(_session_url(session, "registrations"))
    household = next(r.household for r in registrations if r.household_id == form.cleaned_data["household"])
    try:
        services.cancel_registration(session, household, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The registration of %(address)s is cancelled.") % {"address": household.dwelling.address}
        )
    return redirect(_session_url(session, "registrations"))


@require_POST
@staff_session_page
def record_walk_in(request, session):
    form = StaffRegistrationForm(request.POST, households=_household_choices(session), auto_id="id_walk_in_%s")
    if not form.is_valid():
        return _render_session(request, session, walk_in_form=form)
    household = next(h for h in selectors.households_to_register(session) if h.pk == form.cleaned_data["household"])
    try:
        services.record_walk_in(session, household, people=form.cleaned_data["people"], by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(address)s came without registering and is marked as present.")
            % {"address": household.dwelling.address},
        )
    return redirect(_session_url(session, "registrations"))


@require_POST
@staff_session_page
def record_attendance(request, session):
    try:
        ids = [int(value) for value in request.POST.getlist("attended")]
    except ValueError:
        ids = None
    if ids is None:
        messages.error(request, _("Only households that are registered can be marked as present."))
        return redirect(_session_url(session, "registrations"))
    try:
        count = services.record_attendance(session, ids, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Attendance is saved: %(count)d households came.") % {"count": count})
    return redirect(_session_url(session, "registrations"))


@require_POST
@staff_session_page
def save_minutes(request, session):
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _render_session(request, session, minutes_form=form)
    try:
        services.save_minutes(
            session, form.cleaned_data["minutes"], publish=form.cleaned_data["publish"], by=request.user
        )
    except services.MeetingError as error:
        form.add_error("minutes", str(error))
        return _render_session(request, session, minutes_form=form)
    if form.cleaned_data["publish"]:
        messages.success(request, _("The minutes are saved and published for the project's households."))
    else:
        messages.success(request, _("The minutes are saved. Households cannot read them until you publish them."))
    return redirect(_session_url(session, "minutes"))


@staff_session_page
def door_list(request, session):
    registrations = [
        registration for registration in selectors.registrations_for_door(session) if registration.is_active
    ]
    context = {
        "project": session.project,
        "session": session,
        "registrations": registrations,
        "people": sum(registration.people for registration in registrations),
    }
    return render(request, "meetings/staff/door_list.html", context)


PREFIX = "beheer/projecten/<slug:slug>/bijeenkomsten/"

urlpatterns = [
    path(PREFIX, staff_sessions, name="staff_sessions"),
    path(PREFIX + "nieuw/", plan_session, name="staff_plan_session"),
    path(PREFIX + "<int:session_id>/", staff_session, name="staff_session"),
    path(PREFIX + "<int:session_id>/wijzigen/", edit_session, name="staff_edit_session"),
    path(PREFIX + "<int:session_id>/annuleren/", cancel_session, name="staff_cancel_session"),
    path(PREFIX + "<int:session_id>/aanmelden/", register_household, name="staff_register_household"),
    path(PREFIX + "<int:session_id>/afmelden/", cancel_household_registration, name="staff_cancel_registration"),
    path(PREFIX + "<int:session_id>/aanwezigheid/", record_attendance, name="staff_record_attendance"),
    path(PREFIX + "<int:session_id>/binnenloper/", record_walk_in, name="staff_record_walk_in"),
    path(PREFIX + "<int:session_id>/verslag/", save_minutes, name="staff_save_minutes"),
    path(PREFIX + "<int:session_id>/deurlijst/", door_list, name="staff_door_list"),
]
