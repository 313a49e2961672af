"""The admin for corporation staff: every list, page and choice stays within the staff member's own corporation."""

import json

import pytest
from django.apps import apps
from django.contrib import admin

from tenants.invitations import issue_letters
from tenants.models import Complex, Dwelling, Household, Invitation, Membership, Organisation, TenantProfile, User
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    DwellingFactory,
    HouseholdFactory,
    OrganisationFactory,
    contractor_member,
    household_of,
    staff_member,
    superuser,
    tenant,
    with_totp,
)

pytestmark = pytest.mark.django_db


class Corporations:
    """Corporation A (the staff member's own) and B (a neighbour's), each with housing stock, people and letters."""

    def __init__(self):
        self.a, self.b = CorporationFactory(name="Corporatie A"), CorporationFactory(name="Corporatie B")
        self.staff_a = staff_member(self.a)
        with_totp(self.staff_a)
        self.staff_b = staff_member(self.b)
        for corporation in (self.a, self.b):
            complex_ = ComplexFactory(corporation=corporation)
            households = [household_of(corporation, complex=complex_) for _ in range(2)]
            tenant(households[0])
            contractor_member(corporation)
            issue_letters(households, issued_by=None)

    def of(self, corporation, model):
        """The objects of `model` that belong to `corporation`."""
        path = {
            Complex: "corporation",
            Dwelling: "complex__corporation",
            Household: "dwelling__complex__corporation",
            TenantProfile: "household__dwelling__complex__corporation",
            Invitation: "household__dwelling__complex__corporation",
            Organisation: "corporation",
            Membership: "organisation__corporation",
        }[model]
        return set(model.objects.filter(**{path: corporation}))

    def people_of(self, corporation):
        return {
            *(profile.user for profile in self.of(corporation, TenantProfile)),
            *(membership.user for membership in self.of(corporation, Membership)),
        }


@pytest.fixture
def corporations():
    return Corporations()


@pytest.fixture
def staff_client(client, corporations):
    client.force_login(corporations.staff_a)
    return client


def rows(response):
    return set(response.context["cl"].result_list)


# --- Lists ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/admin/tenants/complex/", Complex),
        ("/admin/tenants/dwelling/", Dwelling),
        ("/admin/tenants/household/", Household),
        ("/admin/tenants/tenantprofile/", TenantProfile),
        ("/admin/tenants/invitation/", Invitation),
        ("/admin/tenants/organisation/", Organisation),
        ("/admin/tenants/membership/", Membership),
    ],
)
def test_staff_member_sees_only_their_own_corporations_rows(staff_client, corporations, url, model):
    response = staff_client.get(url)

    assert response.status_code == 200
    assert rows(response) == corporations.of(corporations.a, model)
    assert response.context["cl"].result_count == len(corporations.of(corporations.a, model))


def test_staff_member_sees_only_the_people_of_their_own_corporation(staff_client, corporations):
    response = staff_client.get("/admin/tenants/user/")

    assert rows(response) == corporations.people_of(corporations.a)
    assert not rows(response) & corporations.people_of(corporations.b)


def test_staff_member_sees_only_their_own_corporation(staff_client, corporations):
    response = staff_client.get("/admin/tenants/corporation/")

    assert rows(response) == {corporations.a}


def test_superuser_sees_every_corporations_rows(client, corporations):
    boss = superuser()
    with_totp(boss)
    client.force_login(boss)

    response = client.get("/admin/tenants/household/")

    assert rows(response) == set(Household.objects.all())


def test_search_in_the_list_stays_within_the_own_corporation(staff_client, corporations):
    response = staff_client.get("/admin/tenants/dwelling/", {"q": "Kanaalstraat"})

    assert rows(response) == corporations.of(corporations.a, Dwelling)


# --- Other corporations' objects -----------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Complex, Dwelling, Household, TenantProfile, Invitation, Organisation, Membership])
@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_staff_member_cannot_open_another_corporations_object(staff_client, corporations, model, page):
    other = next(iter(corporations.of(corporations.b, model)))

    response = staff_client.get(f"/admin/tenants/{model._meta.model_name}/{other.pk}/{page}/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("page", "expected"),
    [("change", (302, "/admin/")), ("delete", (403, None)), ("password", (403, None))],
)
def test_staff_member_cannot_open_an_account_of_another_corporation(staff_client, corporations, page, expected):
    other = next(iter(corporations.people_of(corporations.b)))

    response = staff_client.get(f"/admin/tenants/user/{other.pk}/{page}/")

    assert (response.status_code, response.get("Location")) == expected


def test_staff_member_cannot_open_another_corporation(staff_client, corporations):
    response = staff_client.get(f"/admin/tenants/corporation/{corporations.b.pk}/change/")

    assert response.status_code == 302


def test_staff_member_can_open_their_own_objects(staff_client, corporations):
    household = next(iter(corporations.of(corporations.a, Household)))

    response = staff_client.get(f"/admin/tenants/household/{household.pk}/change/")

    assert response.status_code == 200
    assert household.dwelling.address in response.content.decode()


def test_staff_member_cannot_edit_another_corporations_household_by_posting(staff_client, corporations):
    other = next(iter(corporations.of(corporations.b, Household)))

    staff_client.post(
        f"/admin/tenants/household/{other.pk}/change/",
        {"dwelling": other.dwelling_id, "tenancy_reference": "GEKAAPT", "started_on": "2020-01-01"},
    )

    other.refresh_from_db()
    assert other.tenancy_reference != "GEKAAPT"


# --- Choices in forms ----------------------------------------------------------------------------------------


def choices(response, field):
    return set(response.context["adminform"].form.fields[field].queryset)


@pytest.mark.parametrize(
    ("url", "field", "model"),
    [
        ("/admin/tenants/complex/add/", "corporation", None),
        ("/admin/tenants/dwelling/add/", "complex", Complex),
        ("/admin/tenants/household/add/", "dwelling", Dwelling),
        ("/admin/tenants/organisation/add/", "corporation", None),
        ("/admin/tenants/membership/add/", "organisation", Organisation),
    ],
)
def test_add_forms_offer_only_the_own_corporations_objects(staff_client, corporations, url, field, model):
    response = staff_client.get(url)

    expected = {corporations.a} if model is None else corporations.of(corporations.a, model)
    assert choices(response, field) == expected


def test_corporation_dropdown_shows_only_the_own_corporation(staff_client, corporations):
    page = staff_client.get("/admin/tenants/complex/add/").content.decode()

    assert "Corporatie A" in page
    assert "Corporatie B" not in page


def test_membership_form_offers_only_people_of_the_own_corporation(staff_client, corporations):
    offered = choices(staff_client.get("/admin/tenants/membership/add/"), "user")

    assert corporations.people_of(corporations.a) <= offered
    assert not offered & corporations.people_of(corporations.b)


def test_staff_member_cannot_make_another_corporations_tenant_a_member(staff_client, corporations):
    organisation = OrganisationFactory(corporation=corporations.a, kind=Organisation.Kind.CONTRACTOR)
    outsider = next(iter(corporations.of(corporations.b, TenantProfile))).user

    response = staff_client.post(
        "/admin/tenants/membership/add/",
        {"user": outsider.pk, "organisation": organisation.pk, "role": Membership.Role.CONTRACTOR},
    )

    assert response.status_code == 200  # the form again, with an error
    assert not Membership.objects.filter(user=outsider, organisation=organisation).exists()


def test_staff_member_who_adds_an_account_can_go_on_to_make_it_a_member(staff_client, corporations):
    organisation = OrganisationFactory(corporation=corporations.a, kind=Organisation.Kind.CONTRACTOR)
    password = "stoere steiger 2030"

    response = staff_client.post(
        "/admin/tenants/user/add/", {"email": "uitvoerder@bouw.example", "password1": password, "password2": password}
    )
    new_user = User.objects.get(email="uitvoerder@bouw.example")
    assert staff_client.get(response["Location"]).status_code == 200
    staff_client.post(
        "/admin/tenants/membership/add/",
        {"user": new_user.pk, "organisation": organisation.pk, "role": Membership.Role.CONTRACTOR},
    )

    assert Membership.objects.filter(user=new_user, organisation=organisation).exists()


def test_staff_member_cannot_see_or_change_a_superuser(staff_client, corporations):
    boss = superuser()
    Membership.objects.create(user=boss, organisation=corporations.staff_a.memberships.get().organisation)

    assert boss not in rows(staff_client.get("/admin/tenants/user/"))
    assert staff_client.get(f"/admin/tenants/user/{boss.pk}/change/")["Location"] == "/admin/"


def test_staff_member_cannot_change_a_tenants_email_address(staff_client, corporations):
    resident = next(profile.user for profile in corporations.of(corporations.a, TenantProfile))
    address = resident.email

    response = staff_client.post(
        f"/admin/tenants/user/{resident.pk}/change/",
        {"email": "medewerker@example.org", "first_name": "", "last_name": "", "is_active": "on"},
    )

    assert response.status_code == 302  # the rest of the form saves
    resident.refresh_from_db()
    assert resident.email == address


def test_staff_member_cannot_set_another_persons_password(staff_client, corporations):
    colleague = staff_member(corporations.a)
    password = "ik ben nu de baas 2030"

    staff_client.post(f"/admin/tenants/user/{colleague.pk}/password/", {"password1": password, "password2": password})

    colleague.refresh_from_db()
    assert not colleague.check_password(password)


def test_autocomplete_offers_only_the_own_corporations_complexes(staff_client, corporations):
    response = staff_client.get(
        "/admin/autocomplete/", {"app_label": "tenants", "model_name": "dwelling", "field_name": "complex"}
    )

    offered = {int(result["id"]) for result in json.loads(response.content)["results"]}
    assert offered == {complex_.pk for complex_ in corporations.of(corporations.a, Complex)}


def test_household_page_shows_its_members_to_staff(staff_client, corporations):
    profile = next(iter(corporations.of(corporations.a, TenantProfile)))

    response = staff_client.get(f"/admin/tenants/household/{profile.household_id}/change/")

    assert profile.display_name in response.content.decode()


def test_member_rows_on_an_organisation_page_offer_only_people_of_the_own_corporation(staff_client, corporations):
    organisation = corporations.staff_a.memberships.get().organisation

    response = staff_client.get(f"/admin/tenants/organisation/{organisation.pk}/change/")

    (members,) = response.context["inline_admin_formsets"]
    offered = set(members.formset.empty_form.fields["user"].queryset)
    assert corporations.people_of(corporations.a) <= offered
    assert not offered & corporations.people_of(corporations.b)


# --- Query counts --------------------------------------------------------------------------------------------


def fill(corporation, homes):
    complex_ = ComplexFactory(corporation=corporation)
    for _ in range(homes):
        HouseholdFactory(dwelling=DwellingFactory(complex=complex_))


@pytest.mark.parametrize("homes", [5, 50])
@pytest.mark.parametrize(("url", "queries"), [("/admin/tenants/dwelling/", 12), ("/admin/tenants/household/", 11)])
def test_list_costs_the_same_number_of_queries_for_5_or_50_homes(
    client, url, queries, homes, django_assert_max_num_queries
):
    corporation = CorporationFactory()
    staff = staff_member(corporation)
    with_totp(staff)
    fill(corporation, homes)
    client.force_login(staff)

    with django_assert_max_num_queries(queries):  # session, user, roles, 2FA, filters, count, rows
        response = client.get(url)

    assert response.context["cl"].result_count == homes


# --- Registration --------------------------------------------------------------------------------------------


def registered_tenants_admins():
    return [(model, admin.site._registry.get(model)) for model in apps.get_app_config("tenants").get_models()]


@pytest.mark.parametrize(("model", "model_admin"), registered_tenants_admins(), ids=lambda value: str(value))
def test_every_model_is_in_the_admin_with_search_filters_and_related_rows_fetched(model, model_admin):
    assert model_admin is not None, f"{model.__name__} is not registered in the admin"
    assert model_admin.search_fields
    if model is not apps.get_model("tenants", "Corporation"):  # a name and a slug: nothing to filter a list by
        assert model_admin.list_filter
    relations = {field.name for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one}
    shown_relations = relations & set(model_admin.list_display)
    if shown_relations and model_admin.list_select_related is not True:
        fetched = {path.split("__")[0] for path in model_admin.list_select_related or []}
        assert shown_relations <= fetched
