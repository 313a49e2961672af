"""Pulse and survey pages for the people of a project: the project's list, the answering page of a household that
was asked, and the results where they are shown.

Who sees what: anonymous visitors go to the login page. A household answers only what it was asked (else 404,
as if the survey did not exist). Results: staff of the corporation see everything, open answers included (never
with a name or address); the project's contractors see totals only; an invited household sees totals when the
corporation shares them. Everyone else gets 404. Below five responses nobody sees a result, staff included.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from projects.permissions import ProjectRole, project_role
from projects.selectors import projects_for_pages
from tenants.permissions import viewer_for

from ..forms import ResponseForm
from ..models import Answer, Invitation, Response, Survey
from ..results import survey_results
from ..selectors import surveys_of_project
from ..services import SurveyError, submit_response


def signed_in(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not viewer_for(request).is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


@signed_in
def project_surveys(request, slug):
    viewer = viewer_for(request)
    project = get_object_or_404(projects_for_pages(), slug=slug)
    role = project_role(viewer, project)
    if role < ProjectRole.HOUSEHOLD:
        raise Http404
    household = viewer.household if role == ProjectRole.HOUSEHOLD else None
    surveys = surveys_of_project(project, role, household)
    if household is not None:
        surveys = [survey for survey in surveys if survey.invited]
    return render(
        request,
        "surveys/project_surveys.html",
        {"project": project, "surveys": surveys, "is_household": household is not None, "role": role},
    )


def _invited_survey(request, survey_id):
    """The open-or-closed survey `survey_id` if the viewer's household was asked, else 404."""
    household = viewer_for(request).household
    survey = get_object_or_404(
        Survey.objects.select_related("project").exclude(status=Survey.Status.DRAFT), pk=survey_id
    )
    if household is None or not Invitation.objects.filter(survey=survey, household=household).exists():
        raise Http404
    return survey, household


@signed_in
def answer_survey(request, survey_id):
    survey, household = _invited_survey(request, survey_id)
    questions = list(survey.questions.prefetch_related("options"))
    response = Response.objects.filter(survey=survey, household=household).first()
    answers = {}
    if response is not None:
        answers = {
            answer.question_id: answer
            for answer in Answer.objects.filter(response=response).prefetch_related("options")
        }
    accepts = survey.accepts_answers()
    form = None
    if accepts:
        data = request.POST if request.method == "POST" else None
        form = ResponseForm(data, survey=survey, questions=questions, answers=answers)
        if request.method == "POST" and form.is_valid():
            try:
                submit_response(survey, household, form.replies(), by=request.user)
            except SurveyError as error:
                form.add_problems(getattr(error, "problems", {}))
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Thank you. Your household's answer is saved. You can change it until the survey closes.")
                    if survey.deadline
                    else _(
                        "Thank you. Your household's answer is saved. You can change it while the question is open."
                    ),
                )
                return redirect(reverse("survey_answer", args=[survey.pk]) + "#saved")
    elif request.method == "POST":
        messages.error(request, _("This survey is closed. Answers can no longer be given or changed."))
        return redirect("survey_answer", survey.pk)
    invalid = form is not None and form.is_bound
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "project": survey.project,
            "form": form,
            "response": response,
            "accepts": accepts,
            "results_link": survey.share_results,
        },
        status=400 if invalid else 200,
    )


@signed_in
def results_page(request, survey_id):
    viewer = viewer_for(request)
    survey = get_object_or_404(Survey.objects.select_related("project"), pk=survey_id)
    if viewer.is_staff_of(survey.corporation_id):
        audience = "staff"
    elif survey.status == Survey.Status.DRAFT:
        raise Http404
    elif survey.project is not None and project_role(viewer, survey.project) == ProjectRole.CONTRACTOR:
        audience = "contractor"
    elif (
        survey.share_results
        and viewer.household is not None
        and Invitation.objects.filter(survey=survey, household=viewer.household).exists()
    ):
        audience = "household"
    else:
        raise Http404
    results = survey_results(survey, with_open_answers=audience == "staff")
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "project": survey.project, "results": results, "audience": audience},
    )


urlpatterns = [
    path("projecten/<slug:slug>/enquetes/", project_surveys, name="project_surveys"),
    path("enquetes/<int:survey_id>/", answer_survey, name="survey_answer"),
    path("enquetes/<int:survey_id>/uitkomsten/", results_page, name="survey_results"),
]
