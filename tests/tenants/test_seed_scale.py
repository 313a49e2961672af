"""`manage.py seed_scale` builds benchmark-sized housing stock with tenants, and never mixes it with existing data."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from tenants.models import Complex, Dwelling, Household, TenantProfile
from tests.factories import CorporationFactory, DwellingFactory

pytestmark = pytest.mark.django_db


def test_seed_scale_builds_complexes_of_fifty_homes_with_a_household_each_and_most_tenants_activated():
    call_command("seed_scale", "--dwellings", "120", stdout=io.StringIO())

    homes = Dwelling.objects.filter(complex__corporation__slug="mitros-scale")
    assert Complex.objects.filter(corporation__slug="mitros-scale").count() == 3
    assert homes.count() == 120
    assert Household.objects.active().filter(dwelling__in=homes).count() == 120
    assert TenantProfile.objects.filter(household__dwelling__in=homes).count() == 100  # 83% of 120, rounded


def test_seeded_tenants_can_log_in_with_the_given_password():
    call_command(
        "seed_scale", "--dwellings", "5", "--tenants", "2", "--password", "lang-genoeg-123", stdout=io.StringIO()
    )

    user = TenantProfile.objects.first().user
    assert authenticate(email=user.email, password="lang-genoeg-123") == user


def test_seed_scale_leaves_addresses_that_are_taken_alone():
    DwellingFactory(postcode="3500AA", house_number=1, addition="")

    call_command("seed_scale", "--dwellings", "60", "--corporation", "schaal", stdout=io.StringIO())

    assert Dwelling.objects.filter(complex__corporation__slug="schaal", postcode="3500AA").count() == 0
    assert Dwelling.objects.filter(complex__corporation__slug="schaal").count() == 60


def test_seed_scale_refuses_a_corporation_that_already_exists():
    CorporationFactory(slug="mitros-scale")

    with pytest.raises(CommandError, match="already exists"):
        call_command("seed_scale", "--dwellings", "10", stdout=io.StringIO())
    assert not Dwelling.objects.exists()
