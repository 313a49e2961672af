"""Poll pages for corporation staff: the project's polls, making and changing one (while nobody has voted), opening
and closing it, and its results at any time. Staff see counts only, like everyone: polls are anonymous.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a project or poll that is not theirs.
"""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback.text import render as render_markdown
from projects.decorators import staff_project_page
from projects.permissions import ProjectRole
from tenants.permissions import viewer_for

from .. import services
from ..forms import PaperVoteForm, PollForm
from ..models import Poll
from ..results import results
from ..selectors import polls_for, project_households


def staff_poll_page(view):
    """View decorator: `view(request, poll, ...)` for a poll of a project of the staff member's corporations."""

    @staff_project_page
    @wraps(view)
    def wrapped(request, project, poll_id, **kwargs):
        poll = get_object_or_404(Poll, project=project, pk=poll_id)
        poll.project = project
        return view(request, poll, **kwargs)

    return wrapped


@staff_project_page
def staff_polls(request, project):
    polls = polls_for(project, viewer_for(request), ProjectRole.STAFF)
    return render(request, "polls/staff/poll_list.html", {"project": project, "polls": polls})


@staff_project_page
def staff_new_poll(request, project):
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.create_poll(project, by=request.user, **form.poll_fields())
        except services.PollError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The poll is saved as a draft. Open it when it is ready."))
            return redirect("staff_poll", project.slug, poll.pk)
    context = {"project": project, "form": form, "poll": None}
    return render(request, "polls/staff/poll_form.html", context, status=400 if form.is_bound else 200)


def _households(poll):
    """(household, address) of every household of the project, in street order, for the paper vote."""
    households = project_households(poll.project).select_related("dwelling")
    households = households.order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    return [(household, household.dwelling.address) for household in households]


def _paper_form(poll, data=None):
    """The form for a vote given on paper, for an open household poll (else None)."""
    if poll.per_person or not poll.accepts_votes():
        return None
    choices = [(household.pk, address) for household, address in _households(poll)]
    return PaperVoteForm(data, poll=poll, households=choices)


@staff_poll_page
def staff_poll(request, poll):
    return _render_staff_poll(request, poll)


def _render_staff_poll(request, poll, paper_form=None):
    context = {
        "project": poll.project,
        "poll": poll,
        "explanation": render_markdown(poll.explanation).html if poll.explanation else "",
        "options": list(poll.options.all()),
        "results": results(poll),
        "changeable": poll.status != Poll.Status.CLOSED and not poll.votes.exists(),
        "voting_ended": poll.voting_ended(),
        "live": poll.accepts_votes(),
        "paper_form": paper_form or _paper_form(poll),
    }
    return render(request, "polls/staff/poll.html", context, status=400 if paper_form else 200)


@require_POST
@staff_poll_page
def staff_paper_vote(request, poll):
    form = _paper_form(poll, request.POST)
    if form is None:
        messages.error(request, _("Votes on paper can only be entered in an open poll with one vote per household."))
        return redirect("staff_poll", poll.project.slug, poll.pk)
    if form.is_valid():
        household = project_households(poll.project).get(pk=form.cleaned_data["household"])
        try:
            services.record_household_vote(poll, household, form.chosen())
        except services.PollError as error:
            form.add_error("options", str(error))
        else:
            messages.success(request, _("The vote on paper is entered. It counts like a vote given online."))
            return redirect(reverse("staff_poll", args=[poll.project.slug, poll.pk]) + "#paper-vote")
    return _render_staff_poll(request, poll, paper_form=form)


@staff_poll_page
def staff_edit_poll(request, poll):
    if request.method == "POST":
        form = PollForm(request.POST)
        if form.is_valid():
            try:
                services.update_poll(poll, by=request.user, **form.poll_fields())
            except services.PollError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The poll is changed."))
                return redirect("staff_poll", poll.project.slug, poll.pk)
    elif poll.status == Poll.Status.CLOSED:
        messages.error(request, _("This poll is closed and can no longer be changed."))
        return redirect("staff_poll", poll.project.slug, poll.pk)
    elif poll.votes.exists():
        messages.error(request, _("Someone has voted already, so this poll can no longer be changed."))
        return redirect("staff_poll", poll.project.slug, poll.pk)
    else:
        form = PollForm.for_poll(poll)
    context = {"project": poll.project, "form": form, "poll": poll}
    return render(request, "polls/staff/poll_form.html", context, status=400 if form.is_bound else 200)


@require_POST
@staff_poll_page
def staff_open_poll(request, poll):
    try:
        services.open_poll(poll, by=request.user)
    except services.PollError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The poll is open. The households of the project can vote now."))
    return redirect("staff_poll", poll.project.slug, poll.pk)


@require_POST
@staff_poll_page
def staff_close_poll(request, poll):
    try:
        services.close_poll(poll, by=request.user)
    except services.PollError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The poll is closed."))
    return redirect("staff_poll", poll.project.slug, poll.pk)


PREFIX = "beheer/projecten/<slug:slug>/peilingen/"

urlpatterns = [
    path(PREFIX, staff_polls, name="staff_polls"),
    path(PREFIX + "nieuw/", staff_new_poll, name="staff_new_poll"),
    path(PREFIX + "<int:poll_id>/", staff_poll, name="staff_poll"),
    path(PREFIX + "<int:poll_id>/wijzigen/", staff_edit_poll, name="staff_edit_poll"),
    path(PREFIX + "<int:poll_id>/openen/", staff_open_poll, name="staff_open_poll"),
    path(PREFIX + "<int:poll_id>/sluiten/", staff_close_poll, name="staff_close_poll"),
    path(PREFIX + "<int:poll_id>/papieren-stem/", staff_paper_vote, name="staff_poll_paper_vote"),
]
