"""Writes on proposals: drafting and publishing versions, voting, closing with a certified result.

Rules chosen here, each one on purpose:
- A published version is frozen: `update_draft` refuses to change it. A change means a new version.
- Publishing fixes the households in scope for that version: by default every active household with a home
  plan in the project.
- A new version reopens voting on the same proposal. Ballots are never deleted, but each ballot records the
  version it was cast on and the tally counts only ballots on the current version: a materially changed
  proposal needs new consent, so every household has to vote again (its old vote stays in the history).
- Votes are secret to neighbours: the "ballot.cast" event says that a household voted, never how.
- Every write appends to the proposal's audit trail (decisions.audit) in the same transaction, so the trail
  cannot miss a change that happened, nor record one that was rolled back.
Permission checks (is this the household's member, is this staff) belong to the caller, which knows who asks.
"""

import hashlib
import hmac
import json
from datetime import UTC

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from projects.models import HomePlan
from renovatie.events import emit
from tenants.models import Household

from . import audit
from .models import AuditEntry, Ballot, BallotChange, Choice, Notice, Proposal, ProposalVersion, ResultSnapshot
from .notices import households_to_notify
from .rules import (  # noqa: F401 (re-exported: callers use services.CONTENT_FIELDS and friends)
    ALWAYS_REQUIRED,
    CONTENT_FIELDS,
    PROPOSAL_DETAILS,
    DecisionError,
    _when,
    check_proposal_update,
    missing_for_publication,
)
from .tally import tally


@transaction.atomic
def create_proposal(project, *, title, opens_at, closes_at, by):
    """A draft proposal with an empty first version for staff to fill in."""
    proposal = Proposal.objects.create(project=project, title=title, opens_at=opens_at, closes_at=closes_at)
    ProposalVersion.objects.create(proposal=proposal, number=1)
    audit.write(proposal, AuditEntry.Action.DRAFTED, by=by, title=title)
    emit("proposal.drafted", project=project, actor=by, proposal=proposal)
    return proposal


@transaction.atomic
def update_proposal(proposal, *, by, **changes):
    """Change the title, opening or closing moment of a proposal, within the rules of `check_proposal_update`."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    changed = check_proposal_update(proposal, changes)
    if not changed:
        return proposal
    before = {name: getattr(proposal, name) for name in changed}
    for name, value in changed.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=list(changed))
    audit.write(
        proposal,
        AuditEntry.Action.CHANGED,
        by=by,
        changes={name: [before[name], value] for name, value in changed.items()},
    )
    return proposal


@transaction.atomic
def start_new_version(proposal, *, by):
    """A draft version that copies the latest one, so staff only change what changes (and say what changed)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == Proposal.Status.CLOSED:
        raise DecisionError(_("This proposal is closed. Make a new proposal instead."))
    latest = proposal.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        raise DecisionError(_("There is already a draft version. Change that one."))
    content = {name: getattr(latest, name) for name in CONTENT_FIELDS if name != "changes_since_previous"}
    version = ProposalVersion.objects.create(proposal=proposal, number=latest.number + 1, **content)
    audit.write(proposal, AuditEntry.Action.VERSION_STARTED, by=by, version=version.number)
    return version


@transaction.atomic
def update_draft(version, *, by, **content):
    """Change the content of a version that is not published yet; a published version is frozen."""
    version = ProposalVersion.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=version.pk)
    if version.is_published:
        raise DecisionError(_("This version is published and can no longer be changed. Make a new version."))
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"not content of a proposal version: {sorted(unknown)}")
    changed = [name for name, value in content.items() if getattr(version, name) != value]
    for name, value in content.items():
        setattr(version, name, value)
    version.save(update_fields=list(content))
    if changed:
        audit.write(version.proposal, AuditEntry.Action.CONTENT_CHANGED, by=by, version=version.number, fields=changed)
    return version


def default_scope(project):
    """Every active household with a home plan in the project."""
    return Household.objects.active().filter(pk__in=HomePlan.objects.filter(project=project).values("household_id"))


def scope_in_complexes(project, complexes):
    """The default scope, limited to the households whose home is in one of `complexes`."""
    return default_scope(project).filter(dwelling__complex__in=complexes)


@transaction.atomic
def publish_version(proposal, version, *, by, households=None):
    """Freeze `version`, fix its scope (`households`, or `default_scope`) and open the proposal for voting on it.

    Refuses an incomplete version (see `missing_for_publication`), a published one, and a closed proposal.
    Ballots on an earlier version stay but no longer count: households vote again on the new version.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    version = ProposalVersion.objects.select_for_update().get(pk=version.pk, proposal=proposal)
    if proposal.status == Proposal.Status.CLOSED:
        raise DecisionError(_("This proposal is closed. Make a new proposal instead."))
    if version.is_published:
        raise DecisionError(_("This version is already published."))
    if proposal.opens_at is None or proposal.closes_at is None:
        raise DecisionError(_("Set when voting opens and closes before publishing."))
    missing = missing_for_publication(version)
    if missing:
        labels = ", ".join(str(ProposalVersion._meta.get_field(name).verbose_name) for name in missing)
        raise DecisionError(_("The proposal is not complete yet. Still missing: %(missing)s.") % {"missing": labels})
    scope = list(households if households is not None else default_scope(proposal.project))
    if not scope:
        raise DecisionError(_("No households are in scope of this proposal."))
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["published_at", "published_by"])
    version.scope.set(scope)
    complexes = sorted({str(household.dwelling.complex) for household in _with_complex(scope)})
    audit.write(
        proposal,
        AuditEntry.Action.PUBLISHED,
        by=by,
        version=version.number,
        scope_size=len(scope),
        complexes=complexes,
    )
    proposal.current_version = version
    proposal.status = Proposal.Status.OPEN
    proposal.save(update_fields=["current_version", "status"])
    emit("proposal.published", project=proposal.project, actor=by, proposal=proposal, version=version)
    return version


def _with_complex(households):
    return Household.objects.filter(pk__in=[household.pk for household in households]).select_related(
        "dwelling__complex"
    )


def _check_voting_open(proposal, household, now):
    if proposal.status == Proposal.Status.CLOSED:
        raise DecisionError(_("Voting on this proposal is closed."))
    if proposal.status != Proposal.Status.OPEN or now < proposal.opens_at:
        raise DecisionError(_("Voting on this proposal has not opened yet."))
    if now >= proposal.closes_at:
        raise DecisionError(_("Voting on this proposal closed on %(moment)s.") % {"moment": _when(proposal.closes_at)})
    in_scope = ProposalVersion.scope.through.objects.filter(
        proposalversion_id=proposal.current_version_id, household_id=household.pk
    ).exists()
    if not in_scope:
        raise DecisionError(_("This proposal is not for your home, so you cannot vote on it."))


@transaction.atomic
def _record(proposal, household, choice, *, cast_by, on_paper, entered_by):
    if choice not in Choice.values:
        raise DecisionError(_("Please choose agree or disagree."))
    # Locking the proposal makes votes and closing take turns: no vote can land after the result is frozen.
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("current_version", "project")
        .get(pk=proposal.pk)
    )
    now = timezone.now()
    _check_voting_open(proposal, household, now)
    fields = {
        "version": proposal.current_version,
        "choice": choice,
        "cast_at": now,
        "cast_by": cast_by,
        "on_paper": on_paper,
        "entered_by": entered_by,
    }
    ballot = Ballot.objects.select_for_update().filter(proposal=proposal, household=household).first()
    from_choice = ""
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(proposal=proposal, household=household, **fields)
        except IntegrityError as error:  # the unique constraint: one ballot per household, whatever the timing
            raise DecisionError(_("Your household's vote was changed at the same moment. Please try again.")) from error
    else:
        from_choice = ballot.choice
        for name, value in fields.items():
            setattr(ballot, name, value)
        ballot.save(update_fields=list(fields))
    BallotChange.objects.create(
        ballot=ballot,
        from_choice=from_choice,
        to_choice=choice,
        version_number=proposal.current_version.number,
        changed_at=now,
        changed_by=cast_by,
        on_paper=on_paper,
        entered_by=entered_by,
    )
    audit.write(
        proposal,
        AuditEntry.Action.VOTE,
        by=entered_by or cast_by,
        household=household,
        on_paper=on_paper,
        version=proposal.current_version.number,
    )
    # Say that the household voted, never how: subscribers may show this to neighbours.
    emit("ballot.cast", project=proposal.project, actor=entered_by or cast_by, proposal=proposal, household=household)
    return ballot


def cast_vote(proposal, household, choice, *, by):
    """A household member votes (or changes the household's vote) while voting is open."""
    return _record(proposal, household, choice, cast_by=by, on_paper=False, entered_by=None)


def record_paper_vote(proposal, household, choice, *, entered_by):
    """Staff enter a vote given on paper or at the door; the ballot says so and who entered it."""
    return _record(proposal, household, choice, cast_by=None, on_paper=True, entered_by=entered_by)


def ballots_hash(proposal):
    """SHA-256 over every ballot of the proposal: sorted [household id, choice, cast_at (UTC ISO), version]."""
    rows = Ballot.objects.filter(proposal=proposal).values_list("household_id", "choice", "cast_at", "version__number")
    canonical = sorted(
        [household_id, choice, cast_at.astimezone(UTC).isoformat(), number]
        for household_id, choice, cast_at, number in rows
    )
    payload = json.dumps(canonical, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


@transaction.atomic
def close(proposal, *, by):
    """Freeze the result at the closing moment into a certified snapshot. Closing twice is refused."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("current_version", "project")
        .get(pk=proposal.pk)
    )
    if proposal.status == Proposal.Status.CLOSED:
        raise DecisionError(_("This proposal is already closed; its result is frozen."))
    if proposal.status != Proposal.Status.OPEN:
        raise DecisionError(_("Only a proposal that is open for voting can be closed."))
    if timezone.now() < proposal.closes_at:
        raise DecisionError(_("Voting is open until %(moment)s.") % {"moment": _when(proposal.closes_at)})
    count = tally(proposal)
    snapshot = ResultSnapshot.objects.create(
        proposal=proposal,
        version_number=proposal.current_version.number,
        scope_size=count.scope,
        agree=count.agree,
        disagree=count.disagree,
        no_vote=count.no_vote,
        reaches_70=count.reaches_70,
        ten_homes=count.ten_homes,
        ballots_hash=ballots_hash(proposal),
        certified_by=by,
    )
    proposal.status = Proposal.Status.CLOSED
    proposal.save(update_fields=["status"])
    audit.write(
        proposal,
        AuditEntry.Action.CLOSED,
        by=by,
        version=snapshot.version_number,
        scope_size=snapshot.scope_size,
        agree=snapshot.agree,
        disagree=snapshot.disagree,
        no_vote=snapshot.no_vote,
        hash=snapshot.ballots_hash,
    )
    emit("proposal.closed", project=proposal.project, actor=by, proposal=proposal, result=snapshot)
    return snapshot


def verify_snapshot(snapshot):
    """True when the ballots are still exactly those the snapshot certified."""
    return hmac.compare_digest(snapshot.ballots_hash, ballots_hash(snapshot.proposal))


def _addresses(households):
    return ", ".join(household.dwelling.address for household in households)


@transaction.atomic
def record_notices_sent(proposal, households, *, sent_on, method, by):
    """Record that the written notice went to each of `households` on `sent_on`, and how (a Notice.Method).

    Refused, with nothing recorded: a household that is not to be notified (see notices.households_to_notify), a
    date before voting closed or in the future, and a household whose notice is already recorded (its court
    deadline counts from that date, so it is never moved).
    """
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("project").get(pk=proposal.pk)
    households = list(households)
    if not households:
        raise DecisionError(_("Choose at least one household."))
    if method not in Notice.Method.values:
        raise DecisionError(_("Choose how the notice was sent."))
    result = ResultSnapshot.objects.filter(proposal=proposal).first()
    if result is None:
        raise DecisionError(_("There is no result yet: voting on this proposal has not been closed."))
    closed_on = timezone.localdate(result.created_at)
    if sent_on < closed_on:
        raise DecisionError(
            _("A notice cannot be sent before voting closed on %(date)s.")
            % {"date": formats.date_format(closed_on, "DATE_FORMAT")}
        )
    if sent_on > timezone.localdate():
        raise DecisionError(_("The date the notice was sent cannot be in the future."))
    to_notify = set(households_to_notify(proposal).values_list("pk", flat=True))
    not_to_notify = [household for household in households if household.pk not in to_notify]
    if not_to_notify:
        raise DecisionError(
            _("These homes do not get a notice: %(addresses)s.") % {"addresses": _addresses(not_to_notify)}
        )
    already = [
        notice.household
        for notice in proposal.notices.filter(household__in=households).select_related("household__dwelling")
    ]
    if already:
        raise DecisionError(
            _(
                "The notice to %(addresses)s was already recorded. That date stays: the last day to go to court "
                "counts from it."
            )
            % {"addresses": _addresses(already)}
        )
    notices = []
    for household in households:
        notice = Notice.objects.create(
            proposal=proposal, household=household, sent_on=sent_on, method=method, recorded_by=by
        )
        audit.write(proposal, AuditEntry.Action.NOTICE, by=by, household=household, sent_on=sent_on, method=method)
        emit(
            "proposal.notice_sent",
            project=proposal.project,
            actor=by,
            proposal=proposal,
            household=household,
            notice=notice,
        )
        notices.append(notice)
    return notices


@transaction.atomic
def record_export(proposal, export, *, by):
    """Note in the audit trail that `by` downloaded an export ("result_csv" or "audit_csv") of the proposal."""
    if export not in audit.EXPORTS:
        raise ValueError(f"unknown export: {export}")
    return audit.write(proposal, AuditEntry.Action.EXPORTED, by=by, export=export)
