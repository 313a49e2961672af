"""Staff download the certified result and the audit trail as CSV for Dutch Excel (UTF-8 with BOM, `;`), each
download written to the audit trail; the printable result shows the hash and whether it verifies, the versions
and the scope."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions import services
from decisions.models import AuditEntry, Ballot, Proposal

from .conftest import end_voting, vote_all

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def closed(open_proposal, households, staff_user):
    """7 agree, 2 disagree (one on paper), 1 did not vote; a notice was sent to household 8."""
    vote_all(open_proposal, households[:7], agree=7)
    services.cast_vote(open_proposal, households[7], "disagree", by=None)
    services.record_paper_vote(open_proposal, households[8], "disagree", entered_by=staff_user)
    services.close(end_voting(open_proposal), by=staff_user)
    services.record_notices_sent(
        open_proposal, [households[8]], sent_on=timezone.localdate(), method="post", by=staff_user
    )
    return open_proposal


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def url(proposal, name):
    return reverse(name, args=[proposal.project.slug, proposal.pk])


def download(client, address):
    response = client.get(address, **ENGLISH)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, so Excel reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_result_csv_holds_the_certified_count_and_the_hash(staff_client, closed):
    rows = download(staff_client, url(closed, "staff_proposal_result_csv"))

    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert facts["Households in scope"] == "10"
    assert (facts["Agree"], facts["Do not agree"], facts["No vote (counts as not agreeing)"]) == ("7", "2", "1")
    assert facts["SHA-256 over the votes"] == closed.result.ballots_hash
    assert facts["The votes today still give this hash"] == "yes"
    assert facts["Presumed reasonable (art. 7:220 paragraph 3 Dutch Civil Code)"] == "yes"


def test_the_result_csv_has_a_row_per_household_with_vote_and_notice(staff_client, closed, households, staff_user):
    rows = download(staff_client, url(closed, "staff_proposal_result_csv"))

    header = rows.index(next(row for row in rows if row and row[0] == "Address"))
    by_address = {row[0]: row for row in rows[header + 1 :]}
    assert len(by_address) == 10
    paper = by_address[households[8].dwelling.address]
    assert paper[2:5] == ["disagree", "on paper", staff_user.email]
    assert paper[6] == timezone.localdate().isoformat() and paper[7] == "by post" and paper[8]
    assert by_address[households[9].dwelling.address][2] == "no vote"


def test_the_result_csv_says_when_the_hash_no_longer_verifies(staff_client, closed, households):
    Ballot.objects.filter(household=households[0]).update(choice="disagree")

    rows = download(staff_client, url(closed, "staff_proposal_result_csv"))

    assert ["The votes today still give this hash", "no"] in rows


def test_a_title_cannot_become_a_spreadsheet_formula(staff_client, closed):
    Proposal.objects.filter(pk=closed.pk).update(title='=HYPERLINK("http://evil.example")')

    rows = download(staff_client, url(closed, "staff_proposal_result_csv"))

    assert rows[0][1] == '\'=HYPERLINK("http://evil.example")'


def test_the_audit_csv_lists_the_trail_oldest_first(staff_client, closed, households):
    rows = download(staff_client, url(closed, "staff_proposal_audit_csv"))

    assert rows[0] == ["When", "Who", "What", "Home", "Description"]
    assert rows[1][2] == "proposal drafted"
    actions = [row[2] for row in rows[1:]]
    assert actions.index("version published") < actions.index("vote recorded") < actions.index("voting closed")
    assert [households[8].dwelling.address, "Written notice"] == [rows[-2][3], rows[-2][4][:14]]
    assert rows[-1][4] == "Downloaded: the audit trail as CSV."  # this download itself, written before the file


def test_each_download_is_written_to_the_audit_trail(staff_client, closed, staff_user):
    download(staff_client, url(closed, "staff_proposal_result_csv"))
    download(staff_client, url(closed, "staff_proposal_audit_csv"))

    exported = AuditEntry.objects.filter(proposal=closed, action="exported").order_by("pk")
    assert [(entry.details["export"], entry.actor) for entry in exported] == [
        ("result_csv", staff_user),
        ("audit_csv", staff_user),
    ]


def test_the_result_csv_of_an_open_proposal_sends_staff_back(staff_client, open_proposal):
    response = staff_client.get(url(open_proposal, "staff_proposal_result_csv"))

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="exported").exists()


def test_the_printable_result_shows_the_versions_scope_and_verified_hash(staff_client, closed, project):
    page = staff_client.get(url(closed, "staff_proposal_result"), **ENGLISH).content.decode()

    assert closed.result.ballots_hash in page and ">verified<" in page
    assert "Versions and scope" in page and ">voted on<" in page
    complex_ = project.complexes.get()
    assert f"{complex_.code} {complex_.name}: 10 homes" in page
    assert "decisions/decisions.css" in page
    assert "Printed on" in page
