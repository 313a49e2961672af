"""Who may open which page: one table of role × page → what the person gets, and who the permission module says
each role is. Two-factor authentication for staff is switched off here; it has its own tests (test_two_factor.py).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tenants.models import Membership
from tenants.permissions import ANONYMOUS, viewer_for_user
from tests.factories import (
    CorporationFactory,
    HouseholdFactory,
    UserFactory,
    contractor_member,
    household_of,
    staff_member,
    superuser,
    tenant,
    tenant_representative,
)
from tests.permission_table import ADMIN, LOGIN, outcome

pytestmark = pytest.mark.django_db


# What a person gets, in short: a status code, or a redirect to ...
INDEX = "→ /admin/"  # the admin's answer to an object it cannot find: back to its index, with a message
MINE = "→ /mijn-renovatie/"
WORK = "→ /aannemer/"
MGMT = "→ /beheer/"

PAGES = [
    "/",
    "/mijn-renovatie/",
    "/aannemer/",
    "/beheer/",
    "/beheer/complexen/{complex_a}/brieven/",
    "/admin/",
    "/admin/tenants/household/",
    "/admin/tenants/household/{household_a}/change/",
    "/activeren/",
]

# fmt: off
EXPECTED = {
    #                  /      mijn-  aan-   beheer letters admin  admin   admin     activeren
    #                         renov. nemer         of A           house-  house-
    #                                                             holds   hold of A
    "anonymous":      (200,   LOGIN, LOGIN, LOGIN, LOGIN,  ADMIN, ADMIN,  ADMIN,    200),
    "tenant":         (MINE,  200,   403,   403,   403,    ADMIN, ADMIN,  ADMIN,    200),
    "tenant of B":    (MINE,  200,   403,   403,   403,    ADMIN, ADMIN,  ADMIN,    200),
    "contractor":     (WORK,  403,   200,   403,   403,    ADMIN, ADMIN,  ADMIN,    200),
    "representative": (MINE,  200,   403,   403,   403,    ADMIN, ADMIN,  ADMIN,    200),
    "staff":          (MGMT,  403,   403,   200,   200,    200,   200,    200,      200),
    "staff of B":     (MGMT,  403,   403,   200,   404,    200,   200,    INDEX,    200),
    "project lead":   (MGMT,  403,   403,   200,   200,    200,   200,    200,      200),
    "superuser":      (MGMT,  403,   403,   200,   200,    200,   200,    200,      200),
}
# fmt: on


@pytest.fixture
def world():
    """Corporation A with a complex and a household, and corporation B next door."""
    corporation_a, corporation_b = CorporationFactory(name="Corporatie A"), CorporationFactory(name="Corporatie B")
    household_a = household_of(corporation_a)
    return {
        "corporation_a": corporation_a,
        "corporation_b": corporation_b,
        "household_a": household_a,
        "complex_a": household_a.dwelling.complex,
    }


def person(role, world):
    """A user in `role`; A is the corporation whose pages are in the table, B is another one."""
    a, b = world["corporation_a"], world["corporation_b"]
    make = {
        "anonymous": lambda: None,
        "tenant": lambda: tenant(world["household_a"]),
        "tenant of B": lambda: tenant(household_of(b)),
        "contractor": lambda: contractor_member(a),
        "representative": lambda: tenant_representative(a, household_of(a)),
        "staff": lambda: staff_member(a),
        "staff of B": lambda: staff_member(b),
        "project lead": lambda: staff_member(a, role=Membership.Role.PROJECT_LEAD),
        "superuser": superuser,
    }
    return make[role]()


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [(role, page, expected) for role, row in EXPECTED.items() for page, expected in zip(PAGES, row, strict=True)],
    ids=[f"{role} {page}" for role in EXPECTED for page in PAGES],
)
def test_who_gets_what_on_each_page(client, settings, world, role, page, expected):
    settings.REQUIRE_STAFF_2FA = False
    user = person(role, world)
    if user is not None:
        client.force_login(user)

    response = client.get(page.format(complex_a=world["complex_a"].pk, household_a=world["household_a"].pk))

    assert outcome(response) == expected


def test_login_page_brings_the_visitor_back_to_the_page_they_asked_for(client):
    response = client.get("/mijn-renovatie/")

    assert response["Location"] == "/accounts/login/?next=/mijn-renovatie/"


def test_superuser_can_enter_the_admin_before_any_corporation_exists(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(superuser())

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/tenants/corporation/add/").status_code == 200


# --- viewer_for_user: who the permission module says each person is ------------------------------------------


def test_anonymous_visitor_is_nobody():
    assert viewer_for_user(AnonymousUser()) is ANONYMOUS
    assert viewer_for_user(None) is ANONYMOUS
    assert not ANONYMOUS.is_authenticated


def test_deactivated_account_is_treated_as_anonymous(world):
    user = staff_member(world["corporation_a"])
    user.is_active = False
    user.save()

    assert viewer_for_user(user) is ANONYMOUS


def test_tenant_is_a_tenant_of_their_own_household_only(world):
    viewer = viewer_for_user(tenant(world["household_a"]))

    assert viewer.is_tenant
    assert viewer.household == world["household_a"]
    assert viewer.corporation_id == world["corporation_a"].pk
    assert not (viewer.is_staff or viewer.is_contractor or viewer.is_representative)
    assert viewer.may_see_household(world["household_a"])
    assert not viewer.may_see_household(HouseholdFactory(dwelling__complex=world["complex_a"]))


def test_tenant_of_another_corporation_belongs_to_that_corporation(world):
    viewer = viewer_for_user(tenant(household_of(world["corporation_b"])))

    assert viewer.corporation_id == world["corporation_b"].pk
    assert not viewer.may_see_household(world["household_a"])


def test_tenant_whose_tenancy_ended_is_no_longer_a_tenant(world):
    user = tenant(world["household_a"])
    world["household_a"].ended_on = world["household_a"].started_on
    world["household_a"].save()

    assert not viewer_for_user(user).is_tenant


def test_contractor_is_a_contractor_of_their_organisation_only(world):
    user = contractor_member(world["corporation_a"])
    viewer = viewer_for_user(user)

    assert viewer.is_contractor
    assert viewer.contractor_organisation_ids == {user.memberships.get().organisation_id}
    assert not (viewer.is_staff or viewer.is_tenant or viewer.is_representative)
    assert not viewer.may_see_household(world["household_a"])
    assert not viewer.may_manage_complex(world["complex_a"])


def test_tenant_representative_is_a_tenant_who_represents_their_corporation(world):
    viewer = viewer_for_user(tenant_representative(world["corporation_a"], household_of(world["corporation_a"])))

    assert viewer.is_representative
    assert viewer.representative_corporation_ids == {world["corporation_a"].pk}
    assert viewer.is_tenant
    assert not viewer.is_staff
    assert not viewer.may_see_household(world["household_a"])


def test_staff_member_manages_their_own_corporation_only(world):
    viewer = viewer_for_user(staff_member(world["corporation_a"]))

    assert viewer.is_staff
    assert viewer.staff_corporation_ids == {world["corporation_a"].pk}
    assert viewer.lead_corporation_ids == set()
    assert viewer.may_manage_complex(world["complex_a"])
    assert viewer.may_see_household(world["household_a"])
    assert not viewer.is_tenant


def test_staff_of_another_corporation_cannot_manage_corporation_a(world):
    viewer = viewer_for_user(staff_member(world["corporation_b"]))

    assert viewer.is_staff
    assert not viewer.may_manage_complex(world["complex_a"])
    assert not viewer.may_see_household(world["household_a"])


def test_project_lead_is_staff_and_lead_of_their_corporation(world):
    viewer = viewer_for_user(staff_member(world["corporation_a"], role=Membership.Role.PROJECT_LEAD))

    assert viewer.is_staff
    assert viewer.staff_corporation_ids == {world["corporation_a"].pk}
    assert viewer.lead_corporation_ids == {world["corporation_a"].pk}


def test_superuser_counts_as_staff_of_every_corporation(world):
    viewer = viewer_for_user(superuser())

    assert viewer.is_staff
    assert viewer.staff_corporation_ids == {world["corporation_a"].pk, world["corporation_b"].pk}


def test_a_person_with_an_account_and_no_role_is_signed_in_but_nothing_more():
    viewer = viewer_for_user(UserFactory())

    assert viewer.is_authenticated
    assert not (viewer.is_staff or viewer.is_tenant or viewer.is_contractor or viewer.is_representative)


def test_who_someone_is_takes_one_query_when_signed_in_and_two_otherwise(world, django_assert_num_queries):
    """Signed in, the user arrives with their home (tenants.backends): only the roles are asked for."""
    from tenants.backends import AuthenticationBackend
    from tenants.models import User

    user = tenant_representative(world["corporation_a"], household_of(world["corporation_a"]))
    staff_organisation_member = staff_member(world["corporation_b"])
    user.memberships.create(organisation=staff_organisation_member.memberships.get().organisation, role="staff")
    signed_in = AuthenticationBackend().get_user(user.pk)
    plain = User.objects.get(pk=user.pk)

    with django_assert_num_queries(1):
        viewer = viewer_for_user(signed_in)
        assert viewer.corporation_id == world["corporation_a"].pk
        assert viewer.staff_corporation_ids == {world["corporation_b"].pk}
    with django_assert_num_queries(2):
        assert viewer_for_user(plain) == viewer


def test_staff_start_page_leads_to_moderation(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    from tests.factories import CorporationFactory, staff_member

    client.force_login(staff_member(CorporationFactory()))
    page = client.get("/beheer/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'href="/beheer/moderatie/"' in page
    assert 'href="/beheer/moderatie/logboek/"' in page
