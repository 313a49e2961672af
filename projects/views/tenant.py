"""Pages for a tenant about their own home: the home plan, their appointments (confirm, pick another time, add to
a calendar), their choices, and the household's needs.

Only a household of the project gets these pages: anonymous visitors go to the login page, everyone else signed
in gets 403; another household's appointment or choice answers 404.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.models import HouseholdNeeds
from tenants.permissions import tenant_required, viewer_for

from .. import appointments
from ..forms import HomeChoiceForm, HouseholdNeedsForm, PickSlotForm
from ..household_needs import record_household_needs
from ..ics import appointment_ics
from ..models import RenovationProject
from ..permissions import ProjectRole, project_role
from ..selectors import CHANGEABLE, appointment_of_household, free_slots_by_day, home_plan_page
from ..services import make_choice


def household_of_project(view):
    """Call `view(request, project, household, ...)` for a household of the project at `slug`."""

    @tenant_required
    @wraps(view)
    def wrapped(request, slug, **kwargs):
        viewer = viewer_for(request)
        project = get_object_or_404(RenovationProject.objects.prefetch_related("complexes"), slug=slug)
        if project_role(viewer, project) != ProjectRole.HOUSEHOLD:
            raise PermissionDenied
        return view(request, project, viewer.household, **kwargs)

    return wrapped


def _plan_url(project, anchor=""):
    return reverse("my_home_plan", args=[project.slug]) + (f"#{anchor}" if anchor else "")


def _when(slot):
    moment = timezone.localtime(slot.starts_at)
    return date_format(moment, "l j F Y") + ", " + date_format(moment, "H:i")


@household_of_project
def my_home_plan(request, project, household):
    return _render_home_plan(request, project, home_plan_page(project, household))


def _render_home_plan(request, project, page, bound_form=None):
    """The home plan page; `bound_form` is a choice form that came back with an error, shown in its place."""
    if page is None:
        raise Http404
    forms = [
        bound_form if bound_form is not None and bound_form.home_choice.pk == choice.pk else HomeChoiceForm(choice)
        for choice in page.open_choices
    ]
    return render(
        request,
        "projects/tenant/home_plan.html",
        {"project": project, "page": page, "plan": page.plan, "choice_forms": forms},
        status=400 if bound_form is not None else 200,
    )


@require_POST
@household_of_project
def choose_option(request, project, household, choice_id):
    page = home_plan_page(project, household)
    choice = next((c for c in (page.open_choices + page.closed_choices if page else []) if c.pk == choice_id), None)
    if choice is None:
        raise Http404
    form = HomeChoiceForm(choice, request.POST)
    if not form.is_valid():
        return _render_home_plan(request, project, page, bound_form=form)
    try:
        make_choice(choice, form.cleaned_data["option"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your choice for “%(topic)s” is saved: %(option)s.")
            % {"topic": choice.topic.title, "option": form.cleaned_data["option"].label},
        )
    return redirect(_plan_url(project, f"choice-{choice.pk}"))


@require_POST
@household_of_project
def confirm_appointment(request, project, household, appointment_id):
    appointment = _own_appointment(project, household, appointment_id)
    try:
        appointments.confirm(appointment, by=request.user)
    except appointments.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Thank you. Your appointment on %(when)s is confirmed.") % {"when": _when(appointment.slot)}
        )
    return redirect(_plan_url(project, "appointments"))


@household_of_project
def pick_another_time(request, project, household, appointment_id):
    appointment = _own_appointment(project, household, appointment_id)
    if appointment.status not in CHANGEABLE:
        messages.error(request, _("This appointment can no longer be changed."))
        return redirect(_plan_url(project, "appointments"))
    error, status = None, 200
    if request.method == "POST":
        form = PickSlotForm(appointment, request.POST)
        if form.is_valid():
            try:
                moved = appointments.move(appointment, form.cleaned_data["slot"], by=request.user)
            except appointments.AppointmentError as refused:
                error = str(refused)
                status = 409 if isinstance(refused, appointments.SlotTaken) else 400
            else:
                messages.success(
                    request, _("Your appointment is now on %(when)s. It is confirmed.") % {"when": _when(moved.slot)}
                )
                return redirect(_plan_url(project, "appointments"))
        else:
            error, status = _("Please pick one of the free times shown."), 400
    return render(
        request,
        "projects/tenant/pick_slot.html",
        {"project": project, "appointment": appointment, "days": free_slots_by_day(appointment), "error": error},
        status=status,
    )


@household_of_project
def appointment_calendar(request, project, household, appointment_id):
    appointment = _own_appointment(project, household, appointment_id)
    text = appointment_ics(
        appointment,
        summary=f"{appointment.slot.purpose} – {project.name}",
        description=_("Visit for your renovation (%(project)s). Details and changes: %(url)s")
        % {"project": project.name, "url": settings.SITE_URL.rstrip("/") + _plan_url(project)},
        uid_domain=urlsplit(settings.SITE_URL).hostname or "renovatieplatform",
        sequence=appointment.change_count,
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="afspraak-{appointment.pk}.ics"'
    return response


@tenant_required
def household_needs(request):
    household = viewer_for(request).household
    form = HouseholdNeedsForm(request.POST or None, instance=HouseholdNeeds.objects.filter(household=household).first())
    if request.method == "POST" and form.is_valid():
        record_household_needs(household, by=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. We saved what you told us about your household."))
        return redirect("my_renovation")
    return render(request, "projects/tenant/household_needs.html", {"form": form, "household": household})


def _own_appointment(project, household, appointment_id):
    appointment = appointment_of_household(project, household, appointment_id)
    if appointment is None:
        raise Http404
    return appointment


urlpatterns = [
    path("projecten/<slug:slug>/mijn-woning/", my_home_plan, name="my_home_plan"),
    path("projecten/<slug:slug>/mijn-woning/keuzes/<int:choice_id>/", choose_option, name="choose_option"),
    path(
        "projecten/<slug:slug>/afspraken/<int:appointment_id>/bevestigen/",
        confirm_appointment,
        name="confirm_appointment",
    ),
    path(
        "projecten/<slug:slug>/afspraken/<int:appointment_id>/andere-tijd/",
        pick_another_time,
        name="pick_another_time",
    ),
    path(
        "projecten/<slug:slug>/afspraken/<int:appointment_id>/agenda.ics",
        appointment_calendar,
        name="appointment_calendar",
    ),
    path("mijn-renovatie/behoeften/", household_needs, name="household_needs"),
]
