"""The results page reads like a research summary; below five responses it says why nothing is shown, to everyone,
staff included. Contractors see totals, never the open answers; nobody sees a name or an address."""

import pytest

from surveys import services
from tests.factories import contractor_member, staff_member, tenant

from .conftest import answer_pulse, full_reply

pytestmark = pytest.mark.django_db

HIDDEN = "We tonen de uitkomsten pas bij vijf reacties of meer. Dat geldt voor iedereen, ook voor medewerkers."


def test_with_four_responses_staff_see_the_response_rate_and_why_nothing_else(client, pulse, households, staff_user):
    answer_pulse(pulse, households, [5, 4, 4, 2])
    client.force_login(staff_user)
    page = client.get(f"/enquetes/{pulse.pk}/uitkomsten/").content.decode()
    assert HIDDEN in page and "4 van de 10 huishoudens (40%)" in page
    assert "<svg" not in page


def test_with_five_responses_the_chart_and_its_table_are_shown(client, pulse, households, member):
    answer_pulse(pulse, households, [5, 4, 4, 2, None])
    client.force_login(member)
    page = client.get(f"/enquetes/{pulse.pk}/uitkomsten/").content.decode()
    assert HIDDEN not in page and "5 van de 10 huishoudens (50%)" in page
    assert "<svg" in page and 'aria-hidden="true"' in page and "<details" in page
    assert "“Weet ik niet”: 1 (20%)." in page and "Gemiddeld: 3,8 van de 5." in page


def test_staff_read_open_answers_and_comments_without_names_or_addresses(client, open_survey, households, staff_user):
    for n, household in enumerate(households[:5]):
        services.submit_response(open_survey, household, full_reply(open_survey, text=f"Idee nummer {n}"), by=None)
    client.force_login(staff_user)
    page = client.get(f"/enquetes/{open_survey.pk}/uitkomsten/").content.decode()
    assert all(f"Idee nummer {n}" in page for n in range(5))
    assert "Kanaalstraat" not in page and "Buur" not in page


def test_contractors_see_totals_but_never_open_answers(client, open_survey, project, households):
    for n, household in enumerate(households[:5]):
        services.submit_response(open_survey, household, full_reply(open_survey, text=f"Idee nummer {n}"), by=None)
    contractor = contractor_member(project.corporation)
    project.contractors.add(contractor.memberships.get().organisation)
    client.force_login(contractor)
    page = client.get(f"/enquetes/{open_survey.pk}/uitkomsten/").content.decode()
    assert "Fiets" in page and "Idee nummer" not in page


def test_a_household_does_not_see_results_the_corporation_keeps_to_itself(client, project, households, staff_user):
    survey = services.create_survey(
        project.corporation, project=project, title="Intern", by=staff_user, share_results=False
    )
    services.add_question(survey, text="Cijfer?", kind="scale")
    survey.deadline = None
    services.send_pulse  # noqa: B018 - nothing; surveys open with a deadline, set below
    from datetime import timedelta

    from django.utils import timezone

    survey.deadline = timezone.now() + timedelta(days=3)
    survey.save()
    services.open_survey(survey, by=staff_user)
    client.force_login(tenant(households[0]))
    assert client.get(f"/enquetes/{survey.pk}/uitkomsten/").status_code == 404


def test_the_results_page_does_not_grow_in_queries_with_the_answers(
    client, open_survey, households, staff_user, django_assert_max_num_queries
):
    def answer(first, last):
        for household in households[first:last]:
            services.submit_response(open_survey, household, full_reply(open_survey, text="Iets"), by=None)

    answer(0, 5)
    client.force_login(staff_member(open_survey.corporation))
    url = f"/enquetes/{open_survey.pk}/uitkomsten/"
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    answer(5, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
