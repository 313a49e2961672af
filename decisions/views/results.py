"""The certified result for staff: the printable result page, the households to send the written notice with
whether it was sent and their last day to go to court, recording notices as sent, and the letters to print.

Permissions as on the staff proposal page (views.staff.staff_proposal_page): anonymous → login, not staff → 403,
staff of another corporation → 404.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import notices, services
from ..forms import LetterDateForm, NoticeSentForm
from ..models import Proposal, ProposalVersion
from ..selectors import notice_rows
from ..tally import THRESHOLD_PERCENT
from .staff import PREFIX, back_to_proposal, staff_proposal_page


def certified_result(request, proposal):
    """The proposal's certified result, or None (with a message for the page staff are sent back to)."""
    result = getattr(proposal, "result", None) if proposal.status == Proposal.Status.CLOSED else None
    if result is None:
        messages.error(request, _("There is no result yet: voting on this proposal has not been closed."))
    return result


def _notice_form(rows, data=None):
    unsent = [(row.household.pk, row.household.dwelling.address) for row in rows if row.notice is None]
    return NoticeSentForm(data, households=unsent, initial={"sent_on": timezone.localdate()})


@staff_proposal_page
def proposal_result(request, proposal):
    result = certified_result(request, proposal)
    if result is None:
        return back_to_proposal(proposal)
    return _render_result(request, proposal, result)


def _versions_and_scope(proposal, result):
    """Every published version with its number of homes, and the complexes in scope of the voted version."""
    versions = list(
        ProposalVersion.objects.filter(proposal=proposal, published_at__isnull=False)
        .select_related("published_by")
        .annotate(homes=Count("scope"))
        .order_by("number")
    )
    voted = next(version for version in versions if version.number == result.version_number)
    complexes = (
        voted.scope.order_by()
        .values("dwelling__complex__code", "dwelling__complex__name")
        .annotate(homes=Count("pk"))
        .order_by("dwelling__complex__code")
    )
    return versions, list(complexes)


def _render_result(request, proposal, result, notice_form=None):
    today = timezone.localdate()
    rows = notice_rows(proposal)
    versions, complexes = _versions_and_scope(proposal, result)
    context = {
        "versions": versions,
        "complexes": complexes,
        "printed_at": timezone.now(),
        "project": proposal.project,
        "proposal": proposal,
        "result": result,
        "verified": services.verify_snapshot(result),
        "threshold": THRESHOLD_PERCENT,
        "notice_rows": rows,
        "unsent": sum(1 for row in rows if row.notice is None),
        "notice_form": notice_form or _notice_form(rows),
        "notice_date": today,
        "period_starts": notices.period_starts(today),
        "court_deadline": notices.court_deadline(today),
    }
    return render(request, "decisions/staff/result.html", context, status=400 if notice_form else 200)


@require_POST
@staff_proposal_page
def record_notices(request, proposal):
    result = certified_result(request, proposal)
    if result is None:
        return back_to_proposal(proposal)
    rows = notice_rows(proposal)
    form = _notice_form(rows, request.POST)
    if not form.is_valid():
        return _render_result(request, proposal, result, notice_form=form)
    chosen = set(form.cleaned_data["households"])
    households = [row.household for row in rows if row.household.pk in chosen]
    try:
        recorded = services.record_notices_sent(
            proposal,
            households,
            sent_on=form.cleaned_data["sent_on"],
            method=form.cleaned_data["method"],
            by=request.user,
        )
    except services.DecisionError as error:
        form.add_error(None, str(error))
        return _render_result(request, proposal, result, notice_form=form)
    messages.success(
        request,
        ngettext("Recorded: %(count)s letter sent.", "Recorded: %(count)s letters sent.", len(recorded))
        % {"count": len(recorded)},
    )
    return redirect(reverse("staff_proposal_result", args=[proposal.project.slug, proposal.pk]) + "#notices")


@dataclass(frozen=True)
class Letter:
    household: object
    notice_date: date
    sent: bool

    @property
    def period_starts(self):
        return notices.period_starts(self.notice_date)

    @property
    def court_deadline(self):
        return notices.court_deadline(self.notice_date)


@staff_proposal_page
def notice_letters(request, proposal):
    """One letter per household to notify, one per printed page: those not sent yet dated `datum` (today by
    default); with `alle=1` also those already sent, each with its recorded date."""
    result = certified_result(request, proposal)
    if result is None:
        return back_to_proposal(proposal)
    closed_on = timezone.localdate(result.created_at)
    form = LetterDateForm(request.GET or None)
    letter_date = (form.is_valid() and form.cleaned_data["datum"]) or timezone.localdate()
    if letter_date < closed_on:
        form.add_error("datum", _("A letter cannot be dated before voting closed."))
        letter_date = timezone.localdate()
    everyone = request.GET.get("alle") == "1"
    letters = [
        Letter(row.household, row.sent_on or letter_date, sent=row.notice is not None)
        for row in notice_rows(proposal)
        if everyone or row.notice is None
    ]
    context = {
        "project": proposal.project,
        "proposal": proposal,
        "result": result,
        "share": result.agree * 100 // result.scope_size if result.scope_size else 0,
        "letters": letters,
        "date_form": form if form.is_bound else LetterDateForm(initial={"datum": letter_date}),
        "everyone": everyone,
        "closed_on": closed_on,
    }
    return render(request, "decisions/staff/notice_letters.html", context)


urlpatterns = [
    path(PREFIX + "uitslag/", proposal_result, name="staff_proposal_result"),
    path(PREFIX + "uitslag/kennisgevingen/", record_notices, name="staff_record_notices"),
    path(PREFIX + "uitslag/brieven/", notice_letters, name="staff_notice_letters"),
]
