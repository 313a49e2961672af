"""A project in execution with three homes, two tenants who live there, its contractor and a staff member, for
the discussion tests. Tests write through feedback.services, as the pages do."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tenants.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, project_in_execution, staff_member, tenant

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def discussion_settings(settings, tmp_path):
    """Staff use pages without setting up two-factor first; uploaded photos land in a temporary folder."""
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    return settings


@pytest.fixture
def project(db):
    return project_in_execution(homes=3)


@pytest.fixture
def homes(project):
    return [plan.household for plan in project.home_plans.select_related("household__dwelling").order_by("pk")]


@pytest.fixture
def asker(homes):
    user = tenant(homes[0])
    user.tenant_profile.display_name = "Anna, nr. 1"
    user.tenant_profile.save()
    return user


@pytest.fixture
def neighbour(homes):
    user = tenant(homes[1])
    user.tenant_profile.display_name = "Bram"
    user.tenant_profile.save()
    return user


@pytest.fixture
def contractor_org(project):
    organisation = OrganisationFactory(
        corporation=project.corporation, kind=Organisation.Kind.CONTRACTOR, name="Bouwbedrijf Smit"
    )
    project.contractors.add(organisation)
    return organisation


@pytest.fixture
def contractor(contractor_org):
    user = MembershipFactory(organisation=contractor_org, role=Membership.Role.CONTRACTOR).user
    user.first_name = "Kees"
    user.save()
    return user


@pytest.fixture
def staff(project):
    user = staff_member(project.corporation)
    user.first_name = "Fatima"
    user.save()
    return user


def png(name="lekkage.png", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
