"""Staff's view of a project's notifications: what was sent to whom, by which channel and whether it went out;
and the letters for households that are not online (collected into a batch, printed, marked as sent on paper).

Anonymous visitors go to the login page, people who are not staff get 403, staff of another corporation 404.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.views.decorators.http import require_POST

from projects.decorators import staff_project_page

from .. import selectors, services
from ..models import LetterBatch
from ..rendering import message, text_of

PER_PAGE = 50


@staff_project_page
def sent_log(request, project):
    page = Paginator(selectors.sent_in_project(project), PER_PAGE).get_page(request.GET.get("pagina"))
    for notification in page:
        notification.text = text_of(notification)
    context = {
        "project": project,
        "page": page,
        "counts": selectors.delivery_counts(project),
        "paper_waiting": selectors.paper_waiting(project).count(),
    }
    return render(request, "notifications/staff/sent_log.html", context)


@staff_project_page
def letters(request, project):
    waiting = list(selectors.paper_waiting(project))
    for notice in waiting:
        notice.text = message(notice.event, notice.params)
    context = {"project": project, "waiting": waiting, "batches": selectors.letter_batches(project)}
    return render(request, "notifications/staff/letters.html", context)


@require_POST
@staff_project_page
def make_batch(request, project):
    try:
        batch = services.make_letter_batch(project, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("notification_letters", slug=project.slug)
    return redirect("notification_letter_batch", slug=project.slug, batch_id=batch.pk)


@staff_project_page
def letter_batch(request, project, batch_id):
    batch = get_object_or_404(LetterBatch, project=project, pk=batch_id)
    letters = selectors.letters_in(batch)
    with translation.override(settings.LANGUAGE_CODE):  # letters go out in Dutch, whoever prints them
        for _household, notices in letters:
            for notice in notices:
                notice.text = message(notice.event, notice.params)
    context = {"project": project, "batch": batch, "letters": letters}
    return render(request, "notifications/staff/letter_batch.html", context)


@require_POST
@staff_project_page
def mark_posted(request, project, batch_id):
    batch = get_object_or_404(LetterBatch, project=project, pk=batch_id)
    try:
        services.mark_batch_posted(batch, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("notification_letters", slug=project.slug)


urlpatterns = [
    path("beheer/projecten/<slug:slug>/meldingen/", sent_log, name="notification_sent_log"),
    path("beheer/projecten/<slug:slug>/meldingen/brieven/", letters, name="notification_letters"),
    path("beheer/projecten/<slug:slug>/meldingen/brieven/nieuw/", make_batch, name="notification_make_batch"),
    path(
        "beheer/projecten/<slug:slug>/meldingen/brieven/<int:batch_id>/", letter_batch, name="notification_letter_batch"
    ),
    path(
        "beheer/projecten/<slug:slug>/meldingen/brieven/<int:batch_id>/verstuurd/",
        mark_posted,
        name="notification_mark_posted",
    ),
]
