"""The poll pages for the people of a project: the list, the question with its form, and the results when the rule
allows them, refreshing every 10 seconds while a live poll is open."""

import re

import pytest
from django.urls import reverse

from polls import services
from polls.models import Poll, PollVote
from tests.factories import contractor_member

from .conftest import end_voting, make_poll, option_ids, vote

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page(client, poll, **headers):
    return client.get(reverse("poll_detail", args=[poll.project.slug, poll.pk]), **(headers or ENGLISH))


def post_vote(client, poll, data):
    return client.post(reverse("poll_vote", args=[poll.project.slug, poll.pk]), data, **ENGLISH)


def test_the_list_shows_open_polls_first_and_whether_the_household_voted(client, project, staff_user, tenants):
    closed = make_poll(project, staff_user, question="Welke bomen komen er?", options=["Eik", "Linde"])
    services.close_poll(closed, by=staff_user)
    voted = make_poll(project, staff_user, question="Welke dag past het best?", options=["Maandag", "Dinsdag"])
    not_voted = make_poll(project, staff_user)
    vote(voted, tenants[0], "Maandag")
    client.force_login(tenants[0])

    html = client.get(reverse("poll_list", args=[project.slug]), **ENGLISH).content.decode()

    assert html.index(not_voted.question) < html.index(closed.question)
    assert html.index(voted.question) < html.index(closed.question)
    voted_item = html[html.index(voted.question) : html.index("</li>", html.index(voted.question))]
    assert "you voted" in voted_item
    open_item = html[html.index(not_voted.question) : html.index("</li>", html.index(not_voted.question))]
    assert "not voted yet" in open_item


def test_a_single_choice_poll_asks_with_radio_buttons_in_a_fieldset(client, open_poll, tenants):
    client.force_login(tenants[0])
    html = page(client, open_poll).content.decode()
    assert f"<legend>{open_poll.question}</legend>" in html
    assert html.count('type="radio"') == 4
    assert f'action="{reverse("poll_vote", args=[open_poll.project.slug, open_poll.pk])}"' in html


def test_a_multiple_choice_poll_asks_with_checkboxes_and_says_how_many(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE, max_choices=2)
    client.force_login(tenants[0])
    html = page(client, poll).content.decode()
    assert html.count('type="checkbox"') == 4
    assert "Choose at most 2 answers." in html


def test_a_household_votes_and_sees_its_choice_preselected(client, open_poll, tenants):
    client.force_login(tenants[0])
    response = post_vote(client, open_poll, {"options": option_ids(open_poll, "Okergeel")})
    assert response.status_code == 302
    html = page(client, open_poll).content.decode()
    assert "You chose: Okergeel" in html
    (chosen,) = option_ids(open_poll, "Okergeel")
    assert re.search(rf'<input type="radio" name="options" value="{chosen}"[^>]* checked>', html)
    assert "Change my vote" in html


def test_changing_the_vote_keeps_one_vote_with_the_new_choice(client, open_poll, tenants):
    client.force_login(tenants[0])
    post_vote(client, open_poll, {"options": option_ids(open_poll, "Okergeel")})
    post_vote(client, open_poll, {"options": option_ids(open_poll, "Antraciet")})
    (only,) = PollVote.objects.filter(poll=open_poll)
    assert [option.label for option in only.options.all()] == ["Antraciet"]


def test_voting_without_a_choice_says_so_in_dutch_and_saves_nothing(client, open_poll, tenants):
    client.force_login(tenants[0])
    response = client.post(
        reverse("poll_vote", args=[open_poll.project.slug, open_poll.pk]), {}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert "Kies een antwoord." in response.content.decode()
    assert not PollVote.objects.exists()


def test_too_many_choices_are_refused_on_the_page(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE, max_choices=1)
    client.force_login(tenants[0])
    response = post_vote(client, poll, {"options": option_ids(poll, "Okergeel", "Antraciet")})
    assert response.status_code == 400
    assert "Please choose at most 1 answer." in response.content.decode()
    assert not PollVote.objects.exists()


def test_voting_in_a_closed_poll_sends_back_with_a_message(client, open_poll, staff_user, tenants):
    services.close_poll(open_poll, by=staff_user)
    client.force_login(tenants[0])
    response = post_vote(client, open_poll, {"options": option_ids(open_poll, "Okergeel")})
    assert response.status_code == 302
    html = client.get(response["Location"], **ENGLISH).content.decode()
    assert "This poll is closed. You can no longer vote." in html
    assert not PollVote.objects.exists()


def test_live_results_refresh_every_ten_seconds_while_open(client, open_poll, tenants):
    vote(open_poll, tenants[1], "Antraciet")
    client.force_login(tenants[0])
    html = page(client, open_poll).content.decode()
    assert 'hx-trigger="every 10s"' in html
    assert f'hx-get="{reverse("poll_results", args=[open_poll.project.slug, open_poll.pk])}?seen=' in html
    assert "1 household voted" in html and "of 10 households in the project (10%)." in html
    assert '<th scope="row">Antraciet</th>' in html and "100%" in html


def test_the_results_fragment_answers_204_when_nothing_changed(client, open_poll, tenants):
    from polls.results import results

    client.force_login(tenants[0])
    url = reverse("poll_results", args=[open_poll.project.slug, open_poll.pk])
    seen = results(open_poll).fingerprint
    assert client.get(url, {"seen": seen}).status_code == 204
    vote(open_poll, tenants[1], "Antraciet")
    changed = client.get(url, {"seen": seen}, **ENGLISH)
    assert changed.status_code == 200
    assert "The results changed. Number of voters: 1." in changed.content.decode()


def test_a_closed_poll_shows_its_results_without_refreshing(client, open_poll, staff_user, tenants):
    vote(open_poll, tenants[1], "Antraciet")
    services.close_poll(open_poll, by=staff_user)
    client.force_login(tenants[0])
    html = page(client, open_poll).content.decode()
    assert "hx-trigger" not in html
    assert '<th scope="row">Antraciet</th>' in html
    assert '<form method="post" action' not in html.split("my-vote-heading")[1].split("</section>")[0]


def test_results_after_closing_are_hidden_while_open_and_shown_once_ended(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, results_visibility=Poll.Visibility.AFTER_CLOSING)
    vote(poll, tenants[1], "Antraciet")
    client.force_login(tenants[0])
    html = page(client, poll).content.decode()
    assert "The results are shown when the poll has closed." in html and "Antraciet</th>" not in html
    end_voting(poll)
    assert '<th scope="row">Antraciet</th>' in page(client, poll).content.decode()


def test_staff_only_results_are_never_on_the_households_page(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, results_visibility=Poll.Visibility.STAFF_ONLY)
    vote(poll, tenants[1], "Antraciet")
    services.close_poll(poll, by=staff_user)
    client.force_login(tenants[0])
    html = page(client, poll).content.decode()
    assert "Antraciet</th>" not in html and "1 household voted" not in html
    assert client.get(reverse("poll_results", args=[project.slug, poll.pk])).status_code == 403


def test_a_contractor_reads_the_poll_without_a_form(client, project, open_poll):
    user = contractor_member(project.corporation)
    project.contractors.add(user.memberships.get().organisation)
    client.force_login(user)
    html = page(client, open_poll).content.decode()
    assert open_poll.question in html and 'type="radio"' not in html
    assert "Only the tenants of the project vote in polls." in html


def test_the_explanation_is_markdown_without_raw_html(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, explanation="Kies **samen** <script>alert(1)</script>")
    client.force_login(tenants[0])
    html = page(client, poll).content.decode()
    assert '<div class="poll-explanation"><p>Kies <strong>samen</strong> ' in html
    assert "<script>alert(1)" not in html


def test_no_page_says_who_voted_what(client, open_poll, households, tenants, staff_user):
    vote(open_poll, tenants[1], "Antraciet")
    address = households[1].dwelling.address
    for reader in (tenants[0], staff_user):
        client.force_login(reader)
        for url in (
            reverse("poll_detail", args=[open_poll.project.slug, open_poll.pk]),
            reverse("poll_results", args=[open_poll.project.slug, open_poll.pk]),
            reverse("staff_poll", args=[open_poll.project.slug, open_poll.pk]),
        ):
            html = client.get(url, **ENGLISH).content.decode()
            # The staff page offers every household of the project for a paper vote, voters and others alike.
            html = re.sub(r"<option [^>]*>[^<]*</option>", "", html)
            assert address not in html and tenants[1].email not in html


def test_the_staff_page_is_the_same_whichever_household_voted(client, open_poll, tenants, staff_user):
    def staff_page():
        html = client.get(reverse("staff_poll", args=[open_poll.project.slug, open_poll.pk]), **ENGLISH)
        return re.sub(r"[A-Za-z0-9]{64}", "<csrf token>", html.content.decode())

    client.force_login(staff_user)
    first = vote(open_poll, tenants[1], "Antraciet")
    when_the_second_voted = staff_page()
    first.delete()
    vote(open_poll, tenants[2], "Antraciet")
    assert staff_page() == when_the_second_voted


def test_the_poll_page_reads_in_dutch(client, open_poll, tenants):
    vote(open_poll, tenants[1], "Antraciet")
    client.force_login(tenants[0])
    html = page(client, open_poll, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "1 huishouden heeft gestemd" in html
    assert "Stemmen per antwoord" in html
