"""Reads of housing stock that take more than one line."""

from django.db.models import Count, Q

from .models import Complex, Household


def complexes_with_counts(corporation_ids):
    """Complexes of these corporations with their number of homes, active households and activated ones."""
    return (
        Complex.objects.filter(corporation_id__in=corporation_ids)
        .select_related("corporation")
        .annotate(
            dwelling_count=Count("dwellings", distinct=True),
            household_count=Count(
                "dwellings__households", filter=Q(dwellings__households__ended_on__isnull=True), distinct=True
            ),
            activated_count=Count(
                "dwellings__households",
                filter=Q(
                    dwellings__households__ended_on__isnull=True,
                    dwellings__households__members__isnull=False,
                ),
                distinct=True,
            ),
        )
        .order_by("corporation__name", "code")
    )


def households_for_letters(complex_, *, only_not_activated):
    """Active households of a complex in street order, for printing letters."""
    households = (
        Household.objects.active()
        .filter(dwelling__complex=complex_)
        .select_related("dwelling")
        .order_by("dwelling__street", "dwelling__house_number", "dwelling__addition")
    )
    if only_not_activated:
        households = households.filter(members__isnull=True)
    return households
