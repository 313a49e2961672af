"""`manage.py seed_demo`: the Utrecht demo that `make run` builds and whose logins it prints."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tenants.invitations import InvitationError, find_invitation
from tenants.models import Complex, Corporation, Dwelling, Household, Invitation, Membership, Organisation
from tenants.permissions import viewer_for_user

pytestmark = pytest.mark.django_db

PASSWORD = "renovatie-demo"


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """The demo projects come with a photo and documents: they go to a throwaway folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path


def seed_demo():
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def printed_code(output):
    return re.search(r"type the code\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", output).group(1)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Corporation, Complex, Dwelling, Household, Organisation, Membership, get_user_model())
    }


def test_demo_is_one_corporation_with_three_complexes_of_about_150_homes():
    seed_demo()
    corporation = Corporation.objects.get()
    assert (corporation.name, corporation.slug) == ("Mitros", "mitros")
    assert corporation.complexes.count() == 3
    assert 140 <= Dwelling.objects.filter(complex__corporation=corporation).count() <= 160


def test_every_demo_home_has_one_active_household_with_a_tenancy_reference():
    seed_demo()
    assert not Dwelling.objects.exclude(households__ended_on__isnull=True).exists()
    assert Household.objects.active().count() == Dwelling.objects.count()
    assert not Household.objects.filter(tenancy_reference="").exists()


def test_demo_homes_have_utrecht_addresses():
    seed_demo()
    for dwelling in Dwelling.objects.all():
        assert re.fullmatch(r"35\d\d[A-Z]{2}", dwelling.postcode), dwelling.address
        assert dwelling.city == "Utrecht"
    assert Dwelling.objects.exclude(addition="").exists()


ROLES = [
    # e-mail, tenant, staff, project lead, contractor, representative
    ("huurder@demo.renovatie.nl", True, False, False, False, False),
    ("tenant@demo.renovatie.nl", True, False, False, False, False),
    ("medewerker@demo.renovatie.nl", False, True, False, False, False),
    ("projectleider@demo.renovatie.nl", False, True, True, False, False),
    ("aannemer@demo.renovatie.nl", False, False, False, True, False),
    ("bewonerscommissie@demo.renovatie.nl", True, False, False, False, True),
]


@pytest.mark.parametrize(("email", "tenant", "staff", "lead", "contractor", "representative"), ROLES)
def test_demo_login_has_its_role(email, tenant, staff, lead, contractor, representative):
    seed_demo()
    viewer = viewer_for_user(get_user_model().objects.get(email=email))
    assert (
        viewer.is_tenant,
        viewer.is_staff,
        bool(viewer.lead_corporation_ids),
        viewer.is_contractor,
        viewer.is_representative,
    ) == (tenant, staff, lead, contractor, representative)


@pytest.mark.parametrize("email", [row[0] for row in ROLES])
def test_demo_login_works_with_the_printed_password(client, email):
    output = seed_demo()
    assert PASSWORD in output and email in output
    assert client.login(email=email, password=PASSWORD)
    assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()


def test_one_demo_tenant_uses_english():
    seed_demo()
    user = get_user_model().objects.get(email="tenant@demo.renovatie.nl")
    assert user.tenant_profile.language == "en"


def test_printed_activation_code_opens_the_printed_address():
    output = seed_demo()
    invitation = find_invitation(printed_code(output))
    assert invitation.household.dwelling.address in output
    assert not invitation.household.members.exists()


def test_running_seed_demo_twice_creates_no_duplicates():
    seed_demo()
    before = counts()
    output = seed_demo()
    assert "already exists" in output
    assert counts() == before
    assert Invitation.objects.filter(used_at__isnull=True, revoked_at__isnull=True).count() == 1


def test_second_run_prints_a_code_that_works_and_retires_the_first():
    first = printed_code(seed_demo())
    second = printed_code(seed_demo())
    assert find_invitation(second)
    with pytest.raises(InvitationError):
        find_invitation(first)


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not Corporation.objects.exists()


def test_seed_demo_leaves_a_real_corporation_with_the_demo_name_alone():
    Corporation.objects.create(name="Mitros", slug="mitros")
    with pytest.raises(CommandError, match="not the demo"):
        seed_demo()
    assert not Dwelling.objects.exists()
