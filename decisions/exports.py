"""The certified result and the audit trail as CSV for staff, made for Dutch Excel: UTF-8 with a byte order mark
(else Excel reads the text as Windows-1252) and `;` between the columns (Dutch Excel uses the comma as decimal
sign, so it expects semicolons). Dates are ISO (2027-03-01 14:05), in Dutch time, which Excel recognises.

A cell that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a title or address
typed by someone can never run as a spreadsheet formula.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import Ballot, ProposalVersion
from .notices import court_deadline
from .tally import THRESHOLD_PERCENT

BOM = "\ufeff"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _write(rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return BOM + out.getvalue()


def result_csv(proposal, result, verified):
    """The certified count, then one row per household in scope of the voted version: its vote, how and when, and
    its written notice if one was due."""
    version = ProposalVersion.objects.get(proposal=proposal, number=result.version_number)
    scope = version.scope.select_related("dwelling__complex").order_by(
        "dwelling__street", "dwelling__house_number", "dwelling__addition"
    )
    ballots = {
        ballot.household_id: ballot
        for ballot in Ballot.objects.filter(proposal=proposal, version=version).select_related("entered_by")
    }
    notices = {notice.household_id: notice for notice in proposal.notices.all()}
    rows = [
        [_("Proposal"), proposal.title],
        [_("Project"), proposal.project.name],
        [_("Version voted on"), result.version_number],
        [_("Certified on"), _moment(result.created_at)],
        [_("Certified by"), result.certified_by.email if result.certified_by else ""],
        [_("Households in scope"), result.scope_size],
        [_("Agree"), result.agree],
        [_("Do not agree"), result.disagree],
        [_("No vote (counts as not agreeing)"), result.no_vote],
        [_("%(threshold)s%% or more agree") % {"threshold": THRESHOLD_PERCENT}, result.reaches_70],
        [_("Ten homes or more"), result.ten_homes],
        [_("Presumed reasonable (art. 7:220 paragraph 3 Dutch Civil Code)"), result.presumed_reasonable],
        [_("SHA-256 over the votes"), result.ballots_hash],
        [_("The votes today still give this hash"), verified],
        [],
        [
            _("Address"),
            _("Complex"),
            _("Vote"),
            _("How"),
            _("Entered by"),
            _("Cast at"),
            _("Notice sent on"),
            _("Notice sent how"),
            _("Last day to go to court"),
        ],
    ]
    for household in scope:
        ballot, notice = ballots.get(household.pk), notices.get(household.pk)
        rows.append(
            [
                household.dwelling.address,
                str(household.dwelling.complex),
                ballot.get_choice_display() if ballot else _("no vote"),
                (_("on paper") if ballot.on_paper else _("online")) if ballot else "",
                ballot.entered_by.email if ballot and ballot.entered_by else "",
                _moment(ballot.cast_at) if ballot else "",
                notice.sent_on.isoformat() if notice else "",
                notice.get_method_display() if notice else "",
                court_deadline(notice.sent_on).isoformat() if notice else "",
            ]
        )
    return _write(rows)


def audit_csv(proposal):
    """The audit trail, oldest first: when, who, what, which home, and the sentence the audit page shows."""
    rows = [[_("When"), _("Who"), _("What"), _("Home"), _("Description")]]
    for entry in audit.entries(proposal):
        rows.append(
            [
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                entry.actor.email if entry.actor else _("the system"),
                entry.get_action_display(),
                entry.household.dwelling.address if entry.household else "",
                audit.describe(entry),
            ]
        )
    return _write(rows)
