"""factory_boy factories for the suite: one believable object per call, related objects made as needed."""

import factory
from django.contrib.auth import get_user_model

from tenants.models import Complex, Corporation, Dwelling, Household, Membership, Organisation, TenantProfile

PASSWORD = "correct-horse-battery-staple"


class CorporationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Corporation

    name = factory.Sequence(lambda n: f"Woningcorporatie {n}")
    slug = factory.Sequence(lambda n: f"corporatie-{n}")


class ComplexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complex

    corporation = factory.SubFactory(CorporationFactory)
    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.Sequence(lambda n: f"Complex {n}")
    city = "Utrecht"


class DwellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dwelling

    complex = factory.SubFactory(ComplexFactory)
    street = "Kanaalstraat"
    house_number = factory.Sequence(lambda n: n + 1)
    addition = ""
    postcode = factory.Sequence(lambda n: f"{3500 + n % 500:04d}AB")
    city = "Utrecht"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    dwelling = factory.SubFactory(DwellingFactory)
    tenancy_reference = factory.Sequence(lambda n: f"HC{n:07d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TenantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantProfile

    user = factory.SubFactory(UserFactory)
    household = factory.SubFactory(HouseholdFactory)
    display_name = factory.Sequence(lambda n: f"Buur {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    corporation = factory.SubFactory(CorporationFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.CORPORATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.STAFF


def staff_member(corporation, role=Membership.Role.STAFF):
    organisation = OrganisationFactory(corporation=corporation, kind=Organisation.Kind.CORPORATION)
    return MembershipFactory(organisation=organisation, role=role).user


def contractor_member(corporation):
    organisation = OrganisationFactory(corporation=corporation, kind=Organisation.Kind.CONTRACTOR)
    return MembershipFactory(organisation=organisation, role=Membership.Role.CONTRACTOR).user


def tenant(household=None):
    profile = TenantProfileFactory(**({"household": household} if household else {}))
    return profile.user


def tenant_representative(corporation, household=None):
    """A tenant who also sits on the tenants' committee of their corporation."""
    user = tenant(household)
    organisation = OrganisationFactory(corporation=corporation, kind=Organisation.Kind.TENANT_ORGANISATION)
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.TENANT_REPRESENTATIVE)
    return user


def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def household_of(corporation, **dwelling_fields):
    """An active household in a (new) complex of `corporation`."""
    complex_ = dwelling_fields.pop("complex", None) or ComplexFactory(corporation=corporation)
    return HouseholdFactory(dwelling=DwellingFactory(complex=complex_, **dwelling_fields))


def with_totp(user):
    """Give `user` a TOTP authenticator (as after scanning the QR code); returns the secret for making codes."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def project_in_execution(homes=8, **fields):
    """A renovation project in execution over one new complex, with a home plan for each of `homes` homes."""
    from projects.models import HomePlan, Phase, RenovationProject

    complex_ = fields.pop("complex", None) or ComplexFactory()
    fields = {
        "name": "Kanaleneiland-Noord verduurzaming",
        "slug": "kanaleneiland-noord",
        "summary": "Nieuwe kozijnen, isolatie en ventilatie.",
        "phase": Phase.EXECUTION,
        **fields,
    }
    project = RenovationProject.objects.create(corporation=complex_.corporation, **fields)
    project.complexes.add(complex_)
    HomePlan.objects.bulk_create(
        HomePlan(project=project, household=HouseholdFactory(dwelling__complex=complex_)) for _ in range(homes)
    )
    return project
