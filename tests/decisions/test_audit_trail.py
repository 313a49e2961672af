"""Every service appends to the proposal's audit trail in its own transaction: drafted, details changed, version
started or changed, published with the scope size, each vote (online or on paper, and by whom, never how), closed
with the hash, notices recorded and exports downloaded. The trail cannot be changed, and staff read it on a page."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from decisions import audit, services
from decisions.models import AuditEntry
from decisions.services import DecisionError
from tests.factories import tenant

from .conftest import COMPLETE, end_voting, make_proposal, vote_all

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def trail(proposal):
    return list(audit.entries(proposal))


def last(proposal):
    return trail(proposal)[-1]


def test_drafting_a_proposal_is_the_first_entry(project, staff_user):
    proposal, _version = make_proposal(project, staff_user)

    first = trail(proposal)[0]
    assert (first.action, first.actor, first.details["title"]) == (Action.DRAFTED, staff_user, "Verduurzaming 2027")


def test_changing_the_details_records_old_and_new(open_proposal, staff_user):
    before = open_proposal.closes_at
    services.update_proposal(open_proposal, by=staff_user, closes_at=before + timedelta(days=2))

    entry = last(open_proposal)
    assert entry.action == Action.CHANGED and entry.actor == staff_user
    old, new = (datetime.fromisoformat(value) for value in entry.details["changes"]["closes_at"])
    assert abs(old - before) < timedelta(milliseconds=1)
    assert abs(new - before - timedelta(days=2)) < timedelta(milliseconds=1)
    with translation.override("en"):
        assert "Changed: voting closes from" in audit.describe(entry)


def test_changing_a_draft_version_records_which_fields(draft, staff_user):
    proposal, version = draft
    services.update_draft(version, by=staff_user, rent_increase=10, duration_weeks=COMPLETE["duration_weeks"])

    entry = last(proposal)
    assert (entry.action, entry.details) == (Action.CONTENT_CHANGED, {"version": 1, "fields": ["rent_increase"]})


def test_publishing_records_the_version_and_the_scope_size(open_proposal, staff_user):
    entry = last(open_proposal)

    assert entry.action == Action.PUBLISHED and entry.actor == staff_user
    assert entry.details["version"] == 1 and entry.details["scope_size"] == 10
    assert len(entry.details["complexes"]) == 1


def test_starting_a_new_version_is_recorded(open_proposal, staff_user):
    services.start_new_version(open_proposal, by=staff_user)

    assert (last(open_proposal).action, last(open_proposal).details) == (Action.VERSION_STARTED, {"version": 2})


def test_an_online_vote_records_who_and_how_but_not_the_choice(open_proposal, households, voter):
    services.cast_vote(open_proposal, households[0], "disagree", by=voter)

    entry = last(open_proposal)
    assert (entry.action, entry.actor, entry.household) == (Action.VOTE, voter, households[0])
    assert entry.details == {"on_paper": False, "version": 1}
    assert "agree" not in str(entry.details) and "agree" not in audit.describe(entry)


def test_a_paper_vote_records_who_entered_it(open_proposal, households, staff_user):
    services.record_paper_vote(open_proposal, households[1], "agree", entered_by=staff_user)

    entry = last(open_proposal)
    assert (entry.actor, entry.household, entry.details["on_paper"]) == (staff_user, households[1], True)
    with translation.override("en"):
        assert "on paper" in audit.describe(entry)


def test_closing_records_the_hash(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=8)
    snapshot = services.close(end_voting(open_proposal), by=staff_user)

    entry = last(open_proposal)
    assert entry.action == Action.CLOSED and entry.details["hash"] == snapshot.ballots_hash
    assert (entry.details["agree"], entry.details["scope_size"]) == (8, 10)


def test_recording_notices_writes_one_entry_per_household(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=8)
    services.close(end_voting(open_proposal), by=staff_user)
    services.record_notices_sent(
        open_proposal, households[8:], sent_on=timezone.localdate(), method="email", by=staff_user
    )

    entries = trail(open_proposal)[-2:]
    assert [(entry.action, entry.household) for entry in entries] == [(Action.NOTICE, h) for h in households[8:]]
    assert entries[0].details == {"sent_on": timezone.localdate().isoformat(), "method": "email"}


def test_a_download_is_recorded(open_proposal, staff_user):
    services.record_export(open_proposal, "audit_csv", by=staff_user)

    assert (last(open_proposal).action, last(open_proposal).details) == (Action.EXPORTED, {"export": "audit_csv"})


def test_a_refused_change_leaves_no_entry(open_proposal, staff_user):
    count = AuditEntry.objects.count()

    with pytest.raises(DecisionError):
        services.update_proposal(open_proposal, by=staff_user, title="Iets anders")

    assert AuditEntry.objects.count() == count


def test_an_entry_cannot_be_changed_or_deleted(open_proposal):
    entry = last(open_proposal)

    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_every_entry_reads_as_a_sentence(open_proposal, households, staff_user, voter):
    services.update_proposal(open_proposal, by=staff_user, closes_at=open_proposal.closes_at + timedelta(days=1))
    services.cast_vote(open_proposal, households[0], "agree", by=voter)
    vote_all(open_proposal, households[1:], agree=8)
    services.close(end_voting(open_proposal), by=staff_user)
    services.record_notices_sent(
        open_proposal, households[9:], sent_on=timezone.localdate(), method="post", by=staff_user
    )
    services.record_export(open_proposal, "result_csv", by=staff_user)

    texts = [audit.describe(entry) for entry in trail(open_proposal)]

    assert all(text.endswith(".") for text in texts), texts
    assert len({entry.action for entry in trail(open_proposal)}) == 8


# --- The page ------------------------------------------------------------------------------------------------


def audit_url(proposal):
    return reverse("staff_proposal_audit", args=[proposal.project.slug, proposal.pk])


def test_staff_read_the_trail_oldest_first(client, open_proposal, households, staff_user, voter):
    services.record_paper_vote(open_proposal, households[3], "agree", entered_by=staff_user)
    client.force_login(staff_user)

    page = client.get(audit_url(open_proposal), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    drafted, published = page.index("Proposal “Verduurzaming 2027” drafted."), page.index("Version 1 published for 10")
    vote = page.index(f"Vote of {households[3].dwelling.address} recorded, given on paper")
    assert drafted < published < vote
    assert staff_user.email in page


def test_the_trail_is_paginated_by_fifty(client, open_proposal, households, staff_user):
    for _ in range(5):
        vote_all(open_proposal, households, agree=10)  # 50 vote entries, after drafted + 2 content + published
    client.force_login(staff_user)

    first = client.get(audit_url(open_proposal), HTTP_ACCEPT_LANGUAGE="en")
    second = client.get(audit_url(open_proposal), {"pagina": 2}, HTTP_ACCEPT_LANGUAGE="en")

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == AuditEntry.objects.filter(proposal=open_proposal).count() - 50
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()


@pytest.mark.parametrize("votes", [2, 10])
def test_the_trail_page_costs_the_same_queries_however_many_entries(
    client, open_proposal, households, staff_user, votes, django_assert_max_num_queries
):
    vote_all(open_proposal, households, agree=votes)
    client.force_login(staff_user)

    with django_assert_max_num_queries(12):
        assert client.get(audit_url(open_proposal)).status_code == 200


def test_a_tenant_of_the_project_cannot_read_the_trail(client, open_proposal, households):
    client.force_login(tenant(households[0]))

    assert client.get(audit_url(open_proposal)).status_code == 403
