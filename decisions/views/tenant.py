"""The proposal page for the people of a project: what is proposed, in plain language, the count toward 70%,
and for a household in scope its own vote with a form to cast or change it until voting closes.

Who sees what: the project's households, its contractors and the corporation's staff may read an open or closed
proposal; only a household may vote (contractors and staff get 403 on the vote). Anonymous visitors go to the
login page; anyone else signed in gets 404, as if the proposal did not exist. A draft is for staff only.
The page never names how another household voted: it shows counts (decisions.tally) and the reader's own vote.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.permissions import ProjectRole, project_role
from projects.selectors import projects_for_pages
from renovatie.ratelimits import vote_refusal
from tenants.permissions import viewer_for

from ..forms import VoteForm
from ..models import Ballot, Choice, Proposal, ProposalVersion
from ..services import DecisionError, cast_vote
from ..tally import THRESHOLD_PERCENT, tally


def proposal_page(view):
    """Call `view(request, proposal, role, ...)` for someone who may read the proposal at `slug`/`proposal_id`."""

    @wraps(view)
    def wrapped(request, slug, proposal_id, **kwargs):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        project = get_object_or_404(projects_for_pages(), slug=slug)
        role = project_role(viewer, project)
        if role < ProjectRole.HOUSEHOLD:
            raise Http404
        proposal = get_object_or_404(
            Proposal.objects.select_related("current_version"), project=project, pk=proposal_id
        )
        if proposal.status == Proposal.Status.DRAFT and role != ProjectRole.STAFF:
            raise Http404
        proposal.project = project
        return view(request, proposal, role, **kwargs)

    return wrapped


@proposal_page
def proposal_detail(request, proposal, role):
    return _render_proposal(request, proposal, role)


def _render_proposal(request, proposal, role, form=None):
    """The proposal page; `form` is a vote form that came back with an error, shown in its place."""
    household = viewer_for(request).household if role == ProjectRole.HOUSEHOLD else None
    version = proposal.current_version
    previous = None
    if version is not None and version.number > 1:
        previous = ProposalVersion.objects.filter(proposal=proposal, number__lt=version.number).order_by("-number")
        previous = previous.values_list("number", flat=True).first()
    own_ballot, in_scope = None, False
    if household is not None and version is not None:
        in_scope = version.scope.filter(pk=household.pk).exists()
        own_ballot = Ballot.objects.filter(proposal=proposal, household=household, version=version).first()
    can_vote = in_scope and proposal.status == Proposal.Status.OPEN
    if can_vote and form is None:
        form = VoteForm(initial={"choice": own_ballot.choice} if own_ballot else None)
    return render(
        request,
        "decisions/proposal_detail.html",
        {
            "project": proposal.project,
            "proposal": proposal,
            "version": version,
            "previous_number": previous,
            "tally": tally(proposal),
            "threshold": THRESHOLD_PERCENT,
            "household": household,
            "in_scope": in_scope,
            "own_ballot": own_ballot,
            "form": form if can_vote else None,
            "Choice": Choice,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@proposal_page
def proposal_vote(request, proposal, role):
    if role != ProjectRole.HOUSEHOLD:
        raise PermissionDenied
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _render_proposal(request, proposal, role, form=form)
    if refusal := vote_refusal(request):
        form.add_error(None, refusal)
        response = _render_proposal(request, proposal, role, form=form)
        response.status_code = 429
        return response
    choice = form.cleaned_data["choice"]
    try:
        cast_vote(proposal, viewer_for(request).household, choice, by=request.user)
    except DecisionError as error:
        messages.error(request, str(error))
    else:
        if choice == Choice.AGREE:
            messages.success(request, _("Thank you. Your household's vote is saved: you agree with the proposal."))
        else:
            messages.success(
                request, _("Thank you. Your household's vote is saved: you do not agree with the proposal.")
            )
    return redirect(reverse("proposal_detail", args=[proposal.project.slug, proposal.pk]) + "#my-vote")


urlpatterns = [
    path("projecten/<slug:slug>/voorstellen/<int:proposal_id>/", proposal_detail, name="proposal_detail"),
    path("projecten/<slug:slug>/voorstellen/<int:proposal_id>/stemmen/", proposal_vote, name="proposal_vote"),
]
