"""The audit trail of a proposal: every service of decisions.services writes one entry in the same transaction as
its change, so the trail and the data cannot disagree. `describe` turns an entry into a sentence for staff, in the
language of the reader (details are stored as plain data: ids, numbers, ISO dates, never the text of a vote)."""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import AuditEntry, Notice, Proposal, ProposalVersion

Action = AuditEntry.Action
EXPORTS = {
    "result_csv": gettext_lazy("the certified result as CSV"),
    "audit_csv": gettext_lazy("the audit trail as CSV"),
}


def write(proposal, action, *, by, household=None, **details):
    """Append an entry; call it inside the service's transaction."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        proposal=proposal, action=action, actor=actor, household=household, details=details
    )


def _moment(value):
    if not value:
        return "–"
    moment = datetime.fromisoformat(value)
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(value):
    return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")


def _field_label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _changed(details):
    parts = []
    for name, (old, new) in details["changes"].items():
        if name == "title":
            old, new = f"“{old}”", f"“{new}”"
        else:
            old, new = _moment(old), _moment(new)
        parts.append(
            _("%(field)s from %(old)s to %(new)s") % {"field": _field_label(Proposal, name), "old": old, "new": new}
        )
    return _("Changed: %(changes)s.") % {"changes": "; ".join(parts)}


def _vote(entry, address):
    if entry.details.get("on_paper"):
        return _("Vote of %(address)s recorded, given on paper or at the door.") % {"address": address}
    return _("Vote of %(address)s recorded online.") % {"address": address}


def describe(entry):
    """What happened, as one sentence. Expects the entry's household and its dwelling to be fetched already."""
    details, kind = entry.details, entry.action
    address = entry.household.dwelling.address if entry.household_id else ""
    if kind == Action.DRAFTED:
        return _("Proposal “%(title)s” drafted.") % {"title": details.get("title", "")}
    if kind == Action.CHANGED:
        return _changed(details)
    if kind == Action.VERSION_STARTED:
        return _("Version %(number)s started as a draft.") % {"number": details["version"]}
    if kind == Action.CONTENT_CHANGED:
        fields = ", ".join(_field_label(ProposalVersion, name) for name in details["fields"])
        return _("Version %(number)s changed: %(fields)s.") % {"number": details["version"], "fields": fields}
    if kind == Action.PUBLISHED:
        return _("Version %(number)s published for %(homes)s homes (%(complexes)s). Voting is open.") % {
            "number": details["version"],
            "homes": details["scope_size"],
            "complexes": ", ".join(details.get("complexes", [])),
        }
    if kind == Action.VOTE:
        return _vote(entry, address)
    if kind == Action.REMINDED:
        count = details["households"]
        return ngettext(
            "Reminder that voting closes soon, for %(count)s household that had not voted on version %(number)s.",
            "Reminder that voting closes soon, for %(count)s households that had not voted on version %(number)s.",
            count,
        ) % {"count": count, "number": details["version"]}
    if kind == Action.CLOSED:
        return _("Voting closed: %(agree)s of %(scope)s households agree. SHA-256 over the votes: %(hash)s.") % {
            "agree": details["agree"],
            "scope": details["scope_size"],
            "hash": details["hash"],
        }
    if kind == Action.NOTICE:
        method = dict(Notice.Method.choices).get(details["method"], details["method"])
        return _("Written notice to %(address)s recorded: sent on %(date)s, %(method)s.") % {
            "address": address,
            "date": _day(details["sent_on"]),
            "method": method,
        }
    if kind == Action.EXPORTED:
        return _("Downloaded: %(export)s.") % {"export": EXPORTS.get(details.get("export"), details.get("export"))}
    return str(entry.get_action_display())


def entries(proposal):
    """The proposal's trail, oldest first, with what `describe` and the page need fetched."""
    return proposal.audit_entries.select_related("actor", "household__dwelling").order_by("at", "pk")
