"""A ten-home project, its corporation's tenant organisation with a representative, staff, and advice requests at
each step: a draft with a packet document, one whose packet was sent, one with a disagreeing advice."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from advice import services
from tenants.models import Membership, Organisation
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    project_in_execution,
    staff_member,
    tenant,
)

PDF = b"%PDF-1.4\n% a tiny test document\n"


def pdf(name="pakket.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture(autouse=True)
def _uploads_in_tmp_and_no_two_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def project(db):
    return project_in_execution(homes=10)


@pytest.fixture
def households(project):
    return [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]


@pytest.fixture
def organisation(project):
    return OrganisationFactory(
        corporation=project.corporation, kind=Organisation.Kind.TENANT_ORGANISATION, name="Bewonerscommissie"
    )


@pytest.fixture
def representative(organisation, households):
    user = tenant(households[0])
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.TENANT_REPRESENTATIVE)
    return user


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


def new_request(project, organisation, by, subject="Renovatieplan 2027"):
    advice = services.create_advice_request(project, organisation=organisation, subject=subject, by=by)
    services.add_packet_document(advice, title="Informatiepakket", upload=pdf(), by=by)
    return advice


def sent_request(project, organisation, by, sent_days_ago=28, **kwargs):
    advice = new_request(project, organisation, by, **kwargs)
    return services.record_packet_sent(advice, sent_on=days_ago(sent_days_ago), by=by)


@pytest.fixture
def draft_request(project, organisation, staff_user):
    return new_request(project, organisation, staff_user)


@pytest.fixture
def sent(project, organisation, staff_user):
    return sent_request(project, organisation, staff_user)


@pytest.fixture
def disagreed(project, organisation, staff_user, representative):
    advice = sent_request(project, organisation, staff_user, sent_days_ago=50, subject="Gevelisolatie")
    return services.record_advice(
        advice,
        received_on=days_ago(5),
        agrees=False,
        text="Wij willen eerst een proefwoning.",
        upload=pdf("advies.pdf"),
        by=representative,
    )
