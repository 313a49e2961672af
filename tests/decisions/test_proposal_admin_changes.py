"""Changing a proposal in the admin goes through services.update_proposal: a draft's details, an open proposal's
closing moment (later only, with the reason shown on the form), and a closed proposal not at all."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import end_voting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def moment(value):
    value = timezone.localtime(value)
    return {"0": value.strftime("%Y-%m-%d"), "1": value.strftime("%H:%M:%S")}


def form_data(title, opens_at=None, closes_at=None):
    data = {"title": title}
    for name, value in (("opens_at", opens_at), ("closes_at", closes_at)):
        if value is not None:
            data.update({f"{name}_{part}": text for part, text in moment(value).items()})
    return data


def url(proposal):
    return f"/admin/decisions/proposal/{proposal.pk}/change/"


def test_a_draft_title_is_changed_in_the_admin(staff_client, draft):
    proposal, _version = draft

    response = staff_client.post(url(proposal), form_data("Nieuwe kozijnen", proposal.opens_at, proposal.closes_at))

    assert response.status_code == 302, response.context["adminform"].form.errors
    proposal.refresh_from_db()
    assert proposal.title == "Nieuwe kozijnen"


def test_an_open_proposal_offers_only_the_closing_moment(staff_client, open_proposal):
    form = staff_client.get(url(open_proposal)).context["adminform"].form

    assert set(form.fields) == {"closes_at"}


def test_voting_is_extended_in_the_admin(staff_client, open_proposal):
    later = (open_proposal.closes_at + timedelta(days=7)).replace(microsecond=0)

    response = staff_client.post(url(open_proposal), form_data(open_proposal.title, closes_at=later))

    assert response.status_code == 302, response.context["adminform"].form.errors
    open_proposal.refresh_from_db()
    assert open_proposal.closes_at == later


def test_shortening_voting_in_the_admin_says_why_and_changes_nothing(staff_client, open_proposal):
    before = open_proposal.closes_at

    response = staff_client.post(url(open_proposal), form_data("x", closes_at=before - timedelta(days=3)))

    assert response.status_code == 200
    assert "not shortened" in response.content.decode()
    open_proposal.refresh_from_db()
    assert open_proposal.closes_at == before


def test_a_closed_proposal_cannot_be_changed_in_the_admin(staff_client, open_proposal, staff_user):
    from decisions import services

    services.close(end_voting(open_proposal), by=staff_user)
    before = open_proposal.closes_at

    page = staff_client.get(url(open_proposal))
    response = staff_client.post(url(open_proposal), form_data("x", closes_at=before + timedelta(days=3)))

    assert not page.context["has_change_permission"]
    assert response.status_code == 403
    open_proposal.refresh_from_db()
    assert open_proposal.closes_at == before
