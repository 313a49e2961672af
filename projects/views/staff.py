"""Project pages for corporation staff: the list of the corporation's projects and one project's dashboard.

The dashboard shows what needs acting on (households not activated, missed visits, open choices, late promises)
with links to the admin and the contractor's day list, and takes the few actions that must be recorded with who
and when: a phase change, a commitment recorded or resolved, a document added. Each action is a plain form that
posts to its own URL and redirects back; a form with errors shows the dashboard again with the message.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a project that is not theirs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.permissions import staff_required, viewer_for

from .. import services
from ..dashboard import commitment_owner_choices, project_dashboard, projects_for_staff
from ..decorators import staff_project_page
from ..forms import CommitmentForm, DocumentForm, PhaseChangeForm, ResolveCommitmentForm
from ..models import Appointment, Commitment, Phase


@staff_required
def project_list(request):
    projects = projects_for_staff(viewer_for(request).staff_corporation_ids)
    return render(request, "projects/staff/project_list.html", {"projects": projects})


@staff_project_page
def project_dashboard_page(request, project):
    return _dashboard(request, project)


@require_POST
@staff_project_page
def change_phase(request, project):
    form = PhaseChangeForm(request.POST, current=project.phase)
    if form.is_valid():
        to_phase = form.cleaned_data["to_phase"]
        try:
            services.change_phase(project, to_phase, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason" if to_phase in (Phase.PAUSED, Phase.CANCELLED) else "to_phase", error)
        else:
            messages.success(request, _("The project is now in the phase “%(phase)s”.") % {"phase": to_phase.label})
            return _back(project, "phase")
    return _dashboard(request, project, phase_form=form)


@require_POST
@staff_project_page
def record_commitment(request, project):
    form = CommitmentForm(request.POST, owners=commitment_owner_choices(project))
    if form.is_valid():
        data = form.cleaned_data
        services.record_commitment(
            project,
            title=data["title"],
            description=data["description"],
            owner=data["owner"].user,
            organisation=data["owner"].organisation,
            due_on=data["due_on"],
            by=request.user,
        )
        messages.success(request, _("The commitment was recorded. Tenants see it on the project page."))
        return _back(project, "commitments")
    return _dashboard(request, project, commitment_form=form)


@require_POST
@staff_project_page
def resolve_commitment(request, project, commitment_id):
    commitment = get_object_or_404(Commitment, project=project, pk=commitment_id)
    form = ResolveCommitmentForm(request.POST, prefix=f"commitment-{commitment.pk}")
    if form.is_valid():
        try:
            services.resolve_commitment(
                commitment, status=form.cleaned_data["status"], note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” is marked as resolved.") % {"title": commitment.title})
            return _back(project, "commitments")
    return _dashboard(request, project, resolve_forms={commitment.pk: form})


@require_POST
@staff_project_page
def add_document(request, project):
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_document(
                project,
                uploaded_by=request.user,
                title=data["title"],
                upload=data["file"],
                visibility=data["visibility"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The document “%(title)s” was added.") % {"title": data["title"]})
            return _back(project, "documents")
    return _dashboard(request, project, document_form=form)


def _back(project, section):
    return redirect(reverse("staff_project", args=[project.slug]) + f"#{section}")


def _dashboard(request, project, *, phase_form=None, commitment_form=None, document_form=None, resolve_forms=None):
    """The dashboard page, with any form that failed shown again with its errors."""
    dashboard = project_dashboard(project)
    resolve_forms = resolve_forms or {}
    context = {
        "project": project,
        "dashboard": dashboard,
        "phase_form": phase_form or PhaseChangeForm(current=project.phase),
        "commitment_form": commitment_form or CommitmentForm(owners=commitment_owner_choices(project)),
        "document_form": document_form or DocumentForm(prefix="document"),
        "open_commitments": [
            (
                commitment,
                resolve_forms.get(commitment.pk) or ResolveCommitmentForm(prefix=f"commitment-{commitment.pk}"),
            )
            for commitment in dashboard.open_commitments
        ],
        "documents": [
            (
                document,
                _url_or_path(
                    "project_document",
                    [project.slug, document.pk],
                    f"/projecten/{project.slug}/documenten/{document.pk}/",
                ),
            )
            for document in dashboard.documents
        ],
        "links": _links(project),
        "Status": Appointment.Status,
    }
    return render(request, "projects/staff/dashboard.html", context)


def _links(project):
    """Where staff act on what the dashboard shows: admin lists filtered to this project, the day's visits."""
    admin = "admin:projects_{}_changelist"
    return {
        "edit": reverse("admin:projects_renovationproject_change", args=[project.pk]),
        "home_plans": reverse(admin.format("homeplan")) + f"?project__id__exact={project.pk}",
        "appointments": reverse(admin.format("appointment")) + f"?home_plan__project__id__exact={project.pk}",
        "missed": reverse(admin.format("appointment"))
        + f"?home_plan__project__id__exact={project.pk}&status__exact={Appointment.Status.MISSED}",
        "open_choices": reverse(admin.format("homechoice"))
        + f"?home_plan__project__id__exact={project.pk}&option__isempty=1",
        "commitments": reverse(admin.format("commitment")) + f"?project__id__exact={project.pk}",
        "day_list": _url_or_path("contractor_day", [project.slug], f"/projecten/{project.slug}/aannemer/dag/"),
        "public_page": _url_or_path("project_detail", [project.slug], f"/projecten/{project.slug}/"),
    }


def _url_or_path(name, args, fallback):
    """The URL of a page another part of the app serves, by name; by its documented path if not (yet) named."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


urlpatterns = [
    path("beheer/projecten/", project_list, name="staff_projects"),
    path("beheer/projecten/<slug:slug>/", project_dashboard_page, name="staff_project"),
    path("beheer/projecten/<slug:slug>/fase/", change_phase, name="staff_change_phase"),
    path("beheer/projecten/<slug:slug>/toezeggingen/", record_commitment, name="staff_record_commitment"),
    path(
        "beheer/projecten/<slug:slug>/toezeggingen/<int:commitment_id>/",
        resolve_commitment,
        name="staff_resolve_commitment",
    ),
    path("beheer/projecten/<slug:slug>/documenten/", add_document, name="staff_add_document"),
]
