"""A vote that opens reaches every household in its scope (on paper those without an account); its close tells
them to look at the result. Through the decisions services, as the platform does it."""

import pytest
from django.core import mail

from decisions import services as decisions
from notifications.models import Notification, PaperNotice
from tests.decisions.conftest import COMPLETE, end_voting, make_proposal

from .conftest import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(project, staff_user, dutch, english):
    """Published while the first two households have an account and the other two do not."""
    proposal, version = make_proposal(project, staff_user, **COMPLETE)
    with committed():
        decisions.publish_version(proposal, version, by=staff_user)
    proposal.refresh_from_db()
    return proposal


def test_an_open_vote_reaches_every_household_in_scope(proposal, households, dutch, english):
    notifications = Notification.objects.filter(event="proposal.published")
    assert sorted(notifications.values_list("recipient", flat=True)) == sorted([dutch.pk, english.pk])
    assert notifications.first().link == f"/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/"
    assert (
        "Stem over het voorstel voor Kanaleneiland-Noord verduurzaming: Verduurzaming 2027"
        in str([n.params for n in notifications])
        or notifications.first().params["title"] == "Verduurzaming 2027"
    )
    assert mail.outbox == []  # not urgent: in the daily digest


def test_households_without_an_account_get_the_open_vote_on_paper(proposal, households, dutch, english):
    on_paper = PaperNotice.objects.filter(event="proposal.published").values_list("household", flat=True)
    assert sorted(on_paper) == sorted([households[2].pk, households[3].pk])


def test_closing_the_vote_tells_the_households_to_see_the_result(proposal, staff_user, dutch):
    with committed():
        decisions.close(end_voting(proposal), by=staff_user)
    assert Notification.objects.filter(event="proposal.closed", recipient=dutch).exists()
    assert not PaperNotice.objects.filter(event="proposal.closed").exists()


def test_the_written_notice_reaches_the_household_and_on_paper_one_without_an_account(proposal, households, dutch):
    from .conftest import emit_committed

    for household in (households[0], households[2]):
        emit_committed(
            "proposal.notice_sent",
            project=proposal.project,
            actor=None,
            proposal=proposal,
            household=household,
            notice=None,
        )
    assert list(Notification.objects.filter(event="proposal.notice_sent").values_list("recipient", flat=True)) == [
        dutch.pk
    ]
    assert list(PaperNotice.objects.filter(event="proposal.notice_sent").values_list("household", flat=True)) == [
        households[2].pk
    ]


def test_a_vote_closing_soon_is_mailed_at_once_to_those_who_have_not_voted(proposal, households, dutch, english):
    from django.core import mail

    from decisions.reminders import emit_closing_reminder

    decisions.cast_vote(proposal, households[0], "agree", by=dutch)
    mail.outbox.clear()
    with committed():
        emit_closing_reminder(proposal)
    reminded = Notification.objects.filter(event="proposal.closing_soon")
    assert list(reminded.values_list("recipient", "email_rhythm")) == [(english.pk, "immediate")]
    assert [message.to for message in mail.outbox] == [[english.email]]
    assert sorted(PaperNotice.objects.filter(event="proposal.closing_soon").values_list("household", flat=True)) == [
        households[2].pk,
        households[3].pk,
    ]
