"""After 70% of ten homes or more agreed, staff record the written notice sent to each household that did not
agree; that household's last day to go to court counts from ITS sent date. Refused, with nothing recorded: a
household not to be notified, a date before closing or in the future, and a notice already recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from decisions import services
from decisions.models import Notice, ResultSnapshot
from decisions.notices import court_deadline, households_to_notify
from decisions.selectors import notice_rows
from decisions.services import DecisionError
from renovatie import events

from .conftest import end_voting, open_proposal_with, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_at_70(open_proposal, households, staff_user):
    """7 of 10 agreed, 2 disagreed, 1 did not vote; closed ten days ago."""
    vote_all(open_proposal, households, agree=7, disagree=2)
    services.close(end_voting(open_proposal), by=staff_user)
    ResultSnapshot.objects.filter(proposal=open_proposal).update(created_at=timezone.now() - timedelta(days=10))
    return open_proposal


def record(proposal, households, by, **kwargs):
    return services.record_notices_sent(
        proposal, households, **{"sent_on": timezone.localdate(), "method": "post", "by": by, **kwargs}
    )


def refused(match, *args, **kwargs):
    with translation.override("en"), pytest.raises(DecisionError, match=match):
        record(*args, **kwargs)
    assert not Notice.objects.exists()


def test_a_notice_records_the_date_the_way_and_who(closed_at_70, households, staff_user):
    sent_on = timezone.localdate() - timedelta(days=2)

    (notice,) = record(closed_at_70, [households[8]], staff_user, sent_on=sent_on, method="hand")

    assert (notice.household, notice.sent_on, notice.method, notice.recorded_by) == (
        households[8],
        sent_on,
        "hand",
        staff_user,
    )


def test_recording_emits_notice_sent_per_household(
    closed_at_70, households, staff_user, django_capture_on_commit_callbacks
):
    heard = []
    events.subscribe("proposal.notice_sent", heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notices = record(closed_at_70, households[8:], staff_user)
    finally:
        events.unsubscribe("proposal.notice_sent", heard.append)

    assert [event.data["household"] for event in heard] == households[8:]
    first = heard[0].data
    assert set(first) == {"project", "proposal", "household", "notice", "actor"}
    assert (first["project"], first["proposal"], first["notice"], first["actor"]) == (
        closed_at_70.project,
        closed_at_70,
        notices[0],
        staff_user,
    )


def test_each_household_gets_its_deadline_from_its_own_sent_date(closed_at_70, households, staff_user):
    record(closed_at_70, [households[7]], staff_user, sent_on=timezone.localdate() - timedelta(days=5))
    record(closed_at_70, [households[8]], staff_user, sent_on=timezone.localdate())

    rows = {row.household: row for row in notice_rows(closed_at_70)}

    assert rows[households[7]].court_deadline == court_deadline(timezone.localdate() - timedelta(days=5))
    assert rows[households[8]].court_deadline == court_deadline(timezone.localdate())
    assert rows[households[9]].notice is None and rows[households[9]].court_deadline is None


def test_a_household_that_agreed_is_refused_and_nothing_is_recorded(closed_at_70, households, staff_user):
    refused("do not get a notice", closed_at_70, [households[8], households[0]], staff_user)


def test_a_date_before_closing_is_refused(closed_at_70, households, staff_user):
    refused(
        "before voting closed",
        closed_at_70,
        [households[8]],
        staff_user,
        sent_on=timezone.localdate() - timedelta(days=11),
    )


def test_a_date_in_the_future_is_refused(closed_at_70, households, staff_user):
    refused("future", closed_at_70, [households[8]], staff_user, sent_on=timezone.localdate() + timedelta(days=1))


def test_an_unknown_way_of_sending_is_refused(closed_at_70, households, staff_user):
    refused("how the notice was sent", closed_at_70, [households[8]], staff_user, method="pigeon")


def test_a_recorded_notice_is_never_moved(closed_at_70, households, staff_user):
    record(closed_at_70, [households[8]], staff_user, sent_on=timezone.localdate() - timedelta(days=3))

    with translation.override("en"), pytest.raises(DecisionError, match="already recorded"):
        record(closed_at_70, [households[9], households[8]], staff_user)

    assert list(Notice.objects.values_list("household", "sent_on")) == [
        (households[8].pk, timezone.localdate() - timedelta(days=3))
    ]


def test_no_notice_before_the_result(open_proposal, households, staff_user):
    refused("no result yet", open_proposal, [households[8]], staff_user)


def test_nine_homes_get_no_notice_even_at_70_percent():
    proposal, households = open_proposal_with(homes=9)
    vote_all(proposal, households, agree=8, disagree=1)
    services.close(end_voting(proposal), by=None)

    assert proposal.result.reaches_70 and not proposal.result.ten_homes
    assert not households_to_notify(proposal).exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_staff_recording_the_same_notice_at_once_store_one_date():
    import threading

    from django.db import connection

    proposal, households = open_proposal_with(homes=10)
    vote_all(proposal, households, agree=7, disagree=3)
    services.close(end_voting(proposal), by=None)
    barrier = threading.Barrier(8)
    refusals, errors = [], []

    def record_it(method):
        barrier.wait()
        try:
            services.record_notices_sent(
                proposal, [households[9]], sent_on=timezone.localdate(), method=method, by=None
            )
        except DecisionError as refusal:
            refusals.append(refusal)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record_it, args=(method,)) for method in ["post", "hand", "email", "post"] * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Notice.objects.filter(proposal=proposal).count() == 1
    assert len(refusals) == 7
