"""Reads of co-decision that take more than one line: the households to notify with their notice and deadline."""

from dataclasses import dataclass
from datetime import date

from .models import Notice
from .notices import court_deadline, households_to_notify, period_starts


@dataclass(frozen=True)
class NoticeRow:
    """A household that must get the written notice; `notice` is None until staff record that it was sent."""

    household: object
    notice: Notice | None

    @property
    def sent_on(self) -> date | None:
        return self.notice.sent_on if self.notice else None

    @property
    def period_starts(self):
        return period_starts(self.sent_on) if self.notice else None

    @property
    def court_deadline(self):
        """The last day this household can go to court, counted from ITS notice date."""
        return court_deadline(self.sent_on) if self.notice else None


def notice_rows(proposal):
    """Every household to notify, in street order, with its recorded notice: two queries, whatever the number."""
    households = (
        households_to_notify(proposal)
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )
    notices = {
        notice.household_id: notice for notice in Notice.objects.filter(proposal=proposal).select_related("recorded_by")
    }
    return [NoticeRow(household=household, notice=notices.get(household.pk)) for household in households]
