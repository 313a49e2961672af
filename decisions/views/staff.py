"""The proposal for corporation staff: what is still missing before it can open, the count, how each household
voted (staff only), publishing a draft for the complexes staff choose, a form for a vote given on paper or at the
door, and closing. The certified result and the written notices are in views/results.py.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a proposal that is not theirs.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.permissions import ProjectRole, project_role
from projects.selectors import projects_for_pages
from tenants.permissions import staff_required, viewer_for

from .. import services
from ..forms import PaperVoteForm, PublishForm
from ..models import Ballot, Proposal, ProposalVersion
from ..tally import MINIMUM_HOMES, THRESHOLD_PERCENT, tally


def staff_proposal_page(view):
    """View decorator: the proposal, if its project is one of the staff member's corporations' (else 404)."""

    @staff_required
    @wraps(view)
    def wrapped(request, slug, proposal_id):
        viewer = viewer_for(request)
        project = get_object_or_404(
            projects_for_pages().filter(corporation_id__in=viewer.staff_corporation_ids), slug=slug
        )
        if project_role(viewer, project) != ProjectRole.STAFF:
            raise Http404
        proposal = get_object_or_404(
            Proposal.objects.select_related("current_version"), project=project, pk=proposal_id
        )
        proposal.project = project
        return view(request, proposal)

    return wrapped


def _scope(proposal):
    version = proposal.current_version
    if version is None:
        return []
    return list(version.scope.select_related("dwelling").order_by("dwelling__street", "dwelling__house_number"))


def _household_votes(proposal, scope):
    """(household, ballot or None) for every household in scope: the vote on the current version, if any."""
    ballots = {
        ballot.household_id: ballot
        for ballot in Ballot.objects.filter(proposal=proposal, version=proposal.current_version).select_related(
            "entered_by"
        )
    }
    return [(household, ballots.get(household.pk)) for household in scope]


def _checklist(version):
    """(label, filled) for every content field of the version, missing ones marked, in the services' order."""
    if version is None:
        return []
    missing = set(services.missing_for_publication(version))
    names = [name for name in services.CONTENT_FIELDS if name != "changes_since_previous" or version.number > 1]
    return [
        (ProposalVersion._meta.get_field(name).verbose_name, name not in missing)
        for name in names
        if name in services.ALWAYS_REQUIRED or name in missing or getattr(version, name) not in (None, "")
    ]


def _publish_form(proposal, data=None):
    """The form to publish the draft: the project's complexes, each with its number of homes in the default scope."""
    homes = dict(
        services.default_scope(proposal.project)
        .order_by()
        .values("dwelling__complex")
        .annotate(homes=Count("pk"))
        .values_list("dwelling__complex", "homes")
    )
    complexes = [
        (complex_.pk, _("%(complex)s (%(homes)s homes)") % {"complex": complex_, "homes": homes.get(complex_.pk, 0)})
        for complex_ in proposal.project.complexes.order_by("code")
    ]
    form = PublishForm(data, complexes=complexes, homes_in=lambda ids: sum(homes.get(pk, 0) for pk in ids))
    form.homes_in_project = sum(homes.get(pk, 0) for pk, _label in complexes)
    return form


@staff_proposal_page
def staff_proposal(request, proposal):
    return _render_staff_page(request, proposal)


def _render_staff_page(request, proposal, paper_form=None, publish_form=None):
    draft = proposal.versions.filter(published_at__isnull=True).order_by("-number").first()
    scope = _scope(proposal)
    count = tally(proposal)
    if draft is not None and proposal.status != Proposal.Status.CLOSED and publish_form is None:
        publish_form = _publish_form(proposal)
    context = {
        "project": proposal.project,
        "proposal": proposal,
        "version": proposal.current_version,
        "draft": draft,
        "checklist": _checklist(draft or proposal.current_version),
        "tally": count,
        "threshold": THRESHOLD_PERCENT,
        "minimum_homes": MINIMUM_HOMES,
        "small_scope": proposal.current_version_id is not None and count.scope < MINIMUM_HOMES,
        "publish_form": publish_form if draft is not None else None,
        "household_votes": _household_votes(proposal, scope),
        "paper_form": paper_form
        or PaperVoteForm(households=[(household.pk, household.dwelling.address) for household in scope]),
        "may_close": proposal.status == Proposal.Status.OPEN and timezone.now() >= proposal.closes_at,
    }
    invalid = paper_form is not None or (publish_form is not None and publish_form.is_bound)
    return render(request, "decisions/staff/proposal.html", context, status=400 if invalid else 200)


@require_POST
@staff_proposal_page
def publish(request, proposal):
    draft = proposal.versions.filter(published_at__isnull=True).order_by("-number").first()
    if draft is None:
        messages.error(request, _("There is no draft version to publish."))
        return back_to_proposal(proposal)
    form = _publish_form(proposal, request.POST)
    if not form.is_valid():
        return _render_staff_page(request, proposal, publish_form=form)
    chosen = form.cleaned_data["complexes"]
    every_complex = set(chosen) == {pk for pk, _label in form.fields["complexes"].choices}
    households = None if every_complex else services.scope_in_complexes(proposal.project, chosen)
    try:
        version = services.publish_version(proposal, draft, by=request.user, households=households)
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Version %(number)s is published for %(homes)s homes; voting is open.")
            % {"number": version.number, "homes": version.scope.count()},
        )
    return back_to_proposal(proposal)


@require_POST
@staff_proposal_page
def paper_vote(request, proposal):
    scope = _scope(proposal)
    form = PaperVoteForm(request.POST, households=[(household.pk, household.dwelling.address) for household in scope])
    if not form.is_valid():
        return _render_staff_page(request, proposal, paper_form=form)
    household = next(household for household in scope if household.pk == form.cleaned_data["household"])
    try:
        services.record_paper_vote(proposal, household, form.cleaned_data["choice"], entered_by=request.user)
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The paper vote of %(address)s is recorded.") % {"address": household.dwelling.address}
        )
    return back_to_proposal(proposal, "votes")


@require_POST
@staff_proposal_page
def close_proposal(request, proposal):
    try:
        services.close(proposal, by=request.user)
    except services.DecisionError as error:
        messages.error(request, str(error))
        return back_to_proposal(proposal)
    messages.success(request, _("Voting is closed and the result is certified."))
    return redirect("staff_proposal_result", proposal.project.slug, proposal.pk)


def back_to_proposal(proposal, section=""):
    return redirect(
        reverse("staff_proposal", args=[proposal.project.slug, proposal.pk]) + (f"#{section}" if section else "")
    )


PREFIX = "beheer/projecten/<slug:slug>/voorstellen/<int:proposal_id>/"

urlpatterns = [
    path(PREFIX, staff_proposal, name="staff_proposal"),
    path(PREFIX + "publiceren/", publish, name="staff_publish_version"),
    path(PREFIX + "papieren-stem/", paper_vote, name="staff_paper_vote"),
    path(PREFIX + "sluiten/", close_proposal, name="staff_close_proposal"),
]
