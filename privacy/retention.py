"""Retention: a household that moved out keeps its personal data for PRIVACY_RETENTION_DAYS after its tenancy
ended (questions about the renovation, the compensation or a court case come in that time), then it is erased
(privacy.erasure.erase_household). Run daily by Celery beat, by `manage.py erase_moved_out_households`, or by
staff from /beheer/privacy/ for their own corporation."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from tenants.models import Household

from .erasure import erase_household
from .models import PrivacyEvent


def retention_cutoff(today=None):
    """Tenancies that ended on or before this day are due for erasure."""
    return (today or timezone.localdate()) - timedelta(days=settings.PRIVACY_RETENTION_DAYS)


def households_due(*, corporation_ids=None, today=None):
    erased = PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOUSEHOLD_ERASED, household__isnull=False)
    due = Household.objects.filter(ended_on__lte=retention_cutoff(today)).exclude(pk__in=erased.values("household_id"))
    if corporation_ids is not None:
        due = due.filter(dwelling__complex__corporation_id__in=corporation_ids)
    return due.select_related("dwelling").order_by("ended_on", "pk")


def erase_due_households(*, corporation_ids=None, by=None, today=None):
    """Erase every household due; returns the summed counts, with "households" the number erased now."""
    totals = Counter()
    for household in households_due(corporation_ids=corporation_ids, today=today):
        counts = erase_household(household, by=by)
        if counts is not None:
            totals["households"] += 1
            totals.update(counts)
    return dict(totals)
