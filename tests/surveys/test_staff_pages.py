"""Staff send a pulse, make a survey with its questions, open and close it, list them per project, and download the
results as CSV (no names or addresses, and nothing below five responses)."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from surveys import services
from surveys.models import Response, Survey

from .conftest import answer_pulse, full_reply, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, staff_user):
    client.force_login(staff_user)
    return client


def test_staff_send_a_pulse_with_choices_from_the_project(
    signed_in, project, recorded_events, django_capture_on_commit_callbacks
):
    url = f"/beheer/projecten/{project.slug}/enquetes/nieuwe-pulsvraag/"
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"text": "Is de bouwplaats netjes?", "kind": "single", "options": "Ja\nNee\n"})
    pulse = Survey.objects.get()
    assert response["Location"] == f"/beheer/enquetes/{pulse.pk}/"
    assert pulse.is_pulse and pulse.status == "open" and pulse.invitations.count() == 10
    assert [o.label for o in pulse.questions.get().options.all()] == ["Ja", "Nee"]
    assert [event.name for event in recorded_events] == ["pulse.sent"]


def test_a_choice_pulse_without_two_answers_is_refused_in_dutch(signed_in, project):
    url = f"/beheer/projecten/{project.slug}/enquetes/nieuwe-pulsvraag/"
    response = signed_in.post(url, {"text": "Is de bouwplaats netjes?", "kind": "single", "options": "Ja"})
    assert response.status_code == 400
    assert "Geef minstens twee antwoorden om uit te kiezen" in response.content.decode()
    assert not Survey.objects.exists()


def test_staff_make_a_survey_add_questions_and_open_it(
    signed_in, project, recorded_events, django_capture_on_commit_callbacks
):
    response = signed_in.post(
        f"/beheer/projecten/{project.slug}/enquetes/nieuwe-enquete/",
        {"title": "Wonen", "target": "project", "deadline": "2099-01-31T17:00", "share_results": "on"},
    )
    survey = Survey.objects.get()
    assert response["Location"] == f"/beheer/enquetes/{survey.pk}/"
    signed_in.post(
        f"/beheer/enquetes/{survey.pk}/vragen/",
        {"text": "Hoe komt u thuis?", "kind": "single", "options": "Fiets\nAuto"},
    )
    signed_in.post(f"/beheer/enquetes/{survey.pk}/vragen/", {"text": "Nog iets?", "kind": "open"})
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(f"/beheer/enquetes/{survey.pk}/openen/")
    survey.refresh_from_db()
    assert survey.status == "open" and survey.invitations.count() == 10
    assert [q.kind for q in survey.questions.all()] == ["single", "open"]
    [event] = recorded_events
    assert event.name == "survey.opened" and event.data["survey"] == survey and event.data["project"] == project
    assert len(event.data["households"]) == 10


def test_a_survey_for_some_complexes_invites_only_their_households(project, staff_user):
    from projects.models import HomePlan
    from tests.factories import ComplexFactory, HouseholdFactory

    other = ComplexFactory(corporation=project.corporation)
    project.complexes.add(other)
    extra = [HouseholdFactory(dwelling__complex=other) for _ in range(3)]
    HomePlan.objects.bulk_create(HomePlan(project=project, household=household) for household in extra)
    survey = make_survey(project, staff_user, target="complexes", complexes=[other])
    services.open_survey(survey, by=staff_user)
    assert set(survey.households.all()) == set(extra)


def test_a_survey_for_all_tenants_has_no_project_and_says_so(
    project, staff_user, recorded_events, django_capture_on_commit_callbacks
):
    survey = make_survey(project, staff_user, target="corporation")
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey(survey, by=staff_user)
    assert survey.project is None and survey.invitations.count() == 10
    assert recorded_events[0].data["project"] is None


def test_staff_close_a_survey(signed_in, open_survey):
    signed_in.post(f"/beheer/enquetes/{open_survey.pk}/sluiten/")
    open_survey.refresh_from_db()
    assert open_survey.status == "closed"


def test_the_project_list_does_not_grow_in_queries_with_surveys_and_answers(
    signed_in, project, households, django_assert_max_num_queries
):
    url = f"/beheer/projecten/{project.slug}/enquetes/"
    pulse = services.send_pulse(project, services.PulseQuestion(text="Een"))
    answer_pulse(pulse, households[:2], [3, 4])
    signed_in.get(url)
    with django_assert_max_num_queries(20) as few:
        signed_in.get(url)
    for n in range(5):
        more = services.send_pulse(project, services.PulseQuestion(text=f"Meer {n}"))
        answer_pulse(more, households, [1, 2, 3, 4, 5, None, 5, 4])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = signed_in.get(url).content.decode()
    assert all(f"Meer {n}" in page for n in range(5))


def test_the_staff_dashboard_shows_the_sentiment_line_at_a_constant_query_count(
    signed_in, project, households, django_assert_max_num_queries
):
    url = f"/beheer/projecten/{project.slug}/"
    answer_pulse(services.send_pulse(project, services.PulseQuestion(text="Start")), households, [3, 3, 4, 4, 5])
    signed_in.get(url)
    with django_assert_max_num_queries(60) as few:
        signed_in.get(url)
    for n in range(3):
        pulse = services.send_pulse(project, services.PulseQuestion(text=f"Week {n}"))
        answer_pulse(pulse, households, [4, 4, 3, 5, 2, 4])
        Response.objects.filter(survey=pulse).update(submitted_at=timezone.now() - timedelta(weeks=n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = signed_in.get(url).content.decode()
    assert "Hoe huishoudens zich voelen" in page and "<polyline" in page and page.count('class="chart-dot"') == 4


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_gives_counts_percentages_dont_know_and_open_answers(signed_in, open_survey, households):
    for n, household in enumerate(households[:6]):
        reply = (
            full_reply(open_survey, single="Fiets" if n < 4 else "Bus", text=f"Tekst {n}")
            if n < 5
            else full_reply(open_survey, dont_know=True)
        )
        services.submit_response(open_survey, household, reply, by=None)
    response = signed_in.get(f"/beheer/enquetes/{open_survey.pk}/uitkomsten.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == ["Vraag", "Antwoord", "Aantal", "Percentage"]
    assert rows[1] == ["Respons", "6 / 10", "6", "60"]
    assert ["Hoe komt u meestal thuis?", "Fiets", "4", "80"] in rows
    assert ["Hoe komt u meestal thuis?", "Bus", "1", "20"] in rows
    assert ["Hoe komt u meestal thuis?", "Weet ik niet", "1", "17"] in rows
    assert ["Wat wilt u ons nog zeggen?", "Tekst 3", "", ""] in rows
    flat = " ".join(" ".join(row) for row in rows)
    assert "Kanaalstraat" not in flat and "Buur" not in flat


def test_the_csv_below_five_responses_gives_only_the_response_rate(signed_in, open_survey, households):
    for household in households[:4]:
        services.submit_response(open_survey, household, full_reply(open_survey, text="Geheim"), by=None)
    rows = read_csv(signed_in.get(f"/beheer/enquetes/{open_survey.pk}/uitkomsten.csv"))
    assert rows[1] == ["Respons", "4 / 10", "4", "40"]
    assert len(rows) == 3 and "vijf reacties" in rows[2][0]
