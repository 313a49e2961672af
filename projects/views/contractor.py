"""Project pages for contractors: the planning page of one project and the day's visit list.

Only members of a contractor organisation assigned to the project may plan, post and record visits; staff of the
project's corporation may look at the same pages. A contractor sees the visits in its own organisation's slots,
with only what a visit needs to know about the household (HouseholdNeeds.VISIT_FIELDS).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tenants.permissions import viewer_for

from .. import appointments, services, visits
from ..forms import ContractorUpdateForm, ProposeTimesForm, SlotBatchForm, VisitOutcomeForm
from ..models import Appointment, RenovationProject
from ..permissions import ProjectRole, project_role


@dataclass(frozen=True)
class ContractorAccess:
    """Who is asking, in which project: decided once per request."""

    viewer: object
    project: RenovationProject
    role: ProjectRole
    organisation: object  # the contractor's assigned organisation that plans and posts; None for staff
    organisation_ids: frozenset | None  # whose slots this person sees; None: all (staff)


def contractor_page(write=False):
    """View decorator: anonymous → login; an assigned contractor (or, to look, staff of the corporation) gets
    through with a ContractorAccess; anyone else signed in → 403. Writes are for the contractor only."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            viewer = viewer_for(request)
            if not viewer.is_authenticated:
                return redirect_to_login(request.get_full_path())
            project = get_object_or_404(RenovationProject.objects.prefetch_related("contractors"), slug=slug)
            role = project_role(viewer, project)
            if role not in (ProjectRole.CONTRACTOR, ProjectRole.STAFF) or (write and role != ProjectRole.CONTRACTOR):
                raise PermissionDenied
            if role == ProjectRole.CONTRACTOR:
                own = sorted(
                    (o for o in project.contractors.all() if o.pk in viewer.contractor_organisation_ids),
                    key=lambda o: o.pk,
                )
                access = ContractorAccess(viewer, project, role, own[0], frozenset(o.pk for o in own))
            else:
                access = ContractorAccess(viewer, project, role, None, None)
            return view(request, access, *args, **kwargs)

        return wrapped

    return decorator


@contractor_page()
def project_page(request, access):
    return _render_project_page(request, access)


@require_POST
@contractor_page(write=True)
def plan_slots(request, access):
    form = SlotBatchForm(request.POST)
    if form.is_valid():
        try:
            outcome = appointments.plan_batch(
                access.project,
                access.organisation,
                form.plan(),
                by=request.user,
                propose=form.cleaned_data["propose"],
            )
        except appointments.AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _slots_message(outcome.created))
            if form.cleaned_data["propose"]:
                _proposal_messages(request, outcome, form.cleaned_data["purpose"])
            return redirect("contractor_project", slug=access.project.slug)
    return _render_project_page(request, access, plan_form=form)


@require_POST
@contractor_page(write=True)
def propose_times(request, access):
    form = ProposeTimesForm(request.POST, purposes=visits.slot_purposes(access.project))
    if not form.is_valid():
        return _render_project_page(request, access, propose_form=form)
    purpose = form.cleaned_data["purpose"]
    _proposal_messages(request, appointments.propose_times(access.project, purpose=purpose, by=request.user), purpose)
    return redirect("contractor_project", slug=access.project.slug)


@require_POST
@contractor_page(write=True)
def post_update(request, access):
    form = ContractorUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.post_update(
                access.project,
                author=request.user,
                organisation=access.organisation,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                photos=form.photos(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your update is posted. The project's households can read it now."))
            return redirect("contractor_project", slug=access.project.slug)
    return _render_project_page(request, access, update_form=form)


@contractor_page()
def day_list(request, access, day=None):
    if day is None:
        day = timezone.localdate()
    else:
        try:
            day = date.fromisoformat(day)
        except ValueError as error:
            raise Http404 from error
    day_visits = visits.visits_on(access.project, day, organisation_ids=access.organisation_ids)
    return render(
        request,
        "projects/contractor/day.html",
        {
            "access": access,
            "project": access.project,
            "day": day,
            "is_today": day == timezone.localdate(),
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "visits": day_visits,
            "may_record": access.role == ProjectRole.CONTRACTOR,
        },
    )


@require_POST
@contractor_page(write=True)
def record_visit(request, access, appointment_id):
    appointment = get_object_or_404(
        Appointment.objects.select_related("slot", "home_plan__household__dwelling"),
        pk=appointment_id,
        slot__project=access.project,
        slot__contractor_id__in=access.organisation_ids,
    )
    day = timezone.localdate(appointment.slot.starts_at)
    form = VisitOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the visit was done or missed."))
    else:
        try:
            appointments.record_visit(appointment, outcome=form.cleaned_data["outcome"], by=request.user)
        except appointments.AppointmentError as error:
            messages.error(request, str(error))
        else:
            address = appointment.home_plan.household.dwelling.address
            if form.cleaned_data["outcome"] == Appointment.Status.DONE:
                messages.success(request, _("The visit to %(address)s is marked as done.") % {"address": address})
            else:
                messages.success(request, _("The visit to %(address)s is marked as missed.") % {"address": address})
    return redirect("contractor_day", slug=access.project.slug, day=day.isoformat())


def _render_project_page(request, access, *, plan_form=None, propose_form=None, update_form=None):
    project = access.project
    overview = visits.planning_overview(project)
    purposes = [row["purpose"] for row in overview["purposes"]]
    today = timezone.localdate()
    return render(
        request,
        "projects/contractor/project.html",
        {
            "access": access,
            "project": project,
            "overview": overview,
            "visit_days": visits.visit_days(project, since=today, organisation_ids=access.organisation_ids),
            "today": today,
            "may_write": access.role == ProjectRole.CONTRACTOR,
            "plan_form": plan_form or SlotBatchForm(initial={"first_day": today + timedelta(days=1)}),
            "propose_form": propose_form or ProposeTimesForm(purposes=purposes),
            "update_form": update_form or ContractorUpdateForm(),
        },
    )


def _slots_message(created):
    if created == 0:
        return _("No new slots: these times were already planned.")
    return ngettext("Planned %(count)s new visit slot.", "Planned %(count)s new visit slots.", created) % {
        "count": created
    }


def _proposal_messages(request, outcome, purpose):
    messages.success(
        request,
        ngettext(
            "Proposed a time for %(purpose)s to %(count)s home.",
            "Proposed a time for %(purpose)s to %(count)s homes.",
            outcome.proposed,
        )
        % {"count": outcome.proposed, "purpose": purpose},
    )
    if outcome.still_without:
        messages.warning(
            request,
            ngettext(
                "%(count)s home still has no time for %(purpose)s: there were not enough free slots. "
                "Plan more slots and propose again.",
                "%(count)s homes still have no time for %(purpose)s: there were not enough free slots. "
                "Plan more slots and propose again.",
                outcome.still_without,
            )
            % {"count": outcome.still_without, "purpose": purpose},
        )


urlpatterns = [
    path("projecten/<slug:slug>/aannemer/", project_page, name="contractor_project"),
    path("projecten/<slug:slug>/aannemer/plannen/", plan_slots, name="contractor_plan_slots"),
    path("projecten/<slug:slug>/aannemer/voorstellen/", propose_times, name="contractor_propose_times"),
    path("projecten/<slug:slug>/aannemer/nieuws/", post_update, name="contractor_post_update"),
    path("projecten/<slug:slug>/aannemer/dag/", day_list, name="contractor_day"),
    re_path(r"^projecten/(?P<slug>[-\w]+)/aannemer/dag/(?P<day>\d{4}-\d{2}-\d{2})/$", day_list, name="contractor_day"),
    path(
        "projecten/<slug:slug>/aannemer/bezoeken/<int:appointment_id>/",
        record_visit,
        name="contractor_record_visit",
    ),
]
