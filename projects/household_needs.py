"""A household records what the corporation and visitors should know about it (tenants.models.HouseholdNeeds).

Staff see all of it; a contractor sees only HouseholdNeeds.VISIT_FIELDS, through the visit list selector.
"""

from django.db import transaction

from renovatie.events import emit
from tenants.models import HouseholdNeeds

FIELDS = ("mobility", "medical", "pets", "works_from_home", "preferred_language", "needs_helper_present", "visit_notes")


@transaction.atomic
def record_household_needs(household, *, by, **values):
    """Save the household's needs (the record is made on first save). Unknown field names are a programming
    error, not user input, so they raise TypeError."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"not a household needs field: {', '.join(sorted(unknown))}")
    needs, created = HouseholdNeeds.objects.update_or_create(household=household, defaults=values)
    emit("household.needs_recorded", household=household, actor=by, needs=needs, created=created)
    return needs
