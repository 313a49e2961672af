"""Pulse and survey pages for corporation staff: the lists (per project, and for the whole corporation), sending a
pulse, making a survey with its questions, opening and closing it, and the results as CSV.

Anonymous visitors go to the login page, signed-in people who are not staff get 403, and staff of another
corporation get 404 for a project or survey that is not theirs. The results page itself is views/tenant.py's,
which shows staff the open answers too.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.decorators import staff_project_page
from projects.permissions import ProjectRole
from tenants.permissions import staff_required, viewer_for

from .. import services
from ..forms import QuestionForm, SurveyForm
from ..models import Question, Survey
from ..results import survey_results
from ..selectors import surveys_of_corporations, surveys_of_project
from ..services import PulseQuestion, SurveyError


def staff_survey_page(view):
    """View decorator: `view(request, survey, ...)` for a survey of the staff member's corporations (else 404)."""

    @staff_required
    @wraps(view)
    def wrapped(request, survey_id, **kwargs):
        viewer = viewer_for(request)
        survey = get_object_or_404(
            Survey.objects.select_related("project").filter(corporation_id__in=viewer.staff_corporation_ids),
            pk=survey_id,
        )
        return view(request, survey, **kwargs)

    return wrapped


@staff_project_page
def staff_project_surveys(request, project):
    return render(
        request,
        "surveys/staff/survey_list.html",
        {"project": project, "surveys": surveys_of_project(project, ProjectRole.STAFF)},
    )


@staff_required
def staff_all_surveys(request):
    viewer = viewer_for(request)
    return render(
        request,
        "surveys/staff/survey_list.html",
        {"project": None, "surveys": surveys_of_corporations(viewer.staff_corporation_ids)},
    )


@staff_project_page
def new_pulse(request, project):
    form = QuestionForm(request.POST or None, pulse=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = PulseQuestion(
            text=data["text"],
            kind=data["kind"],
            options=tuple(data["options"]) if data["kind"] == Question.Kind.SINGLE else (),
            low_label=data["low_label"],
            high_label=data["high_label"],
        )
        try:
            if question.kind == Question.Kind.SINGLE and len(question.options) < 2:
                raise SurveyError(_("Give at least two answers to choose from, one per line."))
            pulse = services.send_pulse(project, question, by=request.user)
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The pulse is sent to %(count)s households.") % {"count": pulse.invitations.count()},
            )
            return redirect("staff_survey", pulse.pk)
    return render(
        request,
        "surveys/staff/new_pulse.html",
        {"project": project, "form": form},
        status=400 if form.is_bound else 200,
    )


def _complex_choices(project):
    return [(complex_.pk, str(complex_)) for complex_ in project.complexes.order_by("code")]


@staff_project_page
def new_survey(request, project):
    form = SurveyForm(request.POST or None, complexes=_complex_choices(project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.create_survey(
                project.corporation,
                project=project,
                title=data["title"],
                introduction=data["introduction"],
                target=data["target"],
                complexes=project.complexes.filter(pk__in=data["complexes"]),
                deadline=data["deadline"],
                share_results=data["share_results"],
                by=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey is saved as a draft. Now add the questions."))
            return redirect("staff_survey", survey.pk)
    return render(
        request,
        "surveys/staff/new_survey.html",
        {"project": project, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_survey_page
def staff_survey(request, survey):
    return _render_survey(request, survey)


def _render_survey(request, survey, question_form=None):
    """The staff page of a survey; `question_form` is a question form that came back with an error."""
    results = survey_results(survey)
    return render(
        request,
        "surveys/staff/survey.html",
        {
            "survey": survey,
            "project": survey.project,
            "questions": list(survey.questions.prefetch_related("options")),
            "question_form": question_form or QuestionForm(),
            "results": results,
            "now": timezone.now(),
        },
        status=400 if question_form is not None else 200,
    )


@require_POST
@staff_survey_page
def add_question(request, survey):
    form = QuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_question(
                survey,
                text=data["text"],
                kind=data["kind"],
                options=data["options"] if data["kind"] in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else (),
                low_label=data["low_label"],
                high_label=data["high_label"],
                by=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question is added."))
            return redirect("staff_survey", survey.pk)
    return _render_survey(request, survey, question_form=form)


@require_POST
@staff_survey_page
def remove_question(request, survey, question_id):
    question = get_object_or_404(Question, survey=survey, pk=question_id)
    try:
        services.remove_question(question, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question is removed."))
    return redirect("staff_survey", survey.pk)


@require_POST
@staff_survey_page
def open_survey(request, survey):
    try:
        services.open_survey(survey, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The survey is open. %(count)s households are invited.") % {"count": survey.invitations.count()}
        )
    return redirect("staff_survey", survey.pk)


@require_POST
@staff_survey_page
def close_survey(request, survey):
    try:
        services.close_survey(survey, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The survey is closed. Nobody can answer any more."))
    return redirect("staff_survey", survey.pk)


@staff_survey_page
def results_csv(request, survey):
    """The research summary as CSV: per question and answer the count and percentage, the "don't know" share, and
    the open answers, without who gave them. Below five responses only the response rate."""
    results = survey_results(survey, with_open_answers=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}-uitkomsten.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Question"), _("Answer"), _("Count"), _("Percentage")])
    writer.writerow(
        [_("Response rate"), f"{results.responses} / {results.invited}", results.responses, results.response_percent]
    )
    if not results.shown:
        writer.writerow(
            [_("Results are shown from five responses on, so that no answer can be traced to a household.")]
        )
        return response
    for result in results.questions:
        text = result.question.text
        for bar in result.bars:
            writer.writerow([text, bar.label, bar.count, bar.percent])
        if result.question.kind != Question.Kind.OPEN:
            writer.writerow([text, _("Don't know"), result.dont_know, result.dont_know_percent])
        if result.average is not None:
            writer.writerow([text, _("Average (1–5)"), "", f"{result.average:.1f}"])
        for answer in result.open_answers:
            writer.writerow([text, answer, "", ""])
        for comment in result.comments:
            writer.writerow([text, _("Comment: %(comment)s") % {"comment": comment}, "", ""])
    return response


urlpatterns = [
    path("beheer/enquetes/", staff_all_surveys, name="staff_all_surveys"),
    path("beheer/projecten/<slug:slug>/enquetes/", staff_project_surveys, name="staff_project_surveys"),
    path("beheer/projecten/<slug:slug>/enquetes/nieuwe-pulsvraag/", new_pulse, name="staff_new_pulse"),
    path("beheer/projecten/<slug:slug>/enquetes/nieuwe-enquete/", new_survey, name="staff_new_survey"),
    path("beheer/enquetes/<int:survey_id>/", staff_survey, name="staff_survey"),
    path("beheer/enquetes/<int:survey_id>/vragen/", add_question, name="staff_add_question"),
    path(
        "beheer/enquetes/<int:survey_id>/vragen/<int:question_id>/weghalen/",
        remove_question,
        name="staff_remove_question",
    ),
    path("beheer/enquetes/<int:survey_id>/openen/", open_survey, name="staff_open_survey"),
    path("beheer/enquetes/<int:survey_id>/sluiten/", close_survey, name="staff_close_survey"),
    path("beheer/enquetes/<int:survey_id>/uitkomsten.csv", results_csv, name="staff_survey_csv"),
]
