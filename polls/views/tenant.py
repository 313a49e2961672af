"""Poll pages for the people of a project: the list of its polls, a poll with its question, a form to vote or change
the vote while it is open, and its results when the poll's rule allows (polls.results.results_visible).

Who gets what: the project's households, its contractors and the corporation's staff may read open and closed polls;
only a household member votes (contractors and staff get 403 on the vote). Anonymous visitors go to the login page;
anyone else signed in gets 404, as if the poll did not exist. A draft is for staff only.
Live results refresh with htmx every 10 seconds from the results fragment; without JavaScript the page shows the
results of the moment it was loaded. Results are counts only: never who voted what.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback.text import render as render_markdown
from projects.permissions import ProjectRole, project_role
from projects.selectors import projects_for_pages
from renovatie.ratelimits import vote_refusal
from tenants.permissions import viewer_for

from ..forms import VoteForm
from ..models import Poll
from ..results import results, results_visible
from ..selectors import own_vote, polls_for
from ..services import PollError, cast_vote


def project_page(view):
    """Call `view(request, project, role, ...)` for someone in the project at `slug` (household, contractor, staff)."""

    @wraps(view)
    def wrapped(request, slug, **kwargs):
        viewer = viewer_for(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        project = get_object_or_404(projects_for_pages(), slug=slug)
        role = project_role(viewer, project)
        if role < ProjectRole.HOUSEHOLD:
            raise Http404
        return view(request, project, role, **kwargs)

    return wrapped


def poll_page(view):
    """Call `view(request, poll, role, ...)` for someone who may read the poll at `slug`/`poll_id`."""

    @project_page
    @wraps(view)
    def wrapped(request, project, role, poll_id, **kwargs):
        poll = get_object_or_404(Poll, project=project, pk=poll_id)
        if poll.status == Poll.Status.DRAFT and role != ProjectRole.STAFF:
            raise Http404
        poll.project = project
        return view(request, poll, role, **kwargs)

    return wrapped


@project_page
def poll_list(request, project, role):
    viewer = viewer_for(request)
    return render(
        request,
        "polls/poll_list.html",
        {"project": project, "polls": polls_for(project, viewer, role), "is_household": role == ProjectRole.HOUSEHOLD},
    )


@poll_page
def poll_detail(request, poll, role):
    return _render_poll(request, poll, role)


def _render_poll(request, poll, role, form=None):
    """The poll page; `form` is a vote form that came back with an error, shown in its place."""
    viewer = viewer_for(request)
    is_household = role == ProjectRole.HOUSEHOLD
    vote = own_vote(poll, viewer) if is_household else None
    can_vote = is_household and poll.accepts_votes()
    if can_vote and form is None:
        initial = None
        if vote is not None:
            chosen = [option.pk for option in vote.options.all()]
            initial = {"options": chosen if poll.is_multiple else chosen[0] if chosen else None}
        form = VoteForm(poll=poll, initial=initial)
    visible = results_visible(poll, role)
    return render(
        request,
        "polls/poll_detail.html",
        {
            "project": poll.project,
            "poll": poll,
            "explanation": render_markdown(poll.explanation).html if poll.explanation else "",
            "is_household": is_household,
            "own_vote": vote,
            "chosen_labels": [option.label for option in vote.options.all()] if vote else [],
            "form": form if can_vote else None,
            "results": results(poll) if visible else None,
            "live": visible and poll.accepts_votes(),
            "voting_ended": poll.voting_ended(),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@poll_page
def poll_vote(request, poll, role):
    if role != ProjectRole.HOUSEHOLD:
        raise PermissionDenied
    if not poll.accepts_votes():
        messages.error(request, _("This poll is closed. You can no longer vote."))
        return redirect("poll_detail", poll.project.slug, poll.pk)
    form = VoteForm(request.POST, poll=poll)
    if form.is_valid() and (refusal := vote_refusal(request)):
        form.add_error(None, refusal)
        response = _render_poll(request, poll, role, form=form)
        response.status_code = 429
        return response
    if form.is_valid():
        try:
            cast_vote(poll, request.user, form.chosen())
        except PollError as error:
            form.add_error("options", str(error))
        else:
            messages.success(request, _("Thank you. Your vote is saved. You can change it until the poll closes."))
            return redirect(reverse("poll_detail", args=[poll.project.slug, poll.pk]) + "#my-vote")
    return _render_poll(request, poll, role, form=form)


@poll_page
def poll_results(request, poll, role):
    """The results fragment, which a live poll's page fetches every 10 seconds (htmx). When the results are the
    ones the page shows already (`seen`), the answer is 204 and htmx leaves the page alone, so screen readers only
    hear of a change."""
    if not results_visible(poll, role):
        raise PermissionDenied
    count = results(poll)
    live = poll.accepts_votes()
    if live and request.GET.get("seen") == count.fingerprint:
        return HttpResponse(status=204)
    context = {"poll": poll, "results": count, "live": live, "announce": True}
    return render(request, "polls/fragments/results.html", context)


urlpatterns = [
    path("projecten/<slug:slug>/peilingen/", poll_list, name="poll_list"),
    path("projecten/<slug:slug>/peilingen/<int:poll_id>/", poll_detail, name="poll_detail"),
    path("projecten/<slug:slug>/peilingen/<int:poll_id>/stemmen/", poll_vote, name="poll_vote"),
    path("projecten/<slug:slug>/peilingen/<int:poll_id>/uitslag/", poll_results, name="poll_results"),
]
