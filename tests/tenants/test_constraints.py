import pytest
from django.db import IntegrityError, transaction

from tenants.models import Household
from tests.factories import ComplexFactory, DwellingFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_two_dwellings_cannot_share_an_address():
    dwelling = DwellingFactory(postcode="3512AB", house_number=10, addition="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        DwellingFactory(postcode="3512AB", house_number=10, addition="A", complex=dwelling.complex)


def test_same_number_with_another_addition_is_another_home():
    DwellingFactory(postcode="3512AB", house_number=10, addition="A")
    DwellingFactory(postcode="3512AB", house_number=10, addition="B")


def test_a_dwelling_has_at_most_one_active_household():
    household = HouseholdFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(dwelling=household.dwelling, tenancy_reference="NEW-1")


def test_a_new_household_may_move_in_once_the_old_tenancy_ended():
    household = HouseholdFactory()
    household.ended_on = household.started_on
    household.save()
    Household.objects.create(dwelling=household.dwelling, tenancy_reference="NEW-1")
    assert Household.objects.active().get(dwelling=household.dwelling).tenancy_reference == "NEW-1"


def test_complex_codes_are_unique_within_a_corporation_only():
    complex_ = ComplexFactory(code="UTR-001")
    ComplexFactory(code="UTR-001")  # another corporation may use the same code
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplexFactory(code="UTR-001", corporation=complex_.corporation)
