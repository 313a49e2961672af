"""The result page lists the households to notify, sent or not yet, with each one's last day to go to court;
staff record letters as sent there, and print one letter per household from the letters page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from decisions import services
from decisions.models import Notice
from decisions.notices import court_deadline, period_starts

from .conftest import end_voting, open_proposal_with, vote_all

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def closed(open_proposal, households, staff_user):
    """7 of 10 agreed; households 7 (no vote), 8 and 9 (disagreed) get the notice."""
    vote_all(open_proposal, households, agree=7, disagree=2)
    services.close(end_voting(open_proposal), by=staff_user)
    return open_proposal


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def url(proposal, name):
    return reverse(name, args=[proposal.project.slug, proposal.pk])


def long_date(day):
    return formats.date_format(day, "l j F Y")


def test_the_result_page_lists_who_to_notify_sent_or_not_with_the_deadline(
    staff_client, closed, households, staff_user
):
    sent_on = timezone.localdate()
    services.record_notices_sent(closed, [households[8]], sent_on=sent_on, method="post", by=staff_user)

    page = staff_client.get(url(closed, "staff_proposal_result"), **ENGLISH).content.decode()

    for household in households[7:]:
        assert household.dwelling.address in page
    assert households[0].dwelling.address not in page
    assert page.count(">not sent yet<") == 2
    assert page.count(">sent<") == 1
    assert long_date(court_deadline(sent_on)) in page
    assert f"recorded by {staff_user.email}" in page


def test_staff_record_letters_as_sent_on_the_result_page(staff_client, closed, households):
    response = staff_client.post(
        url(closed, "staff_record_notices"),
        {
            "households": [households[7].pk, households[9].pk],
            "sent_on": timezone.localdate().isoformat(),
            "method": "hand",
        },
        follow=True,
        **ENGLISH,
    )

    assert "Recorded: 2 letters sent." in response.content.decode()
    assert set(Notice.objects.values_list("household", "method")) == {
        (households[7].pk, "hand"),
        (households[9].pk, "hand"),
    }


def test_a_future_date_on_the_form_is_refused_with_a_message(staff_client, closed, households):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = staff_client.post(
        url(closed, "staff_record_notices"),
        {"households": [households[7].pk], "sent_on": tomorrow.isoformat(), "method": "post"},
        **ENGLISH,
    )

    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_household_that_agreed_cannot_be_chosen_on_the_form(staff_client, closed, households):
    response = staff_client.post(
        url(closed, "staff_record_notices"),
        {"households": [households[0].pk], "sent_on": timezone.localdate().isoformat(), "method": "post"},
        **ENGLISH,
    )

    assert response.status_code == 400
    assert not Notice.objects.exists()


def test_the_letters_page_prints_one_letter_per_household_not_yet_sent(staff_client, closed, households, staff_user):
    services.record_notices_sent(closed, [households[8]], sent_on=timezone.localdate(), method="post", by=staff_user)
    day = timezone.localdate() + timedelta(days=2)

    response = staff_client.get(url(closed, "staff_notice_letters"), {"datum": day.isoformat()}, **ENGLISH)

    page = response.content.decode()
    assert page.count('<article class="letter"') == 2
    assert households[8].dwelling.street + " " + str(households[8].dwelling.house_number) not in page
    assert long_date(period_starts(day)) in page
    assert f"The last day to go to court is <strong>{long_date(court_deadline(day))}</strong>" in page
    assert "So 70% of the households agreed." in page
    assert "1 household did not vote." in page


def test_printing_every_letter_again_uses_each_recorded_date(staff_client, closed, households, staff_user):
    sent_on = timezone.localdate()
    services.record_notices_sent(closed, [households[8]], sent_on=sent_on, method="post", by=staff_user)

    page = staff_client.get(url(closed, "staff_notice_letters"), {"alle": "1"}, **ENGLISH).content.decode()

    assert page.count('<article class="letter"') == 3
    assert long_date(court_deadline(sent_on)) in page


def test_the_letters_read_in_dutch(staff_client, closed):
    page = staff_client.get(url(closed, "staff_notice_letters"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "kantonrechter" in page
    assert "De laatste dag om naar de rechter te gaan is" in page


@pytest.mark.parametrize("homes", [10, 30])
def test_the_result_and_letters_pages_cost_the_same_queries_however_many_households(
    client, homes, django_assert_max_num_queries
):
    proposal, households = open_proposal_with(homes)
    staff = proposal.project.corporation.organisations.get(kind="corporation").memberships.get().user
    vote_all(proposal, households, agree=homes * 7 // 10, disagree=homes // 10)
    services.close(end_voting(proposal), by=staff)
    services.record_notices_sent(proposal, households[-2:], sent_on=timezone.localdate(), method="post", by=staff)
    client.force_login(staff)

    for name in ("staff_proposal_result", "staff_notice_letters"):
        with django_assert_max_num_queries(19):  # session, viewer, project, proposal, result, versions, notices…
            assert client.get(url(proposal, name)).status_code == 200


def test_a_letter_date_before_closing_is_refused_and_today_is_used(staff_client, closed):
    before = timezone.localdate() - timedelta(days=30)

    response = staff_client.get(url(closed, "staff_notice_letters"), {"datum": before.isoformat()}, **ENGLISH)

    page = response.content.decode()
    assert "A letter cannot be dated before voting closed." in page
    assert f"The last day to go to court is <strong>{long_date(court_deadline(timezone.localdate()))}</strong>" in page
