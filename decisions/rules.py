"""The rules of a proposal that need no database: what a reasonable proposal must say before it can open, and
which of its details may still change in which state. decisions.services applies them inside its transactions."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Proposal


class DecisionError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


# What a proposal must say before households can vote on it, in the order staff see the checklist.
ALWAYS_REQUIRED = (
    "renovation_works",
    "maintenance_works",
    "rent_increase",
    "duration_weeks",
    "tenants_stay_home",
    "starts_on",
    "completes_on",
    "other_allowances",
    "social_plan_reference",
)
CONTENT_FIELDS = (
    *ALWAYS_REQUIRED,
    "rent_increase_reasons",
    "temporary_home",
    "moving_allowance",
    "changes_since_previous",
)


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def missing_for_publication(version):
    """Names of the ProposalVersion fields a reasonable proposal still lacks; empty when it is complete.

    Always required: both kinds of works, the rent increase (0 is an answer), the duration, whether tenants stay
    home, start and completion dates, other allowances (say "none" if there are none) and the social plan.
    Required when they apply: the reasons for a rent increase above 0; the temporary home and the moving
    allowance when tenants leave their home; what changed, from the second version on.
    """
    missing = [name for name in ALWAYS_REQUIRED if _is_empty(getattr(version, name))]
    if version.rent_increase and _is_empty(version.rent_increase_reasons):
        missing.append("rent_increase_reasons")
    if version.tenants_stay_home is False:
        missing += [name for name in ("temporary_home", "moving_allowance") if _is_empty(getattr(version, name))]
    if version.number > 1 and _is_empty(version.changes_since_previous):
        missing.append("changes_since_previous")
    return missing


PROPOSAL_DETAILS = ("title", "opens_at", "closes_at")


def check_proposal_update(proposal, changes, *, now=None):
    """The changes of `changes` (title, opens_at, closes_at) that differ from `proposal`, or DecisionError saying why
    they may not be made. While draft everything may change; while open only the closing moment, and only later
    (households count on it); a closed proposal is frozen with its result."""
    unknown = set(changes) - set(PROPOSAL_DETAILS)
    if unknown:
        raise ValueError(f"not details of a proposal: {sorted(unknown)}")
    now = now or timezone.now()
    changed = {name: value for name, value in changes.items() if getattr(proposal, name) != value}
    if not changed:
        return changed
    if proposal.status == Proposal.Status.CLOSED:
        raise DecisionError(_("This proposal is closed. Its title and dates are frozen together with the result."))
    if proposal.status == Proposal.Status.OPEN:
        if set(changed) != {"closes_at"}:
            raise DecisionError(
                _(
                    "Voting is open, so only the closing moment can still change. Households are voting on this "
                    "title and this opening moment."
                )
            )
        closes_at = changed["closes_at"]
        if closes_at is None or closes_at < proposal.closes_at:
            raise DecisionError(
                _("Voting can be extended, but not shortened: households count on voting being open until %(moment)s.")
                % {"moment": _when(proposal.closes_at)}
            )
        if closes_at <= now:
            raise DecisionError(_("The new closing moment has already passed. Choose a moment in the future."))
        return changed
    title = changed.get("title", proposal.title)
    if _is_empty(title):
        raise DecisionError(_("Give the proposal a title."))
    opens_at, closes_at = changed.get("opens_at", proposal.opens_at), changed.get("closes_at", proposal.closes_at)
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise DecisionError(_("Voting must close after it opens."))
    return changed


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
