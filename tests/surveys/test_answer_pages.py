"""A household member answers on the page: one fieldset per question, "don't know" always offered, the scale with
words at its ends, a comment for a pulse; sees that the answer was saved; and finds waiting questions on "Mijn
renovatie"."""

import pytest

from surveys.models import Answer, Response

from .conftest import answer_pulse

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_the_answer_page_offers_the_scale_with_words_and_dont_know(signed_in, pulse):
    page = signed_in.get(f"/enquetes/{pulse.pk}/").content.decode()
    assert "<legend>Hoe gaat het met de renovatie?</legend>" in page
    assert "1 – heel slecht" in page and "5 – heel goed" in page
    assert 'value="dont_know"' in page and "Weet ik niet" in page
    assert "Toelichting (niet verplicht)" in page and "<textarea" in page


def test_a_household_answers_and_sees_it_was_saved(signed_in, pulse, households):
    question = pulse.questions.get()
    response = signed_in.post(
        f"/enquetes/{pulse.pk}/", {f"q{question.pk}": "4", "comment": "Fijne mensen"}, follow=True
    )
    page = response.content.decode()
    assert "Het antwoord van uw huishouden is opgeslagen." in page
    answer = Answer.objects.get()
    assert (answer.response.household, answer.score, answer.comment) == (households[0], 4, "Fijne mensen")


def test_dont_know_can_be_chosen_on_the_page(signed_in, pulse):
    question = pulse.questions.get()
    signed_in.post(f"/enquetes/{pulse.pk}/", {f"q{question.pk}": "dont_know"})
    answer = Answer.objects.get()
    assert answer.dont_know and answer.score is None


def test_sending_nothing_shows_a_dutch_message_at_the_question_and_saves_nothing(signed_in, pulse):
    response = signed_in.post(f"/enquetes/{pulse.pk}/", {})
    assert response.status_code == 400
    assert "Kies een antwoord, of &quot;weet ik niet&quot;." in response.content.decode()
    assert not Response.objects.exists()


def test_the_survey_page_has_a_fieldset_per_question_and_checkboxes_for_multiple_choice(
    client, open_survey, households
):
    from tests.factories import tenant

    client.force_login(tenant(households[0]))
    page = client.get(f"/enquetes/{open_survey.pk}/").content.decode()
    assert page.count("<fieldset") == 3  # single, multiple, scale; the open question is a textarea with a label
    assert 'type="checkbox"' in page and 'type="radio"' in page


def test_a_survey_answer_can_be_changed_on_the_page(client, open_survey, households):
    from tests.factories import tenant

    client.force_login(tenant(households[0]))
    single, multiple, scale, open_question = open_survey.questions.order_by("position")
    fiets, auto = single.options.order_by("position")[:2]
    groen = multiple.options.order_by("position")[0]
    data = {f"q{single.pk}": fiets.pk, f"q{multiple.pk}": [groen.pk], f"q{scale.pk}": "3", f"q{open_question.pk}": ""}
    client.post(f"/enquetes/{open_survey.pk}/", data)
    data[f"q{single.pk}"] = auto.pk
    client.post(f"/enquetes/{open_survey.pk}/", data)
    assert Response.objects.count() == 1
    assert list(Answer.objects.get(question=single).options.all()) == [auto]
    page = client.get(f"/enquetes/{open_survey.pk}/").content.decode()
    assert "Mijn wijzigingen opslaan" in page


def test_my_renovation_lists_the_pulse_waiting_for_the_household_until_it_is_answered(signed_in, pulse, households):
    assert "Hoe gaat het met de renovatie?" in signed_in.get("/mijn-renovatie/").content.decode()
    answer_pulse(pulse, households[:1], [3])
    assert "Hoe gaat het met de renovatie?" not in signed_in.get("/mijn-renovatie/").content.decode()


def test_the_project_page_shows_the_households_pulses(signed_in, pulse, project):
    page = signed_in.get(f"/projecten/{project.slug}/").content.decode()
    assert "Uw mening: pulsvragen en enquêtes" in page and "Wacht op uw antwoord" in page


def test_the_households_list_does_not_grow_in_queries_with_pulses(
    signed_in, project, households, django_assert_max_num_queries
):
    from surveys import services

    url = f"/projecten/{project.slug}/enquetes/"
    answer_pulse(services.send_pulse(project, services.PulseQuestion(text="Eerste")), households[:3], [3, 4, 5])
    signed_in.get(url)
    with django_assert_max_num_queries(20) as few:
        signed_in.get(url)
    for n in range(4):
        answer_pulse(services.send_pulse(project, services.PulseQuestion(text=f"Vraag {n}")), households, [2, 3, 4])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = signed_in.get(url).content.decode()
    assert all(f"Vraag {n}" in page for n in range(4)) and "U hebt geantwoord" in page


def test_the_public_project_page_shows_no_pulses(client, pulse, project):
    page = client.get(f"/projecten/{project.slug}/").content.decode()
    assert "pulsvragen" not in page.lower()


def test_after_closing_the_page_says_so_and_an_answer_is_not_saved(signed_in, pulse, staff_user):
    from surveys import services

    services.close_survey(pulse, by=staff_user)
    question = pulse.questions.get()
    page = signed_in.get(f"/enquetes/{pulse.pk}/").content.decode()
    assert "Deze enquête is gesloten." in page and '<form method="post" action="/enquetes/' not in page
    response = signed_in.post(f"/enquetes/{pulse.pk}/", {f"q{question.pk}": "4"}, follow=True)
    assert "U kunt geen antwoorden meer geven of veranderen." in response.content.decode()
    assert not Response.objects.exists()


def test_a_choice_pulse_is_answered_with_one_of_its_options(signed_in, project, households):
    from surveys import services

    pulse = services.send_pulse(
        project, services.PulseQuestion(text="Is de bouwplaats netjes?", kind="single", options=("Ja", "Nee"))
    )
    question = pulse.questions.get()
    nee = question.options.get(label="Nee")
    signed_in.post(f"/enquetes/{pulse.pk}/", {f"q{question.pk}": str(nee.pk)})
    assert list(Answer.objects.get().options.all()) == [nee]
