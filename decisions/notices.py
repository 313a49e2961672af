"""The written notice after a proposal reached 70%, and the eight weeks a tenant has to go to court.

Art. 7:220(3) of the Dutch civil code: a tenant who did not agree may ask the court, within eight weeks of the
landlord's written notice that 70% agreed, to rule whether the proposal is reasonable. How the days count:
- the notice date itself is day 0; the eight weeks run from the next day (`period_starts`);
- the last day to go to court is the notice date + 56 days, the same weekday eight weeks later;
- under the Algemene termijnenwet (art. 1 and 3) a statutory period that ends on a Saturday, Sunday or public
  holiday (New Year's Day, Easter Monday, King's Day, 5 May, Ascension Day, Whit Monday, Christmas and Boxing
  Day) is extended to the next day that is none of these.
"""

from datetime import date, timedelta

from tenants.models import Household

from .models import Choice, ProposalVersion, ResultSnapshot

PERIOD = timedelta(weeks=8)


def easter_sunday(year):
    """Gregorian Easter (the anonymous Gregorian algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month = (h + ell - 7 * m + 90) // 25
    day = (h + ell - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


def public_holidays(year):
    """The generally recognised holidays of art. 3 Algemene termijnenwet in `year`."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27) if date(year, 4, 27).weekday() != 6 else date(year, 4, 26)
    return {
        date(year, 1, 1),
        easter + timedelta(days=1),
        kings_day,
        date(year, 5, 5),
        easter + timedelta(days=39),
        easter + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }


def period_starts(notice_date):
    """The first day of the eight weeks: the day after the notice."""
    return notice_date + timedelta(days=1)


def court_deadline(notice_date):
    """The last day a tenant who did not agree can go to court: notice date + 56 days, moved past a weekend or
    public holiday to the next working day."""
    last_day = notice_date + PERIOD
    while last_day.weekday() >= 5 or last_day in public_holidays(last_day.year):
        last_day += timedelta(days=1)
    return last_day


def households_to_notify(proposal):
    """Households in scope of the voted version that did not agree (disagreed or did not vote).

    Empty unless the proposal is closed and its certified result reached 70% of ten homes or more: only then does
    art. 7:220(3) presume the proposal reasonable and give a tenant eight weeks from the notice to go to court.
    """
    result = ResultSnapshot.objects.filter(proposal=proposal).first()  # made only when the proposal closes
    if result is None or not result.presumed_reasonable:
        return Household.objects.none()
    version = ProposalVersion.objects.get(proposal=proposal, number=result.version_number)
    agreed = proposal.ballots.filter(version=version, choice=Choice.AGREE).values("household_id")
    return version.scope.exclude(pk__in=agreed).order_by("pk")
