"""Staff make a poll on its page, change it while nobody voted, open and close it, and always see its results."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from polls.models import Poll, PollVote

from .conftest import make_poll, vote

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

NEW_POLL = {
    "question": "Hoe richten we de binnentuin in?",
    "explanation": "De binnentuin wordt **volgend voorjaar** opnieuw ingericht.",
    "options": "Speeltuin\nMoestuin\n\nBankjes en bloemen\n",
    "kind": "multiple",
    "max_choices": "2",
    "voters": "person",
    "results_visibility": "after_closing",
    "closes_at": "",
}


def test_staff_make_a_poll_as_a_draft(client, project, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("staff_new_poll", args=[project.slug]), NEW_POLL, **ENGLISH)
    poll = Poll.objects.get()
    assert response["Location"] == reverse("staff_poll", args=[project.slug, poll.pk])
    assert poll.status == Poll.Status.DRAFT and poll.created_by == staff_user
    assert (poll.kind, poll.max_choices, poll.voters, poll.results_visibility) == (
        "multiple",
        2,
        "person",
        "after_closing",
    )
    assert list(poll.options.values_list("label", flat=True)) == ["Speeltuin", "Moestuin", "Bankjes en bloemen"]


def test_a_poll_with_one_answer_is_refused_on_the_form_in_dutch(client, project, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("staff_new_poll", args=[project.slug]), {**NEW_POLL, "options": "Speeltuin"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert "Geef ten minste twee antwoorden om uit te kiezen." in response.content.decode()
    assert not Poll.objects.exists()


def test_the_closing_moment_is_read_in_amsterdam_time(client, project, staff_user):
    client.force_login(staff_user)
    client.post(reverse("staff_new_poll", args=[project.slug]), {**NEW_POLL, "closes_at": "2031-06-01T18:00"})
    closes_at = timezone.localtime(Poll.objects.get().closes_at)
    assert (closes_at.hour, str(closes_at.tzinfo)) == (18, "Europe/Amsterdam")


def test_the_edit_form_is_filled_with_the_poll(client, project, staff_user):
    poll = make_poll(project, staff_user, opened=False)
    client.force_login(staff_user)
    html = client.get(reverse("staff_edit_poll", args=[project.slug, poll.pk]), **ENGLISH).content.decode()
    assert "Donkergroen\nAntraciet\nBordeauxrood\nOkergeel" in html
    assert f'value="{poll.question}"' in html


def test_staff_change_a_poll_before_anyone_votes(client, project, staff_user):
    poll = make_poll(project, staff_user, opened=False)
    client.force_login(staff_user)
    data = {**NEW_POLL, "kind": "single", "max_choices": ""}
    response = client.post(reverse("staff_edit_poll", args=[project.slug, poll.pk]), data)
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.question == NEW_POLL["question"] and poll.options.count() == 3


def test_a_poll_with_votes_cannot_be_changed_on_the_page(client, open_poll, staff_user, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    client.force_login(staff_user)
    url = reverse("staff_edit_poll", args=[open_poll.project.slug, open_poll.pk])
    response = client.post(url, {**NEW_POLL, "kind": "single", "max_choices": ""}, **ENGLISH)
    assert response.status_code == 400
    assert "Someone has voted already" in response.content.decode()
    open_poll.refresh_from_db()
    assert open_poll.question == "Welke kleur krijgen de voordeuren?"
    html = client.get(reverse("staff_poll", args=[open_poll.project.slug, open_poll.pk]), **ENGLISH).content.decode()
    assert url not in html  # no link to a form that would refuse


def test_staff_open_and_close_a_poll_from_its_page(client, project, staff_user):
    poll = make_poll(project, staff_user, opened=False, closes_at=timezone.now() + timedelta(days=7))
    client.force_login(staff_user)
    client.post(reverse("staff_open_poll", args=[project.slug, poll.pk]))
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN
    client.post(reverse("staff_close_poll", args=[project.slug, poll.pk]))
    poll.refresh_from_db()
    assert poll.status == Poll.Status.CLOSED


def test_staff_see_staff_only_results_while_the_poll_is_open(client, project, staff_user, tenants):
    poll = make_poll(project, staff_user, results_visibility="staff_only", explanation="Kies **één** kleur.")
    vote(poll, tenants[0], "Antraciet")
    client.force_login(staff_user)
    html = client.get(reverse("staff_poll", args=[project.slug, poll.pk]), **ENGLISH).content.decode()
    assert '<div class="poll-explanation"><p>Kies <strong>één</strong> kleur.</p></div>' in html
    assert '<th scope="row">Antraciet</th>' in html and "1 household voted" in html
    assert "Households do not see these results." in html


def paper_vote_url(poll):
    return reverse("staff_poll_paper_vote", args=[poll.project.slug, poll.pk])


def test_staff_enter_a_household_vote_given_on_paper(client, open_poll, staff_user, households):
    client.force_login(staff_user)
    (okergeel,) = open_poll.options.filter(label="Okergeel").values_list("pk", flat=True)
    response = client.post(paper_vote_url(open_poll), {"household": households[3].pk, "options": okergeel})
    assert response.status_code == 302
    vote = PollVote.objects.get(poll=open_poll)
    assert vote.household == households[3] and [option.label for option in vote.options.all()] == ["Okergeel"]


def test_a_paper_vote_without_a_household_is_refused_and_saves_nothing(client, open_poll, staff_user):
    client.force_login(staff_user)
    (okergeel,) = open_poll.options.filter(label="Okergeel").values_list("pk", flat=True)
    response = client.post(paper_vote_url(open_poll), {"options": okergeel}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not PollVote.objects.exists()


def test_there_is_no_paper_vote_in_a_person_poll(client, project, staff_user):
    poll = make_poll(project, staff_user, voters=Poll.Voters.PERSON)
    client.force_login(staff_user)
    html = client.get(reverse("staff_poll", args=[project.slug, poll.pk]), **ENGLISH).content.decode()
    assert paper_vote_url(poll) not in html
    response = client.post(paper_vote_url(poll), {}, follow=True, **ENGLISH)
    assert "can only be entered in an open poll with one vote per household" in response.content.decode()


def test_the_edit_form_of_a_poll_with_votes_sends_back_with_the_reason(client, open_poll, staff_user, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    client.force_login(staff_user)
    url = reverse("staff_edit_poll", args=[open_poll.project.slug, open_poll.pk])
    response = client.get(url, follow=True, **ENGLISH)
    assert response.redirect_chain[-1][0] == reverse("staff_poll", args=[open_poll.project.slug, open_poll.pk])
    assert "Someone has voted already, so this poll can no longer be changed." in response.content.decode()
