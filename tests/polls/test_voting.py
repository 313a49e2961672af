"""Voting in a poll: one vote per household (or per person), the latest counts, and only the project's tenants vote."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from polls import services
from polls.models import Poll, PollVote
from polls.results import results
from polls.services import PollError
from tests.factories import contractor_member, household_of, project_in_execution, staff_member, tenant

from .conftest import COLOURS, end_voting, make_poll, option_ids, vote

pytestmark = pytest.mark.django_db


def counts(poll):
    return {option.label: option.votes for option in results(poll).options}


def test_a_household_votes_and_it_counts_once(open_poll, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    assert counts(open_poll)["Antraciet"] == 1
    assert results(open_poll).voters == 1


def test_a_changed_vote_counts_only_the_latest_choice(open_poll, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    vote(open_poll, tenants[0], "Okergeel")
    assert counts(open_poll) == {"Donkergroen": 0, "Antraciet": 0, "Bordeauxrood": 0, "Okergeel": 1}
    assert PollVote.objects.filter(poll=open_poll).count() == 1


def test_a_second_member_of_the_household_changes_the_households_vote(open_poll, households, tenants):
    partner = tenant(households[0])
    vote(open_poll, tenants[0], "Antraciet")
    vote(open_poll, partner, "Donkergroen")
    assert counts(open_poll)["Donkergroen"] == 1 and results(open_poll).voters == 1


def test_in_a_person_poll_each_tenant_of_a_household_has_a_vote(project, staff_user, households, tenants):
    poll = make_poll(project, staff_user, voters=Poll.Voters.PERSON)
    partner = tenant(households[0])
    vote(poll, tenants[0], "Antraciet")
    vote(poll, partner, "Antraciet")
    assert counts(poll)["Antraciet"] == 2


def test_the_database_refuses_a_second_vote_row_for_a_household(open_poll, households):
    now = timezone.now()
    PollVote.objects.create(poll=open_poll, household=households[0], cast_at=now, changed_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        PollVote.objects.create(poll=open_poll, household=households[0], cast_at=now, changed_at=now)


def test_a_multiple_choice_vote_keeps_every_chosen_answer(project, staff_user, tenants):
    poll = make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE, max_choices=2)
    vote(poll, tenants[0], "Antraciet", "Okergeel")
    assert counts(poll) == {"Donkergroen": 0, "Antraciet": 1, "Bordeauxrood": 0, "Okergeel": 1}


def test_more_answers_than_the_maximum_are_refused(project, staff_user, tenants):
    poll = make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE, max_choices=2)
    with pytest.raises(PollError, match="at most 2 answers"):
        vote(poll, tenants[0], "Antraciet", "Okergeel", "Donkergroen")
    assert not PollVote.objects.exists()


def test_two_answers_in_a_single_choice_poll_are_refused(open_poll, tenants):
    with pytest.raises(PollError, match="choose one answer"):
        vote(open_poll, tenants[0], "Antraciet", "Okergeel")


def test_no_answer_is_refused(open_poll, tenants):
    with pytest.raises(PollError, match="choose an answer"):
        services.cast_vote(open_poll, tenants[0], [])


def test_an_answer_of_another_poll_is_refused(project, open_poll, staff_user, tenants):
    other = make_poll(project, staff_user, question="Welke planten?", options=["Lavendel", "Gras"])
    with pytest.raises(PollError, match="does not belong to this poll"):
        services.cast_vote(open_poll, tenants[0], option_ids(other, "Lavendel"))
    assert not PollVote.objects.exists()


def test_a_household_of_another_project_cannot_vote(open_poll, project):
    outsider = tenant(household_of(project.corporation))
    with pytest.raises(PollError, match="Only the households of this project"):
        vote(open_poll, outsider, "Antraciet")


@pytest.mark.parametrize("make", [staff_member, contractor_member], ids=["staff", "contractor"])
def test_staff_and_contractors_do_not_vote(open_poll, project, make):
    with pytest.raises(PollError, match="Only the households of this project"):
        vote(open_poll, make(project.corporation), "Antraciet")


def test_voting_in_a_draft_is_refused(project, staff_user, tenants):
    poll = make_poll(project, staff_user, opened=False)
    with pytest.raises(PollError, match="not open yet"):
        vote(poll, tenants[0], "Antraciet")


def test_voting_after_the_closing_moment_is_refused(open_poll, tenants):
    end_voting(open_poll)
    with pytest.raises(PollError, match="This poll is closed"):
        vote(open_poll, tenants[0], "Antraciet")


def test_voting_in_a_closed_poll_is_refused_in_dutch(open_poll, staff_user, tenants):
    services.close_poll(open_poll, by=staff_user)
    with translation.override("nl"), pytest.raises(PollError, match="Deze peiling is gesloten"):
        vote(open_poll, tenants[0], "Antraciet")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_members_of_each_household_voting_at_once_count_every_household_once():
    project = project_in_execution(homes=30, slug="gelijktijdig")
    by = staff_member(project.corporation)
    poll = make_poll(project, by)
    households = [plan.household for plan in project.home_plans.select_related("household")]
    members = [tenant(household) for household in households for _ in range(2)]
    choices = dict(zip(members, COLOURS * len(members), strict=False))
    ids = {label: pk for pk, label in poll.options.values_list("pk", "label")}
    barrier = threading.Barrier(len(members))
    connections = threading.BoundedSemaphore(10)  # PostgreSQL is shared with other test runs: stay well under its limit
    errors = []

    def cast(member):
        barrier.wait()
        with connections:
            try:
                services.cast_vote(poll, member, [ids[choices[member]]])
            except Exception as error:  # any failure is reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

    threads = [threading.Thread(target=cast, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert PollVote.objects.filter(poll=poll).count() == 30
    count = results(poll)
    assert count.voters == 30 and sum(option.votes for option in count.options) == 30


def test_a_household_vote_given_on_paper_counts_like_one_given_online(open_poll, households, tenants):
    services.record_household_vote(open_poll, households[0], option_ids(open_poll, "Okergeel"))
    vote(open_poll, tenants[0], "Antraciet")  # the household changes it online later: the latest counts
    assert counts(open_poll)["Antraciet"] == 1 and results(open_poll).voters == 1


def test_a_person_poll_takes_no_household_vote(project, staff_user, households):
    poll = make_poll(project, staff_user, voters=Poll.Voters.PERSON)
    with pytest.raises(PollError, match="every tenant votes for themselves"):
        services.record_household_vote(poll, households[0], option_ids(poll, "Okergeel"))
